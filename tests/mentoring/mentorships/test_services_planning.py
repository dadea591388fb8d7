"""Planning the next meeting: plan, move, cancel, the invitations (.ics), the reminder, the prompt."""

import base64
import datetime as dt
import email

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation
from icalendar import Calendar

from mentoring.applications.workflow import Status
from mentoring.core.choices import MeetingFormat, SupportNeed
from mentoring.mentorships import invitations, jobs
from mentoring.mentorships.selectors import mentorships_at_risk
from mentoring.mentorships.services import meetings as meeting_services
from mentoring.mentorships.services import planning
from mentoring.mentorships.services.lifecycle import MentorshipError
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import Meeting, PlannedMeeting, PlannedMeetingStatus
from portal.models import OutboxMessage
from tests import factories
from tests.planning_factories import PlannedMeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]

START = dt.datetime(2025, 3, 3, 10, 0, tzinfo=dt.UTC)
# Monday 10 March 2025, 14:00 in Stockholm (CET, UTC+1).
MEET_AT = dt.datetime(2025, 3, 10, 13, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def mentorship(db):
    participant = factories.ApplicationFactory(
        status=Status.ACCEPTED,
        applicant=factories.ApplicantFactory(
            profile__contact_language="en", email="lina@example.org", first_name="Lina", last_name="Berg"
        ),
    )
    mentorship = factories.MentorshipFactory(
        participant=participant,
        status=MentorshipStatus.ACTIVE,
        proposed_at=START,
        answered_at=START,
        mentor__user__email="maja@example.org",
    )
    OutboxMessage.objects.all().delete()  # what the factories sent on the way here
    return mentorship


@pytest.fixture
def mentor(mentorship):
    return mentorship.mentor.user


@pytest.fixture
def participant(mentorship):
    return mentorship.participant.applicant


def plan(mentorship, actor, *, now=START, **kwargs):
    values = {
        "starts_at": MEET_AT,
        "duration_minutes": 60,
        "format": MeetingFormat.IN_PERSON,
        "place": "Café Husaren, Haga",
        "link": "",
        "agenda": "Budget\nPricing",
    }
    values.update(kwargs)
    return planning.planned_meeting_plan(mentorship=mentorship, actor=actor, now=now, **values)


def move(planned, actor, *, now=START, reason="Sick child", **kwargs):
    values = {
        "starts_at": MEET_AT + dt.timedelta(days=1),
        "duration_minutes": 90,
        "format": MeetingFormat.ONLINE,
        "place": "",
        "link": "https://meet.example.org/abc",
        "agenda": "Budget",
    }
    values.update(kwargs)
    return planning.planned_meeting_move(planned=planned, actor=actor, now=now, reason=reason, **values)


def calendars_to(address):
    """The parsed .ics of each e-mail to `address`, in the order they were written."""
    found = []
    for row in OutboxMessage.objects.filter(to=[address]).order_by("pk"):
        for attachment in row.attachments:
            part = email.message_from_bytes(base64.b64decode(attachment["mime"]))
            assert part.get_content_type() == "text/calendar"
            found.append((part.get_param("method"), Calendar.from_ical(part.get_payload(decode=True))))
    return found


def event_of(calendar):
    return calendar.walk("VEVENT")[0]


# --- Planning -----------------------------------------------------------------------------------


def test_planned_meeting_plan_by_either_party_invites_both(mentorship, participant):
    planned = plan(mentorship, participant)
    assert planned.status == PlannedMeetingStatus.PLANNED
    assert (planned.sequence, planned.created_by) == (0, participant)
    assert [m.to for m in OutboxMessage.objects.order_by("pk")] == [
        ["maja@example.org"],
        ["lina@example.org"],
    ]
    to_participant = OutboxMessage.objects.get(to=["lina@example.org"])
    assert "You have planned your next mentoring meeting with Maja" in to_participant.body
    assert "When: 10 March 2025 14:00 (60 minutes)" in to_participant.body  # Stockholm time
    assert "Café Husaren, Haga" in to_participant.body
    to_mentor = OutboxMessage.objects.get(to=["maja@example.org"])
    assert "Lina Berg har planerat ert nästa mentorsmöte." in to_mentor.body


def test_planned_meeting_invitation_parses_with_uid_utc_times_organizer_and_attendees(mentorship, mentor):
    planned = plan(mentorship, mentor)
    ((method, calendar),) = calendars_to("lina@example.org")
    event = event_of(calendar)
    assert method == "REQUEST" and str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == invitations.calendar_uid(planned)
    assert str(event["UID"]).startswith(f"planned-meeting-{planned.uid}@")
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == MEET_AT and event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert event.decoded("DTEND") == MEET_AT + dt.timedelta(minutes=60)
    assert "DTSTART:20250310T130000Z" in calendar.to_ical().decode()
    assert str(event["ORGANIZER"]) == "mailto:maja@example.org"
    assert sorted(str(a) for a in event["ATTENDEE"]) == ["mailto:lina@example.org", "mailto:maja@example.org"]
    assert str(event["LOCATION"]) == "Café Husaren, Haga"
    assert "Pricing" in str(event["DESCRIPTION"])


def test_planned_meeting_move_keeps_the_uid_and_raises_the_sequence(mentorship, mentor, participant):
    planned = plan(mentorship, mentor)
    moved = move(planned, participant)
    assert moved.sequence == 1 and moved.move_reason == "Sick child"
    (_m1, first), (method, second) = calendars_to("maja@example.org")
    assert method == "REQUEST"
    assert str(event_of(second)["UID"]) == str(event_of(first)["UID"])
    assert event_of(second)["SEQUENCE"] == 1
    assert event_of(second).decoded("DTSTART") == MEET_AT + dt.timedelta(days=1)
    assert str(event_of(second)["LOCATION"]) == "https://meet.example.org/abc"
    body = OutboxMessage.objects.filter(to=["maja@example.org"]).order_by("pk").last().body
    assert "Lina Berg har flyttat ert mentorsmöte." in body and "Varför: Sick child" in body


def test_planned_meeting_cancel_sends_a_cancel_with_the_same_uid(mentorship, mentor, participant):
    planned = plan(mentorship, mentor)
    move(planned, mentor)
    cancelled = planning.planned_meeting_cancel(
        planned=planned, actor=participant, reason="Got a job", now=START
    )
    assert cancelled.status == PlannedMeetingStatus.CANCELLED and cancelled.cancel_reason == "Got a job"
    calendars = calendars_to("maja@example.org")
    method, last = calendars[-1]
    assert method == "CANCEL" and str(last["METHOD"]) == "CANCEL"
    assert str(event_of(last)["STATUS"]) == "CANCELLED"
    assert {str(event_of(c)["UID"]) for _m, c in calendars} == {invitations.calendar_uid(planned)}
    assert [event_of(c)["SEQUENCE"] for _m, c in calendars] == [0, 1, 2]


def test_planned_meeting_mail_in_each_persons_language(mentorship, mentor):
    """The participant chose English; the mentor is written to in the programme's language, Swedish."""
    plan(mentorship, mentor)
    to_participant = OutboxMessage.objects.get(to=["lina@example.org"])
    to_mentor = OutboxMessage.objects.get(to=["maja@example.org"])
    assert to_participant.subject.startswith("Meeting planned with ")
    assert to_mentor.subject == "Möte planerat med Lina Berg"
    ((_method, english),) = calendars_to("lina@example.org")
    ((_method, swedish),) = calendars_to("maja@example.org")
    assert str(event_of(english)["SUMMARY"]).startswith("Mentoring meeting: ")
    assert str(event_of(swedish)["SUMMARY"]).startswith("Mentorsmöte: ")


def test_planned_meeting_plan_only_one_at_a_time(mentorship, mentor, participant):
    plan(mentorship, mentor)
    with pytest.raises(planning.PlanningError):
        plan(mentorship, participant)
    assert PlannedMeeting.objects.count() == 1


def test_planned_meeting_database_allows_one_planned_per_mentorship(mentorship):
    PlannedMeetingFactory(mentorship=mentorship)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlannedMeetingFactory(mentorship=mentorship)


def test_planned_meeting_plan_again_after_cancelling(mentorship, mentor):
    planned = plan(mentorship, mentor)
    planning.planned_meeting_cancel(planned=planned, actor=mentor, reason="Ill", now=START)
    again = plan(mentorship, mentor)
    assert again.uid != planned.uid


def test_planned_meeting_plan_refused_to_an_outsider_and_a_coordinator(mentorship):
    for outsider in (factories.coordinator_user(), factories.MentorProfileFactory().user):
        with pytest.raises(MentorshipError):
            plan(mentorship, outsider)
    assert not PlannedMeeting.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_planned_meeting_plan_refused_when_the_mentorship_is_not_active(mentorship, mentor):
    mentorship.status = MentorshipStatus.COMPLETED
    mentorship.save()
    with pytest.raises(MentorshipError):
        plan(mentorship, mentor)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_at": START - dt.timedelta(minutes=1)}, "starts_on"),
        ({"starts_at": START + dt.timedelta(days=400)}, "starts_on"),
        ({"duration_minutes": 10}, "duration_minutes"),
        ({"duration_minutes": 181}, "duration_minutes"),
        ({"format": "teleport"}, "format"),
        ({"format": MeetingFormat.IN_PERSON, "place": "  "}, "place"),
        ({"format": MeetingFormat.ONLINE, "link": "http://meet.example.org/x"}, "link"),
        ({"format": MeetingFormat.ONLINE, "link": ""}, "link"),
    ],
)
def test_planned_meeting_plan_refuses_wrong_values(mentorship, mentor, changes, field):
    with pytest.raises(planning.PlanningError) as error:
        plan(mentorship, mentor, **changes)
    assert error.value.field == field


