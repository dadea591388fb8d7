from datetime import UTC, datetime, timedelta, timezone

import pytest

from mentoring.core.calendar import CalendarEvent, escape_text, fold, invitation, utc_stamp

STOCKHOLM_SUMMER = timezone(timedelta(hours=2))


def event(**changes) -> CalendarEvent:
    values = {
        "uid": "guidance-booking-7@portal.example",
        "starts_at": datetime(2026, 6, 1, 10, 0, tzinfo=STOCKHOLM_SUMMER),
        "ends_at": datetime(2026, 6, 1, 10, 45, tzinfo=STOCKHOLM_SUMMER),
        "summary": "Study guidance",
        "organizer_email": "counsellor@example.org",
        "attendee_email": "person@example.org",
        "stamp": datetime(2026, 5, 20, 8, 0, tzinfo=UTC),
        "location": "Library, room 2",
    }
    return CalendarEvent(**(values | changes))


def unfolded_lines(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_invitation_is_a_request_with_the_event_fields():
    lines = unfolded_lines(invitation(event()))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "METHOD:REQUEST" in lines
    assert "UID:guidance-booking-7@portal.example" in lines
    assert "SUMMARY:Study guidance" in lines
    assert "ORGANIZER:mailto:counsellor@example.org" in lines
    assert any(line.startswith("ATTENDEE") and line.endswith(":mailto:person@example.org") for line in lines)


def test_invitation_times_are_in_utc():
    lines = unfolded_lines(invitation(event()))
    assert "DTSTART:20260601T080000Z" in lines
    assert "DTEND:20260601T084500Z" in lines
    assert "DTSTAMP:20260520T080000Z" in lines


def test_utc_stamp_refuses_a_naive_time():
    with pytest.raises(ValueError):
        utc_stamp(datetime(2026, 6, 1, 10, 0))


def test_invitation_uses_crlf_line_endings():
    text = invitation(event())
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")


def test_escape_text_escapes_commas_semicolons_backslashes_and_newlines():
    assert escape_text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"


def test_invitation_escapes_the_location():
    lines = unfolded_lines(invitation(event(location="Room 2, floor 1; ring\nthe bell")))
    assert "LOCATION:Room 2\\, floor 1\\; ring\\nthe bell" in lines


def test_fold_keeps_each_line_within_75_octets_and_unfolds_to_the_original():
    line = "DESCRIPTION:" + "åäö " * 60
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_fold_leaves_a_short_line_alone():
    assert fold("SUMMARY:Short") == "SUMMARY:Short"


def test_invitation_lines_are_folded():
    text = invitation(event(description="x" * 300))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_cancelled_invitation_says_cancel():
    lines = unfolded_lines(invitation(event(cancelled=True, sequence=1)))
    assert "METHOD:CANCEL" in lines and "STATUS:CANCELLED" in lines and "SEQUENCE:1" in lines
