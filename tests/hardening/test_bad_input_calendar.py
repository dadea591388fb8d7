"""Generated bad input on the calendar feed's forms: turning it on, replacing its address, turning it off.

The same search and promises as `test_bad_input` (its module says which): never a server
error, an error beside the field it is about, and nothing stored half-way.
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from mentoring.calendars import services as calendar_services
from mentoring.models import CalendarFeed
from tests import factories
from tests.hardening.test_bad_input import FormCase, check_generated


@pytest.fixture
def person(site_tree):
    return factories.verified_user(email="alva@example.org")


@pytest.fixture
def subscriber(person):
    """Alva, with her calendar feed on."""
    calendar_services.calendar_feed_turn_on(user=person, language="sv", now=timezone.now())
    return person


@given(data=st.data())
def test_calendar_feed_on_survives_bad_input(client, person, data):
    case = FormCase(
        url=reverse("mentoring:calendar_feed_settings"),
        valid={"language": "sv"},
        stored=[CalendarFeed],
        log_in=person,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_calendar_feed_replace_survives_bad_input(client, subscriber, data):
    case = FormCase(
        url=reverse("mentoring:calendar_feed_replace"),
        valid={"language": "en"},
        stored=[CalendarFeed],
        log_in=subscriber,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_calendar_feed_off_survives_bad_input(client, subscriber, data):
    case = FormCase(
        url=reverse("mentoring:calendar_feed_off"),
        # The button sends no fields: whatever comes with it is ignored.
        valid={},
        stored=[CalendarFeed],
        log_in=subscriber,
    )
    check_generated(client, case, data)
