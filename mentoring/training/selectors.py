"""Reads for training: occasions and their free places, enrolments, waiting positions, hours."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import BigIntegerField, Count, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.urls import reverse
from django.utils import timezone

from content.models import TrainingOccasion
from mentoring.certificates.selectors import certificate_available, certificates_valid_of
from mentoring.core.querysets import KeptStatement, Parameter, made_once
from mentoring.core.roles import has_any_role
from mentoring.models import (
    CompanyRequest,
    CompanyRequestStatus,
    Enrolment,
    EnrolmentStatus,
)
from mentoring.models.training import (
    ATTENDANCE_HOURS_MAX,
    Attendance,
)
from portal import roles

CANCEL_HOURS_BEFORE = 48


# --- Pure helpers ----------------------------------------------------------------

HOURS_STEP = Decimal("0.5")


def course_days(starts_on: dt.date, ends_on: dt.date) -> list[dt.date]:
    """The days attendance is marked for: the weekdays from `starts_on` to `ends_on`.

    A course held only on a weekend has no weekday, so then every date in the range counts.
    """
    every = [starts_on + dt.timedelta(days=n) for n in range((ends_on - starts_on).days + 1)]
    weekdays = [day for day in every if day.weekday() < 5]
    return weekdays or every


def hours_valid(hours) -> bool:
    """0 to ATTENDANCE_HOURS_MAX in half hours."""
    try:
        hours = Decimal(hours)
    except (InvalidOperation, TypeError, ValueError):
        return False
    return hours.is_finite() and 0 <= hours <= ATTENDANCE_HOURS_MAX and hours % HOURS_STEP == 0


def hours_field_name(enrolment_id: int) -> str:
    """The attendance form's field for one enrolment's hours (services name it in HoursInvalid)."""
    return f"hours_{enrolment_id}"


# --- Selectors -------------------------------------------------------------------


def occasion_canonical(occasion: TrainingOccasion) -> TrainingOccasion:
    """The occasion that holds the places: the first of its translations (the source language's)."""
    return (
        TrainingOccasion.objects.filter(translation_key=occasion.translation_key)
        .select_related("page")
        .order_by("pk")
        .first()
    )


def occasion_reservation(occasion: TrainingOccasion) -> CompanyRequest | None:
    """The planned company effort `occasion` (its canonical row) is reserved for, if any."""
    return CompanyRequest.objects.filter(
        reserved_occasion_id=occasion.pk, status=CompanyRequestStatus.PLANNED
    ).first()


def occasion_enrolled_count(occasion: TrainingOccasion) -> int:
    return Enrolment.objects.filter(occasion=occasion, status=EnrolmentStatus.ENROLLED).count()


def occasion_free_places(occasion: TrainingOccasion) -> int:
    return max(occasion.places - occasion_enrolled_count(occasion), 0)


def waiting_position(enrolment: Enrolment) -> int:
    """1 for the first in line; 0 when `enrolment` is not on the waiting list."""
    if enrolment.status != EnrolmentStatus.WAITLISTED:
        return 0
    ahead = (
        Enrolment.objects.filter(occasion_id=enrolment.occasion_id, status=EnrolmentStatus.WAITLISTED)
        .filter(created_at__lte=enrolment.created_at)
        .exclude(created_at=enrolment.created_at, pk__gte=enrolment.pk)
        .count()
    )
    return ahead + 1


def enrolment_open_of(*, occasion: TrainingOccasion, person) -> Enrolment | None:
    return Enrolment.objects.filter(
        occasion=occasion, person=person, status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED]
    ).first()


def enrolments_of(person):
    """The person's enrolments, the coming occasions first."""
    return (
        Enrolment.objects.filter(person=person)
        .select_related("occasion__page")
        .order_by("-occasion__starts_on", "-created_at")
    )


def cancel_deadline(occasion: TrainingOccasion) -> dt.datetime:
    """48 hours before the first day begins, in the portal's time zone."""
    start = timezone.make_aware(dt.datetime.combine(occasion.starts_on, dt.time.min))
    return start - dt.timedelta(hours=CANCEL_HOURS_BEFORE)


