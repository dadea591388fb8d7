"""The matching engine, without a database: hard rules, scores and reasons, locks, determinism, optimality."""

import itertools
import random
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from mentoring.matching.engine import (
    POINTS_PER_UNIT,
    PREFERRED,
    REQUIRED,
    Mentor,
    Participant,
    Weights,
    broken_rules,
    greedy_match,
    match,
    score_pair,
)
from mentoring.matching.engine.cohort import Cohort

ROOT = Path(__file__).resolve().parents[2]


def p(id, **kwargs) -> Participant:
    kwargs.setdefault("sector", "J")
    kwargs.setdefault("languages", frozenset({"sv"}))
    kwargs.setdefault("municipality", "goteborg")
    for name in ("needs", "languages"):
        kwargs[name] = frozenset(kwargs.get(name, ()))
    return Participant(id=id, **kwargs)


def m(id, **kwargs) -> Mentor:
    kwargs.setdefault("languages", frozenset({"sv"}))
    kwargs.setdefault("municipality", "goteborg")
    for name in ("sectors", "expertise", "languages", "company_ties"):
        kwargs[name] = frozenset(kwargs.get(name, ()))
    return Mentor(id=id, **kwargs)


def points_of(result) -> int:
    return sum(round(pair.score * POINTS_PER_UNIT) for pair in result.pairs)


def assert_valid(result, participants, mentors, excluded=frozenset()):
    """What any result must respect, whoever computed it."""
    by_id = {x.id: x for x in participants}
    mentor_by_id = {x.id: x for x in mentors}
    matched = [pair.participant_id for pair in result.pairs]
    assert len(matched) == len(set(matched))
    assert sorted(matched + result.unmatched_ids) == sorted(by_id)
    taken = Counter(pair.mentor_id for pair in result.pairs)
    for mentor_id, count in taken.items():
        assert count <= mentor_by_id[mentor_id].capacity
    for pair in result.pairs:
        participant, mentor = by_id[pair.participant_id], mentor_by_id[pair.mentor_id]
        assert broken_rules(participant, mentor, excluded=frozenset(excluded)) == ()
        assert round(pair.score * POINTS_PER_UNIT) == score_pair(participant, mentor, Weights())[0]


# Capacity


def test_match_never_exceeds_mentor_capacity():
    result = match(participants=[p(1), p(2), p(3)], mentors=[m(9, capacity=2)])
    assert len(result.pairs) == 2 and result.unmatched_ids == [3]


def test_match_uses_every_free_place_across_mentors():
    result = match(participants=[p(i) for i in range(1, 8)], mentors=[m(8, capacity=3), m(9, capacity=2)])
    assert Counter(pair.mentor_id for pair in result.pairs) == {8: 3, 9: 2}
    assert len(result.unmatched) == 2


# Hard rules: each one alone makes the pair infeasible.

RULES = {
    "paused": (p(1), m(9, paused=True), m(9), "mentor_paused", "no_free_places"),
    "no free places": (p(1), m(9, capacity=0), m(9), "mentor_full", "no_free_places"),
    "required language": (
        p(1, languages={"ar", "sv"}, required_language="ar"),
        m(9, languages={"sv"}),
        m(9, languages={"sv", "ar"}),
        "language_not_shared",
        "no_mentor_speaks_language",
    ),
    "woman mentor required, mentor a man": (
        p(1, woman_mentor=REQUIRED),
        m(9, is_woman=False),
        m(9, is_woman=True),
        "not_a_woman_mentor",
        "no_woman_mentor",
    ),
    "woman mentor required, gender not given": (
        p(1, woman_mentor=REQUIRED),
        m(9, is_woman=None),
        m(9, is_woman=True),
        "not_a_woman_mentor",
        "no_woman_mentor",
    ),
    "conflict of interest": (
        p(1, former_employer="Volvo  Cars"),
        m(9, company_ties={"volvo cars"}),
        m(9, company_ties={"Volvo Group"}),
        "conflict_of_interest",
        "all_excluded_or_conflicted",
    ),
}


