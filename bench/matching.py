"""The matching engine against the greedy baseline, on a generated intake.

Generates participants and mentors with realistic attributes (sectors, 1–4 of
the 8 support needs, Swedish and the programme's other languages, the 13 member
municipalities, willingness to meet online, mentor capacities 1–5; about 10 %
of participants require a language, 15 % a woman mentor; a few paused mentors
and company ties), then runs `match` and `greedy_match` on the same data.
Needs no database. Prints figures and, as its last line, a JSON object
`{"participants", "mentors", "seconds", "peak_mb", "total_score", "matched",
"greedy_seconds", "greedy_total_score", "greedy_matched"}`.

`seconds` is wall time (time.perf_counter) of one `match` call. `peak_mb` is the
process's maximum resident set size (resource.getrusage ru_maxrss) right after
that call: Python, the generated data and the solver together; the figure
before the call is printed too. Asserts nothing.

    .venv/bin/python bench/matching.py --participants 3500 --mentors 500
    .venv/bin/python bench/matching.py --participants 35000 --mentors 5000
"""

import argparse
import json
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mentoring.matching.engine import (
    NO_PREFERENCE,
    PREFERRED,
    REQUIRED,
    Mentor,
    Participant,
    greedy_match,
    match,
)

# Codes as in mentoring/choices.py, which this script does not import (it needs no Django).
SECTORS = {"C": 8, "F": 8, "G": 14, "H": 6, "I": 14, "J": 10, "M": 12, "N": 6, "P": 5, "Q": 7, "R": 5, "S": 5}
NEEDS = [
    "financing",
    "business_plan",
    "marketing_sales",
    "legal_tax",
    "digital_tools",
    "product_development",
    "leadership",
    "networking",
]
OTHER_LANGUAGES = {"ar": 20, "fa": 10, "so": 8, "ti": 5, "pl": 8, "bs": 8, "fi": 6, "es": 6, "tr": 7, "de": 4}
MUNICIPALITIES = {
    "goteborg": 40,
    "molndal": 8,
    "kungsbacka": 7,
    "partille": 5,
    "lerum": 5,
    "alingsas": 5,
    "kungalv": 5,
    "harryda": 5,
    "stenungsund": 4,
    "ale": 4,
    "tjorn": 3,
    "lilla_edet": 2,
    "ockero": 2,
}
COMPANIES = [
    "Volvo Cars",
    "AB Volvo",
    "SKF",
    "Stena Line",
    "Ericsson",
    "CEVT",
    "Aurobay",
    "Autoliv",
    "Essity",
    "Göteborg Energi",
    "Polestar",
    "Novo Energy",
    "Mölnlycke",
    "AstraZeneca",
    "Preem",
]


def pick(rng: random.Random, weighted: dict[str, int]) -> str:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def participant(rng: random.Random, id: int) -> Participant:
    languages = {"sv"} if rng.random() < 0.85 else set()
    if rng.random() < 0.4 or not languages:
        languages.add(pick(rng, OTHER_LANGUAGES))
    if rng.random() < 0.3:
        languages.add("en")
    required = None
    if rng.random() < 0.10:
        required = sorted(languages - {"sv"} or languages)[0] if rng.random() < 0.8 else "sv"
        languages.add(required)
    woman = rng.random()
    return Participant(
        id=id,
        sector=pick(rng, SECTORS),
        needs=frozenset(rng.sample(NEEDS, rng.randint(1, 4))),
        languages=frozenset(languages),
        required_language=required,
        municipality=pick(rng, MUNICIPALITIES),
        online_ok=rng.random() < 0.6,
        woman_mentor=REQUIRED if woman < 0.15 else PREFERRED if woman < 0.35 else NO_PREFERENCE,
        former_employer=rng.choice(COMPANIES) if rng.random() < 0.4 else None,
    )


def mentor(rng: random.Random, id: int) -> Mentor:
    languages = {"sv"}
    if rng.random() < 0.3:
        languages.add(pick(rng, OTHER_LANGUAGES))
    if rng.random() < 0.6:
        languages.add("en")
    gender = rng.random()
    return Mentor(
        id=id,
        sectors=frozenset(pick(rng, SECTORS) for _ in range(rng.randint(1, 3))),
        expertise=frozenset(rng.sample(NEEDS, rng.randint(2, 5))),
        languages=frozenset(languages),
        municipality=pick(rng, MUNICIPALITIES),
        online_ok=rng.random() < 0.7,
        capacity=rng.randint(1, 5),
        is_woman=True if gender < 0.45 else False if gender < 0.9 else None,
        paused=rng.random() < 0.05,
        # Spacing and case as people type them: the engine normalises.
        company_ties=frozenset(
            rng.choice([c, c.upper(), f" {c} "]) for c in rng.sample(COMPANIES, rng.randint(1, 2))
        )
        if rng.random() < 0.3
        else frozenset(),
    )


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def describe(name: str, result, seconds: float, participants: int) -> None:
    mean = result.total_score / max(1, len(result.pairs))
    print(
        f"{name:<7} {seconds:7.3f} s   matched {len(result.pairs):>6} of {participants}"
        f"   total score {result.total_score:12.3f}   mean {mean:.3f}"
    )
    why = Counter(u.reasons[0].code for u in result.unmatched)
    if why:
        print("        unmatched: " + ", ".join(f"{code} {count}" for code, count in why.most_common()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=3500)
    parser.add_argument("--mentors", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--candidates",
        type=int,
        default=None,
        help="best mentors kept per participant (default: the engine's)",
    )
    args = parser.parse_args()

    rng = random.Random(args.seed)
    participants = [participant(rng, i) for i in range(1, args.participants + 1)]
    mentors = [mentor(rng, i) for i in range(1, args.mentors + 1)]
    places = sum(m.capacity for m in mentors if not m.paused)
    print(
        f"{args.participants} participants, {args.mentors} mentors ({places} free places in active mentors), "
        f"seed {args.seed}"
    )
    rss_before = max_rss_mb()

    start = time.perf_counter()
    result = match(participants=participants, mentors=mentors, candidates_per_participant=args.candidates)
    seconds = time.perf_counter() - start
    peak_mb = max_rss_mb()

    start = time.perf_counter()
    greedy = greedy_match(participants=participants, mentors=mentors)
    greedy_seconds = time.perf_counter() - start

    limit = result.candidates_per_participant
    considered = (
        "every allowed pair"
        if limit is None
        else f"each participant's {limit} best mentors and each mentor's {result.candidates_per_mentor} best"
        " participants"
    )
    print(f"engine considered {considered}")
    describe("engine", result, seconds, args.participants)
    describe("greedy", greedy, greedy_seconds, args.participants)
    gain = result.total_score - greedy.total_score
    print(
        f"engine over greedy: {gain:+.3f} points ({gain / max(greedy.total_score, 1e-9):+.2%}), "
        f"{len(result.pairs) - len(greedy.pairs):+d} matched"
    )
    print(f"max RSS: {rss_before:.0f} MB before the engine, {peak_mb:.0f} MB after it")
    print(
        json.dumps(
            {
                "participants": args.participants,
                "mentors": args.mentors,
                "seconds": round(seconds, 3),
                "peak_mb": round(peak_mb, 1),
                "total_score": result.total_score,
                "matched": len(result.pairs),
                "greedy_seconds": round(greedy_seconds, 3),
                "greedy_total_score": greedy.total_score,
                "greedy_matched": len(greedy.pairs),
            }
        )
    )


if __name__ == "__main__":
    main()