def may_cancel(enrolment: Enrolment, *, now: dt.datetime) -> bool:
    return enrolment.is_open and now < cancel_deadline(enrolment.occasion)


# --- Attendance: selectors ---------------------------------------------------------


STAFF_RECENT_DAYS = 60


def is_course_staff(user) -> bool:
    """Coordinators and course leaders mark attendance and see who is enrolled (one query)."""
    return has_any_role(user, roles.COORDINATORS, roles.COURSE_LEADERS)


def occasions_canonical():
    """Occasions that hold places: the first row of each translation key (see occasion_canonical)."""
    first = (
        TrainingOccasion.objects.filter(translation_key=OuterRef("translation_key"))
        .order_by("pk")
        .values("pk")
    )
    return TrainingOccasion.objects.annotate(canonical_pk=Subquery(first[:1])).filter(pk=F("canonical_pk"))


def occasions_for_staff(*, today: dt.date):
    """Occasions under way or coming, and those that ended in the last STAFF_RECENT_DAYS days,
    soonest first, each with `enrolled_count` and `waiting_count`."""
    return (
        occasions_canonical()
        .filter(ends_on__gte=today - dt.timedelta(days=STAFF_RECENT_DAYS))
        .select_related("page")
        .annotate(
            enrolled_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED)),
            waiting_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITLISTED)),
        )
        .order_by("starts_on", "pk")
    )


def enrolment_hours(enrolment: Enrolment) -> Decimal:
    """The hours marked for `enrolment`, all days together (0 without any)."""
    return Attendance.objects.filter(enrolment=enrolment).aggregate(total=Sum("hours"))["total"] or Decimal(0)


def has_course_hours(person) -> bool:
    """Whether any hour of attendance is marked for `person`, on any course: the figures count it."""
    return Attendance.objects.filter(enrolment__person=person).exists()


def enrolment_attendance(enrolment: Enrolment) -> list[Attendance]:
    """The days marked for `enrolment`, in order."""
    return list(Attendance.objects.filter(enrolment=enrolment).order_by("day"))


def hours_total_subquery():
    """Annotation for Enrolment querysets: the sum of marked hours, None without any row."""
    return Subquery(
        Attendance.objects.filter(enrolment=OuterRef("pk"))
        .order_by()
        .values("enrolment")
        .annotate(total=Sum("hours"))
        .values("total")[:1],
        output_field=DecimalField(max_digits=6, decimal_places=1),
    )


