"""The pages behind sign-in cost a fixed number of queries: on the demo data, and the same with
hundreds more participants, mentors and mentorships in the database.

Each budget is the count measured when it was set (bench/signed_in.py prints the same counts
on the demo data and with 35,000 participants): a change that adds a query to one of these
pages has to say so here, and one that makes the count grow with the data fails outright.
"""

import datetime as dt
import io
import random

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from mentoring.applications.workflow import Status
from mentoring.mentorships.services.meetings import mentorship_meetings_recount
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import Application, Intake, Meeting, MentorProfile, Mentorship, Review
from portal.demo import seed, texts
from tests import factories

pytestmark = pytest.mark.django_db

PARTICIPANT = "participant@vastkraft.example"
COORDINATOR = "coordinator@vastkraft.example"
MENTOR = "mentor@vastkraft.example"

# Measured on the demo data when set; the same with 400 more participants. Each counts the
# session and the user (2), then the page's own; the person's groups (1, however many role
# checks) only on a first request, since their names are kept between requests (portal/roles.py).
# Before the site's frame was cached each was 3 more (home page, its children, the contact page).
BUDGETS = {
    "applicant dashboard": 7,  # a draft: no timeline, mentorship, surveys or planned meetings to read
    "review queue": 6,
    "review queue, filtered": 6,
    "review queue, by score": 6,
    "application detail": 6,  # the reveal and the places read with the application; both views logged at once
    "mentor dashboard": 5,  # mentees and proposals with planned meetings in one; their open goals
    "mentorship page": 5,  # the mentorship with its planned meeting; its meetings; its goals
    "mentorships list": 8,
    "matching board": 8,  # one more where a proposal was declined or returned: the change that closed it
    "person record": 8,  # a draft and a course: no history, mentorships, surveys, outcomes or certificates
    "intake list": 4,
}
MORE_PARTICIPANTS = 400


@pytest.fixture
def demo(monkeypatch):
    """The demo site, accounts and workflow data (`make run`'s), with tiny pictures."""

    def render(**_seed_and_motif) -> bytes:
        out = io.BytesIO()
        PILImage.new("RGB", (16, 9), (16, 42, 67)).save(out, format="JPEG")
        return out.getvalue()

    monkeypatch.setattr(seed, "render", render)
    seed.demo_seed()


def pages() -> list[tuple[str, str, str]]:
    """(page, the demo account that opens it, its address)."""
    intake = Intake.objects.get(title=texts.INTAKES["open"][1])
    queue = reverse("mentoring:review_queue", args=[intake.pk])
    application = Application.objects.filter(intake=intake, status=Status.SUBMITTED).order_by("pk").first()
    mentorship = Mentorship.objects.get(mentor__user__email=MENTOR, status=MentorshipStatus.ACTIVE)
    participant = get_user_model().objects.get(email=PARTICIPANT)
    return [
        ("applicant dashboard", PARTICIPANT, reverse("mentoring:dashboard")),
        ("review queue", COORDINATOR, queue),
        ("review queue, filtered", COORDINATOR, f"{queue}?status=submitted"),
        ("review queue, by score", COORDINATOR, f"{queue}?sort=-score"),
        ("application detail", COORDINATOR, reverse("mentoring:application_detail", args=[application.pk])),
        ("mentor dashboard", MENTOR, reverse("mentoring:mentor_dashboard")),
        ("mentorship page", MENTOR, reverse("mentoring:mentorship_detail", args=[mentorship.pk])),
        ("mentorships list", COORDINATOR, reverse("mentoring:coordinator_mentorships")),
        ("matching board", COORDINATOR, reverse("mentoring:matching_board", args=[intake.pk])),
        ("person record", COORDINATOR, reverse("mentoring:person_record", args=[participant.pk])),
        ("intake list", COORDINATOR, reverse("mentoring:intake_list")),
    ]


def add_participants(n: int) -> None:
    """`n` more people in the open intake: applications in every state, reviews, mentors,
    mentorships (some quiet for long, so "at risk") and meetings."""
    chosen = random.Random(7)
    intake = Intake.objects.get(title=texts.INTAKES["open"][1])
    reviewer = get_user_model().objects.get(email="reviewer@vastkraft.example")
    submitted = factories.bulk_applications(intake, n // 2, status=Status.SUBMITTED)
    accepted = factories.bulk_applications(intake, n - n // 2, status=Status.ACCEPTED)
    Review.objects.bulk_create(
        Review(application=a, reviewer=reviewer, scores={}, score=chosen.randint(100, 500) / 100)
        for a in submitted
    )
    mentors = [factories.MentorProfileFactory(capacity=10) for _ in range(n // 20)]
    now = timezone.now()
    mentorships = Mentorship.objects.bulk_create(
        Mentorship(
            participant=application,
            mentor=chosen.choice(mentors),
            status=MentorshipStatus.ACTIVE if k % 3 else MentorshipStatus.COMPLETED,
            score="5.000",
            proposed_at=now - dt.timedelta(days=90),
            answered_at=now - dt.timedelta(days=89),
        )
        for k, application in enumerate(accepted[: len(accepted) * 2 // 3])
    )
    Meeting.objects.bulk_create(
        Meeting(
            mentorship=mentorship,
            held_on=dt.date.today() - dt.timedelta(days=7 * week + chosen.randint(0, 60)),
            minutes=60,
            format="online",
            logged_at=now,
            updated_at=now,
        )
        for mentorship in mentorships
        for week in range(chosen.randint(0, 3))
    )
    mentorship_meetings_recount(mentorships=Mentorship.objects.filter(pk__in=[m.pk for m in mentorships]))
    assert MentorProfile.objects.count() > n // 20


def queries_of(signed_in: dict, pages) -> dict[str, list[str]]:
    """The statements each page sends, on its second request (the first fills per-process caches)."""
    counts = {}
    for name, email, url in pages:
        client = signed_in[email]
        assert client.get(url).status_code == 200, name
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = [q["sql"] for q in captured.captured_queries]
    return counts


def test_signed_in_pages_queries_stay_within_budget_and_do_not_grow(demo, client):
    signed_in = {}
    for email in (PARTICIPANT, COORDINATOR, MENTOR):
        signed_in[email] = client.__class__()
        signed_in[email].force_login(get_user_model().objects.get(email=email))
    listed = pages()
    on_demo = queries_of(signed_in, listed)

    add_participants(MORE_PARTICIPANTS)
    with_more = queries_of(signed_in, listed)

    counts = {name: len(sql) for name, sql in on_demo.items()}
    assert {name: len(sql) for name, sql in with_more.items()} == counts
    assert {name: count for name, count in counts.items() if count > BUDGETS[name]} == {}
