"""The cohort as arrays: every participant × mentor pair allowed or not, and scored, a block at a time.

Scores are sums of table look-ups built with `rules.points`, so they agree with
`rules.score_pair` to the point; sets are bit masks, so shared needs and
languages are a few bit operations. Runs on one thread (no BLAS products).
"""

import numpy as np

from .people import PREFERRED, REQUIRED, Weights, normalise_company
from .results import Reason as R
from .rules import bonus_languages, needs_points, points

# Elements of one block of the participant × mentor arrays: bounds memory whatever the cohort.
BLOCK_ELEMENTS = 1 << 20


def _index(codes) -> dict[str, int]:
    return {code: i for i, code in enumerate(sorted(codes))}


def joined(found) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not found:
        return tuple(np.zeros(0, dtype=np.int64) for _ in range(3))
    return tuple(np.concatenate(parts).astype(np.int64, copy=False) for parts in zip(*found, strict=True))


def _bits(sets, index: dict[str, int]) -> np.ndarray:
    """Each set as a row of 64-bit words, bit `index[code]` set for each code in it."""
    words = max(1, -(-len(index) // 64))
    masks = [sum(1 << index[code] for code in codes) for codes in sets]
    return np.array(
        [[(mask >> (64 * word)) & 0xFFFF_FFFF_FFFF_FFFF for word in range(words)] for mask in masks],
        dtype=np.uint64,
    ).reshape(len(masks), words)


def _spans(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """The indices start..stop of every span, one after the other."""
    lengths = stops - starts
    ends = np.cumsum(lengths)
    return np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - lengths - starts, lengths)


class Cohort:
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
        # One row per language, and a last row, all True, for "no language required".
        self.m_language = np.zeros((len(languages) + 1, n_mentors), dtype=bool)
        self.m_language[-1] = True
        for col, m in enumerate(mentors):
            self.m_sector[[sectors[s] for s in m.sectors], col] = True
            self.m_language[[languages[lang] for lang in m.languages], col] = True
        # Sets as bit masks (words of 64 bits): shared needs and languages are a few bit operations,
        # not a matrix product (BLAS threads cost more than they save on products this thin).
        self.m_expertise = _bits([m.expertise for m in mentors], needs).T
        self.m_speaks = _bits([m.languages for m in mentors], languages).T
        self.m_place = np.array([places.get(m.municipality, -2) for m in mentors], dtype=np.int64)
        self.m_online = np.array([m.online_ok for m in mentors], dtype=bool)
        self.m_woman = np.array([m.is_woman is True for m in mentors], dtype=bool)
        self.free = np.array(free_places, dtype=np.int64).reshape(n_mentors)
        paused = np.array([m.paused for m in mentors], dtype=bool)
        self.available = (self.free > 0) & ~paused

        self.p_sector = np.array([sectors[p.sector] for p in participants], dtype=np.int64)
        self.p_needs = _bits([p.needs for p in participants], needs)
        self.p_bonus = _bits([bonus_languages(p) for p in participants], languages)
        self.p_n_needs = np.array([len(p.needs) for p in participants], dtype=np.int64)
        self.p_required = np.array(
            [languages[p.required_language] if p.required_language else len(languages) for p in participants],
            dtype=np.int64,
        )
        self.p_woman_required = np.array([p.woman_mentor == REQUIRED for p in participants], dtype=bool)
        self.p_woman_preferred = np.array([p.woman_mentor == PREFERRED for p in participants], dtype=bool)
        self.p_place = np.array([places.get(p.municipality, -1) for p in participants], dtype=np.int64)
        self.p_online = np.array([p.online_ok for p in participants], dtype=bool)

        # Needs points are looked up at covered + stride × needs.
        stride = max([len(needs), *self.p_n_needs.tolist()]) + 1
        self.p_needs_offset = (self.p_n_needs * stride).astype(np.int32)
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
        covered = self.p_needs_offset[rows, None]
        shared = np.zeros((len(rows), len(self.mentors)), dtype=bool)
        for word in range(self.p_needs.shape[1]):
            covered = covered + np.bitwise_count(self.p_needs[rows, word, None] & self.m_expertise[word])
        for word in range(self.p_bonus.shape[1]):
            shared |= (self.p_bonus[rows, word, None] & self.m_speaks[word]) != 0
        score = self.needs_points.take(covered)
        score += self.m_sector[self.p_sector[rows]] * np.int32(self.sector_points)
        score += shared * np.int32(self.language_points)
        # Unknown municipalities are -1 for participants and -2 for mentors: never the same place.
        same_place = self.p_place[rows, None] == self.m_place[None, :]
        both_online = self.p_online[rows, None] & self.m_online[None, :]
        score += np.where(same_place, np.int32(self.place_points), both_online * np.int32(self.online_points))
        score += (self.p_woman_preferred[rows, None] & self.m_woman[None, :]) * np.int32(
            self.preference_points
        )
        return self.allowed_block(rows), score

    def allowed_block(self, rows: np.ndarray) -> np.ndarray:
        """For the participants in `rows` (ascending) × every mentor: does every hard rule allow the pair."""
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
        return allowed

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
        return joined(found)

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
        rows, cols, scores = joined(found)
        unique, first = np.unique(rows * n_mentors + cols, return_index=True)
        return unique // n_mentors, unique % n_mentors, scores[first]

    def unmatched_reasons(
        self, rows, *, remaining: np.ndarray, limit: int | None
    ) -> dict[int, tuple[R, ...]]:
        """Why no mentor fits each of these participants (rows ascending), from the most basic cause on."""
        reasons = {}
        has_room = remaining > 0
        for block in self.blocks(rows):
            allowed = self.allowed_block(block)
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