@dataclass(frozen=True)
class AttendanceRow:
    enrolment: Enrolment
    position: int  # on the waiting list; 0 otherwise
    hours_by_day: dict[dt.date, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum(self.hours_by_day.values(), Decimal(0))

    @property
    def has_hours(self) -> bool:
        return bool(self.hours_by_day)

    @property
    def confirmed(self) -> bool:
        return self.enrolment.hours_confirmed_at is not None


@dataclass(frozen=True)
class AttendanceGrid:
    days: list[dt.date]
    rows: list[AttendanceRow]

    @property
    def enrolled(self) -> list[AttendanceRow]:
        return [row for row in self.rows if row.enrolment.status == EnrolmentStatus.ENROLLED]


_STATUS_ORDER = {EnrolmentStatus.ENROLLED: 0, EnrolmentStatus.WAITLISTED: 1, EnrolmentStatus.CANCELLED: 2}


def occasion_attendance_grid(occasion: TrainingOccasion) -> AttendanceGrid:
    """Everyone enrolled in `occasion` (its canonical row) with their hours per course day.

    People with a place first, then the waiting list in its order, then cancellations.
    Two queries, however many people.
    """
    enrolments = list(
        Enrolment.objects.filter(occasion_id=occasion.pk)
        .select_related("person")
        .prefetch_related("attendance")
        .order_by("created_at", "pk")
    )
    rows = []
    position = 0
    for enrolment in enrolments:
        if enrolment.status == EnrolmentStatus.WAITLISTED:
            position += 1
        rows.append(
            AttendanceRow(
                enrolment=enrolment,
                position=position if enrolment.status == EnrolmentStatus.WAITLISTED else 0,
                hours_by_day={a.day: a.hours for a in enrolment.attendance.all()},
            )
        )
    rows.sort(key=lambda row: _STATUS_ORDER.get(row.enrolment.status, 3))
    return AttendanceGrid(days=course_days(occasion.starts_on, occasion.ends_on), rows=rows)


@dataclass(frozen=True)
class CourseEntry:
    enrolment: Enrolment
    status_label: str
    badge_class: str
    position: int
    cancel_url: str
    hours: Decimal | None = None  # None until a day is marked
    hours_url: str = ""
    hours_to_confirm: bool = False
    # Where to make a certificate, once the course is over and the hours confirmed; "" before.
    certificate_url: str = ""
    certificates: list = field(default_factory=list)  # the valid ones, each downloadable


_COURSE_BADGES = {
    EnrolmentStatus.ENROLLED: "badge badge--success",
    EnrolmentStatus.WAITLISTED: "badge badge--warning",
}


@made_once
def _course_entries() -> QuerySet[Enrolment]:
    """Every enrolment with what "My courses" shows of it (`course_entries_of`), the coming
    occasions first; only what the list shows of an occasion and its page (a page's row is wide)."""
    return (
        Enrolment.objects.select_related("occasion__page")
        .only(
            "status",
            "created_at",
            "hours_confirmed_at",
            "occasion__starts_on",
            "occasion__ends_on",
            "occasion__place",
            "occasion__online",
            "occasion__page__title",
            "occasion__page__url_path",
        )
        # Summed over the join: a person has few enrolments, and this compiles faster than a subquery.
        .annotate(hours_total=Sum("attendance__hours"))
        .order_by("-occasion__starts_on", "-created_at")
    )


# `_course_entries` of one person, with a statement built once per process.
_COURSE_ENTRIES = KeptStatement(
    lambda: _course_entries().filter(person_id=Parameter("person", BigIntegerField()))
)


def course_entries_of(person, *, now: dt.datetime) -> list[CourseEntry]:
    """The person's enrolments as the dashboard's "My courses" lists them: one query, and one more
    for the certificates when hours have been confirmed (and one for each place on a waiting list).
    """
    enrolments = _COURSE_ENTRIES.instances(person=person.pk)
    confirmed = [e.pk for e in enrolments if e.hours_confirmed_at is not None]
    certificates = certificates_valid_of(confirmed) if confirmed else {}
    today = timezone.localdate(now)
    return [
        CourseEntry(
            enrolment=enrolment,
            status_label=str(EnrolmentStatus(enrolment.status).label),
            badge_class=_COURSE_BADGES.get(enrolment.status, "badge"),
            position=waiting_position(enrolment),
            cancel_url=reverse("mentoring:training_cancel", args=[enrolment.pk])
            if may_cancel(enrolment, now=now)
            else "",
            hours=enrolment.hours_total,
            hours_url=reverse("mentoring:training_hours_confirm", args=[enrolment.pk])
            if enrolment.hours_total is not None
            else "",
            hours_to_confirm=enrolment.hours_total is not None and enrolment.hours_confirmed_at is None,
            certificate_url=reverse("mentoring:certificate_issue", args=[enrolment.pk])
            if certificate_available(enrolment, hours=enrolment.hours_total, today=today)
            else "",
            certificates=certificates.get(enrolment.pk, []),
        )
        for enrolment in enrolments
    ]


# --- An offer page's places (through content's hook) -------------------------------------------


@dataclass(frozen=True)
class OccasionPlaces:
    places: int
    free: int
    started: bool
    enrol_url: str
    # Held for a company's employees, who enrol through the link the company was sent.
    reserved: bool = False

    @property
    def is_full(self) -> bool:
        return self.free < 1


def occasion_places(occasion, *, today: dt.date) -> OccasionPlaces:
    """An occasion's places as its offer page shows them: free, full or reserved, and where to enrol."""
    canonical = occasion_canonical(occasion)
    return OccasionPlaces(
        places=canonical.places,
        free=occasion_free_places(canonical),
        started=canonical.starts_on <= today,
        enrol_url=reverse("mentoring:training_enrol", args=[occasion.pk]),
        reserved=occasion_reservation(canonical) is not None,
    )
