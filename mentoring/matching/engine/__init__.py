"""The matching engine: participants and mentors in, the best assignment with its reasons out.

A pure module (no Django): the Django side loads plain data into it and stores
what the coordinator confirms. See `engine.py` for how the assignment is found.
"""

from .people import (
    COMMON_LANGUAGE,
    NO_PREFERENCE,
    PREFERRED,
    REQUIRED,
    Mentor,
    Participant,
    Weights,
    normalise_company,
)
from .results import MatchResult, Pair, Reason, ReleasedLock, Unmatched, explain
from .rules import POINTS_PER_UNIT, broken_rules, score_pair
from .solver import DEFAULT_MAX_PAIRS, SolverFailed, greedy_match, match

__all__ = [
    "COMMON_LANGUAGE",
    "DEFAULT_MAX_PAIRS",
    "NO_PREFERENCE",
    "POINTS_PER_UNIT",
    "PREFERRED",
    "REQUIRED",
    "MatchResult",
    "Mentor",
    "Pair",
    "Participant",
    "Reason",
    "ReleasedLock",
    "SolverFailed",
    "Unmatched",
    "Weights",
    "broken_rules",
    "explain",
    "greedy_match",
    "match",
    "normalise_company",
    "score_pair",
]
