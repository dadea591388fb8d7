"""A person's rights over their data: a copy of it all, erasure, retention, and who looked at it.

Export. `personal_data_export` gives everything held about a person as one zip:
`data.json` and the files they uploaded under `files/`. Under the right of
access (GDPR art. 15) that includes what others wrote *about* them: the
reasons and internal notes of their application's status changes and the
reviewers' scores and comments. Reviewers are not named there (their identity
is their own data); the people who viewed the person's data are, since the
issue asks for exactly that. Mentors' private notes are their writer's alone:
a person gets their *own* private notes, never a mentor's about them.

Erasure. `erasure_request` records the request; `erasure_perform` carries it
out at once, in the same request (the work is a few queries per application,
and the person is signed out straight after, so they must not be able to sign
in again while a queued job waits). It deletes what it may and anonymises what
the funder's figures must keep: an accepted participant's entry characteristics,
outcomes, mentorships and meetings (as counts and dates), without name, contact
details, free text or files, kept until `retain_until`
(ANONYMISED_RETENTION_YEARS). Each step is appended to `ErasureRequest.steps`
with a count. Every step is idempotent, and a completed request is not run again.

Retention. `retention_purge` (a daily job) deletes drafts untouched for
DRAFT_RETENTION_DAYS and rejected or withdrawn applications
CLOSED_APPLICATION_RETENTION_DAYS after the decision, each after a warning
e-mail sent PURGE_WARNING_DAYS before; and anonymised records past `retain_until`.
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
