"""E-mails about a guidance booking, each with a calendar file, written to the outbox.

Called inside the service's transaction. The .ics goes in as a ready-made MIME
part (text/calendar; method=REQUEST), which the outbox keeps byte for byte, so
mail programs offer to add it to the calendar.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from mentoring.core.calendar import CalendarEvent, calendar_part, invitation
from mentoring.core.display import person_name
from mentoring.core.language import language_of
from mentoring.core.mail import absolute_url
from mentoring.models import GuidanceBooking, GuidanceMode


def calendar_uid(booking: GuidanceBooking) -> str:
    """Stable for the booking, so a cancellation replaces the same calendar entry."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"guidance-booking-{booking.pk}@{host}"


def booking_calendar(*, booking: GuidanceBooking, now, cancelled: bool = False) -> str:
    """The booking's .ics text, in the active language."""
    slot = booking.slot
    if slot.mode == GuidanceMode.ONLINE:
        location = _("Online") + (f": {slot.place}" if slot.place else "")
        note = _("An online conversation: the counsellor sends you the link before it starts.")
    else:
        location, note = slot.place, ""
    description = "\n".join(part for part in (note, booking.topic) if part)
    return invitation(
        CalendarEvent(
            uid=calendar_uid(booking),
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            summary=_("Study guidance conversation"),
            location=location,
            description=description,
            organizer_email=slot.counsellor.email,
            organizer_name=person_name(slot.counsellor),
            attendee_email=booking.person.email,
            attendee_name=person_name(booking.person),
            stamp=now,
            sequence=1 if cancelled else 0,
            cancelled=cancelled,
        )
    )


def _send(*, booking: GuidanceBooking, template: str, to, now, cancelled: bool, event: str) -> None:
    language = language_of(to)
    with translation.override(language):
        context = {
            "booking": booking,
            "slot": booking.slot,
            "counsellor_name": person_name(booking.slot.counsellor),
            "person_name": person_name(booking.person),
            "is_counsellor": to.pk == booking.slot.counsellor_id,
            "guidance_url": absolute_url("mentoring:guidance"),
            "counsellor_url": absolute_url("mentoring:counsellor_home"),
        }
        subject = render_to_string(f"mentoring/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"mentoring/email/{template}.txt", context)
        ics = booking_calendar(booking=booking, now=now, cancelled=cancelled)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[to.email],
        headers={"X-Portal-Guidance-Booking": str(booking.pk), "X-Portal-Event": event},
    )
    message.attach(calendar_part(ics, method="CANCEL" if cancelled else "REQUEST", filename="guidance.ics"))
    message.send()


def guidance_booked(*, booking: GuidanceBooking, now) -> None:
    """Confirm the booking to the person and to the counsellor, each with the .ics."""
    for to in (booking.person, booking.slot.counsellor):
        _send(booking=booking, template="guidance_booked", to=to, now=now, cancelled=False, event="booked")


def guidance_cancelled(*, booking: GuidanceBooking, to, now) -> None:
    """Tell `to` the conversation is cancelled, with an .ics that removes it from the calendar."""
    _send(booking=booking, template="guidance_cancelled", to=to, now=now, cancelled=True, event="cancelled")
