"""The whole cohort at once: allowed pairs scored in arrays, then an optimal assignment.

The assignment is a minimum-cost flow (OR-Tools' SimpleMinCostFlow): one unit of
supply per participant, an arc to each mentor the hard rules allow (cost: minus
the pair's points), an arc from each mentor to the sink with the mentor's free
places as capacity. The flow is exact, so the result is optimal, not greedy.

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

from .people import PREFERRED, REQUIRED, Mentor, Participant, Weights, normalise_company
from .results import MatchResult, Pair, ReleasedLock, Unmatched
from .results import Reason as R
from .rules import POINTS_PER_UNIT, bonus_languages, broken_rules, needs_points, points, score_pair

DEFAULT_WEIGHTS = Weights()
DEFAULT_MAX_PAIRS = 2_000_000
DEFAULT_CANDIDATES_PER_PARTICIPANT = 50
DEFAULT_CANDIDATES_PER_MENTOR = 100
# Elements of one block of the participant × mentor arrays: bounds memory whatever the cohort.
BLOCK_ELEMENTS = 1 << 20


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
    cohort = _Cohort(pool, mentors, weights, [free[m.id] for m in mentors], excluded)
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


def _index(codes) -> dict[str, int]:
    return {code: i for i, code in enumerate(sorted(codes))}


def _joined(found) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not found:
        return tuple(np.zeros(0, dtype=np.int64) for _ in range(3))
    return tuple(np.concatenate(parts).astype(np.int64, copy=False) for parts in zip(*found, strict=True))


def _spans(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """The indices start..stop of every span, one after the other."""
    lengths = stops - starts
    ends = np.cumsum(lengths)
    return np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - lengths - starts, lengths)


class _Cohort:
    """The pool (participants not held by a lock) and all mentors as arrays, scored block by block.

    Every score is a sum of table look-ups built with `rules.points`, so the arrays
    agree with `rules.score_pair` to the point.
    """

    def __init__(self, participants, mentors, weights: Weights, free_places, excluded):
        self.participants, self.mentors = participants, mentors
        n_mentors = len(mentors)
        sectors = _index({p.sector for p in participants} | {s for m in mentors for s in m.sectors})
        needs = _index({n for p in participants for n in p.needs} | {e for m in mentors for e in m.expertise})
        languages = _index(
            {lang for p in participants for lang in p.languages | {p.required_language} if lang}
            | {lang for m in mentors for lang in m.languages}
        )
        places = _index(({p.municipality for p in participants} | {m.municipality for m in mentors}) - {None})

        self.m_sector = np.zeros((len(sectors), n_mentors), dtype=bool)
        self.m_expertise = np.zeros((len(needs), n_mentors), dtype=np.float32)
        # One row per language, and a last row, all True, for "no language required".
        self.m_language = np.zeros((len(languages) + 1, n_mentors), dtype=bool)
        self.m_language[-1] = True
        for col, m in enumerate(mentors):
            self.m_sector[[sectors[s] for s in m.sectors], col] = True
            self.m_expertise[[needs[e] for e in m.expertise], col] = 1
            self.m_language[[languages[lang] for lang in m.languages], col] = True
        self.m_language_f = self.m_language[:-1].astype(np.float32)
        self.m_place = np.array([places.get(m.municipality, -1) for m in mentors], dtype=np.int64)
        self.m_online = np.array([m.online_ok for m in mentors], dtype=bool)
        self.m_woman = np.array([m.is_woman is True for m in mentors], dtype=bool)
        self.free = np.array(free_places, dtype=np.int64).reshape(n_mentors)
        paused = np.array([m.paused for m in mentors], dtype=bool)
        self.available = (self.free > 0) & ~paused

        n = len(participants)
        self.p_sector = np.array([sectors[p.sector] for p in participants], dtype=np.int64)
        self.p_needs = np.zeros((n, len(needs)), dtype=np.float32)
        self.p_bonus = np.zeros((n, len(languages)), dtype=np.float32)
        for row, p in enumerate(participants):
            self.p_needs[row, [needs[x] for x in p.needs]] = 1
            self.p_bonus[row, [languages[lang] for lang in bonus_languages(p)]] = 1
        self.p_n_needs = np.array([len(p.needs) for p in participants], dtype=np.int64)
        self.p_required = np.array(
            [languages[p.required_language] if p.required_language else len(languages) for p in participants],
            dtype=np.int64,
        )
        self.p_woman_required = np.array([p.woman_mentor == REQUIRED for p in participants], dtype=bool)
        self.p_woman_preferred = np.array([p.woman_mentor == PREFERRED for p in participants], dtype=bool)
        self.p_place = np.array([places.get(p.municipality, -1) for p in participants], dtype=np.int64)
        self.p_online = np.array([p.online_ok for p in participants], dtype=bool)

        # One product gives covered + stride × needs for each pair: a look-up into the needs points.
        most_needs = max([len(needs), *self.p_n_needs.tolist()])
        stride = most_needs + 1
        self.p_needs = np.hstack([self.p_needs, (self.p_n_needs * stride)[:, None].astype(np.float32)])
        self.m_expertise = np.vstack([self.m_expertise, np.ones((1, n_mentors), dtype=np.float32)])
        self.needs_points = np.array(
            [needs_points(weights, covered, of) for of in range(stride) for covered in range(stride)],
            dtype=np.int32,
        )
        self.sector_points = points(weights.sector)
        self.language_points = points(weights.language)
        self.place_points = points(weights.place)
        self.online_points = points(weights.place, 0.5)
        self.preference_points = points(weights.preference)

        # Pairs a hard rule on the people themselves forbids: ties to a former employer, exclusions.
        ties: dict[str, list[int]] = {}
        for col, m in enumerate(mentors):
            for company in sorted({normalise_company(tie) for tie in m.company_ties}):
                ties.setdefault(company, []).append(col)
        column = {m.id: col for col, m in enumerate(mentors)}
        self.conflicted: dict[int, list[int]] = {}
        self.excluded: dict[int, list[int]] = {}
        for row, p in enumerate(participants):
            if p.former_employer and normalise_company(p.former_employer) in ties:
                self.conflicted[row] = ties[normalise_company(p.former_employer)]
        row_of = {p.id: row for row, p in enumerate(participants)}
        for participant_id, mentor_id in sorted(excluded):
            if participant_id in row_of and mentor_id in column:
                self.excluded.setdefault(row_of[participant_id], []).append(column[mentor_id])
        blocked = [
            np.asarray(cols, dtype=np.int64) + row * n_mentors
            for kind in (self.conflicted, self.excluded)
            for row, cols in kind.items()
        ]
        blocked = np.sort(np.concatenate(blocked)) if blocked else np.zeros(0, dtype=np.int64)
        blocked = blocked[np.concatenate([[True], blocked[1:] != blocked[:-1]])] if len(blocked) else blocked
        self.blocked_rows, self.blocked_cols = blocked // max(1, n_mentors), blocked % max(1, n_mentors)

    def blocks(self, rows: np.ndarray | None = None):
        """The given rows (default: all), ascending, in blocks small enough to score at once."""
        rows = np.arange(len(self.participants)) if rows is None else np.asarray(rows, dtype=np.int64)
        step = max(1, BLOCK_ELEMENTS // max(1, len(self.mentors)))
        for start in range(0, len(rows), step):
            yield rows[start : start + step]

    def score_block(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For the participants in `rows` (ascending) × every mentor: is the pair allowed, and its points."""
        needs = np.rint(self.p_needs[rows] @ self.m_expertise).astype(np.int32)
        score = self.needs_points.take(needs)
        score += self.m_sector[self.p_sector[rows]] * np.int32(self.sector_points)
        score += ((self.p_bonus[rows] @ self.m_language_f) > 0) * np.int32(self.language_points)
        place = self.p_place[rows, None]
        same_place = (place == self.m_place[None, :]) & (place >= 0)
        both_online = self.p_online[rows, None] & self.m_online[None, :]
        score += np.where(same_place, np.int32(self.place_points), both_online * np.int32(self.online_points))
        score += (self.p_woman_preferred[rows, None] & self.m_woman[None, :]) * np.int32(
            self.preference_points
        )

        allowed = np.repeat(self.available[None, :], len(rows), axis=0)
        allowed &= self.m_language[self.p_required[rows]]
        allowed &= ~self.p_woman_required[rows, None] | self.m_woman[None, :]
        if len(rows) and rows[-1] - rows[0] + 1 == len(rows):
            lo, hi = np.searchsorted(self.blocked_rows, [rows[0], rows[-1] + 1])
            blocked = slice(lo, hi)
        else:
            blocked = _spans(
                np.searchsorted(self.blocked_rows, rows, side="left"),
                np.searchsorted(self.blocked_rows, rows, side="right"),
            )
        allowed[np.searchsorted(rows, self.blocked_rows[blocked]), self.blocked_cols[blocked]] = False
        return allowed, score

    def all_arcs(self, max_pairs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """Every allowed pair as (rows, columns, points) in (row, column) order; None past `max_pairs`."""
        found, count = [], 0
        for rows in self.blocks():
            allowed, score = self.score_block(rows)
            at, cols = np.nonzero(allowed)
            count += len(at)
            if count > max_pairs:
                return None
            found.append((rows[at], cols, score[at, cols]))
        return _joined(found)

    def best_arcs(self, per_participant: int, per_mentor: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each participant's `per_participant` best allowed mentors and each mentor's `per_mentor` best
        allowed participants, as (rows, columns, points) in (row, column) order.

        Ties on points are ranked by id (the lower first), so the set kept is the same on every run.
        Each candidate's key holds its points and its rank, so partitioning keys alone finds both.
        """
        n_participants, n_mentors = len(self.participants), len(self.mentors)
        per_participant, per_mentor = min(per_participant, n_mentors), min(per_mentor, n_participants)
        col_rank = (n_mentors - 1 - np.arange(n_mentors, dtype=np.int64))[None, :]
        mentors_best = np.full((n_mentors, 0), -1, dtype=np.int64)  # mentors × their best keys so far
        found = []
        for rows in self.blocks():
            allowed, score = self.score_block(rows)
            score = score.astype(np.int64)
            key = np.where(allowed, score * n_mentors + col_rank, -1)
            key = np.partition(key, n_mentors - per_participant, axis=1)[:, n_mentors - per_participant :]
            at, _ = np.nonzero(key >= 0)
            key = key[key >= 0]
            found.append((rows[at], n_mentors - 1 - key % n_mentors, key // n_mentors))

            key = np.where(allowed, score * n_participants + (n_participants - 1 - rows)[:, None], -1)
            mentors_best = np.hstack([mentors_best, key.T])
            if mentors_best.shape[1] > per_mentor:
                kept = mentors_best.shape[1] - per_mentor
                mentors_best = np.partition(mentors_best, kept, axis=1)[:, kept:]
        cols, _ = np.nonzero(mentors_best >= 0)
        key = mentors_best[mentors_best >= 0]
        found.append((n_participants - 1 - key % n_participants, cols, key // n_participants))
        rows, cols, scores = _joined(found)
        unique, first = np.unique(rows * n_mentors + cols, return_index=True)
        return unique // n_mentors, unique % n_mentors, scores[first]

    def unmatched_reasons(
        self, rows, *, remaining: np.ndarray, limit: int | None
    ) -> dict[int, tuple[R, ...]]:
        """Why no mentor fits each of these participants (rows ascending), from the most basic cause on."""
        reasons = {}
        has_room = remaining > 0
        for block in self.blocks(rows):
            allowed, _ = self.score_block(block)
            fitting = allowed.sum(axis=1).tolist()
            room = (allowed & has_room[None, :]).any(axis=1).tolist()
            for row, fits, roomy in zip(block.tolist(), fitting, room, strict=True):
                if not fits:
                    reasons[row] = self._why_nothing_fits(row)
                elif not roomy:
                    reasons[row] = (R("fitting_mentors_full", {"fitting": fits}),)
                elif limit is not None and fits > limit:
                    reasons[row] = (R("left_out_by_candidate_limit", {"limit": limit, "fitting": fits}),)
                else:
                    reasons[row] = (R("left_out", {"fitting": fits}),)
        return reasons

    def _why_nothing_fits(self, row: int) -> tuple[R, ...]:
        p = self.participants[row]
        available = self.available
        if not available.any():
            return (R("no_free_places"),)
        speaks = self.m_language[self.p_required[row]]
        woman = self.m_woman if self.p_woman_required[row] else np.ones_like(available)
        reasons = []
        if not (available & speaks).any():
            reasons.append(R("no_mentor_speaks_language", {"language": p.required_language}))
        if not (available & woman).any():
            reasons.append(R("no_woman_mentor"))
        if reasons:
            return tuple(reasons)
        eligible = available & speaks & woman
        if not eligible.any():
            return (R("no_mentor_meets_both", {"language": p.required_language}),)
        excluded = int(eligible[self.excluded.get(row, [])].sum())
        conflicted = int(eligible[self.conflicted.get(row, [])].sum())
        return (R("all_excluded_or_conflicted", {"excluded": excluded, "conflicted": conflicted}),)


def _assign_optimally(
    cohort: _Cohort,
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


def _assign_greedily(cohort: _Cohort) -> tuple[Sequence[tuple[int, int]], None]:
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
