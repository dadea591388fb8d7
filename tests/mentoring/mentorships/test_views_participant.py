"""The participant's dashboard: their mentor once the mentor has said yes, and never before."""

import pytest
from django.urls import reverse
from django.utils import translation

from mentoring.applications.workflow import Status
from mentoring.mentorships.workflow import MentorshipStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def participant(application_in):
    return application_in(Status.ACCEPTED, applicant=factories.ApplicantFactory())


@pytest.fixture
def mentor(db):
    return factories.MentorProfileFactory(
        user__first_name="Maja",
        user__last_name="Berg",
        user__email="maja.berg@example.org",
        phone="070-111 22 33",
    )


def dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("mentoring:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_dashboard_shows_active_mentor_with_contact_details(client, participant, mentor, now):
    factories.MentorshipFactory(
        participant=participant, mentor=mentor, status=MentorshipStatus.ACTIVE, answered_at=now
    )

    page = dashboard(client, participant.applicant)

    assert "Maja Berg" in page and "maja.berg@example.org" in page and "070-111 22 33" in page


def test_dashboard_keeps_a_proposal_to_itself(client, participant, mentor):
    factories.MentorshipFactory(participant=participant, mentor=mentor, status=MentorshipStatus.PROPOSED)

    page = dashboard(client, participant.applicant)

    assert "maja.berg@example.org" not in page
    assert "We are looking for a mentor" in page


def test_dashboard_never_shows_another_participants_mentor(client, participant, mentor, application_in):
    factories.MentorshipFactory(participant=participant, mentor=mentor, status=MentorshipStatus.ACTIVE)
    other = application_in(Status.ACCEPTED, applicant=factories.ApplicantFactory())

    page = dashboard(client, other.applicant)

    assert "maja.berg@example.org" not in page
