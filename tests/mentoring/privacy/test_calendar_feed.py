"""The calendar feed in a person's export and erasure.

The export says whether the feed is on, since when, in which language and when a calendar
program last read it, and never its address or the address's hash: a zip that is mailed
on or left in a folder must not hand out her calendar. Erasure turns the feed off, whether
her account is deleted or kept as a nameless placeholder for the figures.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.calendars import services as calendar_services
from mentoring.calendars.selectors import calendar_feed_by_token
from mentoring.models import Attendance, CalendarFeed, Enrolment, EnrolmentStatus
from mentoring.privacy.services import export
from mentoring.privacy.services.export import personal_data_export
from portal.models import User
from tests import factories
from tests.mentoring.privacy.test_services import erase, read_export
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def person(db):
    return factories.verified_user(email="zelmira@example.org", first_name="Zelmira")


@pytest.fixture
def token(person, now):
    feed, token = calendar_services.calendar_feed_turn_on(user=person, language="en", now=now)
    calendar_services.calendar_feed_read(feed=feed, content_hash="c" * 64, now=now)
    return token


def test_export_says_the_feed_is_on_without_its_address(person, token, now):
    content = personal_data_export(user=person, now=now)
    data, _files = read_export(content)
    feed = CalendarFeed.objects.get(user=person)

    assert data["calendar_feed"] == {
        "language": "en",
        "created_at": now.isoformat(),
        "last_fetched_at": now.isoformat(),
    }
    assert token.encode() not in content and feed.token_hash.encode() not in content


def test_export_of_someone_without_a_feed_says_so(person, now):
    data, _files = read_export(personal_data_export(user=person, now=now))

    assert data["calendar_feed"] is None


def test_erasure_turns_the_feed_off_with_the_account(
    client, person, token, now, django_capture_on_commit_callbacks
):
    erase(person, now, django_capture_on_commit_callbacks)

    assert not User.objects.filter(pk=person.pk).exists()
    assert not CalendarFeed.objects.exists()
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 404


def test_erasure_turns_the_feed_off_when_the_account_stays_for_the_figures(
    site_tree, person, token, now, django_capture_on_commit_callbacks
):
    # Hours attended on a course keep her account, nameless, for the funder's figures.
    today = timezone.localdate(now)
    occasion = TrainingOccasionFactory(
        page=training_offer(training_index(site_tree.home)),
        starts_on=today - dt.timedelta(days=7),
        ends_on=today - dt.timedelta(days=6),
    )
    enrolment = Enrolment.objects.create(
        occasion=occasion,
        person=person,
        status=EnrolmentStatus.ENROLLED,
        created_at=now - dt.timedelta(days=30),
    )
    Attendance.objects.create(
        enrolment=enrolment, day=occasion.starts_on, hours=Decimal("6.0"), marked_at=now
    )

    request = erase(person, now, django_capture_on_commit_callbacks)

    assert User.objects.filter(pk=person.pk, is_active=False).exists()
    assert {"at": now.isoformat(), "step": "calendar_feed_deleted", "count": 1} in request.steps
    assert calendar_feed_by_token(token) is None and not CalendarFeed.objects.exists()


def test_the_export_declares_the_feed_and_leaves_its_hash_out_with_a_reason():
    assert "token_hash" not in export.EXPORTED["CalendarFeed"]
    assert export.LEFT_OUT["CalendarFeed"]["token_hash"].startswith("a one-way hash")