@pytest.mark.parametrize("rule", RULES)
def test_match_hard_rule_alone_makes_pair_infeasible(rule):
    participant, breaking, keeping, broken_code, unmatched_code = RULES[rule]
    assert [r.code for r in broken_rules(participant, breaking)] == [broken_code]
    assert broken_rules(participant, keeping) == ()

    refused = match(participants=[participant], mentors=[breaking])
    assert refused.pairs == [] and [r.code for r in refused.unmatched[0].reasons] == [unmatched_code]
    assert match(participants=[participant], mentors=[keeping]).mentor_of == {1: 9}
    assert greedy_match(participants=[participant], mentors=[breaking]).pairs == []


def test_match_excluded_pair_is_never_proposed():
    # Mentor 9 is the better fit, but declined participant 1 before.
    participants, mentors = [p(1, needs={"financing"})], [m(8), m(9, sectors={"J"}, expertise={"financing"})]
    assert match(participants=participants, mentors=mentors).mentor_of == {1: 9}

    result = match(participants=participants, mentors=mentors, excluded=[(1, 9)])
    assert result.mentor_of == {1: 8}
    assert [r.code for r in broken_rules(participants[0], mentors[1], excluded=frozenset({(1, 9)}))] == [
        "excluded"
    ]


def test_match_excluded_as_only_candidate_leaves_participant_unmatched_with_reason():
    result = match(participants=[p(1)], mentors=[m(9)], excluded=[(1, 9)])
    assert (
        result.unmatched[0].explain()
        == "all candidates excluded or conflicted (1 excluded, 0 with a conflict of interest)"
    )


def test_match_conflict_of_interest_ignores_case_and_spacing_on_both_sides():
    participant = p(1, former_employer="  AB   Volvo ")
    assert match(participants=[participant], mentors=[m(9, company_ties={"ab volvo", "SKF"})]).pairs == []


def test_match_woman_mentor_preferred_is_a_score_not_a_rule():
    participant = p(1, woman_mentor=PREFERRED)
    assert match(participants=[participant], mentors=[m(9, is_woman=False)]).mentor_of == {1: 9}
    assert match(
        participants=[participant], mentors=[m(8, is_woman=False), m(9, is_woman=True)]
    ).mentor_of == {1: 9}


# Locks


def test_match_keeps_locked_pair_and_it_takes_the_place():
    participants = [p(1), p(2, needs={"financing"})]
    mentors = [m(8, expertise={"financing"}), m(9)]
    assert match(participants=participants, mentors=mentors).mentor_of == {1: 9, 2: 8}

    result = match(participants=participants, mentors=mentors, locked=[(1, 8)])
    assert result.mentor_of == {1: 8, 2: 9}
    assert [pair.locked for pair in result.pairs] == [True, False]


def test_match_rerun_with_the_locks_keeps_them():
    rng = random.Random(7)
    participants, mentors, excluded = random_cohort(rng, participants=30, mentors=10)
    first = match(participants=participants, mentors=mentors, excluded=excluded)
    locks = [(pair.participant_id, pair.mentor_id) for pair in first.pairs[::3]]

    again = match(participants=participants, mentors=mentors, excluded=excluded, locked=locks)
    assert set(locks) <= set(again.mentor_of.items())
    assert {(pair.participant_id, pair.mentor_id) for pair in again.pairs if pair.locked} == set(locks)
    assert_valid(again, participants, mentors, excluded)


def test_match_releases_a_lock_the_rules_no_longer_allow():
    result = match(participants=[p(1)], mentors=[m(8), m(9, paused=True)], locked=[(1, 9)])
    assert result.mentor_of == {1: 8}
    assert [(lock.participant_id, lock.mentor_id, lock.explain()) for lock in result.released_locks] == [
        (1, 9, "the mentor is paused")
    ]


