"""The review queue costs the same number of queries with 30 applications as with 230.

Both counts show a full first page (25 rows), so the comparison is of the
queue's size, not of the rows shown. Every application carries reviews,
one of them a declared conflict, so the score and the conflict filter are
part of what is counted.
"""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.applications import selectors
from mentoring.applications.filters import QueueFilter
from mentoring.applications.workflow import Status
from mentoring.models import Review
from tests import factories

pytestmark = pytest.mark.django_db

PAGE = 25
# Measured when set: a change that adds a query to the queue page must say so here.
# 11 → 12: each row says whether it falls outside the intake's target groups (the rule read once).
# 12 → 6: the site's frame comes from the cache (home page, its children, the contact page), and
# the coordinator's groups are read once for the four role checks of the page.
QUEUE_VIEW_QUERIES = 6


@pytest.fixture
def intake(site_tree):
    """The site frame of the view needs a page tree; the intake belongs to its programme."""
    return factories.IntakeFactory(programme=site_tree.programme)


@pytest.fixture
def other_reviewers(db):
    return [factories.coordinator_user() for _ in range(2)]


@pytest.fixture
def add_applications(intake, coordinator, other_reviewers):
    """`add_applications(n)`: n submitted applications, each with a score and a declared conflict."""
    chosen = random.Random(9)

    def add(n: int):
        applications = factories.bulk_applications(intake, n, status=Status.SUBMITTED)
        scored, conflicted = other_reviewers
        Review.objects.bulk_create(
            review
            for application in applications
            for review in (
                Review(
                    application=application, reviewer=scored, scores={}, score=chosen.randint(100, 500) / 100
                ),
                Review(application=application, reviewer=conflicted, conflict_of_interest=True),
            )
        )
        return applications

    return add


def first_page_of_queue(intake, reviewer) -> list[tuple]:
    """Everything a queue row shows, for the first page."""
    queue = selectors.applications_in_queue(intake=intake, reviewer=reviewer).order_by("-submitted_at")
    return [
        (
            a.idea_title,
            a.applicant.email,
            a.applicant.applicant_profile.municipality,
            a.intake.title,
            a.average_score,
            a.review_count,
        )
        for a in queue[:PAGE]
    ]


def test_applications_in_queue_first_page_queries_do_not_grow_with_applications(
    intake, coordinator, add_applications, settings
):
    # The role check's query each time, as on a person's first request (portal/roles.py).
    settings.ROLE_NAMES_SECONDS = 0
    add_applications(30)
    # As a request loads its user: the groups read for the role check are kept on that object.
    reviewer = type(coordinator).objects.get(pk=coordinator.pk)
    with CaptureQueriesContext(connection) as with_30:
        rows = first_page_of_queue(intake, reviewer)
    assert len(rows) == PAGE

    add_applications(200)
    reviewer = type(coordinator).objects.get(pk=coordinator.pk)
    with CaptureQueriesContext(connection) as with_230:
        rows = first_page_of_queue(intake, reviewer)

    assert len(rows) == PAGE
    # One query to check the reviewer's role, one for the page.
    assert len(with_230) == len(with_30) == 2


def test_applications_in_queue_counts_with_many_reviews_are_right(intake, coordinator, add_applications):
    # The query-count test is only worth something if the rows it counts are right.
    add_applications(30)

    rows = first_page_of_queue(intake, coordinator)

    assert {review_count for *_, review_count in rows} == {1}
    assert all(1 <= average <= 5 for *_, average, _count in rows)


def test_review_queue_view_queries_do_not_grow_with_applications(
    client, intake, coordinator, add_applications, django_assert_max_num_queries, django_assert_num_queries
):
    url = reverse("mentoring:review_queue", args=[intake.pk])
    client.force_login(coordinator)
    add_applications(30)
    client.get(url)  # fills the per-process caches (site root paths, content types)
    with django_assert_max_num_queries(QUEUE_VIEW_QUERIES) as captured:
        response = client.get(url)
    assert len(response.context["rows"]) == PAGE
    with_30 = len(captured)

    add_applications(200)
    with django_assert_num_queries(with_30):
        response = client.get(url)

    assert len(response.context["rows"]) == PAGE
    assert response.context["page_obj"].paginator.count == 230


@pytest.mark.parametrize(
    "query",
    ["sort=-score", "sort=submitted&status=submitted", "q=Cykelverkstad", "page=2"],
    ids=["by-score", "filtered", "searched", "second-page"],
)
def test_review_queue_view_filtered_queries_do_not_grow_with_applications(
    client, intake, coordinator, add_applications, django_assert_num_queries, query
):
    url = reverse("mentoring:review_queue", args=[intake.pk]) + "?" + query
    client.force_login(coordinator)
    add_applications(60)
    client.get(url)
    with CaptureQueriesContext(connection) as with_60:
        client.get(url)

    add_applications(200)
    with django_assert_num_queries(len(with_60)):
        response = client.get(url)

    assert len(response.context["rows"]) == PAGE


def orm_page(intake, reviewer, data: dict, window: slice) -> list[dict]:
    """A queue page as the ORM reads it: built from the queryset, not a kept statement."""
    queue = selectors.applications_matching(
        selectors.applications_in_queue(intake=intake, reviewer=reviewer), filters=QueueFilter(data)
    )
    return list(queue[window].values(*selectors.QUEUE_ROW_VALUES))


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"status": "submitted"},
        {"status": "in_review"},
        {"sort": "-score"},
        {"sort": "score", "status": "submitted"},
        {"sort": "submitted", "municipality": "goteborg"},
        {"status": "not-a-status"},
        {"q": "idé"},
    ],
)
def test_queue_listed_reads_what_the_queryset_reads(intake, coordinator, add_applications, data):
    applications = add_applications(40)
    for application in applications[:7]:
        application.status = Status.IN_REVIEW
        application.save(update_fields=["status"])
    Review.objects.create(application=applications[3], reviewer=coordinator, conflict_of_interest=True)

    listed = selectors.queue_listed(intake=intake, reviewer=coordinator, filters=QueueFilter(data or None))

    queue = selectors.applications_in_queue(intake=intake, reviewer=coordinator)
    assert listed.count() == selectors.applications_matching(queue, filters=QueueFilter(data or None)).count()
    for window in (slice(0, 25), slice(25, 50)):
        assert listed[window] == orm_page(intake, coordinator, data or None, window)
    assert applications[3].pk not in {row["pk"] for row in listed[0:50]}
