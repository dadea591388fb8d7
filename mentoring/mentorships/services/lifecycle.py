"""Every change of a mentorship's status goes through these services.

Keyword-only, given the actor and the time; each locks the row it changes,
checks the workflow table (`mentoring.mentorships.workflow`), writes, and logs a
MentorshipChange. E-mail to mentor and participant is written to the outbox in
the same transaction (`mentoring.mentorships.notifications`), so it goes out only if the
change commits.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from mentoring.applications.workflow import Status
from mentoring.core import mail
from mentoring.core.display import participant_name, person_name
from mentoring.core.errors import PortalError
from mentoring.core.language import language_of
from mentoring.mentorships import notifications
from mentoring.mentorships.selectors import ended_without_return
from mentoring.mentorships.workflow import (
    ENDED,
    OPEN,
    REMIND_AFTER,
    RETURN_AFTER_REMINDER,
    MentorshipStatus,
    Role,
    may_move,
)
from mentoring.models import (
    Application,
    MatchingReturn,
    MentorProfile,
    Mentorship,
    MentorshipChange,
    SurveyKind,
)
from portal import roles
from portal.roles import user_has_role

logger = logging.getLogger(__name__)


class MentorshipError(PortalError):
    """A rule of the workflow said no; `message` says why in words a person understands."""


class CapacityReached(MentorshipError):
    """The mentor's proposed and active mentorships already fill their capacity."""

    def __init__(self, mentor: MentorProfile):
        super().__init__(_("This mentor has no free places."))
        self.mentor = mentor


class MentorUnavailable(MentorshipError):
    pass


class ParticipantUnavailable(MentorshipError):
    pass


class MentorshipTransitionNotAllowed(MentorshipError):
    pass


def mentorship_propose(
    *,
    participant: Application,
    mentor: MentorProfile,
    actor,
    now: datetime,
    score: Decimal,
    reasons: list,
) -> Mentorship:
    """Propose `mentor` to the accepted `participant`; the mentorship waits for the mentor's answer.

    Raises CapacityReached when the mentor's proposed and active mentorships fill
    their capacity, MentorUnavailable when the mentor is not approved or is paused,
    ParticipantUnavailable when the application is not accepted or already has a
    proposed or active mentorship.
    """
    with transaction.atomic():
        # The mentor row is the lock for their places: concurrent confirmations for one
        # mentor queue here, and each counts what the ones before it committed.
        mentor = MentorProfile.objects.select_for_update().get(pk=mentor.pk)
        if not mentor.is_approved:
            raise MentorUnavailable(_("This mentor has not been approved yet."))
        if mentor.paused:
            raise MentorUnavailable(_("This mentor is paused and takes no new mentees now."))
        if mentor.free_places() < 1:
            raise CapacityReached(mentor)
        participant = Application.objects.select_for_update().get(pk=participant.pk)
        if participant.status != Status.ACCEPTED:
            raise ParticipantUnavailable(_("Only an accepted participant can be given a mentor."))
        if participant.mentorships.filter(status__in=[str(s) for s in OPEN]).exists():
            raise ParticipantUnavailable(_("This participant already has a proposed or active mentorship."))
        if ended_without_return(participant.mentorships.all()).exists():
            raise ParticipantUnavailable(
                _("This participant's mentorship has ended. Return her to matching first, with a reason.")
            )
        mentorship = Mentorship.objects.create(
            participant=participant,
            mentor=mentor,
            status=MentorshipStatus.PROPOSED,
            score=score,
            reasons=reasons,
            proposed_at=now,
        )
        MentorshipChange.objects.create(
            mentorship=mentorship, actor=actor, at=now, from_status="", to_status=MentorshipStatus.PROPOSED
        )
        notifications.mentorship_proposed(mentorship=mentorship)
    logger.info("mentorship %s proposed: application %s, mentor %s", mentorship.pk, participant.pk, mentor.pk)
    return mentorship


