"""Enrolment in a training offer's occasion: enrol, cancel, remind.

The occasion row is the lock for its places: concurrent enrolments and
cancellations of one occasion queue on it, so the count of enrolled people each
of them reads is the one the ones before it committed. E-mail goes to the
outbox in the same transaction (`mentoring.notifications`).
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from content.models import TrainingOccasion
from mentoring import notifications
from mentoring.models import (
    ApplicantProfile,
    CompanyRequest,
    CompanyRequestStatus,
    Enrolment,
    EnrolmentStatus,
)

CANCEL_HOURS_BEFORE = 48


class EnrolmentError(Exception):
    """A rule said no; `message` says why in words a person understands."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


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


# --- E-mail ----------------------------------------------------------------------


def _language(person) -> str:
    profile = ApplicantProfile.objects.filter(user=person).first()
    return profile.contact_language if profile else settings.LANGUAGE_CODE


def _offer_in(offer, language: str):
    """The offer's live translation into `language`, if it has one, else the offer itself."""
    locale = Locale.objects.filter(language_code=language).first()
    translated = offer.get_translation_or_none(locale) if locale else None
    return translated if translated is not None and translated.live else offer


def _mail(*, enrolment: Enrolment, template: str, event: str, **extra) -> None:
    language = _language(enrolment.person)
    with translation.override(language):
        dashboard_url = notifications.absolute_url("mentoring:dashboard")
    occasion = enrolment.occasion
    notifications.send_from_templates(
        template=template,
        context={
            "enrolment": enrolment,
            "occasion": occasion,
            "offer": _offer_in(occasion.page, language),
            "name": enrolment.person.get_full_name() or enrolment.person.email,
            "dashboard_url": dashboard_url,
            "cancel_deadline": timezone.localtime(cancel_deadline(occasion)),
            **extra,
        },
        to=enrolment.person.email,
        language=language,
        headers={"X-Portal-Enrolment": str(enrolment.pk), "X-Portal-Event": event},
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
    position = waiting_position(enrolment)
    if full:
        _mail(enrolment=enrolment, template="training_waitlisted", event="waitlisted", position=position)
    else:
        _mail(enrolment=enrolment, template="training_enrolled", event="enrolled")
    return EnrolmentResult(enrolment=enrolment, position=position)


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, actor, now: dt.datetime) -> Enrolment | None:
    """Cancel `actor`'s own enrolment until 48 hours before the start; returns whom it moved up.

    A freed place goes to the first on the waiting list (by when they enrolled),
    who is e-mailed. Cancelling a cancelled enrolment changes nothing. Raises
    NotYours for someone else's enrolment, CancelTooLate within 48 hours.
    """
    occasion = TrainingOccasion.objects.select_for_update().get(pk=enrolment.occasion_id)
    enrolment = Enrolment.objects.select_for_update().select_related("person").get(pk=enrolment.pk)
    if enrolment.person_id != actor.pk:
        raise NotYours
    if not enrolment.is_open:
        return None
    if now >= cancel_deadline(occasion):
        raise CancelTooLate
    had_place = enrolment.status == EnrolmentStatus.ENROLLED
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.cancelled_at = now
    enrolment.save(update_fields=["status", "cancelled_at"])
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
