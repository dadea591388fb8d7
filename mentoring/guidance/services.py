"""Study guidance: counsellors publish slots, a person books one, the counsellor records the outcome.

Every service is keyword-only, takes the actor and `now`, locks what it changes
and raises GuidanceError (with `.message` and the form `.field` it concerns)
when a rule says no. The confirmation e-mails carry a calendar file and are
written to the outbox in the same transaction as the booking.
"""

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from mentoring.core.errors import PortalError
from mentoring.guidance import notifications as guidance_notifications
from mentoring.guidance.selectors import is_counsellor
from mentoring.models import GuidanceBooking, GuidanceMode, GuidanceOutcome, GuidanceSlot
from mentoring.models.guidance import GUIDANCE_MINUTES_MAX, GUIDANCE_MINUTES_MIN
from portal.models import User

logger = logging.getLogger(__name__)


class GuidanceError(PortalError):
    """A rule about guidance said no; `field` names the form field it concerns, if any."""


class SlotTaken(GuidanceError):
    def __init__(self):
        super().__init__(
            _("Sorry, someone else booked this time just before you. Please choose another time.")
        )


def _overlapping(*, counsellor: User, starts_at: datetime, ends_at: datetime) -> bool:
    # A slot lasts at most GUIDANCE_MINUTES_MAX, so only slots starting within that can reach into ours.
    candidates = GuidanceSlot.objects.filter(
        counsellor=counsellor,
        cancelled_at__isnull=True,
        starts_at__lt=ends_at,
        starts_at__gt=starts_at - timedelta(minutes=GUIDANCE_MINUTES_MAX),
    )
    return any(slot.ends_at > starts_at for slot in candidates)


@transaction.atomic
def guidance_slot_publish(
    *, counsellor: User, starts_at: datetime, minutes: int, mode: str, place: str, now: datetime
) -> GuidanceSlot:
    """Publish a bookable slot. Raises GuidanceError for a non-counsellor, a past time or an overlap."""
    if not is_counsellor(counsellor):
        raise GuidanceError(_("Only counsellors can publish guidance times."))
    # Locking the counsellor serialises their publishing, so two overlapping slots cannot slip in together.
    counsellor = User.objects.select_for_update().get(pk=counsellor.pk)
    place = place.strip()
    if starts_at <= now:
        raise GuidanceError(_("Choose a time in the future."), field="starts_at")
    if not GUIDANCE_MINUTES_MIN <= minutes <= GUIDANCE_MINUTES_MAX:
        raise GuidanceError(
            _("A conversation is %(min)s to %(max)s minutes long.")
            % {"min": GUIDANCE_MINUTES_MIN, "max": GUIDANCE_MINUTES_MAX},
            field="minutes",
        )
    if mode not in GuidanceMode.values:
        raise GuidanceError(_("Choose in person or online."), field="mode")
    if mode == GuidanceMode.IN_PERSON and not place:
        raise GuidanceError(_("Write where you meet."), field="place")
    if _overlapping(
        counsellor=counsellor, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=minutes)
    ):
        raise GuidanceError(_("This time overlaps one of your other guidance times."), field="starts_at")
    slot = GuidanceSlot.objects.create(
        counsellor=counsellor, starts_at=starts_at, minutes=minutes, mode=mode, place=place, created_at=now
    )
    logger.info("guidance slot %s published by %s for %s", slot.pk, counsellor.pk, starts_at.isoformat())
    return slot


@transaction.atomic
def guidance_slot_cancel(*, slot: GuidanceSlot, actor: User, now: datetime) -> GuidanceSlot:
    """Withdraw the counsellor's own slot; a booking of it is cancelled and the person told."""
    slot = GuidanceSlot.objects.select_for_update().select_related("counsellor").get(pk=slot.pk)
    if slot.counsellor_id != actor.pk:
        raise GuidanceError(_("Only the counsellor who published this time can cancel it."))
    if slot.cancelled_at is not None:
        raise GuidanceError(_("This time is already cancelled."))
    if slot.starts_at <= now:
        raise GuidanceError(_("This time has already started."))
    booking = (
        GuidanceBooking.objects.filter(slot=slot, cancelled_at__isnull=True).select_related("person").first()
    )
    if booking is not None:
        booking.cancelled_at = now
        booking.save(update_fields=["cancelled_at"])
        guidance_notifications.guidance_cancelled(booking=booking, to=booking.person, now=now)
    slot.cancelled_at = now
    slot.save(update_fields=["cancelled_at"])
    logger.info("guidance slot %s cancelled by %s (booking %s)", slot.pk, actor.pk, booking and booking.pk)
    return slot


