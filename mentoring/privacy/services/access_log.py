"""Who looked at a person's data: one `AccessLog` row each time staff open it.

The rows are the person's own data too: the export lists who viewed them.
"""

import logging
from collections.abc import Sequence
from datetime import datetime

from mentoring.models import (
    AccessLog,
)
from portal.models import User

logger = logging.getLogger(__name__)


# --- Access log ----------------------------------------------------------------------------------


def access_log_record(
    *, viewer: User, subject: User, what: str, object_id: int | None, now: datetime
) -> None:
    """Log that `viewer` opened `subject`'s data (`what`: an AccessLog.What); not their own."""
    access_logs_record(viewer=viewer, subject=subject, views=[(what, object_id)], now=now)


def access_logs_record(
    *, viewer: User, subject: User, views: Sequence[tuple[str, int | None]], now: datetime
) -> None:
    """Log that `viewer` opened each of `views` ((what, object id): an AccessLog.What and the id of
    what was opened) of `subject`'s data at `now`, one row each, written in one statement; nothing
    when it is their own data."""
    if viewer.pk == subject.pk or not views:
        return
    entries = [
        AccessLog(viewer=viewer, subject=subject, what=what, object_id=object_id, at=now)
        for what, object_id in views
    ]
    if len(entries) == 1:
        # One row alone needs no transaction around it, which bulk_create would open.
        entries[0].save(force_insert=True)
    else:
        AccessLog.objects.bulk_create(entries)