def test_planned_meeting_move_needs_a_reason_and_a_future_time(mentorship, mentor):
    planned = plan(mentorship, mentor)
    with pytest.raises(planning.PlanningError) as error:
        move(planned, mentor, reason=" ")
    assert error.value.field == "reason"
    with pytest.raises(planning.PlanningError) as error:
        move(planned, mentor, starts_at=START)
    assert error.value.field == "starts_on"


def test_planned_meeting_cancelled_cannot_be_moved(mentorship, mentor):
    planned = plan(mentorship, mentor)
    planning.planned_meeting_cancel(planned=planned, actor=mentor, reason="Ill", now=START)
    with pytest.raises(planning.PlanningError):
        move(planned, mentor)


# --- After the time has passed --------------------------------------------------------------------


def test_planned_meeting_is_upcoming_then_a_prompt(mentorship, mentor):
    planned = plan(mentorship, mentor)
    assert planned.is_upcoming(now=START) and not planned.is_prompt(now=START)
    during = MEET_AT + dt.timedelta(minutes=30)
    assert not planned.is_upcoming(now=during) and not planned.is_prompt(now=during)
    after = MEET_AT + dt.timedelta(minutes=60)
    assert planned.is_prompt(now=after)


def test_planned_meeting_log_creates_the_meeting_and_closes_the_prompt(mentorship, mentor, participant):
    planned = plan(mentorship, mentor)
    after = MEET_AT + dt.timedelta(hours=2)
    meeting = planning.planned_meeting_log(
        planned=planned,
        actor=participant,
        held_on=dt.date(2025, 3, 10),
        minutes=60,
        format=MeetingFormat.IN_PERSON,
        topics=[SupportNeed.FINANCING.value],
        shared_notes="Agreed on a budget",
        private_note="",
        now=after,
    )
    planned.refresh_from_db()
    assert planned.status == PlannedMeetingStatus.HELD and planned.meeting == meeting
    assert Meeting.objects.get(mentorship=mentorship).shared_notes == "Agreed on a budget"
    with pytest.raises(planning.PlanningError):
        planning.planned_meeting_did_not_happen(planned=planned, actor=mentor, reason="x", now=after)


