from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from mentoring.applications.workflow import Status
from mentoring.mentorships.services.lifecycle import (
    CapacityReached,
    MentorshipError,
    MentorshipTransitionNotAllowed,
    MentorUnavailable,
    ParticipantUnavailable,
    mentorship_accept,
    mentorship_decline,
    mentorship_propose,
)
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import MentorProfile, Mentorship, MentorshipChange
from tests import factories


@pytest.fixture(autouse=True)
def _english():
    """The refusals are asserted in their English wording (the site's default language is Swedish)."""
    with translation.override("en"):
        yield


REASONS = [{"code": "same_sector", "sector": "S"}, {"code": "needs_covered", "covered": 2, "of": 2}]


@pytest.fixture
def mentor(db):
    return factories.MentorProfileFactory(capacity=2)


@pytest.fixture
def accepted(application_in):
    """`accepted()`: a new accepted application to the intake."""
    return lambda: application_in(Status.ACCEPTED, applicant=factories.ApplicantFactory())


def propose(participant, mentor, coordinator, now):
    return mentorship_propose(
        participant=participant,
        mentor=mentor,
        actor=coordinator,
        now=now,
        score=Decimal("8.25"),
        reasons=REASONS,
    )


# --- Mentor profile ------------------------------------------------------------------


def test_mentor_free_places_count_proposed_and_active_only(mentor):
    factories.MentorshipFactory(mentor=mentor, status=MentorshipStatus.ACTIVE)
    factories.MentorshipFactory(mentor=mentor, status=MentorshipStatus.DECLINED)
    factories.MentorshipFactory(mentor=mentor, status=MentorshipStatus.COMPLETED)
    assert mentor.free_places() == 1
    factories.MentorshipFactory(mentor=mentor, status=MentorshipStatus.PROPOSED)
    assert mentor.free_places() == 0


@pytest.mark.parametrize("capacity", [0, 11])
def test_mentor_capacity_outside_1_to_10_is_refused_by_the_database(db, capacity):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.MentorProfileFactory(capacity=capacity)


def test_mentor_capacity_of_10_is_allowed(db):
    assert factories.MentorProfileFactory(capacity=10).capacity == 10


def test_mentor_is_woman_unknown_without_gender(db):
    assert factories.MentorProfileFactory(gender="").is_woman is None
    assert factories.MentorProfileFactory(gender="man").is_woman is False


# --- Proposing ---------------------------------------------------------------------


def test_mentorship_propose_creates_a_proposal_with_score_reasons_and_log(accepted, mentor, coordinator, now):
    participant = accepted()
    mentorship = propose(participant, mentor, coordinator, now)
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.PROPOSED
    assert mentorship.score == Decimal("8.25") and mentorship.reasons == REASONS
    assert mentorship.proposed_at == now and mentorship.answered_at is None
    [change] = MentorshipChange.objects.filter(mentorship=mentorship)
    assert (change.actor, change.at, change.from_status, change.to_status) == (
        coordinator,
        now,
        "",
        "proposed",
    )


def test_mentorship_propose_refuses_a_full_mentor(accepted, mentor, coordinator, now):
    propose(accepted(), mentor, coordinator, now)
    propose(accepted(), mentor, coordinator, now)
    with pytest.raises(CapacityReached) as refused:
        propose(accepted(), mentor, coordinator, now)
    assert refused.value.message == "This mentor has no free places."
    assert refused.value.mentor.pk == mentor.pk
    assert Mentorship.objects.filter(mentor=mentor).count() == 2


def test_mentorship_propose_counts_a_declined_place_as_free(accepted, mentor, coordinator, now):
    first = propose(accepted(), mentor, coordinator, now)
    propose(accepted(), mentor, coordinator, now)
    mentorship_decline(mentorship=first, actor=mentor.user, now=now, reason="Vi känner varandra.")
    assert propose(accepted(), mentor, coordinator, now).status == MentorshipStatus.PROPOSED


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.WAITLISTED, Status.REJECTED])
def test_mentorship_propose_refuses_a_participant_not_accepted(
    application_in, mentor, coordinator, now, status
):
    application = application_in(status)
    with pytest.raises(ParticipantUnavailable, match="Only an accepted participant"):
        propose(application, mentor, coordinator, now)


def test_mentorship_propose_refuses_a_participant_with_an_open_mentorship(accepted, mentor, coordinator, now):
    participant = accepted()
    propose(participant, mentor, coordinator, now)
    other = factories.MentorProfileFactory()
    with pytest.raises(ParticipantUnavailable, match="already has a proposed or active mentorship"):
        propose(participant, other, coordinator, now)


def test_mentorship_propose_allows_a_new_mentor_after_a_decline(accepted, mentor, coordinator, now):
    participant = accepted()
    first = propose(participant, mentor, coordinator, now)
    mentorship_decline(mentorship=first, actor=mentor.user, now=now, reason="Ingen tid just nu.")
    second = propose(participant, factories.MentorProfileFactory(), coordinator, now)
    assert second.status == MentorshipStatus.PROPOSED


