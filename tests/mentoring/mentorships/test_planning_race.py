"""The day-before reminder and planning itself hold under concurrent workers and requests.

Needs a database with real row locks and concurrent connections: PostgreSQL
(CI runs the suite again with DATABASE_URL pointing at one). In-memory SQLite
shares one connection and cannot show the race, so the tests are skipped there.
"""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.test import override_settings

from mentoring.applications.workflow import Status
from mentoring.core.choices import MeetingFormat
from mentoring.mentorships.services import planning
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import PlannedMeeting
from portal.models import OutboxMessage
from tests import factories

WORKERS = 8
# Monday 10 March 2025, 14:00 in Stockholm; the day before is Sunday 9 March.
MEET_AT = dt.datetime(2025, 3, 10, 13, 0, tzinfo=dt.UTC)
DAY_BEFORE = dt.datetime(2025, 3, 9, 8, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="race test needs PostgreSQL (row locks, concurrent connections); set DATABASE_URL to run it",
)


def at_once(work, count: int) -> list[str]:
    """Run `work()` in `count` threads released together; return the errors they raised."""
    start = threading.Barrier(count)
    failed = []

    def run():
        try:
            start.wait(timeout=30)
            work()
        except Exception as error:  # noqa: BLE001 - reported by the caller's assertion
            failed.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return failed


@pytest.fixture
def mentorship(db):
    start = MEET_AT - dt.timedelta(days=30)
    return factories.MentorshipFactory(
        participant=factories.ApplicationFactory(status=Status.ACCEPTED),
        status=MentorshipStatus.ACTIVE,
        proposed_at=start,
        answered_at=start,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(EMAIL_BACKEND="portal.mail.OutboxBackend")
def test_planned_meetings_remind_sends_once_with_workers_at_the_same_time(mentorship):
    planned = planning.planned_meeting_plan(
        mentorship=mentorship,
        actor=mentorship.mentor.user,
        starts_at=MEET_AT,
        duration_minutes=60,
        format=MeetingFormat.PHONE,
        place="",
        link="",
        agenda="",
        now=MEET_AT - dt.timedelta(days=7),
    )
    OutboxMessage.objects.all().delete()

    failed = at_once(lambda: planning.planned_meetings_remind(now=DAY_BEFORE), WORKERS)

    assert failed == []
    assert OutboxMessage.objects.count() == 2  # one to each party, not one per worker
    planned.refresh_from_db()
    assert planned.reminder_sent_at == DAY_BEFORE


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(EMAIL_BACKEND="portal.mail.OutboxBackend")
def test_planned_meeting_plan_twice_at_once_plans_one(mentorship):
    refused = []

    def plan():
        try:
            planning.planned_meeting_plan(
                mentorship=mentorship,
                actor=mentorship.mentor.user,
                starts_at=MEET_AT,
                duration_minutes=60,
                format=MeetingFormat.PHONE,
                place="",
                link="",
                agenda="",
                now=MEET_AT - dt.timedelta(days=7),
            )
        except planning.PlanningError:
            refused.append(1)

    failed = at_once(plan, WORKERS)

    assert failed == []
    assert PlannedMeeting.objects.filter(mentorship=mentorship).count() == 1
    assert len(refused) == WORKERS - 1
