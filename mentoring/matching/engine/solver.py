"""The whole cohort at once: allowed pairs scored in arrays, then an optimal assignment.

The assignment is a minimum-cost flow (OR-Tools' SimpleMinCostFlow): one unit of
supply per participant, an arc to each mentor the hard rules allow (cost: minus
the pair's points), an arc from each mentor to the sink with the mentor's free
places as capacity. Matching the most participants comes first (a maximum flow
of minimum cost); with `most_matched_first=False` each participant also has an
"unmatched" arc of cost 0 to the sink and only the total counts. The flow is
exact, so the result is optimal, not greedy. Scores are computed in numpy arrays
(bit masks and table look-ups, one thread) block by block, so memory stays flat.

Only allowed pairs become arcs. Up to `max_pairs` of them (default 2 million;
3,500 × 500 is 1.75 million at most) all are used and the assignment is optimal.
Past that, the arcs are each participant's `candidates_per_participant` best
mentors (default 50) together with each mentor's `candidates_per_mentor` best
participants (default 100): the assignment is optimal among those candidates.
The mentors' side matters when places are scarce: without it, participants whose
few best mentors are all wanted by others would be left out while other mentors
keep free places. The trade-off: exactness is lost only where the best
assignment needs a pair that is in neither's shortlist; on the bench's generated
cohorts (7,000 × 1,000 and 2,000 × 800, three seeds each) the limited total
equalled the exact optimum every time, at a fifth to a tenth of the time, and
35,000 × 5,000 (about 150 million allowed pairs, too many to hold) runs in
seconds. The result says when limits were used (`MatchResult.candidates_per_*`),
and so does each participant they left out (`left_out_by_candidate_limit`).

Determinism: inputs are sorted by id, arcs are added in (participant, mentor)
order, ties between candidates are broken by mentor id, and nothing depends on
hash order; the same input in any order gives the same result.
"""

import itertools
from collections.abc import Iterable, Sequence

import numpy as np
from ortools.graph.python import min_cost_flow

from .cohort import Cohort
from .people import Mentor, Participant, Weights
from .results import MatchResult, Pair, ReleasedLock, Unmatched
from .rules import POINTS_PER_UNIT, broken_rules, score_pair

DEFAULT_WEIGHTS = Weights()
DEFAULT_MAX_PAIRS = 2_000_000
DEFAULT_CANDIDATES_PER_PARTICIPANT = 50
DEFAULT_CANDIDATES_PER_MENTOR = 100


class SolverFailed(RuntimeError):
    """The flow solver did not report an optimal solution (it always should: the network is feasible)."""


def match(
    *,
    participants: Iterable[Participant],
    mentors: Iterable[Mentor],
    weights: Weights = DEFAULT_WEIGHTS,
    locked: Iterable[tuple[int, int]] = (),
    excluded: Iterable[tuple[int, int]] = (),
    most_matched_first: bool = True,
    candidates_per_participant: int | None = None,
    candidates_per_mentor: int | None = None,
    max_pairs: int = DEFAULT_MAX_PAIRS,
) -> MatchResult:
    """The best assignment of participants to mentors under the hard rules and mentors' free places.

    With `most_matched_first` (the default) no participant is left without a mentor
    to raise the others' scores: among the assignments that match the most
    participants, the one with the highest total score. Without it, simply the
    highest total score (a participant may stay unmatched if its place is worth more
    to someone else).

    `locked` pairs (participant id, mentor id) are kept and take a place, as long as
    the hard rules still allow them; those they no longer allow are returned in
    `released_locks` and their participants matched afresh. `excluded` pairs
    (coordinator's exclusions, earlier declines) are never proposed.

    Raises ValueError for duplicate ids, a lock naming an unknown participant or
    mentor, or two locks for one participant.
    """
    return _run(
        participants=participants,
        mentors=mentors,
        weights=weights,
        locked=locked,
        excluded=excluded,
        assign=lambda cohort: _assign_optimally(
            cohort,
            most_matched_first=most_matched_first,
            per_participant=candidates_per_participant,
            per_mentor=candidates_per_mentor,
            max_pairs=max_pairs,
        ),
    )


def greedy_match(
    *,
    participants: Iterable[Participant],
    mentors: Iterable[Mentor],
    weights: Weights = DEFAULT_WEIGHTS,
    locked: Iterable[tuple[int, int]] = (),
    excluded: Iterable[tuple[int, int]] = (),
) -> MatchResult:
    """The baseline the engine is measured against: each participant in id order takes its best free mentor.

    Same rules, scores, locks and reasons as `match`; only the assignment differs.
    """
    return _run(
        participants=participants,
        mentors=mentors,
        weights=weights,
        locked=locked,
        excluded=excluded,
        assign=_assign_greedily,
    )


def _sorted_by_id(items, what: str) -> list:
    items = sorted(items, key=lambda item: item.id)
    for a, b in itertools.pairwise(items):
        if a.id == b.id:
            raise ValueError(f"{what} {a.id} appears twice")
    return items


