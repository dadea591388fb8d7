"""The pages behind sign-in: median and p95 time and queries, on the demo data and with 35,000 participants.

Builds a throwaway SQLite database with the demo content and users, then
requests each signed-in page (the applicant's dashboard, the coordinator's
review queue, an application, the mentor's dashboard and mentorship, the
mentorships list, the matching board, a person's record, the intake list) as
the demo account that would open it, through Django's full middleware stack
with the test client, against a bare view in the same process. Then adds an
intake of `--participants` accepted participants with mentors, mentorships,
meetings, outcomes and course days (bench/figures.py builds them) and measures
the same pages again: the demo's objects, in a database that big.

Prints a table per size and, as its last line, one JSON object
`{"pages": {name: {"demo": {"median_ms", "p95_ms", "queries"}, "35000": {…}}}, …}`.
Asserts nothing. `--profile NAME` prints where one page's time goes (cProfile)
instead.

    .venv/bin/python bench/signed_in.py [--participants 35000] [--rounds 200]
    .venv/bin/python bench/signed_in.py --profile "applicant dashboard"
"""

import argparse
import cProfile
import json
import os
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="vastkraft-bench-signed-in-")
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.common import measure_spread  # noqa: E402

PARTICIPANTS = 35000
ROUNDS = 200


def demo_pages() -> list[tuple[str, str, str]]:
    """(page, the demo account that opens it, its address) for every page measured."""
    from django.contrib.auth import get_user_model

    from mentoring.models import Application, Intake, Mentorship
    from portal.demo import texts

    intake = Intake.objects.get(title=texts.INTAKES["open"][1])
    queue = reverse("mentoring:review_queue", args=[intake.pk])
    application = Application.objects.filter(intake=intake, status="submitted").order_by("pk").first()
    mentorship = Mentorship.objects.filter(
        mentor__user__email="mentor@vastkraft.example", status="active"
    ).first()
    participant = get_user_model().objects.get(email="participant@vastkraft.example")
    participant_email = "participant@vastkraft.example"
    coordinator = "coordinator@vastkraft.example"
    mentor = "mentor@vastkraft.example"
    return [
        ("applicant dashboard", participant_email, reverse("mentoring:dashboard")),
        ("review queue", coordinator, queue),
        ("review queue, filtered", coordinator, f"{queue}?status=submitted"),
        ("review queue, by score", coordinator, f"{queue}?sort=-score"),
        ("application detail", coordinator, reverse("mentoring:application_detail", args=[application.pk])),
        ("mentor dashboard", mentor, reverse("mentoring:mentor_dashboard")),
        ("mentorship page", mentor, reverse("mentoring:mentorship_detail", args=[mentorship.pk])),
        ("mentorships list", coordinator, reverse("mentoring:coordinator_mentorships")),
        ("matching board", coordinator, reverse("mentoring:matching_board", args=[intake.pk])),
        ("person record", coordinator, reverse("mentoring:person_record", args=[participant.pk])),
        ("intake list", coordinator, reverse("mentoring:intake_list")),
    ]


def clients() -> dict[str, Client]:
    """One signed-in test client per demo account, each keeping its own session."""
    from django.contrib.auth import get_user_model

    signed_in = {}
    for email in (
        "participant@vastkraft.example",
        "coordinator@vastkraft.example",
        "mentor@vastkraft.example",
    ):
        # A host the settings allow: the test client's "testserver" is answered with 400 outside the tests.
        client = Client(HTTP_HOST="localhost")
        client.force_login(get_user_model().objects.get(email=email))
        signed_in[email] = client
    return signed_in


def measure_pages(pages, signed_in, *, rounds: int) -> dict[str, dict]:
    baseline = Client(HTTP_HOST="localhost")
    baseline_ms, _p95, _queries, _response = measure_spread(
        lambda: baseline.get("/bench-baseline/"), rounds=rounds
    )
    print(f"{'page':<26}{'status':>7}{'median ms':>11}{'p95 ms':>9}{'queries':>9}{'× bare view':>13}")
    print(f"{'bare view':<26}{200:>7}{baseline_ms:>11.2f}{'':>9}{0:>9}{1:>13.1f}")
    figures = {"bare view": {"median_ms": round(baseline_ms, 3), "queries": 0}}
    for name, email, url in pages:
        client = signed_in[email]
        ms, p95, queries, response = measure_spread(
            lambda client=client, url=url: client.get(url), rounds=rounds
        )
        print(
            f"{name:<26}{response.status_code:>7}{ms:>11.2f}{p95:>9.2f}{queries:>9}{ms / baseline_ms:>13.1f}"
        )
        figures[name] = {
            "median_ms": round(ms, 2),
            "p95_ms": round(p95, 2),
            "queries": queries,
            "status": response.status_code,
        }
    return figures


def profile(name: str, pages, signed_in, *, rounds: int) -> None:
    """Where the time of `rounds` requests to one page goes, by cumulative time."""
    email, url = next((email, url) for page, email, url in pages if page == name)
    client = signed_in[email]
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
    stats.print_stats(70)
    stats.sort_stats("tottime").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=PARTICIPANTS)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument(
        "--profile", metavar="PAGE[,PAGE]", help="profile these pages on the demo data instead"
    )
    options = parser.parse_args()

    from portal.demo.seed import demo_seed

    call_command("migrate", verbosity=0)
    # The service, not the command: the command refuses to seed with DEBUG off, as here; this
    # database is thrown away.
    demo_seed()
    pages = demo_pages()
    signed_in = clients()
    if options.profile:
        for name in options.profile.split(","):
            print(f"--- {name}")
            profile(name, pages, signed_in, rounds=options.rounds)
        return

    print(f"Demo data (load average {os.getloadavg()[0]:.2f}, {options.rounds} requests a page)")
    results = {"demo": measure_pages(pages, signed_in, rounds=options.rounds)}

    # bench/figures.py sets its own database up when imported; here only its builder is wanted.
    import bench.figures

    os.rmdir(bench.figures.WORKDIR)
    start = time.perf_counter()
    intake = bench.figures.benchmark_intake(places=options.participants)
    bench.figures.create_participants(
        intake, first=0, count=options.participants, rng=random.Random(bench.figures.SEED)
    )
    built_s = time.perf_counter() - start
    # Planner statistics, as PostgreSQL's autovacuum keeps them: without them SQLite picks plans
    # for an empty database (measured: the at-risk list 1.6 s instead of 0.07 s at this size).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    size = str(options.participants)
    print()
    print(
        f"With {options.participants} more participants (built in {built_s:.0f} s; "
        f"load average {os.getloadavg()[0]:.2f})"
    )
    results[size] = measure_pages(pages, signed_in, rounds=options.rounds)
    print(f"(database in {WORKDIR}; figures from the test client, DEBUG off, SQLite)")
    print(
        json.dumps(
            {
                "participants": options.participants,
                "rounds": options.rounds,
                "load_average": round(os.getloadavg()[0], 2),
                "pages": {
                    name: {"demo": results["demo"][name], size: results[size][name]}
                    for name in results["demo"]
                },
            }
        )
    )


if __name__ == "__main__":
    main()
