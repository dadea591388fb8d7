"""The programme's figures at scale: the coordinators' page and every download, at one or more sizes.

Builds a throwaway SQLite database with the demo content, then for each `--participants` size grows one
intake to that many accepted participants (with profiles; most with a mentorship that became active,
meetings, and exit and six-month outcomes; a share on the demo's course occasions with hours marked and
mostly confirmed), written in chunks of plain INSERTs. At each size it requests, as a signed-in
coordinator through the full middleware stack, the figures page, the figures as XLSX and CSV and the
participant list as XLSX and CSV, and the page for the intake with its forecast (the programme's
targets get a period: started 27 months ago, ends in a year). Each is timed (median wall-clock ms,
and the CPU ms of this process,
which on SQLite includes the database's work: the machine may be shared) with its queries, and set
against two baselines in the same process: a bare view, and the figures computed from scratch (every
participant loaded as a row and counted in Python, as the page did before the counting moved into the
database). Prints figures and, as its last line, a JSON object with a line per size. Asserts nothing.

    .venv/bin/python bench/figures.py [--participants 35000 [350000 ...]] [--rounds 5]
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="vastkraft-bench-figures-")
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.common import insert_rows, measure_cpu  # noqa: E402

PARTICIPANTS = [35000]
ROUNDS = 5
SEED = 2026
# The participant list is one line per participant: timed once, and only up to this size by default.
LIST_UP_TO = 100000
# Course attendance: the share of participants on courses, their days there and the share confirming.
ON_COURSES = 0.4
CONFIRMING = 0.7
MENTORSHIP_WEIGHTS = {"active": 30, "completed": 40, "ended_early": 8, "proposed": 7, None: 15}
RESULT_WEIGHTS = {
    "kept_job": 30,
    "new_job": 15,
    "own_business": 12,
    "education": 6,
    "looking": 15,
    "other": 5,
    "unknown": 17,
}
MENTEES_PER_MENTOR = 8


@transaction.atomic
def create_participants(intake, *, first: int, count: int, rng: random.Random) -> None:
    """`count` more accepted participants in `intake` (numbered from `first`), and what followed."""
    from django.contrib.auth import get_user_model

    from mentoring.core.choices import (
        MEMBER_MUNICIPALITIES,
        EducationLevel,
        EmploymentStatus,
        FormerSector,
        Gender,
        Improvement,
    )
    from mentoring.mentorships.services.meetings import mentorship_meetings_recount
    from mentoring.models import ApplicantProfile, Application, Meeting, MentorProfile, Mentorship, Outcome

    now = timezone.now()
    User = get_user_model()
    numbers = range(first, first + count)
    users = insert_rows(
        User,
        (
            {
                "email": f"figures{n:07d}@bench.example",
                "first_name": "F",
                "last_name": f"E{n}",
                "password": "!",
            }
            for n in numbers
        ),
    )
    statuses = list(EmploymentStatus)
    municipalities = [*MEMBER_MUNICIPALITIES, "other"]

    def profile(user: int) -> dict:
        status = rng.choices(statuses, [45, 20, 25, 4, 3, 3])[0]
        return {
            "user_id": user,
            "first_name": "F",
            "last_name": f"E{user}",
            "phone": "070-174 06 50",
            "municipality": rng.choice(municipalities),
            "birth_year": rng.randint(1958, 2006),
            "gender": rng.choices(list(Gender), [45, 50, 2, 3])[0],
            "employment_status": status,
            "months_unemployed": rng.randint(0, 30) if status == EmploymentStatus.UNEMPLOYED else None,
            "former_sector": rng.choice(list(FormerSector)),
            "education_level": rng.choice(list(EducationLevel)),
            "languages": ["sv"],
            "consent_at": now - timedelta(days=850),
            "privacy_notice_version": "bench",
            "created_at": now,
            "updated_at": now,
        }

    insert_rows(ApplicantProfile, (profile(user) for user in users))
    decided = [now - timedelta(days=rng.randint(30, 790)) for _ in users]
    applications = insert_rows(
        Application,
        (
            {
                "intake_id": intake.pk,
                "applicant_id": user,
                "status": "accepted",
                "step": "review",
                "idea_title": f"Affärsidé {n}",
                "submitted_at": now - timedelta(days=820),
                "decided_at": decided_at,
                "created_at": now,
                "updated_at": now,
            }
            for n, user, decided_at in zip(numbers, users, decided, strict=True)
        ),
    )
    mentor_users = insert_rows(
        User,
        (
            {
                "email": f"mentor{first + n:07d}@bench.example",
                "first_name": "M",
                "last_name": f"M{n}",
                "password": "!",
            }
            for n in range(max(1, count // MENTEES_PER_MENTOR))
        ),
    )
    mentors = insert_rows(
        MentorProfile,
        (
            {
                "user_id": user,
                "municipality": "goteborg",
                "capacity": 10,
                "gender": rng.choice(["woman", "man"]),
                "created_at": now,
                "updated_at": now,
            }
            for user in mentor_users
        ),
    )
    mentorships, outcomes = [], []
    for application, decided_at in zip(applications, decided, strict=True):
        status = rng.choices(list(MENTORSHIP_WEIGHTS), list(MENTORSHIP_WEIGHTS.values()))[0]
        if status is not None:
            mentorships.append(
                {
                    "participant_id": application,
                    "mentor_id": rng.choice(mentors),
                    "status": status,
                    "score": "5.000",
                    "proposed_at": decided_at,
                }
            )
        if status in ("completed", "ended_early"):
            for point, share in (("exit", 0.95), ("six_months", 0.6)):
                if rng.random() > share:
                    continue
                result = rng.choices(list(RESULT_WEIGHTS), list(RESULT_WEIGHTS.values()))[0]
                business = result == "own_business" and rng.random() < 0.7
                outcomes.append(
                    {
                        "participant_id": application,
                        "point": point,
                        "result": result,
                        "organisation_number": f"55{rng.randint(0, 9999):04d}-{rng.randint(0, 9999):04d}"
                        if business
                        else "",
                        "business_registered": business,
                        "business_started_on": date(2025, 1, 1) + timedelta(days=rng.randint(0, 300))
                        if business
                        else None,
                        "improvements": rng.sample([i.value for i in Improvement], k=1)
                        if result in ("kept_job", "new_job") and rng.random() < 0.4
                        else [],
                        "source": "web" if result != "unknown" else "expired",
                        "recorded_at": now - timedelta(days=rng.randint(1, 300)),
                    }
                )
    ids = insert_rows(Mentorship, mentorships)
    insert_rows(
        Meeting,
        (
            {
                "mentorship_id": mentorship,
                "held_on": date(2025, 1, 1) + timedelta(days=7 * k),
                "minutes": 60,
                "format": "online",
                "logged_at": now,
                "updated_at": now,
            }
            for mentorship, row in zip(ids, mentorships, strict=True)
            if row["status"] != "proposed"
            for k in range(rng.randint(0, 8))
        ),
    )
    # As the meeting services keep them: each mentorship's last meeting and number of meetings.
    if ids:
        mentorship_meetings_recount(mentorships=Mentorship.objects.filter(pk__range=(ids[0], ids[-1])))
    insert_rows(Outcome, outcomes)
    create_attendance(users, rng=rng, now=now)


def create_attendance(users: list[int], *, rng: random.Random, now) -> None:
    """A share of `users` enrolled on one or two of the demo's occasions, with two to five days marked."""
    from content.models import TrainingOccasion
    from mentoring.models import Attendance, Enrolment

    occasions = list(TrainingOccasion.objects.order_by("pk").values_list("pk", flat=True))
    if not occasions:
        return
    enrolments = []
    for user in users:
        if rng.random() >= ON_COURSES:
            continue
        confirmed = now if rng.random() < CONFIRMING else None
        for occasion in rng.sample(occasions, k=min(len(occasions), rng.randint(1, 2))):
            enrolments.append(
                {
                    "occasion_id": occasion,
                    "person_id": user,
                    "status": "enrolled",
                    "created_at": now,
                    "hours_confirmed_at": confirmed,
                }
            )
    insert_rows(
        Attendance,
        (
            {
                "enrolment_id": enrolment,
                "day": date(2025, 3, 1) + timedelta(days=k),
                "hours": rng.choice(["3.0", "4.5", "6.0", "7.5", "8.0", "0.0"]),
                "marked_at": now - timedelta(days=1),
            }
            for enrolment in insert_rows(Enrolment, enrolments)
            for k in range(rng.randint(2, 5))
        ),
    )