def test_mentorship_propose_refuses_an_unapproved_mentor(accepted, coordinator, now):
    mentor = factories.MentorProfileFactory(unapproved=True)
    with pytest.raises(MentorUnavailable, match="not been approved"):
        propose(accepted(), mentor, coordinator, now)


def test_mentorship_propose_refuses_a_paused_mentor(accepted, coordinator, now):
    mentor = factories.MentorProfileFactory(paused=True)
    with pytest.raises(MentorUnavailable, match="paused"):
        propose(accepted(), mentor, coordinator, now)


def test_mentorship_propose_checks_the_stored_mentor_not_the_callers_copy(accepted, mentor, coordinator, now):
    MentorProfile.objects.filter(pk=mentor.pk).update(paused=True)
    with pytest.raises(MentorUnavailable):
        propose(accepted(), mentor, coordinator, now)


# --- Answering -----------------------------------------------------------------------


def test_mentorship_accept_by_the_mentor_makes_it_active_and_logs(mentor, now):
    mentorship = factories.MentorshipFactory(mentor=mentor)
    mentorship = mentorship_accept(mentorship=mentorship, actor=mentor.user, now=now)
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ACTIVE and mentorship.answered_at == now
    change = mentorship.changes.get()
    assert (change.actor, change.from_status, change.to_status) == (mentor.user, "proposed", "active")


def test_mentorship_accept_by_a_coordinator_for_the_mentor(mentor, coordinator, now):
    mentorship = factories.MentorshipFactory(mentor=mentor)
    assert mentorship_accept(mentorship=mentorship, actor=coordinator, now=now).status == "active"


def test_mentorship_accept_refused_for_someone_else(mentor, now):
    mentorship = factories.MentorshipFactory(mentor=mentor)
    stranger = factories.verified_user()
    with pytest.raises(MentorshipTransitionNotAllowed):
        mentorship_accept(mentorship=mentorship, actor=stranger, now=now)
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.PROPOSED


def test_mentorship_accept_refused_once_declined(mentor, now):
    mentorship = factories.MentorshipFactory(mentor=mentor)
    mentorship_decline(mentorship=mentorship, actor=mentor.user, now=now, reason="Jävsituation.")
    with pytest.raises(MentorshipTransitionNotAllowed, match="not possible now"):
        mentorship_accept(mentorship=mentorship, actor=mentor.user, now=now)


def test_mentorship_accept_goes_by_the_stored_status(mentor, now):
    mentorship = factories.MentorshipFactory(mentor=mentor)
    Mentorship.objects.filter(pk=mentorship.pk).update(status=MentorshipStatus.DECLINED)
    with pytest.raises(MentorshipTransitionNotAllowed):
        mentorship_accept(mentorship=mentorship, actor=mentor.user, now=now)


def test_mentorship_decline_keeps_the_reason_and_logs_it(mentor, now):
    mentorship = factories.MentorshipFactory(mentor=mentor)
    mentorship = mentorship_decline(
        mentorship=mentorship, actor=mentor.user, now=now, reason="  För långt bort. "
    )
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.DECLINED
    assert mentorship.decline_reason == "För långt bort." and mentorship.answered_at == now
    change = mentorship.changes.get()
    assert (change.from_status, change.to_status, change.reason) == (
        "proposed",
        "declined",
        "För långt bort.",
    )


@pytest.mark.parametrize("reason", ["", "   "])
def test_mentorship_decline_needs_a_reason(mentor, now, reason):
    mentorship = factories.MentorshipFactory(mentor=mentor)
    with pytest.raises(MentorshipError, match="say why"):
        mentorship_decline(mentorship=mentorship, actor=mentor.user, now=now, reason=reason)
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.PROPOSED and not mentorship.changes.exists()


def test_mentorship_decline_refused_once_active(mentor, now):
    mentorship = factories.MentorshipFactory(mentor=mentor, status=MentorshipStatus.ACTIVE)
    with pytest.raises(MentorshipTransitionNotAllowed):
        mentorship_decline(mentorship=mentorship, actor=mentor.user, now=now, reason="Ångrat mig.")


# --- Database constraints ----------------------------------------------------------


@pytest.mark.parametrize("second", [MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE])
def test_mentorship_a_participant_has_at_most_one_open_mentorship(mentor, second):
    first = factories.MentorshipFactory(mentor=mentor)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mentorship.objects.create(
            participant=first.participant,
            mentor=factories.MentorProfileFactory(),
            status=second,
            score=Decimal("1"),
            proposed_at=first.proposed_at,
        )


def test_mentorship_closed_ones_do_not_count_against_the_participant(mentor):
    first = factories.MentorshipFactory(mentor=mentor, status=MentorshipStatus.DECLINED)
    factories.MentorshipFactory(participant=first.participant, status=MentorshipStatus.COMPLETED)
    assert factories.MentorshipFactory(participant=first.participant).status == MentorshipStatus.PROPOSED


def test_mentorship_unknown_status_is_refused_by_the_database(mentor):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.MentorshipFactory(mentor=mentor, status="paused")
