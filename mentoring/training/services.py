"""Enrolment in a training offer's occasion: enrol, cancel, remind; attendance and confirmed hours.

The occasion row is the lock for its places: concurrent enrolments and
cancellations of one occasion queue on it, so the count of enrolled people each
of them reads is the one the ones before it committed. E-mail goes to the
outbox in the same transaction (`mentoring.training.notifications`).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.models import TrainingOccasion
from mentoring.certificates.services import certificates_withdraw
from mentoring.core.errors import PortalError
from mentoring.models import (
    ApplicantProfile,
    CompanyRequest,
    Enrolment,
    EnrolmentStatus,
    WithdrawalReason,
)
from mentoring.models.training import (
    Attendance,
    EnrolmentChange,
    EnrolmentEvent,
)
from mentoring.training.notifications import _mail
from mentoring.training.selectors import (
    cancel_deadline,
    course_days,
    enrolment_hours,
    enrolment_open_of,
    hours_field_name,
    hours_valid,
    is_course_staff,
    occasion_canonical,
    occasion_enrolled_count,
    occasion_reservation,
    waiting_position,
)


class EnrolmentError(PortalError):
    """A rule said no; `message` says why in words a person understands.

    `field` names the form field the message belongs to, when there is one.
    """


class ProfileMissing(EnrolmentError):
    def __init__(self):
        super().__init__(_("Tell us about yourself first: enrolment needs your profile."))


class AlreadyEnrolled(EnrolmentError):
    def __init__(self, enrolment: Enrolment):
        super().__init__(_("You are already signed up for this occasion."))
        self.enrolment = enrolment


class OccasionStarted(EnrolmentError):
    def __init__(self):
        super().__init__(_("This occasion has already started."))


class ReservedForCompany(EnrolmentError):
    def __init__(self):
        super().__init__(
            _("This occasion is reserved for a company's employees. Use the link the company gave you.")
        )


class CancelTooLate(EnrolmentError):
    def __init__(self):
        super().__init__(
            _(
                "It is less than 48 hours until the course starts, so you can no longer cancel here. "
                "Please call us."
            )
        )


class NotYours(EnrolmentError):
    def __init__(self):
        super().__init__(_("Only the person who enrolled can cancel."))


class NotCourseStaff(EnrolmentError):
    def __init__(self):
        super().__init__(_("Only coordinators and course leaders can mark attendance."))


class NotACourseDay(EnrolmentError):
    field = "day"

    def __init__(self):
        super().__init__(_("Choose one of the course's days."))


class DayInFuture(EnrolmentError):
    field = "day"

    def __init__(self):
        super().__init__(_("You can mark attendance for this day once it has come."))


class NotEnrolledHere(EnrolmentError):
    def __init__(self):
        super().__init__(_("Attendance can be marked only for people with a place on this occasion."))


class HoursInvalid(EnrolmentError):
    def __init__(self, enrolment_id: int):
        super().__init__(_("Write the hours as a number from 0 to 10, in half hours (for example 6 or 6.5)."))
        self.enrolment_id = enrolment_id
        self.field = hours_field_name(enrolment_id)


class NotYourHours(EnrolmentError):
    def __init__(self):
        super().__init__(_("Only the person who took part can confirm the hours."))


class NoHoursToConfirm(EnrolmentError):
    def __init__(self):
        super().__init__(_("No hours have been marked for you on this course yet."))


# --- Audit -----------------------------------------------------------------------


def enrolment_change_record(
    *, enrolment: Enrolment, actor, now: dt.datetime, event: str, from_status: str | None = None, note=""
) -> EnrolmentChange:
    """One EnrolmentChange row; `from_status` None means the status did not change."""
    return EnrolmentChange.objects.create(
        enrolment=enrolment,
        at=now,
        actor=actor if actor is not None and actor.is_authenticated else None,
        event=event,
        from_status=enrolment.status if from_status is None else from_status,
        to_status=enrolment.status,
        note=note,
    )


# --- Services --------------------------------------------------------------------


@dataclass(frozen=True)
class EnrolmentResult:
    enrolment: Enrolment
    position: int  # on the waiting list; 0 with a place


@transaction.atomic
def enrolment_create(
    *, occasion: TrainingOccasion, person, now: dt.datetime, company_request: CompanyRequest | None = None
) -> EnrolmentResult:
    """Give `person` a place on `occasion`, or the next place on its waiting list when it is full.

    E-mails a confirmation saying which. `company_request` links the enrolment to a
    company's effort; an occasion reserved for a company takes only enrolments linked
    to that company's request. Raises ProfileMissing without an applicant profile,
    OccasionStarted once the first day has come, AlreadyEnrolled when the person
    already has a place or is waiting, ReservedForCompany for someone else's reservation.
    """
    if not ApplicantProfile.objects.filter(user=person).exists():
        raise ProfileMissing
    occasion = TrainingOccasion.objects.select_for_update().get(pk=occasion_canonical(occasion).pk)
    if occasion.starts_on <= timezone.localdate(now):
        raise OccasionStarted
    reservation = occasion_reservation(occasion)
    if reservation is not None and (company_request is None or company_request.pk != reservation.pk):
        raise ReservedForCompany
    existing = enrolment_open_of(occasion=occasion, person=person)
    if existing is not None:
        raise AlreadyEnrolled(existing)
    full = occasion_enrolled_count(occasion) >= occasion.places
    enrolment = Enrolment.objects.create(
        occasion=occasion,
        person=person,
        company_request=company_request,
        status=EnrolmentStatus.WAITLISTED if full else EnrolmentStatus.ENROLLED,
        created_at=now,
    )
    enrolment_change_record(
        enrolment=enrolment,
        actor=person,
        now=now,
        event=EnrolmentEvent.WAITLISTED if full else EnrolmentEvent.ENROLLED,
        from_status="",
    )
    position = waiting_position(enrolment)
    if full:
        _mail(enrolment=enrolment, template="training_waitlisted", event="waitlisted", position=position)
    else:
        _mail(enrolment=enrolment, template="training_enrolled", event="enrolled")
    return EnrolmentResult(enrolment=enrolment, position=position)


@transaction.atomic
def enrolment_cancel(
    *, enrolment: Enrolment, actor, now: dt.datetime, until_start: bool = False
) -> Enrolment | None:
    """Cancel `actor`'s own enrolment until 48 hours before the start; returns whom it moved up.

    A freed place goes to the first on the waiting list (by when they enrolled),
    who is e-mailed. Cancelling a cancelled enrolment changes nothing. Raises
    NotYours for someone else's enrolment, CancelTooLate within 48 hours. With
    `until_start` (erasure: the person will not come, so the place should go on) it
    cancels up to the first day and raises OccasionStarted from then on.
    """
    occasion = TrainingOccasion.objects.select_for_update().get(pk=enrolment.occasion_id)
    enrolment = Enrolment.objects.select_for_update().select_related("person").get(pk=enrolment.pk)
    if enrolment.person_id != actor.pk:
        raise NotYours
    if not enrolment.is_open:
        return None
    if until_start and occasion.starts_on <= timezone.localdate(now):
        raise OccasionStarted
    if not until_start and now >= cancel_deadline(occasion):
        raise CancelTooLate
    had_place = enrolment.status == EnrolmentStatus.ENROLLED
    from_status = enrolment.status
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.cancelled_at = now
    enrolment.save(update_fields=["status", "cancelled_at"])
    enrolment_change_record(
        enrolment=enrolment, actor=actor, now=now, event=EnrolmentEvent.CANCELLED, from_status=from_status
    )
    _mail(enrolment=enrolment, template="training_cancelled", event="cancelled")
    if not had_place or occasion_enrolled_count(occasion) >= occasion.places:
        return None
    first = (
        Enrolment.objects.select_for_update()
        .select_related("person", "occasion__page")
        .filter(occasion=occasion, status=EnrolmentStatus.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = EnrolmentStatus.ENROLLED
    first.promoted_at = now
    first.save(update_fields=["status", "promoted_at"])
    # The actor is None: the rules moved this person up, nobody chose them, and naming the
    # canceller would put one participant's identity in another participant's history.
    enrolment_change_record(
        enrolment=first,
        actor=None,
        now=now,
        event=EnrolmentEvent.PROMOTED,
        from_status=EnrolmentStatus.WAITLISTED,
        note="A place was freed by a cancellation.",
    )
    _mail(enrolment=first, template="training_promoted", event="promoted")
    return first


def enrolments_remind(*, now: dt.datetime) -> list[Enrolment]:
    """E-mail everyone with a place on an occasion that starts tomorrow, once each.

    Idempotent: `reminded_at` is set in the transaction that writes the e-mail,
    so a second run the same day finds nobody left to remind.
    """
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    due = Enrolment.objects.filter(
        status=EnrolmentStatus.ENROLLED, reminded_at__isnull=True, occasion__starts_on=tomorrow
    ).values_list("pk", flat=True)
    reminded = []
    for pk in list(due):
        with transaction.atomic():
            enrolment = (
                Enrolment.objects.select_for_update().select_related("person", "occasion__page").get(pk=pk)
            )
            if enrolment.status != EnrolmentStatus.ENROLLED or enrolment.reminded_at is not None:
                continue
            enrolment.reminded_at = now
            enrolment.save(update_fields=["reminded_at"])
            _mail(enrolment=enrolment, template="training_reminder", event="reminder")
            reminded.append(enrolment)
    return reminded


# --- Attendance: services ------------------------------------------------------------


def _hours_note(day: dt.date, hours: Decimal, before: Decimal | None) -> str:
    note = f"{day:%Y-%m-%d}: {hours.quantize(Decimal('0.1'))} h"
    if before is not None:
        note += f" (was {before.quantize(Decimal('0.1'))} h)"
    return note


@transaction.atomic
def attendance_mark(
    *,
    occasion: TrainingOccasion,
    day: dt.date,
    hours_by_enrolment: dict[int, Decimal],
    actor,
    now: dt.datetime,
) -> list[Enrolment]:
    """Record the hours each enrolled person attended `occasion` on `day`; returns whose changed.

    Hours are 0 (absent) to 10 in half hours. A person whose hours change after they
    confirmed them must confirm again; her certificates of the occasion are withdrawn. Each
    changed enrolment gets an audit row; marking the same hours again changes nothing. Raises
    NotCourseStaff unless `actor` is a coordinator or course leader, NotACourseDay, DayInFuture,
    NotEnrolledHere for an enrolment without a place on this occasion, HoursInvalid naming the
    first bad entry.
    """
    if not is_course_staff(actor):
        raise NotCourseStaff
    # The occasion row is the lock: a cancellation or a second marker waits for this one.
    occasion = TrainingOccasion.objects.select_for_update().get(pk=occasion_canonical(occasion).pk)
    if day not in course_days(occasion.starts_on, occasion.ends_on):
        raise NotACourseDay
    if day > timezone.localdate(now):
        raise DayInFuture
    for enrolment_id, hours in hours_by_enrolment.items():
        if not hours_valid(hours):
            raise HoursInvalid(enrolment_id)
    enrolments = {
        e.pk: e
        for e in Enrolment.objects.select_for_update().filter(
            occasion=occasion, status=EnrolmentStatus.ENROLLED, pk__in=list(hours_by_enrolment)
        )
    }
    if set(hours_by_enrolment) - set(enrolments):
        raise NotEnrolledHere
    existing = {
        a.enrolment_id: a for a in Attendance.objects.filter(enrolment_id__in=list(enrolments), day=day)
    }
    created, updated, changes, unconfirmed = [], [], [], []
    for enrolment_id in sorted(hours_by_enrolment):
        hours = Decimal(hours_by_enrolment[enrolment_id]).quantize(Decimal("0.1"))
        enrolment = enrolments[enrolment_id]
        attendance = existing.get(enrolment_id)
        if attendance is not None and attendance.hours == hours:
            continue
        before = attendance.hours if attendance is not None else None
        if attendance is None:
            created.append(
                Attendance(enrolment=enrolment, day=day, hours=hours, marked_by=actor, marked_at=now)
            )
        else:
            attendance.hours, attendance.marked_by, attendance.marked_at = hours, actor, now
            updated.append(attendance)
        if enrolment.hours_confirmed_at is not None:
            enrolment.hours_confirmed_at = None
            unconfirmed.append(enrolment.pk)
        changes.append(
            EnrolmentChange(
                enrolment=enrolment,
                at=now,
                actor=actor,
                event=EnrolmentEvent.ATTENDANCE,
                from_status=enrolment.status,
                to_status=enrolment.status,
                note=_hours_note(day, hours, before),
            )
        )
    Attendance.objects.bulk_create(created)
    Attendance.objects.bulk_update(updated, ["hours", "marked_by", "marked_at"])
    if unconfirmed:
        Enrolment.objects.filter(pk__in=unconfirmed).update(hours_confirmed_at=None)
    EnrolmentChange.objects.bulk_create(changes)
    certificates_withdraw(
        enrolment_ids=[change.enrolment.pk for change in changes],
        reason=WithdrawalReason.HOURS_CHANGED,
        actor=actor,
        now=now,
    )
    return [change.enrolment for change in changes]


@transaction.atomic
def enrolment_hours_confirm(*, enrolment: Enrolment, actor, now: dt.datetime) -> Enrolment:
    """The participant confirms the hours marked for them, as they stand now.

    Confirming again without a change in between changes nothing (and writes no second
    audit row). Raises NotYourHours for anyone but the enrolment's person, NoHoursToConfirm
    before any day is marked.
    """
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.person_id != actor.pk:
        raise NotYourHours
    if not Attendance.objects.filter(enrolment=enrolment).exists():
        raise NoHoursToConfirm
    if enrolment.hours_confirmed_at is not None:
        return enrolment
    enrolment.hours_confirmed_at = now
    enrolment.save(update_fields=["hours_confirmed_at"])
    enrolment_change_record(
        enrolment=enrolment,
        actor=actor,
        now=now,
        event=EnrolmentEvent.HOURS_CONFIRMED,
        note=f"{enrolment_hours(enrolment).quantize(Decimal('0.1'))} h",
    )
    return enrolment