def test_planned_meeting_log_refused_before_it_started(mentorship, mentor):
    planned = plan(mentorship, mentor)
    with pytest.raises(planning.PlanningError):
        planning.planned_meeting_log(
            planned=planned,
            actor=mentor,
            held_on=dt.date(2025, 3, 3),
            minutes=60,
            format=MeetingFormat.PHONE,
            topics=[],
            shared_notes="",
            private_note="",
            now=START,
        )
    assert not Meeting.objects.exists()


def test_planned_meeting_did_not_happen_needs_a_reason_and_puts_the_mentorship_at_risk(
    mentorship, mentor, participant
):
    planned = plan(mentorship, mentor)
    after = MEET_AT + dt.timedelta(hours=2)
    assert mentorship not in mentorships_at_risk(now=after)
    with pytest.raises(planning.PlanningError) as error:
        planning.planned_meeting_did_not_happen(planned=planned, actor=participant, reason="", now=after)
    assert error.value.field == "reason"
    planning.planned_meeting_did_not_happen(planned=planned, actor=participant, reason="Forgot", now=after)
    planned.refresh_from_db()
    assert planned.status == PlannedMeetingStatus.DID_NOT_HAPPEN and planned.did_not_happen_reason == "Forgot"
    assert mentorship in mentorships_at_risk(now=after)
    later = after + dt.timedelta(days=1)
    meeting_services.meeting_log(
        mentorship=mentorship,
        actor=mentor,
        held_on=dt.date(2025, 3, 11),
        minutes=30,
        format=MeetingFormat.PHONE,
        topics=[],
        shared_notes="",
        private_note="",
        now=later,
    )
    assert mentorship not in mentorships_at_risk(now=later)


