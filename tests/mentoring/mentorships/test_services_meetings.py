"""Goals, meetings and private notes inside a mentorship; the job that reminds mentors to meet; ending."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from mentoring.applications.workflow import Status
from mentoring.core.choices import MeetingFormat, SupportNeed
from mentoring.mentorships.services import meetings as services
from mentoring.mentorships.services.lifecycle import (
    MentorshipError,
    MentorshipTransitionNotAllowed,
    mentorship_complete,
    mentorship_end_early,
)
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import FollowUpSurvey, Meeting, MentorshipChange, PrivateNote
from portal.models import OutboxMessage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]

START = dt.datetime(2025, 3, 3, 10, 0, tzinfo=dt.UTC)


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


@pytest.fixture
def participant(mentorship):
    return mentorship.participant.applicant


def log(mentorship, actor, *, held_on=None, now=None, **kwargs):
    now = now or START + dt.timedelta(days=1)
    values = {
        "held_on": held_on or timezone.localdate(now),
        "minutes": 60,
        "format": MeetingFormat.ONLINE,
        "topics": [SupportNeed.FINANCING.value],
        "shared_notes": "Budget",
        "private_note": "",
    }
    values.update(kwargs)
    return services.meeting_log(mentorship=mentorship, actor=actor, now=now, **values)


# --- Goals --------------------------------------------------------------------------------------


def test_goal_add_by_either_party(mentorship, mentor, participant):
    services.goal_add(mentorship=mentorship, actor=mentor, title="Budget", target_date=None, now=START)
    services.goal_add(mentorship=mentorship, actor=participant, title="Website", target_date=None, now=START)
    assert sorted(mentorship.goals.values_list("title", flat=True)) == ["Budget", "Website"]


def test_goal_add_refused_to_an_outsider(mentorship):
    with pytest.raises(MentorshipError):
        services.goal_add(
            mentorship=mentorship, actor=factories.coordinator_user(), title="X", target_date=None, now=START
        )
    assert not mentorship.goals.exists()


def test_goal_add_at_most_five_open(mentorship, mentor):
    for i in range(services.MAX_OPEN_GOALS):
        services.goal_add(mentorship=mentorship, actor=mentor, title=f"Goal {i}", target_date=None, now=START)
    with pytest.raises(MentorshipError) as error:
        services.goal_add(
            mentorship=mentorship, actor=mentor, title="One too many", target_date=None, now=START
        )
    assert error.value.field == "title"
    goal = mentorship.goals.first()
    services.goal_set_done(goal=goal, actor=mentor, done=True, now=START)
    services.goal_add(mentorship=mentorship, actor=mentor, title="Now it fits", target_date=None, now=START)


def test_goal_set_done_and_open_again(mentorship, participant):
    goal = services.goal_add(
        mentorship=mentorship, actor=participant, title="Budget", target_date=None, now=START
    )
    goal = services.goal_set_done(goal=goal, actor=participant, done=True, now=START)
    assert goal.done_at == START
    goal = services.goal_set_done(goal=goal, actor=participant, done=False, now=START)
    assert goal.done_at is None


def test_goal_add_refused_when_mentorship_is_not_active(mentorship, mentor):
    mentorship.status = MentorshipStatus.COMPLETED
    mentorship.save()
    with pytest.raises(MentorshipError):
        services.goal_add(mentorship=mentorship, actor=mentor, title="Late", target_date=None, now=START)


# --- Meetings -----------------------------------------------------------------------------------


def test_meeting_log_keeps_private_note_for_its_writer(mentorship, mentor):
    meeting = log(mentorship, mentor, private_note="Seems tired")
    (note,) = PrivateNote.objects.filter(meeting=meeting)
    assert note.author == mentor and note.text == "Seems tired"
    assert meeting.logged_by == mentor and meeting.topics == ["financing"]


def test_meeting_log_by_the_participant(mentorship, participant):
    assert log(mentorship, participant).logged_by == participant


def test_meeting_log_refuses_a_future_date(mentorship, mentor):
    now = START + dt.timedelta(days=1)
    with pytest.raises(MentorshipError) as error:
        log(mentorship, mentor, now=now, held_on=timezone.localdate(now) + dt.timedelta(days=1))
    assert error.value.field == "held_on"


def test_meeting_log_refuses_a_date_before_the_start(mentorship, mentor):
    with pytest.raises(MentorshipError) as error:
        log(mentorship, mentor, held_on=dt.date(2025, 3, 1))
    assert error.value.field == "held_on"


@pytest.mark.parametrize("minutes", [14, 181])
def test_meeting_log_refuses_a_length_outside_15_to_180(mentorship, mentor, minutes):
    with pytest.raises(MentorshipError) as error:
        log(mentorship, mentor, minutes=minutes)
    assert error.value.field == "minutes"
    assert not Meeting.objects.exists()


def test_meeting_log_refused_to_an_outsider(mentorship):
    with pytest.raises(MentorshipError):
        log(mentorship, factories.coordinator_user())


def test_meeting_edit_by_its_logger_within_seven_days(mentorship, mentor):
    meeting = log(mentorship, mentor)
    later = meeting.logged_at + services.EDIT_WINDOW
    services.meeting_edit(
        meeting=meeting,
        actor=mentor,
        held_on=meeting.held_on,
        minutes=90,
        format=MeetingFormat.PHONE,
        topics=[],
        shared_notes="Changed",
        private_note="Mine",
        now=later,
    )
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.format, meeting.shared_notes) == (90, "phone", "Changed")


def test_meeting_edit_locked_after_seven_days(mentorship, mentor):
    meeting = log(mentorship, mentor)
    with pytest.raises(MentorshipError):
        services.meeting_edit(
            meeting=meeting,
            actor=mentor,
            held_on=meeting.held_on,
            minutes=90,
            format=MeetingFormat.PHONE,
            topics=[],
            shared_notes="Too late",
            private_note="",
            now=meeting.logged_at + services.EDIT_WINDOW + dt.timedelta(seconds=1),
        )
    meeting.refresh_from_db()
    assert meeting.shared_notes == "Budget"


def test_meeting_edit_refused_to_the_other_party_who_may_add_a_private_note(mentorship, mentor, participant):
    meeting = log(mentorship, mentor, private_note="Mentor's own")
    with pytest.raises(MentorshipError):
        services.meeting_edit(
            meeting=meeting,
            actor=participant,
            held_on=meeting.held_on,
            minutes=15,
            format=MeetingFormat.PHONE,
            topics=[],
            shared_notes="Hers",
            private_note="",
            now=meeting.logged_at,
        )
    services.meeting_private_note_save(
        meeting=meeting, actor=participant, text="Hers only", now=meeting.logged_at
    )
    notes = dict(PrivateNote.objects.filter(meeting=meeting).values_list("author_id", "text"))
    assert notes == {mentor.pk: "Mentor's own", participant.pk: "Hers only"}


# --- Reminders to meet --------------------------------------------------------------------------


def day(n: int) -> dt.datetime:
    return START + dt.timedelta(days=n)


def reminders() -> list[OutboxMessage]:
    return [m for m in OutboxMessage.objects.all() if m.headers.get("X-Portal-Event") == "meeting_reminder"]


def test_meetings_remind_mentors_step_by_step(mentorship, mentor):
    assert services.meetings_remind_mentors(now=day(29)) == []
    assert services.meetings_remind_mentors(now=day(30)) == [mentorship.pk]
    (message,) = reminders()
    assert message.to == [mentor.email]
    assert f"/mentorships/{mentorship.pk}/" in message.body
    # The next day, and until 14 days have passed, nothing more.
    assert services.meetings_remind_mentors(now=day(31)) == []
    assert services.meetings_remind_mentors(now=day(43)) == []
    # Still no meeting 14 days later: reminded again.
    assert services.meetings_remind_mentors(now=day(44)) == [mentorship.pk]
    assert len(reminders()) == 2


def test_meetings_remind_mentors_twice_at_once_sends_once(mentorship):
    assert services.meetings_remind_mentors(now=day(30)) == [mentorship.pk]
    assert services.meetings_remind_mentors(now=day(30)) == []
    assert len(reminders()) == 1
    mentorship.refresh_from_db()
    assert mentorship.meeting_reminded_at == day(30)


def test_meetings_remind_mentors_a_logged_meeting_resets_the_30_days(mentorship, mentor):
    log(mentorship, mentor, now=day(20))
    assert services.meetings_remind_mentors(now=day(30)) == []
    assert services.meetings_remind_mentors(now=day(49)) == []
    assert services.meetings_remind_mentors(now=day(50)) == [mentorship.pk]


def test_meetings_remind_mentors_skips_ended_mentorships(mentorship, mentor):
    mentorship_end_early(mentorship=mentorship, actor=mentor, reason="Moved abroad", now=day(10))
    assert services.meetings_remind_mentors(now=day(60)) == []
    assert reminders() == []


def test_meetings_remind_mentors_runs_as_the_scheduled_job(mentorship, monkeypatch):
    from mentoring.mentorships import jobs

    monkeypatch.setattr(timezone, "now", lambda: day(30))
    assert jobs.remind_mentors_to_meet() == 1
    assert jobs.remind_mentors_to_meet() == 0


# --- Ending ------------------------------------------------------------------------------------


def test_mentorship_end_early_by_the_mentor_tells_the_participant(mentorship, mentor):
    OutboxMessage.objects.all().delete()
    mentorship = mentorship_end_early(mentorship=mentorship, actor=mentor, reason="Moved abroad", now=day(40))
    assert mentorship.status == MentorshipStatus.ENDED_EARLY
    assert (mentorship.ended_at, mentorship.end_reason) == (day(40), "Moved abroad")
    assert MentorshipChange.objects.filter(mentorship=mentorship, to_status="ended_early").exists()
    ended, survey = OutboxMessage.objects.filter(to=["lina@example.org"]).order_by("pk")
    assert ended.subject == "Your mentorship has ended"
    assert "Moved abroad" not in ended.body
    assert FollowUpSurvey.objects.filter(participant=mentorship.participant).count() == 2
    assert survey.headers["X-Portal-Event"] == "sent" and "Moved abroad" not in survey.body


def test_mentorship_end_early_needs_a_reason(mentorship, mentor):
    with pytest.raises(MentorshipError):
        mentorship_end_early(mentorship=mentorship, actor=mentor, reason="  ", now=day(40))
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ACTIVE


def test_mentorship_complete_by_a_coordinator_only(mentorship, mentor):
    OutboxMessage.objects.all().delete()
    with pytest.raises(MentorshipTransitionNotAllowed):
        mentorship_complete(mentorship=mentorship, actor=mentor, reason="", now=day(90))
    mentorship = mentorship_complete(
        mentorship=mentorship, actor=factories.coordinator_user(), reason="", now=day(90)
    )
    assert mentorship.status == MentorshipStatus.COMPLETED
    completed, survey = OutboxMessage.objects.filter(to=["lina@example.org"]).order_by("pk")
    assert completed.subject == "Your mentorship is completed"
    assert survey.headers["X-Portal-Event"] == "sent"


def test_mentorship_end_refused_to_the_participant(mentorship, participant):
    with pytest.raises(MentorshipTransitionNotAllowed):
        mentorship_end_early(mentorship=mentorship, actor=participant, reason="Bored", now=day(40))
