"""Every change of an application's status goes through `application_transition`.

Services are keyword-only, take the actor (never the request) and the time,
lock the row they change, check the workflow table, write, log, and queue
e-mail in the same transaction (the outbox delivers it after commit).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from mentoring import notifications
from mentoring.models import Application, Intake, Review, StatusChange
from mentoring.models.application import Step
from mentoring.workflow import DECISIONS, Role, Status, may_move


class ApplicationError(Exception):
    """A rule of the workflow said no; `message` says why in words a person understands."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class IntakeClosed(ApplicationError):
    pass


class TransitionNotAllowed(ApplicationError):
    pass


class ConflictOfInterest(TransitionNotAllowed):
    """The actor stepped aside from this application and so takes no part in its decision."""


class StaleDecision(TransitionNotAllowed):
    """The application's status changed after the deciding coordinator last looked at it."""


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
    notifications.status_changed(application=application, source=source, target=Status(target))
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
    from this application, and TransitionNotAllowed when the workflow forbids the move.
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


def applications_decide(
    *, applications: list[Application], decision: Status, actor, now: datetime, reason: str
) -> BulkResult:
    """Decide each application on its own; those the workflow does not allow, or that `actor`
    stepped aside from, are skipped, not failed."""
    decided, skipped = [], []
    for application in applications:
        try:
            application_decide(
                application=application, decision=decision, actor=actor, now=now, reason=reason
            )
        except TransitionNotAllowed:
            skipped.append(application.pk)
        else:
            decided.append(application.pk)
    return BulkResult(decided=decided, skipped=skipped)