def test_planned_meeting_did_not_happen_refused_before_it_started(mentorship, mentor):
    planned = plan(mentorship, mentor)
    with pytest.raises(planning.PlanningError):
        planning.planned_meeting_did_not_happen(planned=planned, actor=mentor, reason="Ill", now=START)


# --- The 30-day rule counts a planned meeting -------------------------------------------------------


def test_meetings_remind_mentors_counts_a_planned_meeting_as_contact(mentorship, mentor):
    day_40 = START + dt.timedelta(days=40)
    PlannedMeetingFactory(mentorship=mentorship, starts_at=day_40 + dt.timedelta(days=3))
    assert meeting_services.meetings_remind_mentors(now=day_40) == []
    assert mentorship not in mentorships_at_risk(now=day_40)


def test_meetings_remind_mentors_a_prompt_left_for_30_days_no_longer_counts(mentorship):
    PlannedMeetingFactory(mentorship=mentorship, starts_at=START + dt.timedelta(days=1))
    day_40 = START + dt.timedelta(days=40)
    assert meeting_services.meetings_remind_mentors(now=day_40) == [mentorship.pk]
    assert mentorship in mentorships_at_risk(now=day_40)


# --- The reminder the day before --------------------------------------------------------------------


def test_planned_meetings_remind_the_day_before_once(mentorship, mentor):
    planned = plan(mentorship, mentor)
    OutboxMessage.objects.all().delete()
    two_days_before = dt.datetime(2025, 3, 8, 9, 0, tzinfo=dt.UTC)
    assert planning.planned_meetings_remind(now=two_days_before) == []
    day_before = dt.datetime(2025, 3, 9, 18, 0, tzinfo=dt.UTC)
    assert planning.planned_meetings_remind(now=day_before) == [planned.pk]
    assert planning.planned_meetings_remind(now=day_before + dt.timedelta(hours=1)) == []
    reminders = OutboxMessage.objects.order_by("pk")
    assert sorted(m.to[0] for m in reminders) == ["lina@example.org", "maja@example.org"]
    subjects = {m.to[0]: m.subject for m in reminders}
    assert subjects["lina@example.org"].startswith("Reminder: meeting with Maja")
    assert subjects["maja@example.org"] == "Påminnelse: möte med Lina Berg i morgon"


