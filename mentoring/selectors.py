"""Reads that already filter by what the asking person may see (STYLE.md rule 6)."""

from django.db.models import Avg, Count, Q, QuerySet

from mentoring.models import Application, Intake
from portal import roles


def is_coordinator(user) -> bool:
    return roles.user_has_role(user, roles.COORDINATORS)


def applications_visible_to(user) -> QuerySet[Application]:
    """Coordinators see every application; anyone else only their own; anonymous people none."""
    if not user.is_authenticated:
        return Application.objects.none()
    if is_coordinator(user):
        return Application.objects.all()
    return Application.objects.filter(applicant=user)


def applications_in_queue(*, intake: Intake, reviewer) -> QuerySet[Application]:
    """The review queue of `intake` for `reviewer`: submitted or later, without those they stepped aside from.

    Each row carries `average_score` (the mean of the reviews' weighted scores) and
    `review_count`, and the applicant's profile, in one query.
    """
    return (
        applications_visible_to(reviewer)
        .filter(intake=intake)
        .exclude(status="draft")
        .exclude(reviews__reviewer=reviewer, reviews__conflict_of_interest=True)
        .select_related("applicant__applicant_profile", "intake")
        .annotate(
            average_score=Avg("reviews__score", filter=Q(reviews__conflict_of_interest=False)),
            review_count=Count("reviews", filter=Q(reviews__conflict_of_interest=False)),
        )
    )


def intake_open_for(*, programme, now) -> Intake | None:
    """The intake of `programme` that is open at `now`, if any (the earliest closing first)."""
    return (
        Intake.objects.filter(
            programme__translation_key=programme.translation_key, opens_at__lte=now, closes_at__gt=now
        )
        .order_by("closes_at")
        .first()
    )


def intake_next_for(*, programme, now) -> Intake | None:
    return (
        Intake.objects.filter(programme__translation_key=programme.translation_key, opens_at__gt=now)
        .order_by("opens_at")
        .first()
    )
