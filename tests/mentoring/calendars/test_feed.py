"""What a person's calendar feed holds: their own dates, read back as a calendar program reads them."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Locale

from mentoring.calendars.feed import calendar_feed_text, course_day_calendar_uid
from mentoring.guidance import services as guidance_services
from mentoring.guidance.notifications import calendar_uid
from mentoring.mentorships.invitations import calendar_uid as planned_meeting_calendar_uid
from mentoring.mentorships.services import planning
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import EnrolmentStatus, PlannedMeetingStatus
from mentoring.training.selectors import course_days
from tests.mentoring.calendars.conftest import (
    ALVA_TOPIC,
    BO_AGENDA,
    BO_TOPIC,
    MAJA_PRIVATE_NOTE,
    PETRA_AGENDA,
    plan_meeting,
)

pytestmark = pytest.mark.django_db

EVERY_SECRET = [ALVA_TOPIC, BO_TOPIC, PETRA_AGENDA, MAJA_PRIVATE_NOTE, BO_AGENDA]


def feed_text(user, *, language="sv", now=None) -> str:
    return calendar_feed_text(user, language=language, now=now or timezone.now())


def entries(text: str) -> dict:
    """The feed's events by UID, parsed by the icalendar library."""
    return {str(event["UID"]): event for event in Calendar.from_ical(text).walk("VEVENT")}


def unfolded(text: str) -> str:
    return text.replace("\r\n ", "")


def invitation_uids(header: str, thing, sent: list | None = None) -> set[str]:
    """The UIDs of the .ics files e-mailed about `thing` (named by its pk in the e-mail's `header`),
    among `sent` (by default what the test has sent)."""
    found = set()
    for message in mail.outbox if sent is None else sent:
        if message.extra_headers.get(header) != str(thing.pk):
            continue
        for part in message.attachments:
            calendar = Calendar.from_ical(part.get_payload(decode=True))
            found |= {str(event["UID"]) for event in calendar.walk("VEVENT")}
    return found


# --- Each person's own dates, and nobody else's ------------------------------------------------


def test_feed_of_a_booker_holds_her_booking_and_course_days(people):
    feed = entries(feed_text(people.alva))

    days = course_days(people.occasion.starts_on, people.occasion.ends_on)
    assert set(feed) == {calendar_uid(people.booking)} | {
        course_day_calendar_uid(occasion_id=people.occasion.pk, day=day) for day in days
    }
    booking = feed[calendar_uid(people.booking)]
    assert booking["SUMMARY"] == "Studie- och yrkesvägledning med Cecilia Rådgivare"
    assert booking["DTSTART"].dt == people.booking.slot.starts_at.astimezone(dt.UTC)
    assert booking["DTEND"].dt == people.booking.slot.ends_at.astimezone(dt.UTC)


def test_feed_of_a_counsellor_holds_the_times_booked_with_her_named_by_the_booker(people):
    feed = entries(feed_text(people.counsellor))

    assert set(feed) == {calendar_uid(people.booking), calendar_uid(people.bo_booking)}
    assert feed[calendar_uid(people.booking)]["SUMMARY"] == "Studie- och yrkesvägledning med Alva Berg"
    assert feed[calendar_uid(people.bo_booking)]["SUMMARY"] == "Studie- och yrkesvägledning med Bo Ek"


def test_feed_of_a_mentor_and_her_participant_hold_their_planned_meeting_only(people):
    uid = planned_meeting_calendar_uid(people.meeting)

    maja, petra = entries(feed_text(people.mentor)), entries(feed_text(people.petra))

    assert set(maja) == {uid} and set(petra) == {uid}
    assert maja[uid]["SUMMARY"] == "Mentorsmöte med Petra Lind"
    assert petra[uid]["SUMMARY"] == "Mentorsmöte med Maja Ås"
    assert petra[uid]["LOCATION"] == "Stadsbiblioteket, Göteborg"
    assert petra[uid]["DTSTART"].dt == people.meeting.starts_at.astimezone(dt.UTC)
    assert petra[uid]["DTEND"].dt == people.meeting.ends_at.astimezone(dt.UTC)


def test_feed_of_someone_with_no_dates_is_an_empty_calendar(people):
    nobody = people.other_mentor.__class__.objects.create_user(email="tom@example.org")

    calendar = Calendar.from_ical(feed_text(nobody))

    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]) == "VästKraft: mina datum"


@pytest.mark.parametrize("who", ["alva", "bo", "counsellor", "mentor", "petra", "other_mentor"])
def test_feed_never_shows_topics_agendas_notes_or_email_addresses(people, who):
    text = unfolded(feed_text(getattr(people, who)))

    assert [secret for secret in EVERY_SECRET if secret in text] == []
    assert "@example.org" not in text
    assert "ORGANIZER" not in text and "ATTENDEE" not in text


def test_feed_has_no_method_and_every_time_in_utc(people):
    text = feed_text(people.counsellor)

    times = [line for line in text.splitlines() if line.startswith(("DTSTART", "DTEND", "DTSTAMP"))]

    assert "METHOD:" not in text
    assert len(times) == 6 and all(line.endswith("Z") for line in times)


def test_feed_of_a_person_without_a_name_does_not_name_her_by_address(people):
    people.alva.first_name = people.alva.last_name = ""
    people.alva.save()
    people.alva.applicant_profile.delete()

    feed = entries(feed_text(people.counsellor))

    assert feed[calendar_uid(people.booking)]["SUMMARY"] == "Samtal om studie- och yrkesvägledning"