def _move(
    *, mentorship: Mentorship, target: MentorshipStatus, actor, role: Role, now: datetime, reason: str = ""
) -> Mentorship:
    """Lock `mentorship`, check the move against the table, write it and its log row."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    source = MentorshipStatus(mentorship.status)
    if not may_move(source, target, role):
        raise MentorshipTransitionNotAllowed(_("This change of the mentorship is not possible now."))
    mentorship.status = target
    if target in (MentorshipStatus.ACTIVE, MentorshipStatus.DECLINED):
        mentorship.answered_at = now
    if target == MentorshipStatus.DECLINED:
        mentorship.decline_reason = reason
    if target == MentorshipStatus.COMPLETING:
        mentorship.completion_proposed_at = now
    mentorship.save(update_fields=["status", "answered_at", "decline_reason", "completion_proposed_at"])
    MentorshipChange.objects.create(
        mentorship=mentorship, actor=actor, at=now, from_status=source, to_status=target, reason=reason
    )
    logger.info("mentorship %s: %s → %s", mentorship.pk, source, target)
    return mentorship


def _role_of(mentorship: Mentorship, actor) -> Role:
    """The actor's part in this mentorship: its mentor, or a coordinator; anyone else may not move it."""
    if actor is not None and actor.pk == mentorship.mentor.user_id:
        return Role.MENTOR
    if actor is not None and (actor.is_superuser or user_has_role(actor, roles.COORDINATORS)):
        return Role.COORDINATOR
    raise MentorshipTransitionNotAllowed(_("Only the mentor or a coordinator can answer this proposal."))


@transaction.atomic
def mentorship_accept(*, mentorship: Mentorship, actor, now: datetime) -> Mentorship:
    """The mentor (or a coordinator for them) accepts a proposal: the mentorship becomes active.

    Raises MentorshipTransitionNotAllowed when it is no longer proposed.
    """
    mentorship = _move(
        mentorship=mentorship,
        target=MentorshipStatus.ACTIVE,
        actor=actor,
        role=_role_of(mentorship, actor),
        now=now,
    )
    notifications.mentorship_started(mentorship=mentorship)
    return mentorship


@transaction.atomic
def mentorship_decline(*, mentorship: Mentorship, actor, now: datetime, reason: str) -> Mentorship:
    """The mentor (or a coordinator for them) declines a proposal, saying why; the place is free again.

    Raises MentorshipError without a reason, MentorshipTransitionNotAllowed when it is no longer proposed.
    """
    reason = reason.strip()
    if not reason:
        raise MentorshipError(_("Please say why you decline, so the coordinator can find a better match."))
    return _move(
        mentorship=mentorship,
        target=MentorshipStatus.DECLINED,
        actor=actor,
        role=_role_of(mentorship, actor),
        now=now,
        reason=reason,
    )


# --- Ending a mentorship -------------------------------------------------------


def _ending_role(mentorship: Mentorship, actor) -> Role:
    try:
        return _role_of(mentorship, actor)
    except MentorshipTransitionNotAllowed:
        raise MentorshipTransitionNotAllowed(
            _("Only the mentor or a coordinator can end this mentorship.")
        ) from None


def _end(
    *,
    mentorship: Mentorship,
    target: MentorshipStatus,
    actor,
    reason: str,
    now: datetime,
    role: Role | None = None,
) -> Mentorship:
    """Move a running mentorship to its end, tell the participant, and send her exit survey.

    `role` is the actor's part, found from the actor when not given (the recurring job
    acts for the coordinators without an actor). The exit survey is sent at once, in
    the same transaction (its e-mail leaves through the outbox after commit), so the
    "your mentorship has ended" e-mail and her dashboard both find it open.
    """
    # Imported here: follow-up builds on mentorships, not the other way round; planning builds on this module.
    from mentoring.followup.services import surveys_after_mentorship
    from mentoring.mentorships.services.planning import planned_meetings_cancel_on_end

    role = role or _ending_role(mentorship, actor)
    mentorship = _move(mentorship=mentorship, target=target, actor=actor, role=role, now=now, reason=reason)
    mentorship.ended_at = now
    if reason or target == MentorshipStatus.ENDED_EARLY:
        mentorship.end_reason = reason
    mentorship.save(update_fields=["ended_at", "end_reason"])
    # A participant has one exit survey: after a second mentorship the e-mail does not promise one.
    first_exit_survey = not mentorship.participant.surveys.filter(kind=SurveyKind.EXIT).exists()
    _tell_participant_ended(mentorship, survey_sent=first_exit_survey)
    surveys_after_mentorship(mentorship=mentorship, now=now)
    planned_meetings_cancel_on_end(mentorship=mentorship, actor=actor, now=now)
    return mentorship


