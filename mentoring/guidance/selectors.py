"""Reads for study guidance, each filtered by what the user may see."""

from datetime import datetime

from django.db.models import BigIntegerField, DateTimeField, Exists, OuterRef, Q, QuerySet

from mentoring.core.querysets import KeptStatement, Parameter
from mentoring.core.roles import has_any_role
from mentoring.models import GuidanceBooking, GuidanceSlot
from portal import roles


def is_counsellor(user) -> bool:
    return has_any_role(user, roles.COUNSELLORS)


def _active_booking():
    return GuidanceBooking.objects.filter(slot=OuterRef("pk"), cancelled_at__isnull=True)


def guidance_slots_open() -> QuerySet[GuidanceSlot]:
    """Slots not cancelled by their counsellor, booked or not."""
    return GuidanceSlot.objects.filter(cancelled_at__isnull=True).select_related("counsellor")


def guidance_slots_free(*, now: datetime) -> QuerySet[GuidanceSlot]:
    """Open slots in the future with no active booking: what anyone may book."""
    return guidance_slots_open().filter(starts_at__gt=now).exclude(Exists(_active_booking()))


def guidance_slots_of_counsellor(user) -> QuerySet[GuidanceSlot]:
    return (
        GuidanceSlot.objects.filter(counsellor=user) if user.is_authenticated else GuidanceSlot.objects.none()
    )


def guidance_bookings_visible_to(user) -> QuerySet[GuidanceBooking]:
    """Active bookings the user made or holds as the counsellor; anonymous people none."""
    if not user.is_authenticated:
        return GuidanceBooking.objects.none()
    return GuidanceBooking.objects.filter(
        Q(person=user) | Q(slot__counsellor=user), cancelled_at__isnull=True
    ).select_related("slot", "slot__counsellor", "person")


def guidance_bookings_of_counsellor(user) -> QuerySet[GuidanceBooking]:
    """Bookings (cancelled ones too) of the counsellor's own slots."""
    if not user.is_authenticated:
        return GuidanceBooking.objects.none()
    return GuidanceBooking.objects.filter(slot__counsellor=user).select_related("slot", "person")


def _bookings_upcoming_of(user, *, now: datetime) -> QuerySet[GuidanceBooking]:
    return GuidanceBooking.objects.filter(person=user, cancelled_at__isnull=True, slot__starts_at__gt=now)


def guidance_booking_upcoming_of(user, *, now: datetime) -> GuidanceBooking | None:
    """The person's active booking that has not started yet, if any."""
    if not user.is_authenticated:
        return None
    return _bookings_upcoming_of(user, now=now).select_related("slot", "slot__counsellor").first()


def guidance_booking_time_of(user, *, now: datetime) -> GuidanceBooking | None:
    """The booking `guidance_booking_upcoming_of` gives, with only its slot's start loaded: what the
    person's dashboard shows of it (no counsellor, no topic)."""
    if not user.is_authenticated:
        return None
    found = _BOOKING_TIME.instances(person=user.pk, now=now)
    return found[0] if found else None


def _booking_time() -> QuerySet[GuidanceBooking]:
    bookings = (
        GuidanceBooking.objects.filter(
            person_id=Parameter("person", BigIntegerField()),
            cancelled_at__isnull=True,
            slot__starts_at__gt=Parameter("now", DateTimeField()),
        )
        .select_related("slot")
        .only("slot__starts_at")
    )
    # As `first()` reads it: in the model's order, else by ID.
    return (bookings if bookings.ordered else bookings.order_by("pk"))[:1]


# `guidance_booking_time_of`'s read (`_bookings_upcoming_of`, its first), with a statement built once.
_BOOKING_TIME = KeptStatement(_booking_time)
