"""An occasion's places hold when many people enrol and cancel at the same moment.

Needs real row locks and concurrent connections: PostgreSQL (CI runs the suite
again with DATABASE_URL pointing at one). In-memory SQLite shares one connection
and cannot show the race, so the test is skipped there.
"""

import datetime as dt
import threading

import pytest
from django.db import connection

from mentoring.models import Enrolment, EnrolmentStatus
from mentoring.training import selectors as training_selectors
from mentoring.training import services
from tests import factories
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

PEOPLE = 20
PLACES = 8

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="race test needs PostgreSQL (row locks, concurrent connections); set DATABASE_URL to run it",
)


def _all_at_once(work, items):
    """Run `work(item)` for every item in its own thread, released together; returns the errors."""
    start = threading.Barrier(len(items))
    failed = []

    def run(item):
        try:
            start.wait(timeout=30)
            work(item)
        except Exception as error:  # noqa: BLE001 - reported by the caller's assertion
            failed.append(repr(error))
        finally:
            connection.close()  # each thread has its own connection; leave none open

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return failed


# serialized_rollback: the flush after a transactional test would otherwise take Wagtail's
# root page and the role groups from the data migrations with it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_enrolment_create_and_cancel_never_overbook_an_occasion_under_concurrency(site_tree, now):
    occasion = TrainingOccasionFactory(page=training_offer(training_index(site_tree.home)), places=PLACES)
    persons = [factories.ApplicantFactory() for _ in range(PEOPLE)]

    def enrol(person):
        services.enrolment_create(occasion=occasion, person=person, now=now)

    assert _all_at_once(enrol, persons) == []
    enrolments = Enrolment.objects.filter(occasion=occasion)
    assert enrolments.filter(status=EnrolmentStatus.ENROLLED).count() == PLACES
    waiting = list(enrolments.filter(status=EnrolmentStatus.WAITLISTED))
    assert len(waiting) == PEOPLE - PLACES
    assert sorted(training_selectors.waiting_position(e) for e in waiting) == list(
        range(1, PEOPLE - PLACES + 1)
    )

    # Half of those with a place cancel at once: each freed place goes to exactly one person waiting.
    leaving = list(enrolments.filter(status=EnrolmentStatus.ENROLLED)[: PLACES // 2])

    def cancel(enrolment):
        later = now + dt.timedelta(hours=1)
        services.enrolment_cancel(enrolment=enrolment, actor=enrolment.person, now=later)

    assert _all_at_once(cancel, leaving) == []
    assert enrolments.filter(status=EnrolmentStatus.ENROLLED).count() == PLACES
    assert enrolments.filter(status=EnrolmentStatus.WAITLISTED).count() == PEOPLE - PLACES - PLACES // 2
    assert enrolments.filter(promoted_at__isnull=False).count() == PLACES // 2
