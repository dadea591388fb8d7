"""The coordinators' list of mentors as the selector reads it."""

import datetime as dt

import pytest
from django.utils import timezone

from mentoring.mentors.selectors import INVITATION_VALID_FOR, mentors_overview
from mentoring.models import MentorInvitation
from tests import factories

pytestmark = pytest.mark.django_db


def test_mentors_overview_counts_places_taken_and_never_fewer_than_no_free_places(now):
    mentor = factories.MentorProfileFactory(capacity=1)
    factories.MentorshipFactory(mentor=mentor)
    factories.MentorshipFactory(mentor=mentor)

    (row,) = mentors_overview(now=now).approved

    assert (row.places_taken, row.free_places) == (2, 0)


def test_mentors_overview_shows_a_mentor_paused_until_a_day_still_ahead(now):
    today = timezone.localdate(now)
    factories.MentorProfileFactory(user__last_name="Ahead", back_on=today + dt.timedelta(days=3))
    factories.MentorProfileFactory(user__last_name="Passed", back_on=today - dt.timedelta(days=1))

    rows = mentors_overview(now=now).approved

    assert [(row.profile.user.last_name, row.paused) for row in rows] == [("Ahead", True), ("Passed", False)]


def test_mentors_overview_lists_pending_profiles_apart_from_approved_ones(now):
    pending = factories.MentorProfileFactory(unapproved=True)
    approved = factories.MentorProfileFactory()

    overview = mentors_overview(now=now)

    assert [row.profile for row in overview.pending] == [pending]
    assert [row.profile for row in overview.approved] == [approved]


def test_mentors_overview_marks_an_unused_invitation_expired_once_its_link_no_longer_works(now, coordinator):
    MentorInvitation.objects.create(
        email="old@example.org",
        invited_by=coordinator,
        sent_at=now - INVITATION_VALID_FOR - dt.timedelta(minutes=1),
    )
    MentorInvitation.objects.create(email="new@example.org", invited_by=None, sent_at=now)
    MentorInvitation.objects.create(email="used@example.org", sent_at=now, used_at=now)

    rows = {row.invitation.email: row for row in mentors_overview(now=now).invitations}

    assert set(rows) == {"old@example.org", "new@example.org"}
    assert rows["old@example.org"].expired and not rows["new@example.org"].expired
    assert rows["new@example.org"].expires == now + INVITATION_VALID_FOR
    assert rows["new@example.org"].invited_by == ""
