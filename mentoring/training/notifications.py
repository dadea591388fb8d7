"""E-mails about an enrolment, in the person's language of contact, written to the outbox."""

from django.utils import timezone, translation
from wagtail.models import Locale

from mentoring.core import mail
from mentoring.core.display import person_name
from mentoring.core.language import language_of
from mentoring.models import (
    Enrolment,
)
from mentoring.training.selectors import cancel_deadline

# --- E-mail ----------------------------------------------------------------------


def _offer_in(offer, language: str):
    """The offer's live translation into `language`, if it has one, else the offer itself."""
    locale = Locale.objects.filter(language_code=language).first()
    translated = offer.get_translation_or_none(locale) if locale else None
    return translated if translated is not None and translated.live else offer


def _mail(*, enrolment: Enrolment, template: str, event: str, **extra) -> None:
    language = language_of(enrolment.person)
    with translation.override(language):
        dashboard_url = mail.absolute_url("mentoring:dashboard")
    occasion = enrolment.occasion
    mail.send_from_templates(
        template=template,
        context={
            "enrolment": enrolment,
            "occasion": occasion,
            "offer": _offer_in(occasion.page, language),
            "name": person_name(enrolment.person),
            "dashboard_url": dashboard_url,
            "cancel_deadline": timezone.localtime(cancel_deadline(occasion)),
            **extra,
        },
        to=enrolment.person.email,
        language=language,
        headers={"X-Portal-Enrolment": str(enrolment.pk), "X-Portal-Event": event},
    )
