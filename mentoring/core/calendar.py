"""A calendar invitation (.ics, RFC 5545) for one event: a pure function, no Django.

Written by hand rather than with a library: one event with a handful of
properties needs only escaping, UTC times and line folding.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

PRODID = "-//Portal//Study guidance//EN"
FOLD_OCTETS = 75


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    organizer_email: str
    attendee_email: str
    stamp: datetime
    location: str = ""
    description: str = ""
    organizer_name: str = ""
    attendee_name: str = ""
    sequence: int = 0
    cancelled: bool = False


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _param(value: str) -> str:
    # A parameter value may not hold a double quote; quoted, it may hold , ; and :.
    return '"' + value.replace('"', "'") + '"'


def utc_stamp(moment: datetime) -> str:
    """A date-time in UTC form (…Z); an aware moment is converted, a naive one refused."""
    if moment.tzinfo is None:
        raise ValueError("A calendar time must be timezone-aware.")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Fold a content line so that no line is longer than 75 octets, never splitting a UTF-8 character."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        # Continuation lines start with a space, which counts towards their 75 octets.
        limit = FOLD_OCTETS if not pieces else FOLD_OCTETS - 1
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def invitation(event: CalendarEvent) -> str:
    """The whole VCALENDAR text, CRLF line endings, METHOD:REQUEST (or CANCEL for a cancelled event)."""
    organizer = "ORGANIZER"
    if event.organizer_name:
        organizer += f";CN={_param(event.organizer_name)}"
    attendee = "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED"
    if event.attendee_name:
        attendee += f";CN={_param(event.attendee_name)}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if event.cancelled else 'REQUEST'}",
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{utc_stamp(event.stamp)}",
        f"DTSTART:{utc_stamp(event.starts_at)}",
        f"DTEND:{utc_stamp(event.ends_at)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    lines += [
        f"{organizer}:mailto:{event.organizer_email}",
        f"{attendee}:mailto:{event.attendee_email}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
