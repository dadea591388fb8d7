"""Reviews: scoring an application against the intake's rubric, or stepping aside."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from mentoring.models import Application, Review
from mentoring.models.review import DEFAULT_RUBRIC, SCORE_RANGE, weighted_score
from mentoring.services.applications import TransitionNotAllowed, application_transition
from mentoring.workflow import Role, Status

REVIEWABLE = {Status.SUBMITTED, Status.IN_REVIEW, Status.WAITLISTED}


def rubric_keys() -> list[str]:
    return [criterion.key for criterion in DEFAULT_RUBRIC]


@transaction.atomic
def review_record(
    *, application: Application, reviewer, scores: dict[str, int], comment: str, now: datetime
) -> Review:
    """Store (or replace) `reviewer`'s scores; the first review takes a submitted application into review.

    Raises ValueError for a score outside 1–5 or an unknown criterion, and
    TransitionNotAllowed when the application is not open for review.
    """
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in REVIEWABLE:
        raise TransitionNotAllowed(_("This application is not open for review."))
    unknown = set(scores) - set(rubric_keys())
    if unknown or any(score not in SCORE_RANGE for score in scores.values()):
        raise ValueError(f"Scores must be 1–5 for the rubric's criteria, got {scores!r}")
    review, _created = Review.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={
            "scores": scores,
            "score": weighted_score(scores=scores, weights=application.intake.rubric_weights),
            "comment": comment,
            "conflict_of_interest": False,
        },
    )
    if application.status == Status.SUBMITTED:
        application_transition(
            application=application, target=Status.IN_REVIEW, actor=reviewer, role=Role.COORDINATOR, now=now
        )
    return review


@transaction.atomic
def review_declare_conflict(*, application: Application, reviewer) -> Review:
    """`reviewer` steps aside: their scores are dropped and the application leaves their queue."""
    review, _created = Review.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={"scores": {}, "score": None, "comment": "", "conflict_of_interest": True},
    )
    return review
