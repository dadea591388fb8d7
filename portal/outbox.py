"""The e-mail outbox: write in the caller's transaction, deliver after commit.

Delivery is at least once, never silently lost: a message is claimed with a
conditional UPDATE (so two workers never send it at the same time), handed
to the real backend, then marked sent. If a worker dies between the hand-over
and the mark, the claim lapses and the message goes again with the same
Message-ID, which lets the receiving side recognise the repeat.
"""

import base64
import logging
from datetime import datetime, timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q

from portal.models import OutboxMessage

logger = logging.getLogger(__name__)

# How long a claimed message is left alone before another worker may retry it.
CLAIM_LEASE = timedelta(minutes=5)


def retry_delay(attempts: int) -> timedelta:
    """Back off 1, 2, 4 … minutes after each failed attempt, at most 6 hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def outbox_enqueue(*, message: EmailMessage) -> OutboxMessage:
    """Store `message` in the outbox and queue its delivery once the caller's transaction commits."""
    html_body = ""
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html_body = content
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            # A ready-made MIME part (e.g. a calendar invitation): keep its file name, bytes and type.
            filename = attachment.get_filename() or "attachment"
            content = attachment.get_payload(decode=True) or b""
            mimetype = attachment.get_content_type()
        else:
            filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append(
            {"filename": filename, "content": base64.b64encode(content).decode(), "mimetype": mimetype}
        )
    headers = dict(message.extra_headers)
    row = OutboxMessage.objects.create(
        subject=str(message.subject),
        from_email=str(message.from_email or settings.DEFAULT_FROM_EMAIL),
        to=[str(a) for a in message.to],
        cc=[str(a) for a in message.cc],
        bcc=[str(a) for a in message.bcc],
        reply_to=[str(a) for a in message.reply_to],
        body=str(message.body),
        html_body=html_body,
        headers={**headers, "_attachments": attachments} if attachments else headers,
    )
    transaction.on_commit(lambda: _queue_delivery(row.pk))
    return row


def _queue_delivery(message_id: int) -> None:
    from django_q.tasks import async_task

    try:
        async_task("portal.tasks.deliver_outbox_message", message_id, task_name=f"outbox-{message_id}")
    except Exception:
        # The recurring sweep (portal.tasks.deliver_due_outbox) will pick it up.
        logger.exception("Could not queue delivery of outbox message %s", message_id)


def _as_email(row: OutboxMessage, connection) -> EmailMessage:
    headers = {k: v for k, v in row.headers.items() if not k.startswith("_")}
    domain = row.from_email.rsplit("@", 1)[-1].strip(">") or "localhost"
    headers.setdefault("Message-ID", f"<{row.key}@{domain}>")
    email = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email,
        to=row.to,
        cc=row.cc,
        bcc=row.bcc,
        reply_to=row.reply_to,
        headers=headers,
        connection=connection,
    )
    if row.html_body:
        email.attach_alternative(row.html_body, "text/html")
    for attachment in row.headers.get("_attachments", []):
        email.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"])
    return email


def outbox_deliver(*, message_id: int, now: datetime) -> bool:
    """Try to deliver one message; return True if this call sent it.

    Returns False without sending when the message is already sent, failed
    for good, claimed by another worker, or not due yet.
    """
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(next_attempt_at=now + CLAIM_LEASE)
    )
    if not claimed:
        return False
    row = OutboxMessage.objects.get(pk=message_id)
    attempts = row.attempts + 1
    try:
        connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
        _as_email(row, connection).send()
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried
        failed_for_good = attempts >= settings.OUTBOX_MAX_ATTEMPTS
        OutboxMessage.objects.filter(pk=message_id).update(
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            status=OutboxMessage.Status.FAILED if failed_for_good else OutboxMessage.Status.PENDING,
            next_attempt_at=None if failed_for_good else now + retry_delay(attempts),
        )
        logger.warning("Delivery of outbox message %s failed (attempt %s): %s", message_id, attempts, error)
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        attempts=attempts, status=OutboxMessage.Status.SENT, sent_at=now, last_error=""
    )
    return True


def outbox_due_ids(*, now: datetime, limit: int = 200) -> list[int]:
    """IDs of pending messages whose next attempt is due, oldest first."""
    return list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("created_at", "id")
        .values_list("id", flat=True)[:limit]
    )
