"""Every coordinator page is reachable from the coordinators' start page by following links.

The walk starts at /coordinator/, follows links breadth-first within the coordinator pages,
and notes every address a page links to, posts to, or polls. Each URL pattern of the URL
configuration under coordinator/ must be among them: a page only a typed address reaches is
a page the coordinators do not know about.
"""

import datetime as dt
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone, translation

from mentoring.applications.workflow import Status
from mentoring.matching.services import matching_run_start
from mentoring.mentorships.services.lifecycle import mentorship_propose_completion
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import (
    CompanyRequest,
    CompanyRequestStatus,
    EffortKind,
    FollowUpSurvey,
    MatchingRun,
    SurveyKind,
)
from mentoring.training import services as training_services
from tests import factories
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db

# Files to download, not pages to read: noted as reached, never fetched.
NOT_FETCHED = {"mentoring:figures_download"}


def _patterns(patterns, route="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            yield from _patterns(pattern.url_patterns, route + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route + str(pattern.pattern)


def coordinator_url_names() -> set[str]:
    """The names of every URL pattern under coordinator/ (after any language prefix)."""
    return {
        name
        for name, route in _patterns(get_resolver().url_patterns)
        if re.sub(r"^\^?(?:[a-z]{2}/)?", "", route).startswith("coordinator/")
    }


class _Addresses(HTMLParser):
    """The addresses a page links to (`a href`), posts to (`form action`) or polls (`data-*-url`)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.others: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "form" and attrs.get("action"):
            self.others.append(attrs["action"])
        self.others.extend(
            value
            for name, value in attrs.items()
            if name.startswith("data-") and name.endswith("-url") and value
        )


def _name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


@pytest.fixture
def demo_like(site_tree, now):
    """An intake with applications in review and accepted, a done matching run with pairs, one still
    running elsewhere, mentorships running, proposed for completion and completed, a mentor waiting
    for approval, surveys open and to call, and company requests new and planned with people linked."""
    coordinator = factories.coordinator_user()
    intake = factories.IntakeFactory(blind_review=True)
    factories.ApplicationFactory(intake=intake, status=Status.SUBMITTED, now=now, coordinator=coordinator)
    in_review = factories.ApplicationFactory(
        intake=intake, status=Status.IN_REVIEW, now=now, coordinator=coordinator
    )
    waiting = [
        factories.ApplicationFactory(intake=intake, status=Status.ACCEPTED, now=now, coordinator=coordinator)
        for _ in range(2)
    ]
    factories.MentorProfileFactory(capacity=3)
    factories.MentorProfileFactory(unapproved=True)
    MatchingRun.objects.create(intake=factories.IntakeFactory(), created_at=timezone.now())

    start = now - dt.timedelta(days=60)
    mentorships = [
        factories.MentorshipFactory(
            participant=factories.ApplicationFactory(
                intake=intake, status=Status.ACCEPTED, now=now, coordinator=coordinator
            ),
            status=status,
            proposed_at=start,
            answered_at=start,
            ended_at=now if status == MentorshipStatus.COMPLETED else None,
        )
        for status in (MentorshipStatus.ACTIVE, MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETED)
    ]
    mentorship_propose_completion(
        mentorship=mentorships[1], actor=mentorships[1].mentor.user, note="", now=now
    )
    sent = now - dt.timedelta(days=22)
    for mentorship, called in ((mentorships[0], None), (mentorships[2], sent)):
        FollowUpSurvey.objects.create(
            participant=mentorship.participant,
            mentorship=mentorship,
            kind=SurveyKind.EXIT,
            due_at=sent,
            sent_at=sent,
            call_requested_at=called,
        )

    index = training_index(site_tree.home)
    TrainingOccasionFactory(page=training_offer(index, title="Svetsning"))
    reserved = TrainingOccasionFactory(page=training_offer(index, title="Robotprogrammering"))
    company = {
        "org_number": "556036-0793",
        "contact_name": "Karin",
        "employees_concerned": 3,
        "created_at": now,
    }
    CompanyRequest.objects.create(company_name="Ny AB", contact_email="ny@example.org", **company)
    planned = CompanyRequest.objects.create(
        company_name="Verkstads AB",
        contact_email="karin@example.org",
        status=CompanyRequestStatus.PLANNED,
        effort_kind=EffortKind.OCCASION,
        reserved_occasion=reserved,
        planned_at=now,
        planned_by=coordinator,
        **company,
    )
    training_services.enrolment_create(
        occasion=reserved, person=factories.ApplicantFactory(), now=now, company_request=planned
    )
    places = CompanyRequest.objects.create(
        company_name="Mentorskap AB",
        contact_email="lena@example.org",
        status=CompanyRequestStatus.PLANNED,
        effort_kind=EffortKind.MENTORING,
        mentoring_places=2,
        planned_at=now,
        planned_by=coordinator,
        **company,
    )
    waiting[0].company_request = places
    waiting[0].save(update_fields=["company_request"])
    matching_run_start(intake=intake, actor=coordinator, now=now)
    return coordinator, in_review


def walk(client, start: str) -> tuple[set[str], set[str]]:
    """(names of the URLs reached, paths of the pages read), following links breadth-first."""
    reached, read = set(), set()
    queue = deque([start])
    while queue:
        path = queue.popleft()
        if path in read:
            continue
        read.add(path)
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        parser = _Addresses()
        parser.feed(response.content.decode())
        for address in parser.links + parser.others:
            target = urlsplit(urljoin(path, address))
            if target.netloc or not target.path:
                continue
            name = _name(target.path)
            if name is None:
                continue
            reached.add(name)
            if (
                address in parser.links
                and name in coordinator_url_names()
                and name not in NOT_FETCHED
                and target.path not in read
            ):
                queue.append(target.path)
    return reached, read


def test_coordinator_url_names_are_read_from_the_url_configuration():
    names = coordinator_url_names()
    assert {
        "mentoring:intake_list",
        "mentoring:survey_list",
        "mentoring:mentorship_return_to_matching",
    } <= names
    assert "mentoring:dashboard" not in names and "mentoring:staff_occasions" not in names


def test_every_coordinator_page_is_reachable_from_the_start_page(client, demo_like):
    coordinator, _in_review = demo_like
    client.force_login(coordinator)
    with translation.override("en"):
        reached, read = walk(client, reverse("mentoring:intake_list"))
    missing = sorted(coordinator_url_names() - reached)
    assert missing == [], f"not linked from any coordinator page ({len(read)} pages read): {missing}"


def test_the_site_menu_leads_a_coordinator_to_the_start_page_and_nobody_else(client, demo_like):
    coordinator, _in_review = demo_like
    start = reverse("mentoring:intake_list")
    client.force_login(coordinator)
    assert f'href="{start}"' in client.get(reverse("mentoring:dashboard")).content.decode()
    client.force_login(factories.ApplicantFactory())
    assert f'href="{start}"' not in client.get(reverse("mentoring:dashboard")).content.decode()