def benchmark_intake(*, places: int):
    """The closed intake on the women's programme that the benchmark's participants are accepted to."""
    from content.models import ProgrammePage
    from mentoring.models import Intake

    programme = ProgrammePage.objects.get(slug="kvinnors-foretagande", locale__language_code="sv")
    now = timezone.now()
    return Intake.objects.create(
        programme=programme,
        title="Benchmark",
        opens_at=now - timedelta(days=900),
        closes_at=now - timedelta(days=800),
        places=places,
    )


def give_targets_a_period(intake):
    """The programme's targets at the funder's scale, with a period, so the intake's page draws a forecast."""
    from mentoring.models import ProgrammeTargets

    today = timezone.localdate()
    targets, _created = ProgrammeTargets.objects.get_or_create(programme=intake.programme)
    targets.participants, targets.employed, targets.job_seekers, targets.women = 40000, 25000, 10000, 15000
    targets.starts_on = (today - timedelta(days=820)).replace(day=1)
    targets.ends_on = today + timedelta(days=365)
    targets.save()
    return targets


def forecast_alone(intake, targets):
    """The forecast as the page draws it: its query, its arithmetic and its charts, without the page."""
    from mentoring.figures import forecast as figures_forecast
    from mentoring.figures import forecast_display

    found = figures_forecast.programme_forecast(
        targets=targets, today=timezone.localdate(), intake=intake, programme=None
    )
    return forecast_display.forecast_figures(found)


