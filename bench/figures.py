"""The programme's figures: time and queries to load 35,000 participants and build every table, and the XLSX.

Builds a throwaway SQLite database with the demo content, adds one intake
holding `--participants` accepted applications (with profiles; most with a
mentorship that became active, meetings, and exit and six-month outcomes),
and course attendance (a share of them enrolled on the demo's course occasions,
with hours marked and mostly confirmed), then measures what the dashboard does —
`participant_rows` and every table of the funder's report — and what the XLSX
download does on top; then the whole figures page for the intake, as a coordinator's request, and the
forecast on it (when the programme's targets have a period: started 27 months ago, ends in a year).
Prints figures and, as its last line, a JSON object
`{"participants": …, "queries": …, "median_ms": …, "xlsx_queries": …, "xlsx_median_ms": …,
"page_queries": …, "page_median_ms": …}`.
Asserts nothing.

    .venv/bin/python bench/figures.py [--participants 35000] [--rounds 5]
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
from django.utils import timezone  # noqa: E402

from bench.common import measure  # noqa: E402

PARTICIPANTS = 35000
ROUNDS = 5
SEED = 2026
BATCH = 2000
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


@transaction.atomic
def create_participants(count: int):
    """One intake on the women's programme with `count` accepted participants and what followed."""
    from django.contrib.auth import get_user_model

    from content.models import ProgrammePage
    from mentoring.core.choices import (
        MEMBER_MUNICIPALITIES,
        EducationLevel,
        EmploymentStatus,
        FormerSector,
        Gender,
        Improvement,
    )
    from mentoring.models import (
        ApplicantProfile,
        Application,
        Intake,
        Meeting,
        MentorProfile,
        Mentorship,
        Outcome,
    )

    rng = random.Random(SEED)
    now = timezone.now()
    User = get_user_model()
    programme = ProgrammePage.objects.get(slug="kvinnors-foretagande", locale__language_code="sv")
    intake = Intake.objects.create(
        programme=programme,
        title=f"Benchmark – {count} deltagare",
        opens_at=now - timedelta(days=900),
        closes_at=now - timedelta(days=800),
        places=count,
    )
    users = User.objects.bulk_create(
        (
            User(email=f"figures{n:06d}@bench.example", first_name="F", last_name=f"E{n}", password="!")
            for n in range(count)
        ),
        batch_size=BATCH,
    )
    statuses = list(EmploymentStatus)
    profiles = []
    for user in users:
        status = rng.choices(statuses, [45, 20, 25, 4, 3, 3])[0]
        profiles.append(
            ApplicantProfile(
                user=user,
                first_name=user.first_name,
                last_name=user.last_name,
                phone="070-174 06 50",
                municipality=rng.choice([*MEMBER_MUNICIPALITIES, "other"]),
                birth_year=rng.randint(1958, 2006),
                gender=rng.choices(list(Gender), [45, 50, 2, 3])[0],
                employment_status=status,
                months_unemployed=rng.randint(0, 30) if status == EmploymentStatus.UNEMPLOYED else None,
                former_sector=rng.choice(list(FormerSector)),
                education_level=rng.choice(list(EducationLevel)),
                languages=["sv"],
                consent_at=now - timedelta(days=850),
                privacy_notice_version="bench",
            )
        )
    ApplicantProfile.objects.bulk_create(profiles, batch_size=BATCH)
    applications = Application.objects.bulk_create(
        (
            Application(
                intake=intake,
                applicant=user,
                status="accepted",
                step="review",
                idea_title=f"Affärsidé {n}",
                submitted_at=now - timedelta(days=820),
                decided_at=now - timedelta(days=rng.randint(30, 790)),
            )
            for n, user in enumerate(users)
        ),
        batch_size=BATCH,
    )
    mentor_users = User.objects.bulk_create(
        User(email=f"mentor{n:05d}@bench.example", first_name="M", last_name=f"M{n}", password="!")
        for n in range(max(1, count // 8))
    )
    mentors = MentorProfile.objects.bulk_create(
        (
            MentorProfile(
                user=user, municipality="goteborg", capacity=10, gender=rng.choice(["woman", "man"])
            )
            for user in mentor_users
        ),
        batch_size=BATCH,
    )
    mentorships, outcomes = [], []
    for application in applications:
        status = rng.choices(list(MENTORSHIP_WEIGHTS), list(MENTORSHIP_WEIGHTS.values()))[0]
        if status is not None:
            mentorships.append(
                Mentorship(
                    participant=application,
                    mentor=rng.choice(mentors),
                    status=status,
                    score="5.000",
                    proposed_at=application.decided_at,
                )
            )
        if status in ("completed", "ended_early"):
            for point, share in (("exit", 0.95), ("six_months", 0.6)):
                if rng.random() > share:
                    continue
                result = rng.choices(list(RESULT_WEIGHTS), list(RESULT_WEIGHTS.values()))[0]
                business = result == "own_business" and rng.random() < 0.7
                outcomes.append(
                    Outcome(
                        participant=application,
                        point=point,
                        result=result,
                        organisation_number=f"55{rng.randint(0, 9999):04d}-{rng.randint(0, 9999):04d}"
                        if business
                        else "",
                        business_started_on=date(2025, 1, 1) + timedelta(days=rng.randint(0, 300))
                        if business
                        else None,
                        improvements=rng.sample([i.value for i in Improvement], k=1)
                        if result in ("kept_job", "new_job") and rng.random() < 0.4
                        else [],
                        source="web" if result != "unknown" else "expired",
                        recorded_at=now - timedelta(days=rng.randint(1, 300)),
                    )
                )
    mentorships = Mentorship.objects.bulk_create(mentorships, batch_size=BATCH)
    Meeting.objects.bulk_create(
        (
            Meeting(
                mentorship=mentorship,
                held_on=date(2025, 1, 1) + timedelta(days=7 * k),
                minutes=60,
                format="online",
                logged_at=now,
                updated_at=now,
            )
            for mentorship in mentorships
            if mentorship.status != "proposed"
            for k in range(rng.randint(0, 8))
        ),
        batch_size=BATCH,
    )
    Outcome.objects.bulk_create(outcomes, batch_size=BATCH)
    create_attendance(users, rng=rng, now=now)
    return intake


def create_attendance(users, *, rng: random.Random, now) -> None:
    """A share of `users` enrolled on one or two of the demo's occasions, with two to five days marked."""
    from content.models import TrainingOccasion
    from mentoring.models import Attendance, Enrolment

    occasions = list(TrainingOccasion.objects.order_by("pk"))
    if not occasions:
        return
    enrolments = []
    for user in users:
        if rng.random() >= ON_COURSES:
            continue
        confirmed = now if rng.random() < CONFIRMING else None
        for occasion in rng.sample(occasions, k=min(len(occasions), rng.randint(1, 2))):
            enrolments.append(
                Enrolment(
                    occasion=occasion,
                    person=user,
                    status="enrolled",
                    created_at=now,
                    hours_confirmed_at=confirmed,
                )
            )
    enrolments = Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
    Attendance.objects.bulk_create(
        (
            Attendance(
                enrolment=enrolment,
                day=date(2025, 3, 1) + timedelta(days=k),
                hours=rng.choice(["3.0", "4.5", "6.0", "7.5", "8.0", "0.0"]),
                marked_at=now - timedelta(days=1),
            )
            for enrolment in enrolments
            for k in range(rng.randint(2, 5))
        ),
        batch_size=BATCH,
    )


def measure_page(intake, *, rounds: int) -> tuple[float, int]:
    """The figures page for `intake` as the demo coordinator's request, with the programme's targets
    given a period where the model has one (the forecast draws it); prints the forecast's own share."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from mentoring.models import ProgrammeTargets

    today = timezone.localdate()
    targets, _created = ProgrammeTargets.objects.get_or_create(programme=intake.programme)
    if hasattr(targets, "starts_on"):
        # The funder's scale, for a sentence that reads like a real programme's.
        targets.participants, targets.employed, targets.job_seekers, targets.women = (
            40000,
            25000,
            10000,
            15000,
        )
        targets.starts_on = (today - timedelta(days=820)).replace(day=1)
        targets.ends_on = today + timedelta(days=365)
        targets.save()
        from mentoring.figures import forecast as figures_forecast
        from mentoring.figures import forecast_display

        def forecast():
            found = figures_forecast.programme_forecast(
                targets=targets, today=today, intake=intake, programme=None
            )
            return forecast_display.forecast_figures(found)

        ms, queries, figures = measure(forecast, rounds=rounds)
        print(f"{'forecast: query + arithmetic + charts':<44}{ms:>13.1f}{queries:>9}")
        print(f"  {figures[0].sentences[0]}")
    coordinator = get_user_model().objects.get(email="coordinator@vastkraft.example")
    # A host the settings allow: the test client's "testserver" is answered with 400 outside the tests.
    client = Client(HTTP_HOST="localhost")
    client.force_login(coordinator)
    url = f"/en/coordinator/figures/?intake={intake.pk}"
    ms, queries, response = measure(lambda: client.get(url), rounds=rounds)
    assert response.status_code == 200, response.status_code
    print(f"{'figures page for the intake (the view)':<44}{ms:>13.1f}{queries:>9}")
    return ms, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=PARTICIPANTS)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    options = parser.parse_args()

    from mentoring.figures import arithmetic as figures
    from mentoring.figures import selectors as figures_selectors
    from mentoring.figures.export import breakdown_keys, figures_xlsx, participant_list_xlsx
    from mentoring.figures.selectors import participant_rows, pipeline_counts
    from mentoring.models import Attendance, Meeting, Mentorship, Outcome
    from portal.demo.seed import demo_seed

    call_command("migrate", verbosity=0)
    # The service, not the command: the command refuses to seed with DEBUG off, as here; this
    # database is thrown away.
    demo_seed()
    start = time.perf_counter()
    intake = create_participants(options.participants)
    built_s = time.perf_counter() - start
    keys = breakdown_keys()
    targets = figures.Targets(participants=3500, employed=2500, job_seekers=1000, women=1000)

    def dashboard():
        rows = participant_rows(intake=intake)
        tables = figures.all_tables(rows, keys=keys)
        return rows, tables, figures.progress(rows, targets=targets)

    def download():
        rows = participant_rows(intake=intake)
        return figures_xlsx(figures.all_tables(rows, keys=keys))

    rounds = options.rounds
    print(f"{'what':<44}{'ms (median)':>13}{'queries':>9}")
    ms_rows, q_rows, rows = measure(lambda: participant_rows(intake=intake), rounds=rounds)
    print(f"{'participant_rows':<44}{ms_rows:>13.1f}{q_rows:>9}")
    ms_tables, _q, _tables = measure(lambda: figures.all_tables(rows, keys=keys), rounds=rounds)
    print(f"{'all tables from the rows (pure)':<44}{ms_tables:>13.1f}{0:>9}")
    ms, queries, (rows, tables, _progress) = measure(dashboard, rounds=rounds)
    print(f"{'dashboard: rows + all tables + progress':<44}{ms:>13.1f}{queries:>9}")
    ms_pipe, q_pipe, _stages = measure(lambda: pipeline_counts(intake=intake), rounds=rounds)
    print(f"{'pipeline_counts':<44}{ms_pipe:>13.1f}{q_pipe:>9}")
    xlsx_ms, xlsx_queries, workbook = measure(download, rounds=rounds)
    print(f"{'XLSX of the figures: rows + tables + file':<44}{xlsx_ms:>13.1f}{xlsx_queries:>9}")
    # Everyone on the courses, participant or not (the dashboard's second table of course time).
    course_time_rows = getattr(figures_selectors, "course_time_rows", None)
    if course_time_rows is not None:
        ms_course, q_course, _course = measure(course_time_rows, rounds=rounds)
        print(f"{'course_time_rows (everyone on courses)':<44}{ms_course:>13.1f}{q_course:>9}")
    list_ms, list_queries, participant_book = measure(
        lambda: participant_list_xlsx(participant_rows(intake=intake)), rounds=1
    )
    print(f"{'XLSX of the participant list (1 round)':<44}{list_ms:>13.1f}{list_queries:>9}")
    page_ms, page_queries = measure_page(intake, rounds=rounds)

    indicators = tables[0]
    print()
    print(f"{'indicator':<28}" + "".join(f"{c:>12}" for c in indicators.columns))
    for row in indicators.rows[:8]:
        print(f"{row.key:<28}" + "".join(f"{v:>12}" for v in row.values))
    print(
        f"({rounds} rounds each; {len(rows)} participants, {Mentorship.objects.count()} mentorships, "
        f"{Meeting.objects.count()} meetings, {Outcome.objects.count()} outcomes, "
        f"{Attendance.objects.count()} days of attendance; {len(tables)} tables, "
        f"figures XLSX {len(workbook) // 1024} KiB, list XLSX {len(participant_book) // 1024} KiB; "
        f"built in {built_s:.1f} s; database in {WORKDIR})"
    )
    print(
        json.dumps(
            {
                "participants": len(rows),
                "queries": queries,
                "median_ms": round(ms, 1),
                "xlsx_queries": xlsx_queries,
                "xlsx_median_ms": round(xlsx_ms, 1),
                "page_queries": page_queries,
                "page_median_ms": round(page_ms, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
