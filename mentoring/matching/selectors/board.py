"""The coordinators' matching board: the latest run's pairs and the intake's other participants,
as rows to show, filter and page through (`matching_board`)."""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import BigIntegerField, Prefetch, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from mentoring.applications.workflow import Status
from mentoring.core.display import (
    PARTICIPANT_NAME_FIELDS,
    participant_name,
    participant_name_from,
    person_name,
)
from mentoring.core.querysets import KeptStatement, Parameter, made_once
from mentoring.matching.forms import LOCKED_ONLY, UNLOCKED_ONLY, pair_value
from mentoring.matching.selectors import BOARD_PAGE_SIZE, Kind
from mentoring.matching.texts import reasons_text
from mentoring.mentorships.workflow import OPEN, MentorshipStatus
from mentoring.models import (
    Application,
    Intake,
    MatchingChoice,
    MatchingRun,
    MentorProfile,
    Mentorship,
)
from mentoring.models.mentorship import MentorshipChange

if TYPE_CHECKING:
    from mentoring.matching.forms import BoardFilterForm

CLOSED_PROPOSALS = (MentorshipStatus.DECLINED, MentorshipStatus.RETURNED)

# The columns of an account that `person_name` makes its name of: the board reads no more of anyone.
_NAME = ("first_name", "last_name", "email")


def board_participant_name(application: Application | None) -> str:
    """The participant's name as the board says it; one gone from the intake since the run says so."""
    if application is None:
        return _("(no longer in this intake)")
    return participant_name(application)


def board_mentor_name(mentor: MentorProfile | None) -> str:
    """The mentor's name as the board says it; a mentor gone since the run says so."""
    if mentor is None:
        return _("(no longer a mentor)")
    return person_name(mentor.user)


def run_progress_text(run: MatchingRun) -> str:
    """Where `run` stands, in a sentence for the board and its progress poll."""
    if run.state == MatchingRun.State.QUEUED:
        return _("Matching is waiting to start.")
    if run.state == MatchingRun.State.RUNNING:
        return _("Matching is running: %(progress)s%% done.") % {"progress": run.progress}
    if run.state == MatchingRun.State.DONE:
        return _("Matching is done. Reloading the page shows the pairs.")
    return _("Matching failed.")


@dataclass
class PairRow:
    participant_id: int
    mentor_id: int
    participant: str
    idea_title: str
    mentor: str
    score: float
    reasons: list[str]
    locked: bool
    excluded: bool
    taken: bool
    value: str
    # A pair proposed meanwhile, or excluded since the run, is not offered for confirmation.
    confirmable: bool


@dataclass(frozen=True)
class OtherRow:
    """A participant without a pair, a released lock, a choice or a mentorship: who, with whom, and why."""

    participant_id: int
    participant: str
    idea_title: str
    mentor_id: int | None = None
    mentor: str = ""
    reasons: tuple[str, ...] = ()
    by: str = ""
    at: datetime | None = None
    status: str = ""


@dataclass(frozen=True)
class MatchingBoard:
    """An intake's matching board: its latest run as stored, the page of pairs the filters leave,
    and everyone else the coordinator steers (without a pair, locked, excluded, proposed)."""

    intake: Intake
    run: MatchingRun | None
    run_done: bool
    run_unfinished: bool
    started_by: str
    progress_text: str
    matched_count: int
    unmatched_count: int
    page_obj: Page
    rows: list[PairRow]
    selectable: bool
    unmatched: list[OtherRow]
    released: list[OtherRow]
    locks: list[OtherRow]
    exclusions: list[OtherRow]
    open_mentorships: list[OtherRow]
    closed_proposals: list[OtherRow]


# The board's reads, each the same on every request but for the intake (made_once).


@made_once
def _participant_values() -> QuerySet[dict]:
    return (
        Application.objects.exclude(status=Status.DRAFT)
        .order_by()
        .values("pk", "idea_title", *PARTICIPANT_NAME_FIELDS)
    )


@made_once
def _runs() -> QuerySet[MatchingRun]:
    return MatchingRun.objects.select_related("started_by").order_by("-created_at", "-pk")


@made_once
def _choices() -> QuerySet[MatchingChoice]:
    return (
        MatchingChoice.objects.select_related("mentor__user", "made_by")
        .only(
            "participant_id",
            "kind",
            "made_at",
            *(f"mentor__user__{name}" for name in _NAME),
            *(f"made_by__{name}" for name in _NAME),
        )
        .order_by("made_at")
    )


@made_once
def _mentorships() -> QuerySet[Mentorship]:
    return (
        Mentorship.objects.select_related("mentor__user")
        .only(
            "participant_id",
            "status",
            "decline_reason",
            "proposed_at",
            "answered_at",
            *(f"mentor__user__{name}" for name in _NAME),
        )
        .order_by("-proposed_at", "-pk")
    )


