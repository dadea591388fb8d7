"""What the engine returns: pairs and unmatched participants, each with reasons.

A reason is a code with parameters, so the Django side can translate it;
`explain()` gives plain English for logs and tests.
"""

from dataclasses import dataclass, field

# Plain English for every reason code; the Django side keeps its own translatable texts.
TEXTS = {
    # Why a pair scores what it does.
    "same_sector": "same sector: {sector}",
    "covers_needs": "covers {covered} of {of} needs",
    "shared_language": "both speak {language}",
    "same_municipality": "same municipality: {municipality}",
    "both_online": "both willing to meet online",
    "woman_mentor_preferred": "woman mentor, as preferred",
    "woman_mentor_required": "woman mentor, as required",
    # Why a pair is not allowed (a hard rule).
    "mentor_paused": "the mentor is paused",
    "mentor_full": "the mentor has no free places",
    "language_not_shared": "the mentor does not speak {language}",
    "not_a_woman_mentor": "a woman mentor is required",
    "conflict_of_interest": "conflict of interest: the mentor has ties to {company}",
    "excluded": "excluded by a coordinator or declined before",
    # Why a lock was released before the engine ran (given by the Django side).
    "mentorship_ended": "the participant's mentorship has ended",
    # Why a participant got no mentor.
    "no_free_places": "no mentor has free places",
    "no_mentor_speaks_language": "no mentor with free places speaks the required language ({language})",
    "no_woman_mentor": "no woman mentor with free places",
    "no_mentor_meets_both": "no woman mentor with free places speaks {language}",
    "all_excluded_or_conflicted": (
        "all candidates excluded or conflicted"
        " ({excluded} excluded, {conflicted} with a conflict of interest)"
    ),
    "fitting_mentors_full": "every fitting mentor is full ({fitting} fitting)",
    "left_out": (
        "left out: the best assignment gives the free places of its {fitting} fitting mentors to others"
    ),
    "left_out_by_candidate_limit": (
        "left out: of {fitting} fitting mentors only the best (at least {limit}) were considered,"
        " and they are full"
    ),
}


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict)

    def text(self) -> str:
        return TEXTS[self.code].format(**self.params)


def explain(reasons) -> str:
    """The reasons as one line of plain English: "same sector: J; covers 3 of 4 needs; both speak ar"."""
    return "; ".join(reason.text() for reason in reasons)


@dataclass(frozen=True)
class Pair:
    """A proposed participant–mentor pair; `locked` when a coordinator fixed it before the run."""

    participant_id: int
    mentor_id: int
    score: float
    reasons: tuple[Reason, ...]
    locked: bool = False

    def explain(self) -> str:
        return explain(self.reasons)


@dataclass(frozen=True)
class Unmatched:
    participant_id: int
    reasons: tuple[Reason, ...]

    def explain(self) -> str:
        return explain(self.reasons)


@dataclass(frozen=True)
class ReleasedLock:
    """A locked pair that the hard rules no longer allow; its participant was matched afresh."""

    participant_id: int
    mentor_id: int
    reasons: tuple[Reason, ...]

    def explain(self) -> str:
        return explain(self.reasons)


@dataclass(frozen=True)
class MatchResult:
    """Pairs and unmatched participants, each list in participant id order.

    `candidates_per_participant` and `candidates_per_mentor` are None when every
    allowed pair was considered (the assignment is optimal); numbers when the pairs
    considered were each participant's that many best mentors and each mentor's that
    many best participants (the assignment is optimal among those).
    """

    pairs: list[Pair]
    unmatched: list[Unmatched]
    total_score: float
    released_locks: list[ReleasedLock] = field(default_factory=list)
    candidates_per_participant: int | None = None
    candidates_per_mentor: int | None = None

    @property
    def unmatched_ids(self) -> list[int]:
        return [u.participant_id for u in self.unmatched]

    @property
    def mentor_of(self) -> dict[int, int]:
        return {pair.participant_id: pair.mentor_id for pair in self.pairs}