def test_feed_in_english_when_made_in_english(people):
    feed = entries(feed_text(people.petra, language="en"))

    assert feed[planned_meeting_calendar_uid(people.meeting)]["SUMMARY"] == "Mentor meeting with Maja Ås"


def test_course_days_are_whole_days_on_weekdays_with_the_place(people):
    feed = entries(feed_text(people.alva))
    days = course_days(people.occasion.starts_on, people.occasion.ends_on)

    first = feed[course_day_calendar_uid(occasion_id=people.occasion.pk, day=days[0])]

    assert first["SUMMARY"] == "Robotprogrammering"
    assert first["DTSTART"].dt == days[0] and first["DTEND"].dt == days[0] + dt.timedelta(days=1)
    assert first["LOCATION"] == "Mölndals bibliotek, Mölndal"
    assert str(first["TRANSP"]) == "TRANSPARENT"


# --- What leaves the feed --------------------------------------------------------------------------


def test_a_cancelled_booking_leaves_both_feeds(people):
    guidance_services.guidance_booking_cancel(booking=people.booking, actor=people.alva, now=people.now)

    assert calendar_uid(people.booking) not in entries(feed_text(people.alva))
    assert calendar_uid(people.booking) not in entries(feed_text(people.counsellor))


def test_a_cancelled_place_or_a_waiting_list_place_shows_no_course_days(people):
    people.enrolment.status = EnrolmentStatus.WAITLISTED
    people.enrolment.save()

    assert entries(feed_text(people.alva)).keys() == {calendar_uid(people.booking)}


def test_a_cancelled_meeting_leaves_the_feed_and_a_held_one_stays(people):
    held = plan_meeting(
        people.mentorship,
        starts_at=people.now - dt.timedelta(days=10),
        now=people.now,
        status=PlannedMeetingStatus.HELD,
    )
    people.meeting.status = PlannedMeetingStatus.CANCELLED
    people.meeting.save()

    assert set(entries(feed_text(people.petra))) == {planned_meeting_calendar_uid(held)}


def test_a_planned_meeting_of_an_ended_mentorship_leaves_the_feed(people):
    people.mentorship.status = MentorshipStatus.ENDED_EARLY
    people.mentorship.save()

    assert entries(feed_text(people.petra)) == {}


def test_dates_older_than_the_recent_past_leave_the_feed(people):
    later = people.now + dt.timedelta(days=100)

    assert entries(feed_text(people.petra, now=later)) == {}
    assert entries(feed_text(people.alva, now=later)) == {}


# --- The same event as the invitation ---------------------------------------------------------------


def test_a_booking_has_the_uid_and_sequence_of_its_invitation(people):
    feed = entries(feed_text(people.alva))

    uid = calendar_uid(people.booking)
    assert invitation_uids("X-Portal-Guidance-Booking", people.booking, people.sent) == {uid}
    assert feed[calendar_uid(people.booking)]["SEQUENCE"] == 0


def test_a_meeting_has_the_uid_of_its_invitation_and_keeps_it_when_moved_with_a_higher_sequence(people):
    uid = planned_meeting_calendar_uid(people.meeting)
    before = entries(feed_text(people.petra))[uid]

    moved = planning.planned_meeting_move(
        planned=people.meeting,
        actor=people.mentor,
        starts_at=people.meeting.starts_at + dt.timedelta(days=1),
        duration_minutes=90,
        format="online",
        place="",
        link="https://meet.example.org/maja-petra",
        agenda=PETRA_AGENDA,
        reason="Sjukt barn",
        now=people.now + dt.timedelta(minutes=5),
    )
    after = entries(feed_text(people.petra))[uid]

    assert invitation_uids("X-Portal-Planned-Meeting", people.meeting) == {uid}
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, moved.sequence) and moved.sequence == 1
    assert after["DTSTART"].dt == before["DTSTART"].dt + dt.timedelta(days=1)
    assert after["DTEND"].dt - after["DTSTART"].dt == dt.timedelta(minutes=90)
    assert after["LOCATION"] == "https://meet.example.org/maja-petra"
    assert after["DTSTAMP"].dt > before["DTSTAMP"].dt


def test_the_feed_reads_the_same_while_nothing_changes(people):
    first = feed_text(people.counsellor, now=people.now)

    assert feed_text(people.counsellor, now=people.now + dt.timedelta(minutes=30)) == first


def test_feed_queries_do_not_grow_with_the_number_of_dates(people, django_assert_max_num_queries):
    for days in range(10, 40, 3):
        plan_meeting(
            people.mentorship,
            starts_at=people.now - dt.timedelta(days=days),
            now=people.now,
            status=PlannedMeetingStatus.HELD,
        )

    # Meetings, bookings, places, the courses' titles.
    with django_assert_max_num_queries(4):
        text = feed_text(people.petra)
    assert len(entries(text)) == 11


def test_course_days_take_the_course_title_in_the_language_of_the_feed(people):
    english = Locale.objects.get_or_create(language_code="en")[0]
    translation = people.occasion.page.copy_for_translation(english, copy_parents=True)
    translation.title = "Robot programming"
    translation.save_revision().publish()
    first_day = course_days(people.occasion.starts_on, people.occasion.ends_on)[0]
    uid = course_day_calendar_uid(occasion_id=people.occasion.pk, day=first_day)

    assert entries(feed_text(people.alva, language="en"))[uid]["SUMMARY"] == "Robot programming"
    assert entries(feed_text(people.alva, language="sv"))[uid]["SUMMARY"] == "Robotprogrammering"
