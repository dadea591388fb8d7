"""Matching: runs of the engine, locked and excluded pairs, and confirmation.

`matching_run` adds the pairs declined before to the exclusions and runs the pure
engine (`mentoring.matching.engine`). A run is stored (`MatchingRun`) with the
engine's ids, scores and coded reasons, so the board shows, sorts and filters it
without running again. A small cohort runs at once, in the request; a large one in
the task queue (`mentoring.matching.jobs`), which reports its progress on the run.
Locks and exclusions (`MatchingChoice`) are the coordinator's and hold for every run
until cleared. Confirming proposes each selected pair through
`mentoring.mentorships.services.lifecycle.mentorship_propose`, one pair at a time, so
one full mentor does not undo the others.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task

from mentoring.applications.workflow import Status
from mentoring.core.errors import PortalError
from mentoring.matching.engine import MatchResult, Reason, ReleasedLock, match
from mentoring.matching.selectors import (
    _approved_mentors,
    _choices,
    _waiting_participants,
    declined_pairs,
    matching_inputs,
    participants_mentorship_ended,
)
from mentoring.mentorships.services.lifecycle import MentorshipError, mentorship_propose
from mentoring.models import (
    Application,
    Intake,
    MatchingChoice,
    MatchingRun,
    MentorProfile,
    Mentorship,
)


def matching_run(
    *,
    intake: Intake,
    now: datetime,
    locked: Iterable[tuple[int, int]] = (),
    excluded: Iterable[tuple[int, int]] = (),
    on_loaded: Callable[[int, int], None] | None = None,
) -> MatchResult:
    """Match `intake`'s waiting participants with the approved mentors' free places.

    `locked` and `excluded` are (application id, mentor profile id) pairs from the
    coordinator; pairs declined before are excluded too. Locks naming a participant
    or mentor no longer in the inputs (matched meanwhile, no longer approved) are
    dropped rather than refused: the board may be older than the data; a lock on a
    participant whose mentorship has ended is released with that reason.
    `on_loaded(participants, mentors)` is told the cohort's size before the engine
    starts (the board reports progress with it).
    """
    participants, mentors = matching_inputs(intake=intake, now=now)
    if on_loaded is not None:
        on_loaded(len(participants), len(mentors))
    participant_ids = {p.id for p in participants}
    mentor_ids = {m.id for m in mentors}
    locked = list(locked)
    # A lock on a participant whose mentorship has ended would propose the pair again: it is
    # released, saying why, where other locks no longer in the inputs are only dropped.
    ended = participants_mentorship_ended(intake=intake) if locked else set()
    released = [ReleasedLock(p, m, (Reason(MENTORSHIP_ENDED),)) for p, m in locked if p in ended]
    locked = [(p, m) for p, m in locked if p in participant_ids and m in mentor_ids]
    result = match(
        participants=participants,
        mentors=mentors,
        locked=locked,
        excluded=set(excluded) | declined_pairs(intake=intake),
    )
    return replace(result, released_locks=released + list(result.released_locks)) if released else result


logger = logging.getLogger(__name__)


# Up to this many participant × mentor pairs the run is done in the request (well under a
# second); past it the task queue runs it and the page shows its progress.
INLINE_PAIRS_LIMIT = 20_000


# A run still queued or running after this long is taken as lost (a worker that died):
# starting again is then allowed instead of waiting for it forever.
RUN_LOST_AFTER = timedelta(minutes=15)


# What the progress bar shows at each step of a run.
PROGRESS_LOADING = 10


PROGRESS_SOLVING = 40


PROGRESS_STORING = 90


PROGRESS_DONE = 100


Kind = MatchingChoice.Kind

# The reason code of a lock released because its participant's mentorship has ended.
MENTORSHIP_ENDED = "mentorship_ended"


class MatchingBoardError(PortalError):
    """The board refused a change; `message` says why in words a person understands."""


def matching_run_start(*, intake: Intake, actor, now: datetime) -> MatchingRun:
    """Start a run of the engine over `intake`'s waiting participants, keeping the coordinator's locks.

    A cohort of fewer than INLINE_PAIRS_LIMIT possible pairs is run at once and the
    run returned finished; a larger one is queued after commit and returned queued.
    While a run of the intake is still queued or running (and not lost), that run
    is returned instead of starting a second one.
    """
    unfinished = (
        MatchingRun.objects.filter(
            intake=intake,
            state__in=[MatchingRun.State.QUEUED, MatchingRun.State.RUNNING],
            created_at__gt=now - RUN_LOST_AFTER,
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if unfinished is not None:
        return unfinished
    participants = _waiting_participants(intake).count()
    mentors = _approved_mentors().count()
    run = MatchingRun.objects.create(
        intake=intake,
        started_by=actor,
        created_at=now,
        participants_count=participants,
        mentors_count=mentors,
    )
    logger.info("matching run %s of intake %s started by %s", run.pk, intake.pk, getattr(actor, "pk", None))
    if participants * mentors < INLINE_PAIRS_LIMIT:
        matching_run_execute(run_id=run.pk, clock=lambda: now)
        run.refresh_from_db()
    else:
        transaction.on_commit(lambda: async_task("mentoring.matching.jobs.run_matching", run.pk))
    return run


def _reasons(reasons) -> list:
    return [[reason.code, dict(reason.params)] for reason in reasons]


def _stored(result: MatchResult) -> dict:
    return {
        "pairs": [
            {
                "participant": pair.participant_id,
                "mentor": pair.mentor_id,
                "score": pair.score,
                "locked": pair.locked,
                "reasons": _reasons(pair.reasons),
            }
            for pair in result.pairs
        ],
        "unmatched": [
            {"participant": item.participant_id, "reasons": _reasons(item.reasons)}
            for item in result.unmatched
        ],
        "released_locks": [
            {"participant": item.participant_id, "mentor": item.mentor_id, "reasons": _reasons(item.reasons)}
            for item in result.released_locks
        ],
    }


def _set_progress(run_id: int, **fields) -> None:
    # A plain UPDATE, committed at once outside a request: the progress poll reads it while the run goes on.
    MatchingRun.objects.filter(pk=run_id).update(**fields)


def matching_run_execute(*, run_id: int, clock: Callable[[], datetime]) -> None:
    """Run the engine for the run `run_id` and store its result, reporting progress on the way.

    Idempotent: a run already done or failed is left as it is. Any error of the
    engine leaves the run failed with the error, never half stored.
    """
    run = MatchingRun.objects.select_related("intake").filter(pk=run_id).first()
    if run is None or run.is_finished:
        return
    _set_progress(run_id, state=MatchingRun.State.RUNNING, progress=PROGRESS_LOADING)
    try:
        now = clock()
        locked, excluded = _choices(intake=run.intake)
        result = matching_run(
            intake=run.intake,
            now=now,
            locked=locked,
            excluded=excluded,
            on_loaded=lambda participants, mentors: _set_progress(
                run_id, progress=PROGRESS_SOLVING, participants_count=participants, mentors_count=mentors
            ),
        )
        _set_progress(run_id, progress=PROGRESS_STORING)
        MatchingRun.objects.filter(pk=run_id).update(
            state=MatchingRun.State.DONE,
            progress=PROGRESS_DONE,
            total_score=result.total_score,
            finished_at=clock(),
            error="",
            **_stored(result),
        )
        _release_ended_locks(intake=run.intake, result=result)
    except Exception as error:  # whatever went wrong, the board must say the run failed
        logger.exception("matching run %s failed", run_id)
        _set_progress(
            run_id,
            state=MatchingRun.State.FAILED,
            finished_at=clock(),
            error=f"{type(error).__name__}: {error}"[:2000],
        )
        return
    logger.info(
        "matching run %s done: %s pairs, %s unmatched", run_id, len(result.pairs), len(result.unmatched)
    )


def _release_ended_locks(*, intake: Intake, result: MatchResult) -> None:
    """Clear the locks the run released because the participant's mentorship has ended: the run
    stored the reason, and no later run should propose the pair again."""
    for lock in result.released_locks:
        if any(reason.code == MENTORSHIP_ENDED for reason in lock.reasons):
            MatchingChoice.objects.filter(
                intake=intake, participant_id=lock.participant_id, mentor_id=lock.mentor_id, kind=Kind.LOCK
            ).delete()
            logger.info(
                "lock released: application %s, mentor %s (mentorship ended)",
                lock.participant_id,
                lock.mentor_id,
            )


def _check_pair(*, intake: Intake, participant: Application, mentor: MentorProfile) -> None:
    if participant.intake_id != intake.pk or participant.status != Status.ACCEPTED:
        raise MatchingBoardError(_("Only an accepted participant of this intake can be matched here."))
    if participant.pk in participants_mentorship_ended(intake=intake):
        raise MatchingBoardError(
            _("This participant's mentorship has ended. Return her to matching first, with a reason.")
        )
    if not mentor.is_approved:
        raise MatchingBoardError(_("This mentor has not been approved yet."))


@transaction.atomic
def matching_choice_set(
    *, intake: Intake, participant: Application, mentor: MentorProfile, kind: str, actor, now: datetime
) -> MatchingChoice:
    """Lock the pair (kept in every run) or exclude it (never proposed).

    A lock replaces any other lock of the participant; excluding a locked pair
    removes the lock. Raises MatchingBoardError for a participant who is not an
    accepted one of `intake`, or a mentor not approved.
    """
    kind = Kind(kind)
    _check_pair(intake=intake, participant=participant, mentor=mentor)
    # The participant's row orders concurrent choices about them: one lock each stays true.
    Application.objects.select_for_update().filter(pk=participant.pk).first()
    if kind == Kind.LOCK:
        MatchingChoice.objects.filter(participant=participant, kind=Kind.LOCK).exclude(mentor=mentor).delete()
    choice, _created = MatchingChoice.objects.update_or_create(
        participant=participant,
        mentor=mentor,
        defaults={"intake": intake, "kind": kind, "made_by": actor, "made_at": now},
    )
    logger.info(
        "matching choice %s: application %s, mentor %s, by %s",
        kind,
        participant.pk,
        mentor.pk,
        getattr(actor, "pk", None),
    )
    return choice


@transaction.atomic
def matching_choice_clear(
    *, intake: Intake, participant: Application, mentor: MentorProfile, kind: str, actor, now: datetime
) -> bool:
    """Unlock the pair (kind lock) or take back its exclusion (kind exclude); True when there was one."""
    deleted, _detail = MatchingChoice.objects.filter(
        intake=intake, participant=participant, mentor=mentor, kind=Kind(kind)
    ).delete()
    if deleted:
        logger.info(
            "matching choice %s cleared: application %s, mentor %s, by %s at %s",
            kind,
            participant.pk,
            mentor.pk,
            getattr(actor, "pk", None),
            now.isoformat(),
        )
    return bool(deleted)


def matching_swap(
    *, intake: Intake, participant: Application, mentor: MentorProfile, actor, now: datetime
) -> MatchingChoice:
    """Give `participant` the chosen mentor: a lock, which the next run keeps.

    Raises MatchingBoardError as `matching_choice_set` does, and when the mentor
    is paused or has no free places (the run would only release the lock).
    """
    _check_pair(intake=intake, participant=participant, mentor=mentor)
    if mentor.paused:
        raise MatchingBoardError(_("This mentor is paused and takes no new mentees now."))
    if mentor.free_places() < 1:
        raise MatchingBoardError(_("This mentor has no free places."))
    return matching_choice_set(
        intake=intake, participant=participant, mentor=mentor, kind=Kind.LOCK, actor=actor, now=now
    )


# --- Confirmation ------------------------------------------------------------


@dataclass(frozen=True)
class ConfirmOutcome:
    """One selected pair: the mentorship proposed, or the reason it was not."""

    participant_id: int
    mentor_id: int
    participant: Application | None
    mentorship: Mentorship | None = None
    error: str = ""

    @property
    def proposed(self) -> bool:
        return self.mentorship is not None


def matching_confirm(
    *, intake: Intake, run: MatchingRun, pairs: Iterable[tuple[int, int]], actor, now: datetime
) -> list[ConfirmOutcome]:
    """Propose each selected pair of `run` as a mentorship (status proposed), each on its own.

    A pair that cannot be proposed (the mentor's places are taken, the participant
    has a mentor meanwhile, the pair is not in the run) is reported with the
    reason, and the others go ahead. A confirmed participant's lock is removed.

    Raises MatchingBoardError when `run` is not a finished run of `intake` or a
    newer run exists (the selection was made on an outdated board).
    """
    if run.intake_id != intake.pk or run.state != MatchingRun.State.DONE:
        raise MatchingBoardError(_("Only the pairs of a finished run of this intake can be confirmed."))
    newer = Q(created_at__gt=run.created_at) | Q(created_at=run.created_at, pk__gt=run.pk)
    if MatchingRun.objects.filter(newer, intake=intake).exists():
        raise MatchingBoardError(_("Matching has been run again since. Select the pairs on the newest run."))
    in_run = {(pair["participant"], pair["mentor"]): pair for pair in run.pairs}
    selected = list(dict.fromkeys((int(p), int(m)) for p, m in pairs))
    participants = Application.objects.in_bulk({p for p, _m in selected})
    mentors = _approved_mentors().in_bulk({m for _p, m in selected})

    outcomes = []
    for participant_id, mentor_id in selected:
        participant = participants.get(participant_id)
        pair = in_run.get((participant_id, mentor_id))
        outcome = {"participant_id": participant_id, "mentor_id": mentor_id, "participant": participant}
        if pair is None or participant is None or participant.intake_id != intake.pk:
            outcomes.append(ConfirmOutcome(**outcome, error=str(_("This pair is not in the run."))))
            continue
        if participant.status != Status.ACCEPTED:
            outcomes.append(
                ConfirmOutcome(**outcome, error=str(_("Only an accepted participant can be given a mentor.")))
            )
            continue
        mentor = mentors.get(mentor_id)
        if mentor is None:
            outcomes.append(ConfirmOutcome(**outcome, error=str(_("This mentor has not been approved yet."))))
            continue
        try:
            with transaction.atomic():
                mentorship = mentorship_propose(
                    participant=participant,
                    mentor=mentor,
                    actor=actor,
                    now=now,
                    score=Decimal(str(round(pair["score"], 3))),
                    reasons=pair["reasons"],
                )
                MatchingChoice.objects.filter(participant=participant, kind=Kind.LOCK).delete()
        except MentorshipError as error:
            outcomes.append(ConfirmOutcome(**outcome, error=str(error.message)))
        else:
            outcomes.append(ConfirmOutcome(**outcome, mentorship=mentorship))
    logger.info(
        "matching run %s confirmed by %s: %s proposed, %s refused",
        run.pk,
        getattr(actor, "pk", None),
        sum(outcome.proposed for outcome in outcomes),
        sum(not outcome.proposed for outcome in outcomes),
    )
    return outcomes
