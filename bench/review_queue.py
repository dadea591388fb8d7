"""The coordinators' review queue: time and queries for its first page with 3,500 applications in the intake.

Builds a throwaway SQLite database with the demo content, adds one intake
holding 3,500 applications (with profiles, reviews on a share of them and the
status log), then requests the queue's first page as a signed-in coordinator
through Django's full middleware stack with the test client, against a bare
view in the same process. Prints figures and, as its last line, a JSON object
`{"applications": …, "queries": …, "median_ms": …}` for that first page.
Asserts nothing.

    .venv/bin/python bench/review_queue.py
"""

import json
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="vastkraft-bench-queue-")
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.common import measure  # noqa: E402

APPLICATIONS = 3500
ROUNDS = 50
SEED = 2026
# Mostly waiting for a coordinator, as in the busy weeks of an intake.
STATUS_WEIGHTS = {
    "submitted": 45,
    "in_review": 35,
    "accepted": 6,
    "waitlisted": 4,
    "rejected": 6,
    "withdrawn": 2,
    "draft": 2,
}
REVIEWED_SHARE = {"submitted": 0.0, "in_review": 1.0, "accepted": 1.0, "waitlisted": 1.0, "rejected": 1.0}


def coordinators():
    from django.contrib.auth import get_user_model

    from portal.demo import texts

    User = get_user_model()
    return [
        User.objects.get(email=email)
        for role, email, *_rest in texts.USERS
        if role in ("coordinator", "reviewer")
    ]


