"""Planned meetings in a person's data: in her export, and gone with their free text on erasure."""

import datetime as dt

import pytest

from mentoring.applications.workflow import Status
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import Meeting, PlannedMeeting, PlannedMeetingStatus
from mentoring.privacy.services.export import personal_data_export
from tests import factories
from tests.mentoring.privacy.test_services import erase, read_export
from tests.planning_factories import PlannedMeetingFactory

pytestmark = pytest.mark.django_db

AGENDA = "Lånet hos Almi och min sjukskrivning"


@pytest.fixture
def mentorship(application_in):
    application = application_in(Status.ACCEPTED, applicant=factories.ApplicantFactory())
    return factories.MentorshipFactory(participant=application, status=MentorshipStatus.ACTIVE)


def test_export_holds_the_planned_meetings_of_both_parties(mentorship, now):
    PlannedMeetingFactory(
        mentorship=mentorship, agenda=AGENDA, status=PlannedMeetingStatus.CANCELLED, cancel_reason="Sjuk"
    )
    for user in (mentorship.participant.applicant, mentorship.mentor.user):
        data, _files = read_export(personal_data_export(user=user, now=now))
        (planned,) = data["mentorships"][0]["planned_meetings"]
        assert (planned["agenda"], planned["status"], planned["cancel_reason"]) == (
            AGENDA,
            "cancelled",
            "Sjuk",
        )


def test_erasure_deletes_the_planned_meetings_and_keeps_the_meetings(
    mentorship, now, django_capture_on_commit_callbacks
):
    PlannedMeetingFactory(
        mentorship=mentorship,
        agenda=AGENDA,
        starts_at=now - dt.timedelta(days=3),
        status=PlannedMeetingStatus.HELD,
    )
    PlannedMeetingFactory(mentorship=mentorship, agenda=AGENDA, place="Hemma hos mig", format="in_person")
    Meeting.objects.create(
        mentorship=mentorship, held_on=now.date(), minutes=60, format="online", logged_at=now, updated_at=now
    )

    request = erase(mentorship.participant.applicant, now, django_capture_on_commit_callbacks)

    assert not PlannedMeeting.objects.filter(mentorship=mentorship).exists()
    assert Meeting.objects.filter(mentorship=mentorship).count() == 1
    assert any("planned_meetings_deleted" in str(step) for step in request.steps)
