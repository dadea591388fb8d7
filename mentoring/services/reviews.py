"""Reviews: scoring an application against the intake's rubric, stepping aside, or seeing who applied."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from mentoring.models import Application, IdentityReveal, Review
from mentoring.models.review import DEFAULT_RUBRIC, SCORE_RANGE, weighted_score
from mentoring.services.applications import ApplicationError, TransitionNotAllowed, application_transition
from mentoring.workflow import DECISIONS, Role, Status

REVIEWABLE = {Status.SUBMITTED, Status.IN_REVIEW, Status.WAITLISTED}
# Where a blind review still hides who applied and a decision is still to be taken.
UNDECIDED = {Status.SUBMITTED, Status.IN_REVIEW}
# Once decided (or withdrawn) the reviews are the record the decision rests on.
CLOSED_TO_CONFLICTS = {*DECISIONS, Status.WITHDRAWN}


class ReviewNotAllowed(ApplicationError):
    """This person may not score (or no longer score) this application."""


class IdentityRevealNotAllowed(ApplicationError):
    """There is nothing to reveal, or this coordinator may not take part in the decision."""


def rubric_keys() -> list[str]:
    return [criterion.key for criterion in DEFAULT_RUBRIC]


@transaction.atomic
def review_record(
    *, application: Application, reviewer, scores: dict[str, int], comment: str, now: datetime
) -> Review:
    """Store (or replace) `reviewer`'s scores; the first review takes a submitted application into review.

    Raises ValueError for a score outside 1–5 or an unknown criterion,
    TransitionNotAllowed when the application is not open for review, and
    ReviewNotAllowed when `reviewer` has declared a conflict of interest or has
    chosen to see who applied (blind review).
    """
    # The lock also orders this against `application_identity_reveal` on the same application.
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in REVIEWABLE:
        raise TransitionNotAllowed(_("This application is not open for review."))
    # Under the lock, so a conflict declared a moment ago cannot be overwritten by a score.
    if Review.objects.filter(application=application, reviewer=reviewer, conflict_of_interest=True).exists():
        raise ReviewNotAllowed(
            _("You have declared a conflict of interest for this application, so you cannot score it.")
        )
    if IdentityReveal.objects.filter(application=application, coordinator=reviewer).exists():
        raise ReviewNotAllowed(
            _(
                "You have seen who applied, so you can no longer score this application: "
                "in a blind review the reviewers do not know who applied."
            )
        )
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
    """`reviewer` steps aside: their scores are dropped and the application leaves their queue.

    Raises ReviewNotAllowed once the application is decided or withdrawn: dropping a
    score then would change the record the decision was taken on.
    """
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status in CLOSED_TO_CONFLICTS:
        raise ReviewNotAllowed(
            _("This application is already decided, so you can no longer step aside from it.")
        )
    review, _created = Review.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={"scores": {}, "score": None, "comment": "", "conflict_of_interest": True},
    )
    return review


@transaction.atomic
def application_identity_reveal(*, application: Application, coordinator, now: datetime) -> IdentityReveal:
    """Let `coordinator` see who applied to a blind-review application, so they can decide it.

    The reveal is recorded once per coordinator and application (a second call
    returns the first record, with its time): it is also the log of staff
    access to the applicant's personal data. From then on `review_record`
    refuses this coordinator's scores; a review they gave before stays.

    Raises IdentityRevealNotAllowed when the intake is not blind, the
    application is already decided (who applied is then visible to all
    coordinators) or no longer open for a decision (withdrawn), or when
    `coordinator` has declared a conflict of interest.
    """
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("intake").get(pk=application.pk)
    )
    if not application.intake.blind_review:
        raise IdentityRevealNotAllowed(_("This intake is not reviewed blind: who applied is already shown."))
    if application.status in DECISIONS:
        raise IdentityRevealNotAllowed(_("This application is decided: who applied is already shown."))
    if application.status not in UNDECIDED:
        raise IdentityRevealNotAllowed(_("This application is not open for a decision."))
    if Review.objects.filter(
        application=application, reviewer=coordinator, conflict_of_interest=True
    ).exists():
        raise IdentityRevealNotAllowed(_("You have declared a conflict of interest for this application."))
    reveal, _created = IdentityReveal.objects.get_or_create(
        application=application, coordinator=coordinator, defaults={"at": now}
    )
    return reveal
