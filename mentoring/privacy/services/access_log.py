"""Who looked at a person's data: one `AccessLog` row each time staff open it.

The rows are the person's own data too: the export lists who viewed them.
"""

import logging
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
    if viewer.pk == subject.pk:
        return
    AccessLog.objects.create(viewer=viewer, subject=subject, what=what, object_id=object_id, at=now)
