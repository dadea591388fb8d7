"""Invitations as a calendar program reads them: parsed back with icalendar."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from mentoring.core.calendar import CalendarEvent, invitation

STOCKHOLM_SUMMER = timezone(timedelta(hours=2))


def event(**changes) -> CalendarEvent:
    values = {
        "uid": "guidance-booking-7@portal.example",
        "starts_at": datetime(2026, 6, 1, 10, 0, tzinfo=STOCKHOLM_SUMMER),
        "ends_at": datetime(2026, 6, 1, 10, 45, tzinfo=STOCKHOLM_SUMMER),
        "summary": "Study guidance",
        "organizer_email": "counsellor@example.org",
        "organizer_name": "Cecilia Counsellor",
        "attendee_email": "person@example.org",
        "attendee_name": "Alva Andersson",
        "stamp": datetime(2026, 5, 20, 8, 0, tzinfo=UTC),
        "location": "Library, room 2",
    }
    return CalendarEvent(**(values | changes))


def parsed(text: str):
    calendar = Calendar.from_ical(text)
    (entry,) = calendar.walk("VEVENT")
    return calendar, entry


def test_invitation_is_a_request_with_the_event_fields():
    calendar, entry = parsed(invitation(event()))

    assert calendar["METHOD"] == "REQUEST"
    assert (entry["UID"], entry["SUMMARY"], entry["SEQUENCE"]) == (
        "guidance-booking-7@portal.example",
        "Study guidance",
        0,
    )
    assert str(entry["ORGANIZER"]) == "mailto:counsellor@example.org"
    assert entry["ORGANIZER"].params["CN"] == "Cecilia Counsellor"
    assert str(entry["ATTENDEE"]) == "mailto:person@example.org"
    assert entry["ATTENDEE"].params["CN"] == "Alva Andersson"


def test_invitation_times_are_in_utc():
    text = invitation(event())
    _, entry = parsed(text)

    assert entry["DTSTART"].dt == datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    assert entry["DTEND"].dt == datetime(2026, 6, 1, 8, 45, tzinfo=UTC)
    assert "DTSTART:20260601T080000Z" in text and "DTSTAMP:20260520T080000Z" in text


def test_invitation_refuses_a_naive_time():
    with pytest.raises(ValueError):
        invitation(event(starts_at=datetime(2026, 6, 1, 10, 0)))


def test_invitation_uses_crlf_line_endings_within_75_octets():
    text = invitation(event(description="åäö " * 100))

    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert parsed(text)[1]["DESCRIPTION"] == "åäö " * 100


def test_invitation_keeps_commas_semicolons_and_newlines_in_the_location():
    _, entry = parsed(invitation(event(location="Room 2, floor 1; ring\nthe bell")))

    assert entry["LOCATION"] == "Room 2, floor 1; ring\nthe bell"


@pytest.mark.parametrize("field", ["attendee_name", "organizer_name", "summary", "location", "description"])
def test_a_line_break_in_any_text_cannot_add_a_line_to_the_invitation(field):
    hostile = 'Anna "A"\r\nATTENDEE:mailto:evil@example.com\r\nMETHOD:CANCEL'
    text = invitation(event(**{field: hostile}))
    calendar, entry = parsed(text)

    assert calendar["METHOD"] == "REQUEST"
    assert str(entry["ATTENDEE"]) == "mailto:person@example.org"
    assert "evil@example.com" not in [line.split(":", 1)[-1] for line in text.split("\r\n")]
    assert not [line for line in text.split("\r\n") if line.startswith(("ATTENDEE:", "METHOD:CANCEL"))]


def test_cancelled_invitation_says_cancel():
    calendar, entry = parsed(invitation(event(cancelled=True, sequence=1)))

    assert calendar["METHOD"] == "CANCEL"
    assert (entry["STATUS"], entry["SEQUENCE"]) == ("CANCELLED", 1)
