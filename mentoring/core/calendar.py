"""Calendar files (.ics, RFC 5545), written with the icalendar library: an invitation for one
event, and a person's subscription feed of many.

The library escapes text and parameters (RFC 6868) and folds lines, so a name or a
place with line breaks or quotes stays one value and can never add a property.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.mime.text import MIMEText

from icalendar import Calendar, Event, vCalAddress, vDuration, vText

PRODID = "-//Portal//Study guidance//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    organizer_email: str
    stamp: datetime
    attendee_email: str = ""
    location: str = ""
    description: str = ""
    organizer_name: str = ""
    attendee_name: str = ""
    sequence: int = 0
    cancelled: bool = False
    # More attendees as (e-mail, name) pairs, for an event with several (a mentor and a participant).
    attendees: tuple[tuple[str, str], ...] = ()


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("A calendar time must be timezone-aware.")
    return moment.astimezone(UTC)


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    address.params.update(params)
    return address


def invitation(event: CalendarEvent) -> str:
    """The whole VCALENDAR text (CRLF line endings): METHOD:REQUEST, or CANCEL for a cancelled event.

    Times are written in UTC; a naive time is refused (ValueError).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if event.cancelled else "REQUEST")
    entry = Event()
    entry.add("uid", event.uid)
    entry.add("sequence", event.sequence)
    entry.add("dtstamp", _utc(event.stamp))
    entry.add("dtstart", _utc(event.starts_at))
    entry.add("dtend", _utc(event.ends_at))
    entry.add("summary", event.summary)
    if event.location:
        entry.add("location", event.location)
    if event.description:
        entry.add("description", event.description)
    entry.add("organizer", _address(event.organizer_email, event.organizer_name))
    people = ((event.attendee_email, event.attendee_name),) if event.attendee_email else ()
    for email, name in people + event.attendees:
        entry.add("attendee", _address(email, name, ROLE="REQ-PARTICIPANT", PARTSTAT="ACCEPTED"))
    entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    calendar.add_component(entry)
    return calendar.to_ical().decode()


def calendar_part(text: str, *, method: str, filename: str) -> MIMEText:
    """The .ics as an e-mail part (text/calendar with its method) that mail programs offer to add."""
    part = MIMEText(text, "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


# --- A subscription feed --------------------------------------------------------------------------

FEED_PRODID = "-//Portal//Calendar feed//EN"


@dataclass(frozen=True)
class FeedEvent:
    """One entry of a feed: timed (`starts_at`, `ends_at`) or a whole day (`day`).

    `uid` and `sequence` are those of the invitation e-mailed for the same event, if any, so
    a calendar holding both shows it once. `stamp` is when the entry last changed.
    """

    uid: str
    summary: str
    stamp: datetime
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    day: date | None = None
    location: str = ""
    description: str = ""
    url: str = ""
    sequence: int = 0


def _feed_entry(event: FeedEvent) -> Event:
    entry = Event()
    entry.add("uid", event.uid)
    entry.add("sequence", event.sequence)
    entry.add("dtstamp", _utc(event.stamp))
    if event.day is not None:
        # A whole day: a date, not a time, and it does not make the person busy all day.
        entry.add("dtstart", event.day)
        entry.add("dtend", event.day + timedelta(days=1))
        entry.add("transp", "TRANSPARENT")
    else:
        if event.starts_at is None or event.ends_at is None:
            raise ValueError("A timed calendar entry needs a start and an end.")
        entry.add("dtstart", _utc(event.starts_at))
        entry.add("dtend", _utc(event.ends_at))
    entry.add("summary", event.summary)
    if event.location:
        entry.add("location", event.location)
    if event.description:
        entry.add("description", event.description)
    if event.url:
        entry.add("url", event.url)
    entry.add("status", "CONFIRMED")
    return entry


def subscription(*, name: str, events: Iterable[FeedEvent], refresh: timedelta) -> str:
    """The whole VCALENDAR text of a feed (CRLF line endings): no METHOD, as a published calendar.

    `name` is the calendar's name in the person's calendar program; `refresh` how often it is
    asked to read the feed again (REFRESH-INTERVAL, RFC 7986, and the older X-PUBLISHED-TTL).
    Times are written in UTC; a naive time is refused (ValueError).
    """
    calendar = Calendar()
    calendar.add("prodid", FEED_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # Typed as text, so that a comma or semicolon in it is escaped as in any other text value.
    calendar.add("name", vText(name))
    calendar.add("x-wr-calname", vText(name))
    calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(refresh))
    for event in events:
        calendar.add_component(_feed_entry(event))
    return calendar.to_ical().decode()