def _run(*, participants, mentors, weights, locked, excluded, assign) -> MatchResult:
    participants = _sorted_by_id(participants, "participant")
    mentors = _sorted_by_id(mentors, "mentor")
    participant_by_id = {p.id: p for p in participants}
    mentor_by_id = {m.id: m for m in mentors}
    excluded = frozenset((p, m) for p, m in excluded)

    free = {m.id: m.capacity for m in mentors}
    pairs: list[Pair] = []
    released: list[ReleasedLock] = []
    seen: set[int] = set()
    for participant_id, mentor_id in sorted(set(locked)):
        if participant_id not in participant_by_id:
            raise ValueError(f"locked pair names unknown participant {participant_id}")
        if mentor_id not in mentor_by_id:
            raise ValueError(f"locked pair names unknown mentor {mentor_id}")
        if participant_id in seen:
            raise ValueError(f"participant {participant_id} is locked to two mentors")
        seen.add(participant_id)
        participant, mentor = participant_by_id[participant_id], mentor_by_id[mentor_id]
        broken = broken_rules(participant, mentor, excluded=excluded, free_places=free[mentor_id])
        if broken:
            released.append(ReleasedLock(participant_id, mentor_id, broken))
            continue
        free[mentor_id] -= 1
        pairs.append(_pair(participant, mentor, weights, locked=True))

    kept = {pair.participant_id for pair in pairs}
    pool = [p for p in participants if p.id not in kept]
    cohort = Cohort(pool, mentors, weights, [free[m.id] for m in mentors], excluded)
    chosen, limits = assign(cohort)
    per_participant, per_mentor = limits or (None, None)

    remaining = cohort.free.copy()
    matched_rows = set()
    for row, col in chosen:
        pairs.append(_pair(pool[row], mentors[col], weights))
        remaining[col] -= 1
        matched_rows.add(row)
    left = [row for row in range(len(pool)) if row not in matched_rows]
    why = cohort.unmatched_reasons(left, remaining=remaining, limit=per_participant)
    unmatched = [Unmatched(pool[row].id, why[row]) for row in left]
    pairs.sort(key=lambda pair: pair.participant_id)
    total = sum(round(pair.score * POINTS_PER_UNIT) for pair in pairs)
    return MatchResult(
        pairs=pairs,
        unmatched=unmatched,
        total_score=total / POINTS_PER_UNIT,
        released_locks=released,
        candidates_per_participant=per_participant,
        candidates_per_mentor=per_mentor,
    )


def _pair(participant: Participant, mentor: Mentor, weights: Weights, *, locked: bool = False) -> Pair:
    score, reasons = score_pair(participant, mentor, weights)
    return Pair(participant.id, mentor.id, score / POINTS_PER_UNIT, reasons, locked=locked)


def _assign_optimally(
    cohort: Cohort,
    *,
    most_matched_first: bool,
    per_participant: int | None,
    per_mentor: int | None,
    max_pairs: int,
):
    n_participants, n_mentors = len(cohort.participants), len(cohort.mentors)
    if not n_participants or not n_mentors:
        return [], None
    limits = None
    arcs = cohort.all_arcs(max_pairs) if per_participant is None and per_mentor is None else None
    if arcs is None:
        per_participant = per_participant or DEFAULT_CANDIDATES_PER_PARTICIPANT
        per_mentor = per_mentor or DEFAULT_CANDIDATES_PER_MENTOR
        if per_participant >= n_mentors or per_mentor >= n_participants:
            arcs = cohort.all_arcs(n_participants * n_mentors)  # the limits would keep every pair anyway
        else:
            limits = (per_participant, per_mentor)
            arcs = cohort.best_arcs(per_participant, per_mentor)
    rows, cols, scores = arcs

    flow = min_cost_flow.SimpleMinCostFlow()
    sink = n_participants + n_mentors
    pair_arcs = flow.add_arcs_with_capacity_and_unit_cost(
        rows.astype(np.int32),
        (cols + n_participants).astype(np.int32),
        np.ones(len(rows), dtype=np.int64),
        -scores,
    )
    places = np.nonzero(cohort.free > 0)[0]
    flow.add_arcs_with_capacity_and_unit_cost(
        (places + n_participants).astype(np.int32),
        np.full(len(places), sink, dtype=np.int32),
        cohort.free[places],
        np.zeros(len(places), dtype=np.int64),
    )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:n_participants] = 1
    supplies[sink] = -n_participants
    if most_matched_first:
        flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
        status = flow.solve_max_flow_with_min_cost()
    else:
        # Staying unmatched costs nothing, so a pair is made only where it adds to the total.
        everyone = np.arange(n_participants, dtype=np.int32)
        flow.add_arcs_with_capacity_and_unit_cost(
            everyone,
            np.full(n_participants, sink, dtype=np.int32),
            np.ones(n_participants, dtype=np.int64),
            np.zeros(n_participants, dtype=np.int64),
        )
        flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
        status = flow.solve()
    if status != flow.OPTIMAL:
        raise SolverFailed(f"min-cost flow ended with status {status}")
    used = np.nonzero(flow.flows(pair_arcs))[0]
    return list(zip(rows[used].tolist(), cols[used].tolist(), strict=True)), limits


def _assign_greedily(cohort: Cohort) -> tuple[Sequence[tuple[int, int]], None]:
    n_mentors = len(cohort.mentors)
    rank_bonus = n_mentors - 1 - np.arange(n_mentors, dtype=np.int64)
    remaining = cohort.free.copy()
    chosen = []
    if not n_mentors:
        return chosen, None
    for rows in cohort.blocks():
        allowed, score = cohort.score_block(rows)
        keys = np.where(allowed, score * n_mentors + rank_bonus[None, :], -1)
        for row, row_keys in zip(rows.tolist(), keys, strict=True):
            key = np.where(remaining > 0, row_keys, -1)
            col = int(key.argmax())
            if key[col] >= 0:
                chosen.append((row, col))
                remaining[col] -= 1
    return chosen, None
