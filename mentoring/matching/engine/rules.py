"""One pair at a time: the hard rules and the score with its reasons.

The engine scores the whole cohort in arrays (`engine.py`); these functions are
the reference it must agree with, and they write the reasons for the pairs it
proposes. Scores are whole "points" (a thousandth of a weight unit) so that
sums are exact and the solver gets integer costs.
"""

from .people import COMMON_LANGUAGE, PREFERRED, REQUIRED, Mentor, Participant, Weights, normalise_company
from .results import Reason

POINTS_PER_UNIT = 1000


def points(weight: float, share: float = 1.0) -> int:
    """A weight (times a share of it) in whole points."""
    return round(weight * POINTS_PER_UNIT * share)


def needs_points(weights: Weights, covered: int, of: int) -> int:
    return points(weights.needs, covered / of) if of else 0


def bonus_languages(participant: Participant) -> frozenset[str]:
    """The languages whose sharing earns points: the one asked for, and any besides the common one."""
    languages = participant.languages - {COMMON_LANGUAGE}
    if participant.required_language:
        languages |= {participant.required_language}
    return languages


def shared_language(participant: Participant, mentor: Mentor) -> str | None:
    shared = bonus_languages(participant) & mentor.languages
    if not shared:
        return None
    if participant.required_language in shared:
        return participant.required_language
    return min(shared)


def conflicting_company(participant: Participant, mentor: Mentor) -> str | None:
    if not participant.former_employer:
        return None
    employer = normalise_company(participant.former_employer)
    if any(normalise_company(tie) == employer for tie in mentor.company_ties):
        return participant.former_employer
    return None


def broken_rules(
    participant: Participant,
    mentor: Mentor,
    *,
    excluded: frozenset[tuple[int, int]] = frozenset(),
    free_places: int | None = None,
) -> tuple[Reason, ...]:
    """Every hard rule the pair breaks; empty when the pair is allowed.

    `free_places` overrides the mentor's capacity (e.g. after locked pairs took some).
    """
    broken = []
    if mentor.paused:
        broken.append(Reason("mentor_paused"))
    if (mentor.capacity if free_places is None else free_places) <= 0:
        broken.append(Reason("mentor_full"))
    required = participant.required_language
    if required and required not in mentor.languages:
        broken.append(Reason("language_not_shared", {"language": required}))
    if participant.woman_mentor == REQUIRED and mentor.is_woman is not True:
        broken.append(Reason("not_a_woman_mentor"))
    company = conflicting_company(participant, mentor)
    if company:
        broken.append(Reason("conflict_of_interest", {"company": company}))
    if (participant.id, mentor.id) in excluded:
        broken.append(Reason("excluded"))
    return tuple(broken)


def score_pair(participant: Participant, mentor: Mentor, weights: Weights) -> tuple[int, tuple[Reason, ...]]:
    """The pair's score in points and its reasons, in the order they are read out.

    Says nothing about whether the pair is allowed: see `broken_rules`.
    """
    total = 0
    reasons = []
    if participant.sector in mentor.sectors:
        total += points(weights.sector)
        reasons.append(Reason("same_sector", {"sector": participant.sector}))
    covered = len(participant.needs & mentor.expertise)
    total += needs_points(weights, covered, len(participant.needs))
    if covered:
        reasons.append(Reason("covers_needs", {"covered": covered, "of": len(participant.needs)}))
    language = shared_language(participant, mentor)
    if language:
        total += points(weights.language)
        reasons.append(Reason("shared_language", {"language": language}))
    if participant.municipality is not None and participant.municipality == mentor.municipality:
        total += points(weights.place)
        reasons.append(Reason("same_municipality", {"municipality": participant.municipality}))
    elif participant.online_ok and mentor.online_ok:
        total += points(weights.place, 0.5)
        reasons.append(Reason("both_online"))
    if participant.woman_mentor == PREFERRED and mentor.is_woman is True:
        total += points(weights.preference)
        reasons.append(Reason("woman_mentor_preferred"))
    elif participant.woman_mentor == REQUIRED and mentor.is_woman is True:
        reasons.append(Reason("woman_mentor_required"))
    return total, tuple(reasons)