def test_planned_meetings_remind_the_job_twice_sends_once(mentorship, mentor, monkeypatch):
    from django.utils import timezone

    plan(mentorship, mentor)
    OutboxMessage.objects.all().delete()
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2025, 3, 9, 8, 0, tzinfo=dt.UTC))
    assert jobs.remind_planned_meetings() == 1
    assert jobs.remind_planned_meetings() == 0
    assert OutboxMessage.objects.count() == 2


def test_planned_meetings_remind_a_claim_taken_by_another_worker_sends_nothing(mentorship, mentor):
    """Two workers read the same candidate; the second one's conditional UPDATE finds it claimed."""
    planned = plan(mentorship, mentor)
    OutboxMessage.objects.all().delete()
    day_before = dt.datetime(2025, 3, 9, 8, 0, tzinfo=dt.UTC)
    assert planning._remind(pk=planned.pk, now=day_before) is True
    assert planning._remind(pk=planned.pk, now=day_before) is False
    assert OutboxMessage.objects.count() == 2


def test_planned_meetings_remind_again_after_a_move(mentorship, mentor):
    planned = plan(mentorship, mentor)
    day_before = dt.datetime(2025, 3, 9, 8, 0, tzinfo=dt.UTC)
    assert planning.planned_meetings_remind(now=day_before) == [planned.pk]
    move(planned, mentor, now=day_before)  # to 11 March
    assert planning.planned_meetings_remind(now=day_before) == []
    assert planning.planned_meetings_remind(now=day_before + dt.timedelta(days=1)) == [planned.pk]


def test_planned_meetings_remind_skips_cancelled(mentorship, mentor):
    planned = plan(mentorship, mentor)
    planning.planned_meeting_cancel(planned=planned, actor=mentor, reason="Ill", now=START)
    assert planning.planned_meetings_remind(now=dt.datetime(2025, 3, 9, 8, 0, tzinfo=dt.UTC)) == []


# --- When the mentorship ends ---------------------------------------------------------------------


def test_mentorship_end_cancels_the_upcoming_planned_meeting_in_both_calendars(mentorship, mentor):
    from mentoring.mentorships.services.lifecycle import mentorship_end_early

    planned = plan(mentorship, mentor)
    mentorship_end_early(
        mentorship=mentorship, actor=mentor, reason="Moved abroad", now=START + dt.timedelta(days=1)
    )
    planned.refresh_from_db()
    assert planned.status == PlannedMeetingStatus.CANCELLED and planned.sequence == 1
    for address in ("lina@example.org", "maja@example.org"):
        method, calendar = calendars_to(address)[-1]
        assert method == "CANCEL" and str(event_of(calendar)["UID"]) == invitations.calendar_uid(planned)
    to_lina = OutboxMessage.objects.filter(to=["lina@example.org"], subject__startswith="Meeting with").get()
    assert "Your mentorship has ended, so the planned meeting is cancelled." in to_lina.body
    assert "Moved abroad" not in to_lina.body  # the reason is written for the coordinators


def test_mentorship_end_closes_a_passed_prompt_without_a_message(mentorship, mentor):
    from mentoring.mentorships.services.lifecycle import mentorship_end_early

    planned = plan(mentorship, mentor)
    OutboxMessage.objects.all().delete()
    mentorship_end_early(
        mentorship=mentorship, actor=mentor, reason="Done", now=MEET_AT + dt.timedelta(days=2)
    )
    planned.refresh_from_db()
    assert planned.status == PlannedMeetingStatus.CANCELLED
    assert not [m for m in OutboxMessage.objects.all() if m.headers.get("X-Portal-Planned-Meeting")]