@transaction.atomic
def create_applications(count: int, *, reviewers: list):
    """One intake on the women's programme with `count` applications, each with its applicant and profile."""
    from django.contrib.auth import get_user_model

    from content.models import ProgrammePage
    from mentoring.core.choices import (
        MEMBER_MUNICIPALITIES,
        BusinessSector,
        EducationLevel,
        EmploymentStatus,
        FormerSector,
        Gender,
        Stage,
        SupportNeed,
    )
    from mentoring.models import ApplicantProfile, Application, Intake, Review, StatusChange
    from mentoring.models.review import DEFAULT_RUBRIC, weighted_score

    rng = random.Random(SEED)
    now = timezone.now()
    User = get_user_model()
    programme = ProgrammePage.objects.get(slug="kvinnors-foretagande", locale__language_code="sv")
    intake = Intake.objects.create(
        programme=programme,
        title="Benchmark – 3 500 ansökningar",
        opens_at=now - timedelta(days=60),
        closes_at=now + timedelta(days=30),
        places=1000,
    )
    users = User.objects.bulk_create(
        User(
            email=f"bench{n:05d}@bench.example",
            first_name=f"Förnamn{n}",
            last_name=f"Efternamn{n}",
            password="!",
        )
        for n in range(count)
    )
    ApplicantProfile.objects.bulk_create(
        ApplicantProfile(
            user=user,
            first_name=user.first_name,
            last_name=user.last_name,
            phone="070-174 06 50",
            municipality=rng.choice(MEMBER_MUNICIPALITIES),
            birth_year=rng.randint(1960, 2003),
            gender=rng.choices(
                [Gender.WOMAN, Gender.MAN, Gender.NON_BINARY, Gender.UNDISCLOSED], [70, 25, 2, 3]
            )[0],
            employment_status=rng.choice([EmploymentStatus.EMPLOYED, EmploymentStatus.UNDER_NOTICE]),
            former_sector=rng.choice(list(FormerSector)),
            education_level=rng.choice(list(EducationLevel)),
            languages=["sv", "en"],
            consent_at=now - timedelta(days=59),
            privacy_notice_version="bench",
        )
        for user in users
    )
    statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=count)
    applications = []
    for n, (user, status) in enumerate(zip(users, statuses, strict=True)):
        submitted_at = None if status in ("draft", "withdrawn") else now - timedelta(minutes=20 * n + 60)
        applications.append(
            Application(
                intake=intake,
                applicant=user,
                status=status,
                step="review",
                idea_title=f"Affärsidé nummer {n}",
                idea_description="En tjänst för små verkstäder i regionen. " * 5,
                business_sector=rng.choice(list(BusinessSector)),
                market_description="Små och medelstora företag i Göteborgsregionen.",
                stage=rng.choice([Stage.IDEA, Stage.PREPARING, Stage.STARTED]),
                support_needs=rng.sample([need.value for need in SupportNeed], k=3),
                mentor_languages=["sv"],
                submitted_at=submitted_at,
                decided_at=now if status in ("accepted", "waitlisted", "rejected") else None,
            )
        )
    applications = Application.objects.bulk_create(applications)

    reviews, changes = [], []
    for application in applications:
        if application.submitted_at:
            changes.append(
                StatusChange(
                    application=application,
                    actor=application.applicant,
                    at=application.submitted_at,
                    from_status="draft",
                    to_status="submitted",
                )
            )
        if rng.random() < REVIEWED_SHARE.get(application.status, 0.0):
            for reviewer in reviewers[: rng.randint(1, len(reviewers))]:
                scores = {criterion.key: rng.randint(1, 5) for criterion in DEFAULT_RUBRIC}
                reviews.append(
                    Review(
                        application=application,
                        reviewer=reviewer,
                        scores=scores,
                        score=weighted_score(scores=scores, weights=intake.rubric_weights),
                        comment="Rimlig idé.",
                    )
                )
    # A few the first coordinator stepped aside from: they leave that coordinator's queue.
    reviewed = {(review.application_id, review.reviewer_id) for review in reviews}
    for application in rng.sample(applications, k=count // 100):
        if (application.pk, reviewers[0].pk) not in reviewed and application.status != "draft":
            reviews.append(Review(application=application, reviewer=reviewers[0], conflict_of_interest=True))
    Review.objects.bulk_create(reviews)
    StatusChange.objects.bulk_create(changes)
    return intake


def main() -> None:
    from mentoring.applications.selectors import applications_in_queue
    from mentoring.models import Application
    from portal.demo.seed import demo_seed

    call_command("migrate", verbosity=0)
    # The service, not the command: the command refuses to seed with DEBUG off, as here; this
    # database is thrown away.
    demo_seed()
    reviewers = coordinators()
    coordinator = reviewers[0]
    start = time.perf_counter()
    intake = create_applications(APPLICATIONS, reviewers=reviewers)
    built_s = time.perf_counter() - start
    in_queue = applications_in_queue(intake=intake, reviewer=coordinator).count()

    # A host the settings allow: the test client's "testserver" is answered with 400 outside the tests.
    client = Client(HTTP_HOST="localhost")
    client.force_login(coordinator)
    baseline_ms, queries, response = measure(lambda: client.get("/bench-baseline/"), rounds=ROUNDS)
    print(f"{'what':<36}{'status':>7}{'ms (median)':>13}{'queries':>9}{'× baseline':>12}")
    print(f"{'bare view (baseline)':<36}{response.status_code:>7}{baseline_ms:>13.2f}{queries:>9}{1:>12.1f}")

    ms, queries, rows = measure(
        lambda: list(applications_in_queue(intake=intake, reviewer=coordinator)[:25]), rounds=ROUNDS
    )
    print(f"{'selector, first 25 (no view)':<36}{'-':>7}{ms:>13.2f}{queries:>9}{ms / baseline_ms:>12.1f}")
    first_page = (ms, queries)

    try:
        url = reverse("mentoring:review_queue", args=[intake.pk])
    except NoReverseMatch:
        url = None
        print("(no view named mentoring:review_queue yet: the JSON line gives the selector's figures)")
    if url is not None:
        for name, query in [
            ("review queue, first page", ""),
            ("review queue, page 2", "?page=2"),
            ("sorted by score, highest first", "?sort=-score"),
            ("searched and filtered", "?q=verkst%C3%A4der&status=in_review&gender=woman"),
        ]:
            ms, queries, response = measure(lambda query=query: client.get(url + query), rounds=ROUNDS)
            print(f"{name:<36}{response.status_code:>7}{ms:>13.2f}{queries:>9}{ms / baseline_ms:>12.1f}")
            if not query:
                first_page = (ms, queries)
    total = Application.objects.filter(intake=intake).count()
    print(
        f"({ROUNDS} requests each; {total} applications in the intake, {in_queue} in the coordinator's "
        f"queue, {len(rows)} rows on a page; built in {built_s:.1f} s; database in {WORKDIR})"
    )
    print(json.dumps({"applications": total, "queries": first_page[1], "median_ms": round(first_page[0], 2)}))


if __name__ == "__main__":
    main()
