"""Planning the next meeting from the mentorship page: the forms, the prompt afterwards, who may."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from mentoring.applications.workflow import Status
from mentoring.core.choices import MeetingFormat
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import Meeting, PlannedMeeting, PlannedMeetingStatus
from portal.models import OutboxMessage
from tests import factories
from tests.planning_factories import PlannedMeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def url(name: str, *args) -> str:
    return reverse(f"mentoring:{name}", args=args)


@pytest.fixture
def mentorship(db):
    start = timezone.now() - dt.timedelta(days=20)
    participant = factories.ApplicationFactory(
        status=Status.ACCEPTED,
        applicant=factories.ApplicantFactory(
            profile__contact_language="en", first_name="Lina", last_name="Berg"
        ),
    )
    return factories.MentorshipFactory(
        participant=participant, status=MentorshipStatus.ACTIVE, proposed_at=start, answered_at=start
    )


@pytest.fixture
def mentor(mentorship):
    return mentorship.mentor.user


@pytest.fixture
def participant(mentorship):
    return mentorship.participant.applicant


def plan_post(**overrides):
    day = timezone.localdate() + dt.timedelta(days=7)
    data = {
        "starts_on": day.isoformat(),
        "starts_time": "14:30",
        "duration_minutes": "60",
        "format": MeetingFormat.IN_PERSON,
        "place": "Café Husaren, Haga",
        "link": "",
        "agenda": "Financing\nFirst customers",
    }
    data.update(overrides)
    return data


def test_planned_meeting_new_plans_in_stockholm_time_and_invites_both(client, mentorship, participant):
    client.force_login(participant)
    OutboxMessage.objects.all().delete()
    response = client.post(url("planned_meeting_new", mentorship.pk), plan_post())
    assert response.status_code == 302
    planned = PlannedMeeting.objects.get(mentorship=mentorship)
    local = timezone.localtime(planned.starts_at)
    assert (local.hour, local.minute) == (14, 30) and str(local.tzinfo) == "Europe/Stockholm"
    assert planned.created_by == participant
    assert OutboxMessage.objects.count() == 2
    page = client.get(url("mentorship_detail", mentorship.pk))
    assert "Café Husaren, Haga" in page.content.decode()
    assert url("planned_meeting_move", mentorship.pk, planned.pk) in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"starts_on": "2020-01-01"}, "starts_on", "Choose a time in the future."),
        ({"starts_on": "tomorrow"}, "starts_on", "Write the date as YYYY-MM-DD."),
        ({"starts_time": "25:00"}, "starts_time", "Write the time as HH:MM, for example 14:30."),
        ({"duration_minutes": "5"}, "duration_minutes", "Write a length between 15 and 180 minutes."),
        ({"place": ""}, "place", "Write where you meet."),
        ({"place": "Haga\r\nDTSTART:19700101T000000Z"}, "place", "Write this on one line"),
        (
            {"format": MeetingFormat.ONLINE, "link": "http://meet.example.org/x"},
            "link",
            "Give a link that starts with https://.",
        ),
        ({"format": MeetingFormat.ONLINE, "link": ""}, "link", "Give the link to the online meeting"),
        ({"agenda": "Budget\x07"}, "agenda", "The text cannot contain tabs"),
    ],
)
def test_planned_meeting_new_bad_input_is_told_at_its_field_and_kept(
    client, mentorship, mentor, changes, field, message
):
    client.force_login(mentor)
    data = plan_post(**changes)
    response = client.post(url("planned_meeting_new", mentorship.pk), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(error.startswith(message) for error in errors), errors
    assert response.context["form"]["agenda"].value() == data["agenda"]
    assert not PlannedMeeting.objects.exists()


def test_planned_meeting_new_refuses_a_time_that_does_not_exist(client, mentorship, mentor):
    """The last Sunday of March the clocks go from 02:00 to 03:00 in Sweden."""
    client.force_login(mentor)
    year = timezone.localdate().year + 1
    last_sunday = max(dt.date(year, 3, day) for day in range(25, 32) if dt.date(year, 3, day).weekday() == 6)
    response = client.post(
        url("planned_meeting_new", mentorship.pk),
        plan_post(starts_on=last_sunday.isoformat(), starts_time="02:30"),
    )
    assert response.status_code == 200 and "starts_time" in response.context["form"].errors


def test_planned_meeting_move_and_cancel_show_the_reason_to_the_other(
    client, mentorship, mentor, participant
):
    planned = PlannedMeetingFactory(mentorship=mentorship, created_by=mentor)
    client.force_login(participant)
    response = client.post(
        url("planned_meeting_move", mentorship.pk, planned.pk),
        plan_post(format=MeetingFormat.PHONE, place="", reason="Job interview that day"),
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert (planned.sequence, planned.format) == (1, MeetingFormat.PHONE)
    client.force_login(mentor)
    assert "Job interview that day" in client.get(url("mentorship_detail", mentorship.pk)).content.decode()
    client.force_login(participant)
    response = client.post(url("planned_meeting_cancel", mentorship.pk, planned.pk), {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    client.post(url("planned_meeting_cancel", mentorship.pk, planned.pk), {"reason": "Started a new job"})
    planned.refresh_from_db()
    assert planned.status == PlannedMeetingStatus.CANCELLED
    client.force_login(mentor)
    page = client.get(url("mentorship_detail", mentorship.pk)).content.decode()
    assert "Started a new job" in page and "Plan the next meeting" in page


def test_planned_meeting_prompt_logs_with_the_form_filled_in(client, mentorship, participant):
    starts = timezone.now() - dt.timedelta(hours=3)
    planned = PlannedMeetingFactory(
        mentorship=mentorship, starts_at=starts, duration_minutes=45, agenda="Financing and pricing"
    )
    client.force_login(participant)
    page = client.get(url("mentorship_detail", mentorship.pk)).content.decode()
    assert "How did it go? Log the meeting" in page
    form = client.get(url("planned_meeting_log", mentorship.pk, planned.pk)).context["form"]
    assert form.initial["held_on"] == timezone.localdate(starts)
    assert (form.initial["minutes"], form.initial["format"]) == (45, MeetingFormat.ONLINE)
    assert form.initial["topics"] == ["financing"]
    assert form.initial["shared_notes"] == "Financing and pricing"
    response = client.post(
        url("planned_meeting_log", mentorship.pk, planned.pk),
        {
            "held_on": timezone.localdate(starts).isoformat(),
            "minutes": "45",
            "format": MeetingFormat.ONLINE,
            "topics": ["financing"],
            "shared_notes": "Agreed on prices",
            "private_note": "",
        },
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == PlannedMeetingStatus.HELD
    assert Meeting.objects.get(mentorship=mentorship).shared_notes == "Agreed on prices"
    page = client.get(url("mentorship_detail", mentorship.pk)).content.decode()
    assert "How did it go? Log the meeting" not in page


def test_planned_meeting_did_not_happen_closes_the_prompt(client, mentorship, mentor):
    planned = PlannedMeetingFactory(mentorship=mentorship, starts_at=timezone.now() - dt.timedelta(days=1))
    client.force_login(mentor)
    response = client.post(
        url("planned_meeting_missed", mentorship.pk, planned.pk), {"reason": "She was ill"}
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == PlannedMeetingStatus.DID_NOT_HAPPEN
    assert "How did it go?" not in client.get(url("mentorship_detail", mentorship.pk)).content.decode()


def test_planned_meeting_log_not_before_it_started(client, mentorship, mentor):
    planned = PlannedMeetingFactory(mentorship=mentorship)
    client.force_login(mentor)
    assert client.get(url("planned_meeting_log", mentorship.pk, planned.pk)).status_code == 302
    assert client.get(url("planned_meeting_missed", mentorship.pk, planned.pk)).status_code == 302


def test_planned_meeting_pages_are_404_for_anyone_else(client, mentorship):
    planned = PlannedMeetingFactory(mentorship=mentorship)
    other = PlannedMeetingFactory()
    for user in (
        factories.MentorProfileFactory().user,
        factories.ApplicantFactory(),
        factories.coordinator_user(),
    ):
        client.force_login(user)
        for name in (
            "planned_meeting_move",
            "planned_meeting_cancel",
            "planned_meeting_log",
            "planned_meeting_missed",
        ):
            assert client.get(url(name, mentorship.pk, planned.pk)).status_code == 404
        assert client.get(url("planned_meeting_new", mentorship.pk)).status_code == 404
    # A party of one mentorship guessing another's planned meeting through their own.
    client.force_login(mentorship.mentor.user)
    assert client.get(url("planned_meeting_move", mentorship.pk, other.pk)).status_code == 404
    assert (
        client.post(url("planned_meeting_cancel", mentorship.pk, other.pk), {"reason": "x"}).status_code
        == 404
    )
    other.refresh_from_db()
    assert other.status == PlannedMeetingStatus.PLANNED


def test_planned_meeting_new_only_in_an_active_mentorship(client, mentorship, mentor):
    mentorship.status = MentorshipStatus.COMPLETED
    mentorship.save()
    client.force_login(mentor)
    response = client.post(url("planned_meeting_new", mentorship.pk), plan_post())
    assert response.status_code == 302 and not PlannedMeeting.objects.exists()


# --- The mentor's caseload, the participant's page, the coordinators' list ------------------------


def mentee_of(mentor_profile, *, days_since_start=20):
    start = timezone.now() - dt.timedelta(days=days_since_start)
    return factories.MentorshipFactory(
        participant=factories.ApplicationFactory(
            status=Status.ACCEPTED, applicant=factories.ApplicantFactory()
        ),
        mentor=mentor_profile,
        status=MentorshipStatus.ACTIVE,
        proposed_at=start,
        answered_at=start,
    )


def test_mentor_caseload_shows_next_and_last_meeting_goals_and_warns_when_out_of_touch(
    client, mentorship, mentor
):
    from mentoring.mentorships.services import meetings as meeting_services

    mentorship.mentor.capacity = 5
    mentorship.mentor.save()
    now = timezone.now()
    planned = PlannedMeetingFactory(mentorship=mentorship, starts_at=now + dt.timedelta(days=3))
    meeting_services.goal_add(
        mentorship=mentorship,
        actor=mentor,
        title="Budget",
        target_date=timezone.localdate() - dt.timedelta(days=1),
        now=now,
    )
    meeting_services.goal_add(
        mentorship=mentorship,
        actor=mentor,
        title="Website",
        target_date=timezone.localdate() + dt.timedelta(days=9),
        now=now,
    )
    quiet = mentee_of(mentorship.mentor, days_since_start=45)
    client.force_login(mentor)
    response = client.get(url("mentor_dashboard"))
    rows = {row.mentorship.pk: row for row in response.context["mentees"]}
    assert rows[mentorship.pk].next_meeting.planned == planned and not rows[mentorship.pk].out_of_touch
    assert [(g.title, g.overdue) for g in rows[mentorship.pk].goals] == [("Budget", True), ("Website", False)]
    assert rows[quiet.pk].next_meeting is None and rows[quiet.pk].out_of_touch
    page = response.content.decode()
    assert "Overdue" in page and "The last meeting was more than 30 days ago." in page


def test_mentor_caseload_queries_do_not_grow_with_mentees(
    client, mentor, mentorship, django_assert_max_num_queries
):
    from mentoring.mentorships.services import meetings as meeting_services

    profile = mentorship.mentor
    profile.capacity = 10
    profile.save()
    client.force_login(mentor)
    with django_assert_max_num_queries(30) as few:
        client.get(url("mentor_dashboard"))
    for i in range(6):
        mentee = mentee_of(profile)
        PlannedMeetingFactory(mentorship=mentee, starts_at=timezone.now() + dt.timedelta(days=i + 1))
        meeting_services.goal_add(
            mentorship=mentee,
            actor=mentor,
            title=f"Goal {i}",
            target_date=timezone.localdate(),
            now=timezone.now(),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("mentor_dashboard"))
    assert len(response.context["mentees"]) == 7


def test_mentor_dashboard_shows_the_prompt_after_the_meeting(client, mentorship, mentor):
    planned = PlannedMeetingFactory(mentorship=mentorship, starts_at=timezone.now() - dt.timedelta(hours=2))
    client.force_login(mentor)
    page = client.get(url("mentor_dashboard")).content.decode()
    assert "How did it go? Log the meeting" in page
    assert url("planned_meeting_log", mentorship.pk, planned.pk) in page


def test_participant_dashboard_shows_the_next_meeting_then_the_prompt(client, mentorship, participant):
    planned = PlannedMeetingFactory(mentorship=mentorship, place="", link="https://meet.example.org/q")
    client.force_login(participant)
    page = client.get(url("dashboard")).content.decode()
    assert "Your next meeting with" in page and "https://meet.example.org/q" in page
    PlannedMeeting.objects.filter(pk=planned.pk).update(starts_at=timezone.now() - dt.timedelta(hours=2))
    page = client.get(url("dashboard")).content.decode()
    assert "How did it go? Log the meeting" in page
    assert url("planned_meeting_missed", mentorship.pk, planned.pk) in page


def test_coordinator_mentorships_list_the_next_meeting(client, mentorship):
    starts = timezone.now() + dt.timedelta(days=4)
    PlannedMeetingFactory(mentorship=mentorship, starts_at=starts)
    client.force_login(factories.coordinator_user())
    response = client.get(url("coordinator_mentorships"))
    (row,) = [r for r in response.context["rows"] if r["pk"] == mentorship.pk]
    assert row["next_planned_at"] == starts
    assert "Next meeting" in response.content.decode()


def test_coordinator_at_risk_list_marks_a_meeting_that_did_not_take_place(client, mentorship, mentor):
    from mentoring.mentorships.services import planning

    planned = PlannedMeetingFactory(mentorship=mentorship, starts_at=timezone.now() - dt.timedelta(days=1))
    planning.planned_meeting_did_not_happen(planned=planned, actor=mentor, reason="Ill", now=timezone.now())
    client.force_login(factories.coordinator_user())
    response = client.get(url("coordinator_mentorships"))
    (row,) = [r for r in response.context["at_risk"] if r["pk"] == mentorship.pk]
    assert row["missed_meeting"]
    assert "A planned meeting did not take place" in response.content.decode()


def test_person_record_shows_planned_meetings_with_their_reasons(client, mentorship, participant):
    PlannedMeetingFactory(
        mentorship=mentorship, status=PlannedMeetingStatus.CANCELLED, cancel_reason="Moved town"
    )
    client.force_login(factories.coordinator_user())
    page = client.get(url("person_record", participant.pk)).content.decode()
    assert "Planned meetings" in page and "Cancelled – Moved town" in page
