"""Turning the calendar feed on, replacing its address and turning it off; noting its readings."""

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from mentoring.calendars import services
from mentoring.calendars.selectors import calendar_feed_by_token
from mentoring.models import CalendarFeed
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def alva(db):
    return factories.verified_user(email="alva@example.org")


def test_calendar_feed_turn_on_keeps_only_the_hash_of_the_secret(alva, now):
    feed, token = services.calendar_feed_turn_on(user=alva, language="sv", now=now)

    stored = CalendarFeed.objects.get(user=alva)
    assert len(token) == 43
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in [str(value) for value in CalendarFeed.objects.values_list().get(pk=feed.pk)]
    assert calendar_feed_by_token(token) == stored


def test_calendar_feed_turn_on_twice_is_refused(alva, now):
    services.calendar_feed_turn_on(user=alva, language="sv", now=now)

    with pytest.raises(services.CalendarFeedError):
        services.calendar_feed_turn_on(user=alva, language="en", now=now)
    assert CalendarFeed.objects.filter(user=alva).count() == 1


def test_calendar_feed_refuses_a_language_it_is_not_written_in(alva, now):
    with pytest.raises(services.CalendarFeedError) as refused:
        services.calendar_feed_turn_on(user=alva, language="de", now=now)

    assert refused.value.field == "language"
    assert not CalendarFeed.objects.exists()


def test_calendar_feed_replace_gives_a_new_address_and_the_old_stops_at_once(alva, now):
    _feed, old = services.calendar_feed_turn_on(user=alva, language="sv", now=now)

    feed, new = services.calendar_feed_replace(user=alva, language="en", now=now + dt.timedelta(days=1))

    assert new != old
    assert calendar_feed_by_token(old) is None
    assert calendar_feed_by_token(new) == feed
    assert (feed.language, feed.created_at) == ("en", now + dt.timedelta(days=1))


def test_calendar_feed_replace_of_a_feed_that_is_off_is_refused(alva, now):
    with pytest.raises(services.CalendarFeedError):
        services.calendar_feed_replace(user=alva, language="sv", now=now)


def test_calendar_feed_turn_off_deletes_it_and_its_address_stops(alva, now):
    _feed, token = services.calendar_feed_turn_on(user=alva, language="sv", now=now)

    assert services.calendar_feed_turn_off(user=alva, now=now) is True
    assert services.calendar_feed_turn_off(user=alva, now=now) is False
    assert calendar_feed_by_token(token) is None and not CalendarFeed.objects.exists()


def test_calendar_feed_of_a_deactivated_account_is_not_found(alva, now):
    _feed, token = services.calendar_feed_turn_on(user=alva, language="sv", now=now)
    alva.is_active = False
    alva.save()

    assert calendar_feed_by_token(token) is None


@pytest.mark.parametrize("token", ["", "x", "a" * 42, "a" * 44, "a" * 42 + "/", "a" * 42 + "=", "å" * 43])
def test_calendar_feed_by_token_finds_nothing_for_a_malformed_secret(alva, now, token):
    services.calendar_feed_turn_on(user=alva, language="sv", now=now)

    assert calendar_feed_by_token(token) is None


def test_calendar_feed_read_dates_the_answer_from_its_first_change(alva, now):
    feed, _token = services.calendar_feed_turn_on(user=alva, language="sv", now=now)
    later = now + dt.timedelta(minutes=20)

    first = services.calendar_feed_read(feed=feed, content_hash="a" * 64, now=now)
    same = services.calendar_feed_read(feed=feed, content_hash="a" * 64, now=later)
    changed = services.calendar_feed_read(feed=feed, content_hash="b" * 64, now=later)

    assert (first, same, changed) == (now, now, later)
    stored = CalendarFeed.objects.get(pk=feed.pk)
    assert (stored.content_hash, stored.content_changed_at) == ("b" * 64, later)


def test_calendar_feed_read_notes_the_reading_at_most_once_an_hour(alva, now):
    feed, _token = services.calendar_feed_turn_on(user=alva, language="sv", now=now)

    services.calendar_feed_read(feed=feed, content_hash="a" * 64, now=now)
    services.calendar_feed_read(feed=feed, content_hash="a" * 64, now=now + dt.timedelta(minutes=59))
    assert CalendarFeed.objects.get(pk=feed.pk).last_fetched_at == now

    services.calendar_feed_read(feed=feed, content_hash="a" * 64, now=now + dt.timedelta(minutes=61))
    assert CalendarFeed.objects.get(pk=feed.pk).last_fetched_at == now + dt.timedelta(minutes=61)


def test_calendar_feed_read_of_an_address_replaced_meanwhile_writes_nothing(alva, now):
    stale, _token = services.calendar_feed_turn_on(user=alva, language="sv", now=now)
    services.calendar_feed_replace(user=alva, language="sv", now=now)

    services.calendar_feed_read(feed=stale, content_hash="a" * 64, now=now)

    stored = CalendarFeed.objects.get(user=alva)
    assert (stored.content_hash, stored.last_fetched_at) == ("", None)
