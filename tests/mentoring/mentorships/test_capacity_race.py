"""A mentor's places hold under concurrent confirmations.

Needs a database with real row locks and concurrent connections: PostgreSQL
(CI runs the suite again with DATABASE_URL pointing at one). In-memory SQLite
shares one connection and cannot show the race, so the test is skipped there.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation

from mentoring.applications.workflow import Status
from mentoring.mentorships.services.lifecycle import CapacityReached, mentorship_propose
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import Application, Mentorship
from tests import factories

CONFIRMATIONS = 24
CAPACITY = 2

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="race test needs PostgreSQL (row locks, concurrent connections); set DATABASE_URL to run it",
)


# serialized_rollback: the flush after a transactional test would otherwise take Wagtail's
# root page and the role groups from the data migrations with it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_mentorship_propose_never_overbooks_a_mentor_under_concurrent_confirmations(now):
    mentor = factories.MentorProfileFactory(capacity=CAPACITY)
    coordinator = factories.coordinator_user()
    participants = factories.bulk_applications(
        factories.IntakeFactory(), CONFIRMATIONS, status=Status.ACCEPTED
    )
    assert Application.objects.filter(status=Status.ACCEPTED).count() == CONFIRMATIONS  # committed, visible

    start = threading.Barrier(CONFIRMATIONS)
    succeeded, refused, failed = [], [], []

    def confirm(participant):
        try:
            start.wait(timeout=30)
            # A new thread speaks the site's default language (Swedish); the assertion reads English.
            translation.activate("en")
            mentorship = mentorship_propose(
                participant=participant,
                mentor=mentor,
                actor=coordinator,
                now=now,
                score=Decimal("5"),
                reasons=[],
            )
            succeeded.append(mentorship.pk)
        except CapacityReached as refusal:
            refused.append(str(refusal.message))  # lazy: read it in English, here
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failed.append(repr(error))
        finally:
            connection.close()  # each thread has its own connection; leave none open

    threads = [threading.Thread(target=confirm, args=(p,)) for p in participants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failed == []
    assert len(succeeded) == CAPACITY
    assert len(refused) == CONFIRMATIONS - CAPACITY
    assert set(refused) == {"This mentor has no free places."}
    assert Mentorship.objects.filter(mentor=mentor, status=MentorshipStatus.PROPOSED).count() == CAPACITY
    assert mentor.free_places() == 0
