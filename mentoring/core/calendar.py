"""A calendar invitation (.ics, RFC 5545) for one event, written with the icalendar library.

The library escapes text and parameters (RFC 6868) and folds lines, so a name or a
place with line breaks or quotes stays one value and can never add a property.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from email.mime.text import MIMEText

from icalendar import Calendar, Event, vCalAddress

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