def _tell_participant_ended(mentorship: Mentorship, *, survey_sent: bool) -> None:
    """E-mail the participant, in their language, that the mentorship has ended (not the reason:
    that is written for the coordinators, and may be about the participant)."""
    application = mentorship.participant
    language = language_of(application.applicant)
    with translation.override(language):
        dashboard_url = mail.absolute_url("mentoring:dashboard")
    mail.send_from_templates(
        template="mentorship_ended",
        context={
            "participant_name": participant_name(application),
            "mentor_name": person_name(mentorship.mentor.user),
            "completed": mentorship.status == MentorshipStatus.COMPLETED,
            "survey_sent": survey_sent,
            "dashboard_url": dashboard_url,
        },
        to=application.applicant.email,
        language=language,
        headers={"X-Portal-Mentorship": str(mentorship.pk), "X-Portal-Event": str(mentorship.status)},
    )


@transaction.atomic
def mentorship_complete(*, mentorship: Mentorship, actor, reason: str, now: datetime) -> Mentorship:
    """A coordinator records an active mentorship as completed, or confirms the completion its
    mentor proposed; `reason` (a note) may be empty, and then the mentor's note is kept.

    Tells the participant by e-mail and sends her exit survey. Raises
    MentorshipTransitionNotAllowed for anyone but a coordinator and when it is neither
    active nor proposed for completion.
    """
    return _end(
        mentorship=mentorship, target=MentorshipStatus.COMPLETED, actor=actor, reason=reason.strip(), now=now
    )


@transaction.atomic
def mentorship_propose_completion(*, mentorship: Mentorship, actor, note: str, now: datetime) -> Mentorship:
    """The mentor says an active mentorship is completed; `note` (for the coordinators) may be empty.

    A coordinator confirms it (`mentorship_complete`), or it completes by itself
    MENTORSHIP_COMPLETE_AFTER_DAYS later (`mentorships_complete_proposed`). Until then
    the two go on as before. Raises MentorshipTransitionNotAllowed for anyone but its
    mentor and when it is not active.
    """
    mentorship = _move(
        mentorship=mentorship,
        target=MentorshipStatus.COMPLETING,
        actor=actor,
        role=_ending_role(mentorship, actor),
        now=now,
        reason=note.strip(),
    )
    mentorship.end_reason = note.strip()
    mentorship.save(update_fields=["end_reason"])
    return mentorship


def complete_after() -> timedelta:
    """How long a proposed completion waits for a coordinator before it completes by itself."""
    return timedelta(days=settings.MENTORSHIP_COMPLETE_AFTER_DAYS)


def mentorships_complete_proposed(*, now: datetime) -> list[int]:
    """Complete each mentorship whose completion its mentor proposed `complete_after()` ago or more.

    Each in its own transaction, checked again under its lock, so running the job twice,
    or on two workers, completes nothing twice. The ids of those completed.
    """
    due = Mentorship.objects.filter(
        status=MentorshipStatus.COMPLETING, completion_proposed_at__lte=now - complete_after()
    )
    completed = [pk for pk in due.values_list("pk", flat=True) if _complete_proposed(pk=pk, now=now)]
    if completed:
        logger.info("proposed completions completed: %s", completed)
    return completed


@transaction.atomic
def _complete_proposed(*, pk: int, now: datetime) -> bool:
    mentorship = Mentorship.objects.select_for_update().get(pk=pk)
    proposed_at = mentorship.completion_proposed_at
    if (
        mentorship.status != MentorshipStatus.COMPLETING
        or proposed_at is None
        or proposed_at > now - complete_after()
    ):
        return False
    _end(
        mentorship=mentorship,
        target=MentorshipStatus.COMPLETED,
        actor=None,
        role=Role.COORDINATOR,
        reason=str(_("Completed by itself: no coordinator confirmed it within %(days)s days."))
        % {"days": settings.MENTORSHIP_COMPLETE_AFTER_DAYS},
        now=now,
    )
    return True


