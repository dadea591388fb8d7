"""An e-mail backend that writes to the outbox instead of sending.

Every e-mail the portal sends — allauth's verification and reset mails,
Wagtail's moderation notices, the workflow's own — goes through Django's
mail API, so making the outbox the backend means nothing can bypass it.
"""

from django.core.mail.backends.base import BaseEmailBackend

from portal import outbox


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            outbox.outbox_enqueue(message=message)
        return len(email_messages)