def test_match_releases_locks_beyond_the_mentors_free_places():
    result = match(participants=[p(1), p(2)], mentors=[m(9)], locked=[(2, 9), (1, 9)])
    assert result.mentor_of == {1: 9}
    assert [lock.participant_id for lock in result.released_locks] == [2]


@pytest.mark.parametrize("locked", [[(1, 7)], [(5, 9)], [(1, 9), (1, 8)]])
def test_match_refuses_locks_naming_unknown_people_or_two_mentors(locked):
    with pytest.raises(ValueError):
        match(participants=[p(1)], mentors=[m(8), m(9)], locked=locked)


def test_match_refuses_duplicate_ids():
    with pytest.raises(ValueError, match="participant 1 appears twice"):
        match(participants=[p(1), p(1)], mentors=[m(9)])


# Scores and reasons


def test_pair_explain_reads_like_the_coordinators_words():
    participant = p(1, needs={"a", "b", "c", "d"}, languages={"sv", "ar"}, municipality="molndal")
    mentor = m(9, sectors={"J", "C"}, expertise={"a", "b", "c"}, languages={"sv", "ar"}, municipality="lerum")
    [pair] = match(participants=[participant], mentors=[mentor]).pairs
    assert pair.explain() == "same sector: J; covers 3 of 4 needs; both speak ar"
    assert pair.score == 3.0 + 4.0 * 3 / 4 + 1.0
    assert [(r.code, r.params) for r in pair.reasons] == [
        ("same_sector", {"sector": "J"}),
        ("covers_needs", {"covered": 3, "of": 4}),
        ("shared_language", {"language": "ar"}),
    ]


def test_score_place_same_municipality_beats_both_online():
    online = score_pair(p(1, online_ok=True), m(9, municipality="ale", online_ok=True), Weights())
    same = score_pair(p(1, online_ok=True), m(9, online_ok=True), Weights())
    assert (online[0], [r.code for r in online[1]]) == (1000, ["both_online"])
    assert (same[0], [r.code for r in same[1]]) == (2000, ["same_municipality"])


def test_score_swedish_alone_earns_no_language_points_unless_required():
    assert score_pair(p(1), m(9), Weights())[0] == 2000  # same municipality only
    required = score_pair(p(1, required_language="sv"), m(9), Weights())
    assert required[0] == 3000 and [r.code for r in required[1]] == ["shared_language", "same_municipality"]


def test_match_weights_decide_between_sector_and_needs():
    participants = [p(1, needs={"financing", "leadership"})]
    mentors = [m(8, sectors={"J"}), m(9, expertise={"financing", "leadership"})]
    assert match(participants=participants, mentors=mentors, weights=Weights(sector=5)).mentor_of == {1: 8}
    assert match(participants=participants, mentors=mentors, weights=Weights(needs=5)).mentor_of == {1: 9}


def test_match_arrays_agree_with_the_pair_rules_on_every_pair():
    rng = random.Random(3)
    participants, mentors, excluded = random_cohort(rng, participants=40, mentors=15)
    weights = Weights(sector=1.3, needs=2.7, place=0.9, language=0.4, preference=1.1)
    cohort = Cohort(participants, mentors, weights, [x.capacity for x in mentors], excluded)
    allowed, score = cohort.score_block(np.arange(len(participants)))
    for row, participant in enumerate(participants):
        for col, mentor in enumerate(mentors):
            assert score[row, col] == score_pair(participant, mentor, weights)[0]
            assert allowed[row, col] == (broken_rules(participant, mentor, excluded=excluded) == ())


# Unmatched participants and why