@transaction.atomic
def mentorship_end_early(*, mentorship: Mentorship, actor, reason: str, now: datetime) -> Mentorship:
    """The mentor or a coordinator ends an active mentorship (or one proposed for completion) early,
    saying why.

    Tells the participant by e-mail and sends her exit survey. Raises
    MentorshipError without a reason, MentorshipTransitionNotAllowed for anyone else
    and when it is not active.
    """
    reason = reason.strip()
    if not reason:
        raise MentorshipError(_("Please say why the mentorship ends early."))
    return _end(
        mentorship=mentorship, target=MentorshipStatus.ENDED_EARLY, actor=actor, reason=reason, now=now
    )


# --- Back into matching --------------------------------------------------------


@transaction.atomic
def mentorship_return_to_matching(
    *, mentorship: Mentorship, actor, reason: str, now: datetime
) -> MatchingReturn:
    """A coordinator puts the participant of an ended mentorship back into matching, saying why.

    Without this she stays out of the pool: she has had her mentorship. Raises
    MentorshipError without a reason, MentorshipTransitionNotAllowed for anyone but a
    coordinator, when the mentorship has not ended, or when she was returned already.
    """
    if actor is None or not (actor.is_superuser or user_has_role(actor, roles.COORDINATORS)):
        raise MentorshipTransitionNotAllowed(_("Only a coordinator can return a participant to matching."))
    reason = reason.strip()
    if not reason:
        raise MentorshipError(_("Please say why the participant should have another mentor."))
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if mentorship.status not in ENDED or MatchingReturn.objects.filter(mentorship=mentorship).exists():
        raise MentorshipTransitionNotAllowed(_("This participant cannot be returned to matching now."))
    returned = MatchingReturn.objects.create(mentorship=mentorship, actor=actor, at=now, note=reason)
    logger.info(
        "mentorship %s: participant %s returned to matching", mentorship.pk, mentorship.participant_id
    )
    return returned


# --- Unanswered proposals ----------------------------------------------------


@dataclass
class ChaseResult:
    reminded: list[int] = field(default_factory=list)
    returned: list[int] = field(default_factory=list)


def mentorships_chase_unanswered(*, now: datetime) -> ChaseResult:
    """Remind each mentor once of a proposal unanswered for 7 days; 7 days after that, return it.

    A returned proposal frees the mentor's place and puts the participant back in
    the pool for the next matching run (the pair is not excluded: silence is not a
    refusal). Each proposal is handled in its own transaction and checked again
    under its lock, so running the job twice, or two workers at once, reminds and
    returns nothing twice.
    """
    result = ChaseResult()
    waiting = Mentorship.objects.filter(status=MentorshipStatus.PROPOSED)
    for pk in waiting.filter(reminded_at__isnull=True, proposed_at__lte=now - REMIND_AFTER).values_list(
        "pk", flat=True
    ):
        if _remind(pk=pk, now=now):
            result.reminded.append(pk)
    for pk in waiting.filter(reminded_at__lte=now - RETURN_AFTER_REMINDER).values_list("pk", flat=True):
        if _return(pk=pk, now=now):
            result.returned.append(pk)
    if result.reminded or result.returned:
        logger.info("proposals reminded %s, returned %s", result.reminded, result.returned)
    return result


@transaction.atomic
def _remind(*, pk: int, now: datetime) -> bool:
    mentorship = (
        Mentorship.objects.select_for_update().select_related("mentor__user", "participant").get(pk=pk)
    )
    if mentorship.status != MentorshipStatus.PROPOSED or mentorship.reminded_at is not None:
        return False
    mentorship.reminded_at = now
    mentorship.save(update_fields=["reminded_at"])
    notifications.mentorship_reminded(mentorship=mentorship, return_on=now + RETURN_AFTER_REMINDER)
    return True


# Kept untranslated in the audit row: the row is read later in the reader's language (a row the
# portal wrote has no actor, and its reason is translated when shown).
RETURNED_UNANSWERED = gettext_noop("No answer within 14 days.")


@transaction.atomic
def _return(*, pk: int, now: datetime) -> bool:
    mentorship = Mentorship.objects.select_for_update().get(pk=pk)
    if mentorship.status != MentorshipStatus.PROPOSED:
        return False
    mentorship = _move(
        mentorship=mentorship,
        target=MentorshipStatus.RETURNED,
        actor=None,
        role=Role.COORDINATOR,
        now=now,
        reason=RETURNED_UNANSWERED,
    )
    notifications.mentorship_returned(mentorship=mentorship)
    return True
