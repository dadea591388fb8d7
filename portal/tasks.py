"""Jobs run by django-q2. Each takes IDs, reads the clock itself, and is idempotent."""

from datetime import timedelta

from django.utils import timezone

from portal import outbox

# Well inside Q_CLUSTER["timeout"] (120 s), so the job is never killed mid-batch.
SWEEP_BUDGET = timedelta(seconds=60)


def deliver_outbox_message(message_id: int) -> bool:
    return outbox.outbox_deliver(message_id=message_id, now=timezone.now())


def deliver_due_outbox() -> int:
    """Deliver every pending message that is due: retries, and any whose queued task was lost."""
    return outbox.outbox_deliver_due(clock=timezone.now, budget=SWEEP_BUDGET)


def purge_old_email() -> int:
    return outbox.outbox_purge(now=timezone.now())
