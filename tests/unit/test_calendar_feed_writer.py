"""A subscription feed as a calendar program reads it: parsed back with icalendar."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from mentoring.core.calendar import FeedEvent, subscription

STOCKHOLM_WINTER = timezone(timedelta(hours=1))
STAMP = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def meeting(**changes) -> FeedEvent:
    values = {
        "uid": "planned-meeting-1@portal.example",
        "summary": "Mentor meeting with Maja",
        "stamp": STAMP,
        "starts_at": datetime(2026, 12, 1, 10, 0, tzinfo=STOCKHOLM_WINTER),
        "ends_at": datetime(2026, 12, 1, 11, 0, tzinfo=STOCKHOLM_WINTER),
        "location": "Library; room 2, floor 3",
        "sequence": 2,
    }
    return FeedEvent(**(values | changes))


def feed(*events: FeedEvent) -> Calendar:
    return Calendar.from_ical(
        subscription(name="VästKraft: my dates", events=events, refresh=timedelta(hours=1))
    )


def test_subscription_is_a_published_calendar_with_a_name_and_a_refresh_interval():
    calendar = feed(meeting())

    assert "METHOD" not in calendar
    assert str(calendar["X-WR-CALNAME"]) == "VästKraft: my dates"
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=1)


def test_subscription_writes_each_event_in_utc_with_its_uid_and_sequence():
    (entry,) = feed(meeting()).walk("VEVENT")

    assert (str(entry["UID"]), entry["SEQUENCE"]) == ("planned-meeting-1@portal.example", 2)
    assert entry["DTSTART"].dt == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert entry["DTEND"].dt == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert str(entry["LOCATION"]) == "Library; room 2, floor 3"


def test_subscription_writes_a_whole_day_as_a_date_that_leaves_the_person_free():
    (entry,) = feed(FeedEvent(uid="day@x", summary="Robotics", stamp=STAMP, day=date(2026, 12, 3))).walk(
        "VEVENT"
    )

    assert entry["DTSTART"].dt == date(2026, 12, 3) and entry["DTEND"].dt == date(2026, 12, 4)
    assert str(entry["TRANSP"]) == "TRANSPARENT"


def test_subscription_keeps_a_line_break_in_a_text_inside_its_value():
    text = subscription(
        name="x",
        events=[meeting(summary="Maja\r\nATTENDEE:mailto:evil@example.org")],
        refresh=timedelta(hours=1),
    )

    (entry,) = Calendar.from_ical(text).walk("VEVENT")
    assert "ATTENDEE" not in entry
    assert str(entry["SUMMARY"]).startswith("Maja")


def test_subscription_refuses_a_naive_time():
    with pytest.raises(ValueError):
        subscription(
            name="x", events=[meeting(starts_at=datetime(2026, 12, 1, 10, 0))], refresh=timedelta(hours=1)
        )


def test_subscription_refuses_a_timed_entry_without_an_end():
    with pytest.raises(ValueError):
        subscription(name="x", events=[meeting(ends_at=None)], refresh=timedelta(hours=1))
