"""A mentorship's last meeting and number of meetings, kept on the mentorship: after every change
to its meetings they are what its meetings say."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.db.models import Count, Max

from mentoring.applications.workflow import Status
from mentoring.core.choices import MeetingFormat, SupportNeed
from mentoring.mentorships.services import meetings as services
from mentoring.mentorships.services import planning
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import Meeting, Mentorship
from tests import factories
from tests.planning_factories import PlannedMeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]

START = dt.datetime(2025, 3, 3, 10, 0, tzinfo=dt.UTC)


def active_mentorship() -> Mentorship:
    participant = factories.ApplicationFactory(status=Status.ACCEPTED)
    return factories.MentorshipFactory(
        participant=participant, status=MentorshipStatus.ACTIVE, proposed_at=START, answered_at=START
    )


def meeting_values(held_on: dt.date) -> dict:
    return {
        "held_on": held_on,
        "minutes": 60,
        "format": MeetingFormat.ONLINE,
        "topics": [SupportNeed.FINANCING.value],
        "shared_notes": "",
        "private_note": "",
    }


def kept_and_counted(mentorship: Mentorship) -> tuple[tuple, tuple]:
    """(what the mentorship keeps, what its meetings say): its last meeting's date and their number."""
    mentorship.refresh_from_db()
    counted = Meeting.objects.filter(mentorship=mentorship).aggregate(last=Max("held_on"), n=Count("pk"))
    return (mentorship.last_meeting_on, mentorship.meeting_count), (counted["last"], counted["n"])


def test_mentorship_meeting_summary_follows_every_change_to_its_meetings():
    mentorship, other = active_mentorship(), active_mentorship()
    mentor, participant = mentorship.mentor.user, mentorship.participant.applicant
    kept, counted = kept_and_counted(mentorship)
    assert kept == counted == (None, 0)

    def log(actor, held_on, now):
        return services.meeting_log(mentorship=mentorship, actor=actor, now=now, **meeting_values(held_on))

    steps = []
    first = log(mentor, dt.date(2025, 3, 10), START + dt.timedelta(days=8))
    steps.append(kept_and_counted(mentorship))
    # An earlier meeting logged later leaves the last one as it was.
    log(participant, dt.date(2025, 3, 5), START + dt.timedelta(days=9))
    steps.append(kept_and_counted(mentorship))
    latest = log(mentor, dt.date(2025, 3, 20), START + dt.timedelta(days=18))
    steps.append(kept_and_counted(mentorship))
    # Moved back, the latest meeting is no longer the last one.
    services.meeting_edit(
        meeting=latest, actor=mentor, now=START + dt.timedelta(days=19), **meeting_values(dt.date(2025, 3, 8))
    )
    steps.append(kept_and_counted(mentorship))
    services.meeting_edit(
        meeting=first, actor=mentor, now=START + dt.timedelta(days=10), **meeting_values(dt.date(2025, 3, 12))
    )
    steps.append(kept_and_counted(mentorship))
    planned = PlannedMeetingFactory(mentorship=mentorship, starts_at=START + dt.timedelta(days=20))
    planning.planned_meeting_log(
        planned=planned,
        actor=participant,
        now=START + dt.timedelta(days=21),
        **meeting_values(dt.date(2025, 3, 23)),
    )
    steps.append(kept_and_counted(mentorship))

    assert all(kept == counted for kept, counted in steps)
    assert [kept for kept, _counted in steps] == [
        (dt.date(2025, 3, 10), 1),
        (dt.date(2025, 3, 10), 2),
        (dt.date(2025, 3, 20), 3),
        (dt.date(2025, 3, 10), 3),
        (dt.date(2025, 3, 12), 3),
        (dt.date(2025, 3, 23), 4),
    ]
    assert kept_and_counted(other)[0] == (None, 0)


def test_mentorship_meeting_summary_is_filled_by_its_migration_from_the_meetings_logged_before():
    mentorship, without = active_mentorship(), active_mentorship()
    for held_on in (dt.date(2025, 3, 10), dt.date(2025, 3, 17)):
        services.meeting_log(
            mentorship=mentorship,
            actor=mentorship.mentor.user,
            now=START + dt.timedelta(days=20),
            **meeting_values(held_on),
        )
    Mentorship.objects.update(last_meeting_on=None, meeting_count=0)
    migration = importlib.import_module("mentoring.migrations.0027_mentorship_meeting_summary")

    migration.fill(apps, schema_editor=None)

    assert kept_and_counted(mentorship) == ((dt.date(2025, 3, 17), 2), (dt.date(2025, 3, 17), 2))
    assert kept_and_counted(without) == ((None, 0), (None, 0))
