"""Completing a mentorship: the mentor proposes, a coordinator confirms (or time does); the exit
survey goes out as it ends; a coordinator may return the participant to matching, saying why."""

import datetime as dt

import pytest
from django.utils import translation

from mentoring.applications.workflow import Status
from mentoring.mentorships.services.lifecycle import (
    MentorshipError,
    MentorshipTransitionNotAllowed,
    mentorship_complete,
    mentorship_end_early,
    mentorship_propose_completion,
    mentorship_return_to_matching,
    mentorships_complete_proposed,
)
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import FollowUpSurvey, MatchingReturn, MentorshipChange, SurveyKind
from portal.models import OutboxMessage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]

START = dt.datetime(2025, 3, 3, 10, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def mentorship(db):
    participant = factories.ApplicationFactory(
        status=Status.ACCEPTED,
        applicant=factories.ApplicantFactory(profile__contact_language="en", email="lina@example.org"),
    )
    return factories.MentorshipFactory(
        participant=participant, status=MentorshipStatus.ACTIVE, proposed_at=START, answered_at=START
    )


@pytest.fixture
def mentor(mentorship):
    return mentorship.mentor.user


def to_lina() -> list[str]:
    return [
        m.headers.get("X-Portal-Event", "") for m in OutboxMessage.objects.filter(to=["lina@example.org"])
    ]


def test_mentorship_propose_completion_by_the_mentor_waits_for_a_coordinator(mentorship, mentor):
    proposed = mentorship_propose_completion(mentorship=mentorship, actor=mentor, note="Goals met", now=START)

    assert proposed.status == MentorshipStatus.COMPLETING
    assert (proposed.completion_proposed_at, proposed.ended_at) == (START, None)
    change = MentorshipChange.objects.get(mentorship=mentorship, to_status=MentorshipStatus.COMPLETING)
    assert (change.actor, change.from_status, change.reason) == (mentor, "active", "Goals met")
    assert not FollowUpSurvey.objects.exists()


def test_mentorship_propose_completion_refused_to_a_coordinator(mentorship):
    with pytest.raises(MentorshipTransitionNotAllowed):
        mentorship_propose_completion(
            mentorship=mentorship, actor=factories.coordinator_user(), note="", now=START
        )


def test_mentorship_complete_by_the_mentor_is_refused_even_after_proposing(mentorship, mentor):
    mentorship_propose_completion(mentorship=mentorship, actor=mentor, note="", now=START)
    with pytest.raises(MentorshipTransitionNotAllowed):
        mentorship_complete(mentorship=mentorship, actor=mentor, reason="", now=START)


def test_mentorship_complete_confirms_a_proposed_completion_and_keeps_the_mentors_note(mentorship, mentor):
    coordinator = factories.coordinator_user()
    mentorship_propose_completion(mentorship=mentorship, actor=mentor, note="Goals met", now=START)
    done = mentorship_complete(mentorship=mentorship, actor=coordinator, reason="", now=START + DAY)

    assert (done.status, done.ended_at, done.end_reason) == (
        MentorshipStatus.COMPLETED,
        START + DAY,
        "Goals met",
    )
    assert MentorshipChange.objects.filter(
        mentorship=mentorship, from_status="completing", to_status="completed", actor=coordinator
    ).exists()


def test_mentorship_end_early_after_a_proposed_completion_still_needs_a_reason(mentorship, mentor):
    mentorship_propose_completion(mentorship=mentorship, actor=mentor, note="", now=START)
    with pytest.raises(MentorshipError):
        mentorship_end_early(mentorship=mentorship, actor=mentor, reason="  ", now=START)
    ended = mentorship_end_early(mentorship=mentorship, actor=mentor, reason="Moved", now=START)
    assert ended.status == MentorshipStatus.ENDED_EARLY


def test_mentorships_complete_proposed_completes_after_the_setting_once(mentorship, mentor, settings):
    settings.MENTORSHIP_COMPLETE_AFTER_DAYS = 14
    mentorship_propose_completion(mentorship=mentorship, actor=mentor, note="", now=START)

    assert mentorships_complete_proposed(now=START + 14 * DAY - dt.timedelta(seconds=1)) == []
    assert mentorships_complete_proposed(now=START + 14 * DAY) == [mentorship.pk]
    assert mentorships_complete_proposed(now=START + 15 * DAY) == []

    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.COMPLETED
    change = MentorshipChange.objects.get(mentorship=mentorship, to_status="completed")
    assert change.actor is None and "14 days" in change.reason
    assert to_lina().count("completed") == 1 and to_lina().count("sent") == 1


def test_mentorships_complete_proposed_leaves_active_mentorships_alone(mentorship):
    assert mentorships_complete_proposed(now=START + 365 * DAY) == []
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ACTIVE


def test_mentorship_complete_sends_the_exit_survey_at_once(mentorship):
    OutboxMessage.objects.all().delete()
    mentorship_complete(mentorship=mentorship, actor=factories.coordinator_user(), reason="", now=START)

    exit_survey = FollowUpSurvey.objects.get(participant=mentorship.participant, kind=SurveyKind.EXIT)
    assert exit_survey.sent_at == START
    assert to_lina() == ["completed", "sent"]
    ended = next(m for m in OutboxMessage.objects.all() if m.headers["X-Portal-Event"] == "completed")
    assert "sent you a short survey" in ended.body


def test_mentorship_return_to_matching_needs_a_reason_and_writes_an_audit_row(mentorship):
    coordinator = factories.coordinator_user()
    mentorship_complete(mentorship=mentorship, actor=coordinator, reason="", now=START)
    with pytest.raises(MentorshipError):
        mentorship_return_to_matching(mentorship=mentorship, actor=coordinator, reason=" ", now=START)

    mentorship_return_to_matching(mentorship=mentorship, actor=coordinator, reason="New business", now=START)

    returned = MatchingReturn.objects.get(mentorship=mentorship)
    assert (returned.actor, returned.at, returned.note) == (coordinator, START, "New business")
    with pytest.raises(MentorshipTransitionNotAllowed):
        mentorship_return_to_matching(mentorship=mentorship, actor=coordinator, reason="Again", now=START)


def test_mentorship_return_to_matching_refused_to_a_mentor_and_for_a_running_mentorship(mentorship, mentor):
    with pytest.raises(MentorshipTransitionNotAllowed):
        mentorship_return_to_matching(
            mentorship=mentorship, actor=factories.coordinator_user(), reason="Why", now=START
        )
    mentorship_end_early(mentorship=mentorship, actor=mentor, reason="Moved", now=START)
    with pytest.raises(MentorshipTransitionNotAllowed):
        mentorship_return_to_matching(mentorship=mentorship, actor=mentor, reason="Why", now=START)
    assert not MatchingReturn.objects.exists()


def test_mentorship_end_of_a_second_mentorship_promises_no_second_exit_survey(mentorship):
    coordinator = factories.coordinator_user()
    mentorship_complete(mentorship=mentorship, actor=coordinator, reason="", now=START)
    mentorship_return_to_matching(mentorship=mentorship, actor=coordinator, reason="New business", now=START)
    second = factories.MentorshipFactory(
        participant=mentorship.participant,
        status=MentorshipStatus.ACTIVE,
        proposed_at=START,
        answered_at=START,
    )
    OutboxMessage.objects.all().delete()

    mentorship_end_early(mentorship=second, actor=coordinator, reason="Moved", now=START + 30 * DAY)

    (ended,) = OutboxMessage.objects.filter(to=["lina@example.org"])
    assert ended.headers["X-Portal-Event"] == "ended_early"
    assert "survey" not in ended.body
    assert (
        FollowUpSurvey.objects.filter(participant=mentorship.participant, kind=SurveyKind.EXIT).count() == 1
    )