@pytest.mark.parametrize(
    ("participant", "mentors", "why"),
    [
        (p(1), [m(9, paused=True), m(8, capacity=0)], "no mentor has free places"),
        (
            p(1, required_language="ti"),
            [m(9, languages={"ti"}, paused=True), m(8)],
            "no mentor with free places speaks the required language (ti)",
        ),
        (p(1, woman_mentor=REQUIRED), [m(9, is_woman=False)], "no woman mentor with free places"),
        (
            p(1, woman_mentor=REQUIRED, required_language="so"),
            [m(9, is_woman=True), m(8, languages={"so"})],
            "no woman mentor with free places speaks so",
        ),
        (
            p(1, former_employer="SKF"),
            [m(9, company_ties={"skf"}), m(8, company_ties={"SKF"})],
            "all candidates excluded or conflicted (0 excluded, 2 with a conflict of interest)",
        ),
    ],
)
def test_match_says_why_no_mentor_fits(participant, mentors, why):
    result = match(participants=[participant], mentors=mentors)
    assert [u.explain() for u in result.unmatched] == [why]


def test_match_says_when_every_fitting_mentor_is_full():
    # Participant 2 scores higher with mentor 9 (they share Arabic) and takes the only place.
    result = match(participants=[p(1), p(2, required_language="ar")], mentors=[m(9, languages={"sv", "ar"})])
    assert result.mentor_of == {2: 9}
    assert result.unmatched[0].explain() == "every fitting mentor is full (1 fitting)"


def test_match_candidate_limits_are_reported_with_whom_they_left_out():
    rng = random.Random(13)
    participants, mentors, excluded = random_cohort(rng, participants=20, mentors=12)
    limited = match(
        participants=participants,
        mentors=mentors,
        excluded=excluded,
        candidates_per_participant=1,
        candidates_per_mentor=1,
    )
    assert (limited.candidates_per_participant, limited.candidates_per_mentor) == (1, 1)
    assert_valid(limited, participants, mentors, excluded)

    taken = Counter(pair.mentor_id for pair in limited.pairs)
    by_id = {x.id: x for x in participants}
    left_out = [u for u in limited.unmatched if u.reasons[0].code == "left_out_by_candidate_limit"]
    assert left_out
    for unmatched in left_out:
        assert any(
            not broken_rules(by_id[unmatched.participant_id], mentor, excluded=excluded)
            and taken[mentor.id] < mentor.capacity
            for mentor in mentors
        )
    exact = match(participants=participants, mentors=mentors, excluded=excluded)
    assert not any(u.reasons[0].code == "left_out_by_candidate_limit" for u in exact.unmatched)
    assert len(exact.pairs) > len(limited.pairs)


def test_match_limits_candidates_only_past_max_pairs():
    rng = random.Random(11)
    participants, mentors, excluded = random_cohort(rng, participants=200, mentors=80)
    exact = match(participants=participants, mentors=mentors, excluded=excluded)
    limited = match(participants=participants, mentors=mentors, excluded=excluded, max_pairs=1000)
    assert (exact.candidates_per_participant, exact.candidates_per_mentor) == (None, None)
    assert (limited.candidates_per_participant, limited.candidates_per_mentor) == (50, 100)
    assert_valid(limited, participants, mentors, excluded)


# Determinism


def test_match_same_input_in_any_order_gives_the_same_result():
    rng = random.Random(5)
    # Few distinct profiles, so many assignments tie and only tie-breaking decides.
    participants, mentors, excluded = random_cohort(rng, participants=80, mentors=20, variety=2)
    first = match(participants=participants, mentors=mentors, excluded=excluded)
    for _ in range(5):
        rng.shuffle(participants)
        rng.shuffle(mentors)
        shuffled_excluded = list(excluded)
        rng.shuffle(shuffled_excluded)
        assert match(participants=participants, mentors=mentors, excluded=shuffled_excluded) == first


# Optimality: against every possible assignment on small cohorts.