@made_once
def _closing_changes() -> QuerySet[MentorshipChange]:
    return (
        MentorshipChange.objects.filter(to_status__in=[str(status) for status in CLOSED_PROPOSALS])
        .select_related("actor")
        .only("mentorship_id", "at", "reason", *(f"actor__{name}" for name in _NAME))
    )


# The board's reads of one intake, with statements built once per process (the intake a parameter).
def _intake_id() -> Parameter:
    return Parameter("intake", BigIntegerField())


_PARTICIPANTS = KeptStatement(lambda: _participant_values().filter(intake_id=_intake_id()))
# The latest run, as `.first()` reads it.
_LATEST_RUN = KeptStatement(lambda: _runs().filter(intake_id=_intake_id())[:1])
_CHOICES = KeptStatement(lambda: _choices().filter(intake_id=_intake_id()))
# "Whose application is in the intake" as a subquery, not a join: joined, SQLite walked every
# mentorship of the programme in the list's order (31 ms with 35,000 participants elsewhere).
_MENTORSHIPS = KeptStatement(
    lambda: _mentorships().filter(
        participant__in=Application.objects.filter(intake_id=_intake_id()).values("pk")
    )
)


def _participants_of(intake: Intake) -> dict[int, tuple[str, str]]:
    """The name and idea of each participant of `intake` (drafts are nobody's yet), by application
    id: read as values, since the board shows nothing else of an application."""
    return {
        values["pk"]: (participant_name_from(values), values["idea_title"])
        for values in _PARTICIPANTS.rows(intake=intake.pk)
    }


def _name_and_idea(participants: dict[int, tuple[str, str]], participant_id: int) -> tuple[str, str]:
    """The name and idea the board shows for `participant_id`; one gone from the intake says so."""
    return participants.get(participant_id) or (board_participant_name(None), "")


def _pair_rows(run, participants, mentors, choices, taken) -> list[PairRow]:
    locks = {(c.participant_id, c.mentor_id) for c in choices if c.kind == Kind.LOCK}
    exclusions = {(c.participant_id, c.mentor_id) for c in choices if c.kind == Kind.EXCLUDE}
    rows = []
    for pair in run.pairs if run is not None and run.state == MatchingRun.State.DONE else ():
        key = (pair["participant"], pair["mentor"])
        participant, idea_title = _name_and_idea(participants, key[0])
        rows.append(
            PairRow(
                participant_id=key[0],
                mentor_id=key[1],
                participant=participant,
                idea_title=idea_title,
                mentor=board_mentor_name(mentors.get(key[1])),
                score=pair["score"],
                reasons=reasons_text(pair["reasons"]),
                locked=key in locks,
                excluded=key in exclusions,
                taken=key[0] in taken,
                value=pair_value(*key),
                confirmable=key[0] not in taken and key not in exclusions,
            )
        )
    return rows


def pairs_filtered(rows: list[PairRow], *, search, mentor_id, min_score, locked, sort) -> list[PairRow]:
    """`rows` narrowed by the board's filters (`BoardFilterForm.filters()`) and sorted."""
    if search:
        words = search.casefold().split()
        rows = [
            row
            for row in rows
            if all(word in f"{row.participant} {row.idea_title} {row.mentor}".casefold() for word in words)
        ]
    if mentor_id is not None:
        rows = [row for row in rows if row.mentor_id == mentor_id]
    if min_score is not None:
        rows = [row for row in rows if row.score >= float(min_score)]
    if locked == LOCKED_ONLY:
        rows = [row for row in rows if row.locked]
    elif locked == UNLOCKED_ONLY:
        rows = [row for row in rows if not row.locked]
    if sort == "participant":
        key = lambda row: (row.participant.casefold(), -row.score)  # noqa: E731
    elif sort == "mentor":
        key = lambda row: (row.mentor.casefold(), -row.score, row.participant.casefold())  # noqa: E731
    else:
        key = lambda row: (-row.score, row.participant.casefold())  # noqa: E731
    return sorted(rows, key=key)


def _mentorships_of(intake: Intake) -> list[Mentorship]:
    """The intake's mentorships, newest first, each declined or returned one with the change that
    closed it (`closing_changes`)."""
    mentorships = _MENTORSHIPS.instances(intake=intake.pk)
    # Only a closed proposal shows its change: with none, there is nothing to read.
    prefetch_related_objects(
        [mentorship for mentorship in mentorships if mentorship.status in CLOSED_PROPOSALS],
        Prefetch("changes", queryset=_closing_changes(), to_attr="closing_changes"),
    )
    return mentorships


