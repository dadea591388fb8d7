"""Every change of an application's status goes through `application_transition`.

Services are keyword-only, take the actor (never the request) and the time,
lock the row they change, check the workflow table, write, log, and queue
e-mail in the same transaction (the outbox delivers it after commit).

Reviews: scoring an application against the intake's rubric, stepping aside, or seeing who applied.

The short check before the long form. It keeps nothing about the person, only a count per reason.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from mentoring.applications import notifications as application_notifications
from mentoring.applications.eligibility import application_outside_target_groups
from mentoring.applications.workflow import CLOSED_TO_CONFLICTS, DECISIONS, REVIEWABLE, Role, Status, may_move
from mentoring.core.choices import IneligibilityReason
from mentoring.core.errors import PortalError
from mentoring.models import Application, EligibilityRefusal, IdentityReveal, Intake, Review, StatusChange
from mentoring.models.application import Step
from mentoring.models.review import DEFAULT_RUBRIC, SCORE_RANGE, weighted_score


class ApplicationError(PortalError):
    """A rule of the workflow said no; `message` says why in words a person understands."""


class IntakeClosed(ApplicationError):
    pass


class TransitionNotAllowed(ApplicationError):
    pass


class ConflictOfInterest(TransitionNotAllowed):
    """The actor stepped aside from this application and so takes no part in its decision."""


class StaleDecision(TransitionNotAllowed):
    """The application's status changed after the deciding coordinator last looked at it."""


class AcceptanceNeedsReason(TransitionNotAllowed):
    """Accepting an application outside the intake's target groups takes a reason in the internal note."""


class ApplicationIncomplete(ApplicationError):
    def __init__(self, missing: dict[str, str]):
        super().__init__(_("Some answers are missing."))
        self.missing = missing


def application_start(*, intake: Intake, applicant, now: datetime) -> Application:
    """The applicant's application to `intake`: the existing one, or a new draft if the intake is open."""
    existing = Application.objects.filter(intake=intake, applicant=applicant).first()
    if existing is not None:
        return existing
    if not intake.is_open(now=now):
        raise IntakeClosed(_("This intake is not open for applications."))
    application, _created = Application.objects.get_or_create(intake=intake, applicant=applicant)
    return application