def a_coordinator():
    from django.contrib.auth import get_user_model

    from portal import roles

    return get_user_model().objects.filter(groups__name=roles.COORDINATORS).order_by("pk").first()


def from_scratch(intake):
    """The figures as the page computed them before: every participant a row, counted in Python."""
    from mentoring.figures import arithmetic as figures
    from mentoring.figures.export import breakdown_keys
    from mentoring.figures.selectors import course_time_rows, participant_rows, pipeline_counts

    rows = participant_rows()
    tables = figures.all_tables(rows, keys=breakdown_keys(), everyone_on_courses=course_time_rows())
    return tables, figures.progress(rows, targets=figures.Targets(3500, 2500, 1000, 1000)), pipeline_counts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, nargs="+", default=PARTICIPANTS, help="one or more sizes")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--list-up-to", type=int, default=LIST_UP_TO, help="largest size to time the list at")
    options = parser.parse_args()

    from mentoring.figures.selectors import figures_tables
    from mentoring.models import Application, Attendance, Meeting, Outcome
    from portal.demo.seed import demo_seed

    call_command("migrate", verbosity=0)
    # The service, not the command: the command refuses to seed with DEBUG off, as here; this
    # database is thrown away.
    demo_seed()
    intake = benchmark_intake(places=max(options.participants))
    targets = give_targets_a_period(intake)
    rng = random.Random(SEED)
    # A host the settings allow: the test client's "testserver" is answered with 400 outside the tests.
    client = Client(HTTP_HOST="localhost")
    client.force_login(a_coordinator())
    page = reverse("mentoring:figures_dashboard")

    def download(what: str, fmt: str) -> str:
        return reverse("mentoring:figures_download", kwargs={"what": what, "fmt": fmt})

    results = []
    built = 0
    for size in sorted(options.participants):
        start = time.perf_counter()
        create_participants(intake, first=built, count=size - built, rng=rng)
        built_s, built = time.perf_counter() - start, size
        participants = Application.objects.filter(status="accepted").count()
        print(
            f"\n{participants} participants ({size} in the benchmark's intake; "
            f"{Meeting.objects.count()} meetings, "
            f"{Outcome.objects.count()} outcomes, {Attendance.objects.count()} days of attendance); "
            f"built in {built_s:.1f} s"
        )
        rounds = options.rounds if size <= LIST_UP_TO else max(1, options.rounds // 2)
        base_ms, base_cpu, _q, _r = measure_cpu(lambda: client.get("/bench-baseline/"), rounds=50)
        print(f"{'what':<40}{'status':>7}{'ms (median)':>13}{'cpu ms':>9}{'queries':>9}{'× bare view':>13}")
        print(f"{'bare view (baseline)':<40}{200:>7}{base_ms:>13.1f}{base_cpu:>9.1f}{0:>9}{1:>13.1f}")
        line = {"participants": participants}
        # The page keeps its counts under the data's version (mentoring/figures/counted.py): measured as
        # a coordinator finds it after the first request since the last change, and counted afresh, as
        # the first request after a change finds it.
        timed = [
            ("page", "figures page, counts kept", page, rounds),
            ("page_counted", "figures page, counted afresh", page, rounds),
            ("figures_xlsx", "figures as XLSX", download("figures", "xlsx"), rounds),
            ("figures_csv", "figures as CSV", download("figures", "csv"), rounds),
            ("intake_page", "the intake's page with forecast, kept", f"{page}?intake={intake.pk}", rounds),
            (
                "intake_page_counted",
                "the intake's page with forecast, afresh",
                f"{page}?intake={intake.pk}",
                rounds,
            ),
        ]
        if size <= options.list_up_to:
            timed += [
                ("list_xlsx", "participant list as XLSX (1 round)", download("participants", "xlsx"), 1),
                ("list_csv", "participant list as CSV (1 round)", download("participants", "csv"), 1),
            ]
        for key, name, url, n in timed:
            kept_seconds = 0 if key.endswith("_counted") else 600
            with override_settings(FIGURES_CACHE_SECONDS=kept_seconds):
                ms, cpu, queries, response = measure_cpu(lambda url=url: client.get(url), rounds=n)
            print(
                f"{name:<40}{response.status_code:>7}{ms:>13.1f}{cpu:>9.1f}{queries:>9}{ms / base_ms:>13.1f}"
            )
            line |= {f"{key}_ms": round(ms, 1), f"{key}_cpu_ms": round(cpu, 1), f"{key}_queries": queries}
        forecast_ms, forecast_cpu, forecast_q, drawn = measure_cpu(
            lambda: forecast_alone(intake, targets), rounds=rounds
        )
        print(
            f"{'forecast alone (query, arithmetic, charts)':<40}{'-':>7}{forecast_ms:>13.1f}"
            f"{forecast_cpu:>9.1f}{forecast_q:>9}"
        )
        print(f"  {drawn[0].sentences[0]}")
        line |= {"forecast_ms": round(forecast_ms, 1), "forecast_cpu_ms": round(forecast_cpu, 1)}
        tables_ms, tables_cpu, tables_q, _tables = measure_cpu(
            lambda: figures_tables(filters={"intake": None, "programme": None, "since": None, "until": None}),
            rounds=rounds,
        )
        scratch_ms, scratch_cpu, scratch_q, _scratch = measure_cpu(lambda: from_scratch(intake), rounds=1)
        print(
            f"{'tables counted in the database (no view)':<40}{'-':>7}{tables_ms:>13.1f}{tables_cpu:>9.1f}"
            f"{tables_q:>9}"
        )
        print(
            f"{'tables from every row (before; 1 round)':<40}{'-':>7}{scratch_ms:>13.1f}{scratch_cpu:>9.1f}"
            f"{scratch_q:>9}{'':>13}  ({scratch_ms / tables_ms:.1f}× the database's count)"
        )
        line |= {
            "from_scratch_ms": round(scratch_ms, 1),
            "tables_ms": round(tables_ms, 1),
            "built_s": round(built_s, 1),
        }
        results.append(line)
    print(f"\n(load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; database in {WORKDIR})")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
