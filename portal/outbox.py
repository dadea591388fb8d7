"""The e-mail outbox: write in the caller's transaction, deliver after commit.

Delivery is at least once and never silently lost. A worker claims a message
with a conditional UPDATE that sets a lease (so two workers never send it at
the same time), hands it to the real backend, then marks it sent — but only
if its lease is still the one it took. If a worker dies between the hand-over
and the mark, the lease lapses and the message goes once more, with the same
Message-ID, so the receiving side can recognise the repeat.
"""

import base64
import email
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q

from portal.models import OutboxMessage

logger = logging.getLogger(__name__)

# How long a claimed message is left alone before another worker may retry it: the
# default of OUTBOX_CLAIM_LEASE_SECONDS (the integration test shortens it to watch a
# killed worker's claims lapse within the test).
CLAIM_LEASE = timedelta(minutes=5)


def claim_lease() -> timedelta:
    return timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS)


def retry_delay(attempts: int) -> timedelta:
    """Back off 1, 2, 4 … minutes after each failed attempt, at most 6 hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _attachment_data(attachment) -> dict:
    if isinstance(attachment, MIMEBase):
        # A ready-made MIME part (a calendar invitation with method=REQUEST, an inline
        # image with a Content-ID): kept byte for byte, headers and parameters included.
        return {"mime": _b64(attachment.as_bytes())}
    filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return {"filename": filename, "content": _b64(content), "mimetype": mimetype}


def outbox_enqueue(*, message: EmailMessage) -> OutboxMessage:
    """Store `message` in the outbox and queue its delivery once the caller's transaction commits."""
    row = OutboxMessage.objects.create(
        subject=str(message.subject),
        from_email=str(message.from_email or settings.DEFAULT_FROM_EMAIL),
        to=[str(a) for a in message.to],
        cc=[str(a) for a in message.cc],
        bcc=[str(a) for a in message.bcc],
        reply_to=[str(a) for a in message.reply_to],
        body=str(message.body),
        content_subtype=message.content_subtype,
        alternatives=[
            {"content": str(content), "mimetype": mimetype}
            for content, mimetype in getattr(message, "alternatives", None) or []
        ],
        attachments=[_attachment_data(attachment) for attachment in message.attachments],
        headers=dict(message.extra_headers),
    )
    transaction.on_commit(lambda: _queue_delivery(row.pk))
    return row


def _queue_delivery(message_id: int) -> None:
    from django_q.tasks import async_task

    try:
        async_task("portal.tasks.deliver_outbox_message", message_id, task_name=f"outbox-{message_id}")
    except Exception:
        # A broker hiccup must not fail the request: the recurring sweep
        # (portal.tasks.deliver_due_outbox) picks the message up.
        logger.exception("Could not queue delivery of outbox message %s", message_id)


def _mime_part(raw: bytes) -> MIMEBase:
    parsed = email.message_from_bytes(raw)
    part = MIMEBase(parsed.get_content_maintype(), parsed.get_content_subtype())
    for header in set(part.keys()):
        del part[header]
    for header, value in parsed.items():
        part[header] = value
    part.set_payload(parsed.get_payload())
    return part


def _as_email(row: OutboxMessage, connection) -> EmailMessage:
    headers = dict(row.headers)
    domain = row.from_email.rsplit("@", 1)[-1].strip(">") or "localhost"
    headers.setdefault("Message-ID", f"<{row.key}@{domain}>")
    message = EmailMultiAlternatives(
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
    message.content_subtype = row.content_subtype
    for alternative in row.alternatives:
        message.attach_alternative(alternative["content"], alternative["mimetype"])
    for attachment in row.attachments:
        if "mime" in attachment:
            message.attach(_mime_part(base64.b64decode(attachment["mime"])))
        else:
            content = base64.b64decode(attachment["content"])
            message.attach(attachment["filename"], content, attachment["mimetype"])
    return message


def outbox_deliver(*, message_id: int, now: datetime) -> bool:
    """Try to deliver one message; return True if this call sent it.

    Returns False without sending when the message is already sent, failed for
    good, claimed by another worker, or not due yet.
    """
    lease = now + claim_lease()
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(next_attempt_at=lease)
    )
    if not claimed:
        return False
    row = OutboxMessage.objects.get(pk=message_id)
    attempts = row.attempts + 1
    ours = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.PENDING, next_attempt_at=lease
    )
    try:
        connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
        _as_email(row, connection).send()
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried
        failed_for_good = attempts >= settings.OUTBOX_MAX_ATTEMPTS
        ours.update(
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            status=OutboxMessage.Status.FAILED if failed_for_good else OutboxMessage.Status.PENDING,
            next_attempt_at=None if failed_for_good else now + retry_delay(attempts),
        )
        logger.warning("Delivery of outbox message %s failed (attempt %s): %s", message_id, attempts, error)
        return False
    if not ours.update(attempts=attempts, status=OutboxMessage.Status.SENT, sent_at=now, last_error=""):
        # Our lease lapsed while the mail server took its time: another worker may have
        # sent it too. Say so; the shared Message-ID lets the receiver drop the repeat.
        logger.warning("Outbox message %s was sent after its claim lapsed", message_id)
    return True


def outbox_due_ids(*, now: datetime, limit: int = 200) -> list[int]:
    """IDs of pending messages whose next attempt is due, oldest first."""
    return list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("created_at", "id")
        .values_list("id", flat=True)[:limit]
    )


def outbox_deliver_due(*, clock: Callable[[], datetime], budget: timedelta) -> int:
    """Deliver due messages until none is left or `budget` is spent; return how many were sent.

    The clock is read for each message, so a slow mail server cannot make a claim
    start already lapsed; the budget keeps the job well inside the task timeout.
    """
    started = clock()
    sent = 0
    for message_id in outbox_due_ids(now=started):
        now = clock()
        if now - started >= budget:
            break
        sent += outbox_deliver(message_id=message_id, now=now)
    return sent


def outbox_purge(*, now: datetime) -> int:
    """Delete sent and failed messages older than OUTBOX_RETENTION_DAYS; return how many.

    A sent message's text (sign-in links, personal details) has no use once it
    is delivered; keeping it would only keep personal data longer than needed.
    """
    cutoff = now - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _by_model = OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.SENT, sent_at__lt=cutoff)
        | Q(status=OutboxMessage.Status.FAILED, created_at__lt=cutoff)
    ).delete()
    return deleted
