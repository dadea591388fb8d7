"""A participant whose mentorship has ended is out of matching until a coordinator returns her."""

import pytest
from django.utils import translation

from mentoring.applications.workflow import Status
from mentoring.matching.selectors import matching_inputs
from mentoring.matching.services import MatchingBoardError, matching_choice_set, matching_run_start
from mentoring.mentorships.services.lifecycle import (
    ParticipantUnavailable,
    mentorship_accept,
    mentorship_complete,
    mentorship_end_early,
    mentorship_propose,
    mentorship_return_to_matching,
)
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import MatchingChoice, Mentorship
from tests import factories

pytestmark = pytest.mark.django_db

LOCK = MatchingChoice.Kind.LOCK


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def anna(application_in):
    return application_in(Status.ACCEPTED)


@pytest.fixture
def maja(db):
    return factories.MentorProfileFactory(capacity=2)


def mentored(anna, maja, coordinator, now, *, end=mentorship_complete):
    """Anna's mentorship with Maja, accepted and then ended by `end`."""
    mentorship = mentorship_propose(
        participant=anna, mentor=maja, actor=coordinator, now=now, score=1, reasons=[]
    )
    mentorship_accept(mentorship=mentorship, actor=maja.user, now=now)
    return end(mentorship=mentorship, actor=coordinator, reason="Moved", now=now)


def waiting_ids(intake, now) -> list[int]:
    participants, _mentors = matching_inputs(intake=intake, now=now)
    return [p.id for p in participants]


@pytest.mark.parametrize("end", [mentorship_complete, mentorship_end_early])
def test_matching_inputs_leave_out_a_participant_whose_mentorship_has_ended(
    intake, coordinator, anna, maja, now, end
):
    mentored(anna, maja, coordinator, now, end=end)
    assert waiting_ids(intake, now) == []
    run = matching_run_start(intake=intake, actor=coordinator, now=now)
    assert run.pairs == [] and run.participants_count == 0


def test_matching_inputs_take_back_a_participant_returned_by_a_coordinator(
    intake, coordinator, anna, maja, now
):
    mentorship = mentored(anna, maja, coordinator, now)
    mentorship_return_to_matching(mentorship=mentorship, actor=coordinator, reason="Second business", now=now)
    assert waiting_ids(intake, now) == [anna.pk]


def test_mentorship_propose_refuses_the_same_pair_again_after_the_mentorship_ended(
    intake, coordinator, anna, maja, now
):
    mentored(anna, maja, coordinator, now)
    with pytest.raises(ParticipantUnavailable):
        mentorship_propose(participant=anna, mentor=maja, actor=coordinator, now=now, score=1, reasons=[])
    assert Mentorship.objects.filter(participant=anna).count() == 1


def test_matching_run_releases_an_earlier_lock_on_an_ended_mentorship_with_its_reason(
    intake, coordinator, anna, maja, now
):
    # The lock was set before the mentorship (or while it ran): the run must not propose the pair again.
    MatchingChoice.objects.create(
        intake=intake, participant=anna, mentor=maja, kind=LOCK, made_by=coordinator, made_at=now
    )
    mentorship = mentorship_propose(
        participant=anna, mentor=maja, actor=coordinator, now=now, score=1, reasons=[]
    )
    mentorship_accept(mentorship=mentorship, actor=maja.user, now=now)
    mentorship_complete(mentorship=mentorship, actor=coordinator, reason="", now=now)

    run = matching_run_start(intake=intake, actor=coordinator, now=now)

    assert run.pairs == []
    assert run.released_locks == [
        {"participant": anna.pk, "mentor": maja.pk, "reasons": [["mentorship_ended", {}]]}
    ]
    assert not MatchingChoice.objects.filter(participant=anna).exists()


def test_matching_choice_refuses_a_lock_on_a_participant_whose_mentorship_has_ended(
    intake, coordinator, anna, maja, now
):
    mentored(anna, maja, coordinator, now)
    with pytest.raises(MatchingBoardError):
        matching_choice_set(
            intake=intake, participant=anna, mentor=maja, kind=LOCK, actor=coordinator, now=now
        )


def test_matching_run_proposes_a_returned_participant_again(intake, coordinator, anna, maja, now):
    mentorship = mentored(anna, maja, coordinator, now)
    assert mentorship.status == MentorshipStatus.COMPLETED
    mentorship_return_to_matching(mentorship=mentorship, actor=coordinator, reason="Second business", now=now)
    run = matching_run_start(intake=intake, actor=coordinator, now=now)
    assert [pair["participant"] for pair in run.pairs] == [anna.pk]