def random_cohort(rng, *, participants, mentors, variety=4):
    sectors, needs = ["C", "J", "I", "M"][:variety], ["a", "b", "c", "d"][:variety]
    languages, places = ["sv", "ar", "fa"], ["ale", "lerum", None]

    def some(items, most):
        return frozenset(rng.sample(items, rng.randint(0, min(most, len(items)))))

    people = [
        Participant(
            id=rng.randint(1, 10_000) * 100 + i,
            sector=rng.choice(sectors),
            needs=some(needs, 3),
            languages=frozenset({"sv"}) | some(languages, 1),
            required_language=rng.choice([None, None, None, "ar"]),
            municipality=rng.choice(places),
            online_ok=rng.random() < 0.5,
            woman_mentor=rng.choice(["no_preference", "no_preference", PREFERRED, REQUIRED]),
            former_employer=rng.choice([None, None, "Volvo", "SKF"]),
        )
        for i in range(participants)
    ]
    guides = [
        Mentor(
            id=rng.randint(1, 10_000) * 100 + i,
            sectors=some(sectors, 2),
            expertise=some(needs, 3),
            languages=frozenset({"sv"}) | some(languages, 2),
            municipality=rng.choice(places),
            online_ok=rng.random() < 0.5,
            capacity=rng.choice([0, 1, 1, 2, 2, 3]),
            is_woman=rng.choice([True, False, None]),
            paused=rng.random() < 0.1,
            company_ties=rng.choice([frozenset(), frozenset(), frozenset({"volvo"}), frozenset({" skf"})]),
        )
        for i in range(mentors)
    ]
    excluded = frozenset((a.id, b.id) for a, b in itertools.product(people, guides) if rng.random() < 0.1)
    return people, guides, excluded


def best_by_brute_force(participants, mentors, excluded, *, most_matched_first):
    """The best (matched, points) — or points alone — over every assignment that keeps to the rules."""
    options = [
        [None]
        + [
            (mentor.id, score_pair(participant, mentor, Weights())[0])
            for mentor in mentors
            if not broken_rules(participant, mentor, excluded=excluded)
        ]
        for participant in participants
    ]
    capacity = {mentor.id: mentor.capacity for mentor in mentors}
    best = None
    for choice in itertools.product(*options):
        taken = Counter(option[0] for option in choice if option)
        if any(count > capacity[mentor_id] for mentor_id, count in taken.items()):
            continue
        total = sum(option[1] for option in choice if option)
        key = (sum(taken.values()), total) if most_matched_first else total
        best = key if best is None or key > best else best
    return best


def small_cases(count):
    rng = random.Random(2026)
    for _ in range(count):
        yield random_cohort(rng, participants=rng.randint(1, 6), mentors=rng.randint(1, 4))


@pytest.mark.parametrize("most_matched_first", [True, False], ids=["most matched first", "total score"])
def test_match_is_optimal_and_greedy_sometimes_is_not(most_matched_first):
    greedy_worse = 0
    for participants, mentors, excluded in small_cases(250):
        result = match(
            participants=participants,
            mentors=mentors,
            excluded=excluded,
            most_matched_first=most_matched_first,
        )
        greedy = greedy_match(participants=participants, mentors=mentors, excluded=excluded)
        assert_valid(result, participants, mentors, excluded)
        assert_valid(greedy, participants, mentors, excluded)

        def key(r):
            return (len(r.pairs), points_of(r)) if most_matched_first else points_of(r)

        assert key(result) == best_by_brute_force(
            participants, mentors, excluded, most_matched_first=most_matched_first
        )
        assert key(greedy) <= key(result)
        greedy_worse += key(greedy) < key(result)
    assert greedy_worse >= 1


def test_greedy_takes_the_best_free_mentor_in_id_order():
    # Participant 1 takes mentor 9, the best for both; the optimum would give 9 to participant 2.
    participants = [p(1, needs={"a", "b"}), p(2, needs={"b"})]
    mentors = [m(8, expertise={"a"}), m(9, expertise={"a", "b"})]
    assert greedy_match(participants=participants, mentors=mentors).mentor_of == {1: 9, 2: 8}
    assert match(participants=participants, mentors=mentors).mentor_of == {1: 8, 2: 9}