@transaction.atomic
def guidance_book(*, slot: GuidanceSlot, person: User, topic: str, now: datetime) -> GuidanceBooking:
    """Book a free future slot for `person`, e-mailing both a confirmation with an .ics.

    Raises SlotTaken when someone else holds the slot, GuidanceError when it is
    gone or past, or the person already has an upcoming booking.
    """
    # Lock the slot: of two people booking it at once, the second waits and then sees it taken.
    slot = GuidanceSlot.objects.select_for_update().select_related("counsellor").get(pk=slot.pk)
    if slot.cancelled_at is not None or slot.starts_at <= now:
        raise GuidanceError(_("This time is no longer available. Please choose another time."))
    if slot.counsellor_id == person.pk:
        raise GuidanceError(_("You cannot book your own guidance time."))
    if GuidanceBooking.objects.filter(slot=slot, cancelled_at__isnull=True).exists():
        raise SlotTaken
    # Locking the person serialises their bookings, so two tabs cannot book two times.
    person = User.objects.select_for_update().get(pk=person.pk)
    if GuidanceBooking.objects.filter(
        person=person, cancelled_at__isnull=True, slot__starts_at__gt=now
    ).exists():
        raise GuidanceError(
            _("You already have a guidance conversation booked. Cancel it first if you want another time.")
        )
    try:
        with transaction.atomic():
            booking = GuidanceBooking.objects.create(
                slot=slot, person=person, topic=topic.strip(), booked_at=now
            )
    except IntegrityError as error:
        # The database's one-active-booking-per-slot constraint: the lock was not enough (or not held).
        raise SlotTaken from error
    guidance_notifications.guidance_booked(booking=booking, now=now)
    logger.info("guidance slot %s booked by %s (booking %s)", slot.pk, person.pk, booking.pk)
    return booking


@transaction.atomic
def guidance_booking_cancel(*, booking: GuidanceBooking, actor: User, now: datetime) -> GuidanceBooking:
    """Cancel a booking before it starts (person or counsellor): the slot is free again, the other told."""
    booking = (
        GuidanceBooking.objects.select_for_update()
        .select_related("slot", "slot__counsellor", "person")
        .get(pk=booking.pk)
    )
    if actor.pk not in (booking.person_id, booking.slot.counsellor_id):
        raise GuidanceError(_("Only the person who booked and the counsellor can cancel this conversation."))
    if booking.cancelled_at is not None:
        raise GuidanceError(_("This conversation is already cancelled."))
    if booking.slot.starts_at <= now:
        raise GuidanceError(_("This conversation has already started."))
    booking.cancelled_at = now
    booking.save(update_fields=["cancelled_at"])
    other = booking.slot.counsellor if actor.pk == booking.person_id else booking.person
    guidance_notifications.guidance_cancelled(booking=booking, to=other, now=now)
    logger.info("guidance booking %s cancelled by %s", booking.pk, actor.pk)
    return booking


@transaction.atomic
def guidance_outcome_record(
    *, booking: GuidanceBooking, actor: User, outcome: str, note: str, now: datetime
) -> GuidanceBooking:
    """Record (or correct) the outcome of a held conversation: its counsellor only, once it has started."""
    booking = GuidanceBooking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    if booking.slot.counsellor_id != actor.pk:
        raise GuidanceError(_("Only the counsellor of this conversation can record its outcome."))
    if booking.cancelled_at is not None:
        raise GuidanceError(_("This conversation was cancelled."))
    if booking.slot.starts_at > now:
        raise GuidanceError(_("You can record the outcome once the conversation has started."))
    if outcome not in GuidanceOutcome.values:
        raise GuidanceError(_("Choose an outcome."), field="outcome")
    booking.outcome = outcome
    booking.outcome_note = note.strip()
    booking.outcome_recorded_at = now
    booking.save(update_fields=["outcome", "outcome_note", "outcome_recorded_at"])
    logger.info("guidance booking %s outcome %s recorded by %s", booking.pk, outcome, actor.pk)
    return booking