@transaction.atomic
def application_save_draft(*, application: Application, fields: dict, step: str) -> Application:
    """Store the answers of one step and where the applicant is. Only a draft can change."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Status.DRAFT:
        raise TransitionNotAllowed(_("A submitted application can no longer be changed."))
    replaced_plan = application.business_plan.name if "business_plan" in fields else ""
    for name, value in fields.items():
        setattr(application, name, value)
    application.step = step
    application.save()
    if replaced_plan and replaced_plan != application.business_plan.name:
        # A replaced or removed business plan must not linger in the private storage;
        # deleted only once the change is committed, so a rollback keeps the file it points to.
        storage = application.business_plan.storage
        transaction.on_commit(lambda: storage.delete(replaced_plan))
    return application


def application_missing_answers(application: Application) -> dict[str, str]:
    """Field name → which step to fix it in, for every required answer still missing."""
    required = {
        "idea_title": Step.IDEA,
        "idea_description": Step.IDEA,
        "business_sector": Step.MARKET,
        "stage": Step.MARKET,
        "support_needs": Step.NEEDS,
    }
    missing = {name: step for name, step in required.items() if not getattr(application, name)}
    if application.stage == "registered" and not application.organisation_number:
        missing["organisation_number"] = Step.MARKET
    return missing


@transaction.atomic
def application_transition(
    *,
    application: Application,
    target: Status,
    actor,
    role: Role,
    now: datetime,
    reason: str = "",
    internal_note: str = "",
) -> Application:
    """Move `application` to `target` if the workflow lets `role` do so; log it and notify.

    Raises TransitionNotAllowed when the move is not in the workflow table for this role.
    """
    application = Application.objects.select_for_update().get(pk=application.pk)
    source = Status(application.status)
    if not may_move(source, target, role):
        raise TransitionNotAllowed(_("This change of status is not possible now."))
    application.status = target
    if target == Status.SUBMITTED:
        application.submitted_at = now
    if target in DECISIONS:
        application.decided_at = now
        application.decision_reason = reason
    application.save()
    StatusChange.objects.create(
        application=application,
        actor=actor,
        at=now,
        from_status=source,
        to_status=target,
        reason=reason,
        internal_note=internal_note,
    )
    application_notifications.status_changed(application=application, source=source, target=Status(target))
    return application


def application_submit(*, application: Application, actor, now: datetime) -> Application:
    """Submit a complete draft while its intake is open; the applicant gets a receipt.

    Raises ApplicationIncomplete, IntakeClosed or TransitionNotAllowed (not a draft).
    """
    with transaction.atomic():
        # Check the locked row, not the caller's copy: a save in another tab may have emptied an answer.
        application = Application.objects.select_for_update().select_related("intake").get(pk=application.pk)
        if application.status != Status.DRAFT:
            raise TransitionNotAllowed(_("This change of status is not possible now."))
        missing = application_missing_answers(application)
        if missing:
            raise ApplicationIncomplete(missing)
        if not application.intake.is_open(now=now):
            raise IntakeClosed(_("The intake closed before the application was submitted."))
        return application_transition(
            application=application, target=Status.SUBMITTED, actor=actor, role=Role.APPLICANT, now=now
        )


def application_withdraw(*, application: Application, actor, role: Role, now: datetime, reason: str = ""):
    return application_transition(
        application=application, target=Status.WITHDRAWN, actor=actor, role=role, now=now, reason=reason
    )


def application_decide(
    *,
    application: Application,
    decision: Status,
    actor,
    now: datetime,
    reason: str,
    internal_note: str = "",
    expected_status: Status | None = None,
) -> Application:
    """Accept, waitlist or reject. An application not yet in review is taken into review first.

    `expected_status` is the status the coordinator saw when they chose; if the
    application has moved since, StaleDecision is raised rather than overriding a
    colleague's decision. Raises ConflictOfInterest when `actor` has stepped aside
    from this application, AcceptanceNeedsReason when accepting an application outside the
    intake's target groups without saying why in `internal_note` (kept in the status history),
    and TransitionNotAllowed when the workflow forbids the move.
    """
    if decision not in DECISIONS:
        raise TransitionNotAllowed(_("That is not a decision."))
    with transaction.atomic():
        # Go by the stored status: the caller's copy may predate a colleague's review.
        application = Application.objects.select_for_update().get(pk=application.pk)
        # Checked here, under the lock, so no caller (bulk decisions, admin, commands) can skip it.
        if Review.objects.filter(application=application, reviewer=actor, conflict_of_interest=True).exists():
            raise ConflictOfInterest(
                _("You have declared a conflict of interest for this application, so you cannot decide it.")
            )
        if expected_status is not None and application.status != expected_status:
            raise StaleDecision(
                _("Someone else changed this application meanwhile; look again before deciding.")
            )
        if (
            decision == Status.ACCEPTED
            and not internal_note.strip()
            and application_outside_target_groups(application)
        ):
            raise AcceptanceNeedsReason(
                _(
                    "This application falls outside the intake's target groups. "
                    "Say in the internal note why you accept it."
                )
            )
        if application.status == Status.SUBMITTED:
            application = application_transition(
                application=application, target=Status.IN_REVIEW, actor=actor, role=Role.COORDINATOR, now=now
            )
        return application_transition(
            application=application,
            target=decision,
            actor=actor,
            role=Role.COORDINATOR,
            now=now,
            reason=reason,
            internal_note=internal_note,
        )


@dataclass(frozen=True)
class BulkResult:
    decided: list[int]
    skipped: list[int]
    # Not accepted: outside the intake's target groups, which takes a reason of its own.
    need_reason: list[int]


def applications_decide(
    *, applications: list[Application], decision: Status, actor, now: datetime, reason: str
) -> BulkResult:
    """Decide each application on its own; those the workflow does not allow, or that `actor`
    stepped aside from, are skipped, not failed; so is accepting one outside the intake's target
    groups, which is decided on its own page with a reason."""
    decided, skipped, need_reason = [], [], []
    for application in applications:
        try:
            application_decide(
                application=application, decision=decision, actor=actor, now=now, reason=reason
            )
        except AcceptanceNeedsReason:
            need_reason.append(application.pk)
        except TransitionNotAllowed:
            skipped.append(application.pk)
        else:
            decided.append(application.pk)
    return BulkResult(decided=decided, skipped=skipped, need_reason=need_reason)


# Where a blind review still hides who applied and a decision is still to be taken.
UNDECIDED = {Status.SUBMITTED, Status.IN_REVIEW}


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


@transaction.atomic
def eligibility_refusal_count(*, intake: Intake, reasons: list[IneligibilityReason], today: date) -> None:
    """Add one to the anonymous count of each reason for today."""
    for reason in reasons:
        counter, _created = EligibilityRefusal.objects.get_or_create(intake=intake, reason=reason, day=today)
        EligibilityRefusal.objects.filter(pk=counter.pk).update(count=F("count") + 1)
