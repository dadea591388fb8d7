"""Issuing and withdrawing course certificates.

A certificate is issued once per enrolment and language and then downloaded as often
as wanted (`mentoring.certificates.pdf` makes the PDF from the stored facts). It is
withdrawn, never changed: when the hours it states are changed (`attendance_mark`)
and when its holder's data is erased (without the name, then).
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentoring.certificates.codes import code_new
from mentoring.certificates.selectors import certificate_available
from mentoring.core.errors import PortalError
from mentoring.models import Certificate, CertificateLanguage, Enrolment, EnrolmentEvent, WithdrawalReason
from mentoring.models.training import EnrolmentChange
from mentoring.training.selectors import enrolment_hours


class CertificateError(PortalError):
    """A rule said no; `message` says why in words a person understands."""


class NotYourCertificate(CertificateError):
    def __init__(self):
        super().__init__(_("Only the person who took part can get the certificate."))


class CertificateNotYet(CertificateError):
    def __init__(self):
        super().__init__(
            _("A certificate can be made once the course has ended and you have confirmed your hours.")
        )


def _person_name(enrolment: Enrolment) -> str:
    """The name the person gave in her profile, else her account's; never her e-mail address."""
    profile = getattr(enrolment.person, "applicant_profile", None)
    return (profile.full_name if profile else "") or enrolment.person.get_full_name()


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, language: str, actor, now: dt.datetime) -> Certificate:
    """The valid certificate of `enrolment` in `language`, issued now if there is none yet.

    It states the person's name and the hours attended as they are at issue. Raises
    NotYourCertificate for anyone but the enrolment's person, CertificateNotYet before the
    occasion has ended or while the hours are not confirmed, ValueError for a language
    certificates are not made in.
    """
    if language not in CertificateLanguage.values:
        raise ValueError(f"certificates are not made in {language!r}")
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("occasion", "person__applicant_profile")
        .get(pk=enrolment.pk)
    )
    if enrolment.person_id != actor.pk:
        raise NotYourCertificate
    hours = enrolment_hours(enrolment)
    if not certificate_available(enrolment, hours=hours, today=timezone.localdate(now)):
        raise CertificateNotYet
    existing = Certificate.objects.filter(enrolment=enrolment, language=language, withdrawn_at=None).first()
    if existing is not None:
        return existing
    code = code_new()
    while Certificate.objects.filter(code=code).exists():  # 100 random bits: in practice never
        code = code_new()
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        occasion=enrolment.occasion,
        holder_name=_person_name(enrolment),
        hours=hours,
        language=language,
        issued_at=now,
        code=code,
    )
    EnrolmentChange.objects.create(
        enrolment=enrolment,
        at=now,
        actor=actor,
        event=EnrolmentEvent.CERTIFICATE_ISSUED,
        from_status=enrolment.status,
        to_status=enrolment.status,
        note=f"{language}, {hours.quantize(Decimal('0.1'))} h",
    )
    return certificate


def certificates_withdraw(
    *, enrolment_ids, reason: str, actor, now: dt.datetime, erase_name: bool = False
) -> int:
    """Withdraw the valid certificates of the given enrolments; returns how many.

    Each withdrawn certificate leaves an audit row on its enrolment. With `erase_name`
    (erasure) the holder's name goes from every certificate of theirs, withdrawn before or now.
    Call it inside the transaction that changes what the certificates state.
    """
    enrolment_ids = list(enrolment_ids)
    valid = list(
        Certificate.objects.select_for_update().filter(enrolment_id__in=enrolment_ids, withdrawn_at=None)
    )
    Certificate.objects.filter(pk__in=[c.pk for c in valid]).update(withdrawn_at=now, withdrawn_reason=reason)
    if erase_name:
        Certificate.objects.filter(enrolment_id__in=enrolment_ids).exclude(holder_name="").update(
            holder_name=""
        )
    EnrolmentChange.objects.bulk_create(
        EnrolmentChange(
            enrolment_id=certificate.enrolment_id,
            at=now,
            actor=actor if actor is not None and actor.is_authenticated else None,
            event=EnrolmentEvent.CERTIFICATE_WITHDRAWN,
            note=f"{certificate.language}: {WithdrawalReason(reason).value}",
        )
        for certificate in valid
    )
    return len(valid)
