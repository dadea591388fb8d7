"""Jobs run by django-q2. Each takes IDs, reads the clock once, and is idempotent."""

from django.utils import timezone

from portal import outbox


def deliver_outbox_message(message_id: int) -> bool:
    return outbox.outbox_deliver(message_id=message_id, now=timezone.now())


def deliver_due_outbox() -> int:
    """Deliver every pending message that is due: retries, and any whose queued task was lost."""
    now = timezone.now()
    return sum(outbox.outbox_deliver(message_id=pk, now=now) for pk in outbox.outbox_due_ids(now=now))