def matching_board(*, intake: Intake, filters: "BoardFilterForm", page: str | None = None) -> MatchingBoard:
    """The board of `intake`: its latest run's pairs narrowed by `filters` (offered the run's
    mentors to choose from, then read) with page `page` of them, and what else the coordinator
    steers. Another mentor for a pair is chosen on a page of its own (`mentors_to_swap_to`),
    so the board does not repeat every mentor on every row.

    A fixed number of queries, whatever the number of pairs.
    """
    runs = _LATEST_RUN.instances(intake=intake.pk)
    run = runs[0] if runs else None
    # Every name the board shows comes from these few queries, whatever the number of pairs.
    participants = _participants_of(intake)
    mentor_ids = set()
    if run is not None:
        mentor_ids |= {pair["mentor"] for pair in run.pairs} | {item["mentor"] for item in run.released_locks}
    mentors = (
        MentorProfile.objects.select_related("user")
        .only(*(f"user__{name}" for name in _NAME))
        .in_bulk(mentor_ids)
    )
    choices = _CHOICES.instances(intake=intake.pk)
    mentorships = _mentorships_of(intake)
    taken = {m.participant_id for m in mentorships if m.status in {str(status) for status in OPEN}}
    rows = _pair_rows(run, participants, mentors, choices, taken)
    filters.offer_mentors(
        sorted({(row.mentor_id, row.mentor) for row in rows}, key=lambda item: item[1].casefold())
    )
    shown = pairs_filtered(rows, **filters.filters())
    page_obj = Paginator(shown, BOARD_PAGE_SIZE).get_page(page)

    def other(participant_id, **kwargs) -> OtherRow:
        participant, idea_title = _name_and_idea(participants, participant_id)
        return OtherRow(
            participant_id=participant_id,
            participant=participant,
            idea_title=idea_title,
            **kwargs,
        )

    done = run is not None and run.state == MatchingRun.State.DONE
    unmatched = [
        other(item["participant"], reasons=tuple(reasons_text(item["reasons"])))
        for item in (run.unmatched if done else ())
    ]
    released = [
        other(
            item["participant"],
            mentor_id=item["mentor"],
            mentor=board_mentor_name(mentors.get(item["mentor"])),
            reasons=tuple(reasons_text(item["reasons"])),
        )
        for item in (run.released_locks if done else ())
    ]
    choice_rows = {
        kind: [
            other(
                choice.participant_id,
                mentor_id=choice.mentor_id,
                mentor=board_mentor_name(choice.mentor),
                by=person_name(choice.made_by),
                at=choice.made_at,
            )
            for choice in choices
            if choice.kind == kind
        ]
        for kind in Kind
    }
    open_mentorships, closed_proposals = [], []
    for mentorship in mentorships:
        status = MentorshipStatus(mentorship.status)
        if status in CLOSED_PROPOSALS:
            change = mentorship.closing_changes[-1] if mentorship.closing_changes else None
            reason = mentorship.decline_reason or (change.reason if change else "")
            if change and change.actor_id is None and reason == change.reason:
                reason = _(reason)  # the portal's own words, kept as their msgid
            if status == MentorshipStatus.DECLINED:
                said = _("Declined by %(person)s") % {"person": person_name(change.actor if change else None)}
            else:
                said = _("Returned unanswered")
            closed_proposals.append(
                other(
                    mentorship.participant_id,
                    mentor_id=mentorship.mentor_id,
                    mentor=board_mentor_name(mentorship.mentor),
                    status=said,
                    reasons=(reason,) if reason else (),
                    at=mentorship.answered_at or (change.at if change else None),
                )
            )
        else:
            open_mentorships.append(
                other(
                    mentorship.participant_id,
                    mentor_id=mentorship.mentor_id,
                    mentor=board_mentor_name(mentorship.mentor),
                    status=mentorship.get_status_display(),
                    at=mentorship.proposed_at,
                )
            )

    return MatchingBoard(
        intake=intake,
        run=run,
        run_done=done,
        run_unfinished=run is not None and not run.is_finished,
        started_by=person_name(run.started_by) if run is not None else "",
        progress_text=run_progress_text(run) if run is not None else "",
        matched_count=len(rows),
        unmatched_count=len(unmatched),
        page_obj=page_obj,
        rows=list(page_obj),
        selectable=any(row.confirmable for row in page_obj),
        unmatched=unmatched,
        released=released,
        locks=choice_rows[Kind.LOCK],
        exclusions=choice_rows[Kind.EXCLUDE],
        open_mentorships=open_mentorships,
        closed_proposals=closed_proposals,
    )
