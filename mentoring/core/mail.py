"""Writing an e-mail to the outbox from templates in the recipient's language, and absolute links in it.

Called inside the service's transaction: the message is stored with the change
and delivered only if the change commits.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

# --- Mentorships -------------------------------------------------------------
#
# Mentors have no language of contact of their own yet: they are written to in
# the programme's language. The participant is written to in theirs.


def absolute_url(url_name: str, **kwargs) -> str:
    """The full address of a named URL, in the active language, for a link in an e-mail."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(url_name, kwargs=kwargs or None)


def send_from_templates(*, template: str, context: dict, to: str, language: str, headers: dict) -> None:
    """Render `mentoring/email/<template>.txt` and its subject in `language` and write it to the outbox."""
    with translation.override(language):
        subject = render_to_string(f"mentoring/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"mentoring/email/{template}.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[to], headers=headers).send()
