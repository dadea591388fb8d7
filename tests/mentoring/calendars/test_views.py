"""The calendar page under "My account", and the feed as a calendar program reads it."""

import datetime as dt
import re

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from icalendar import Calendar

from mentoring.calendars import services
from mentoring.guidance import services as guidance_services
from mentoring.guidance.notifications import calendar_uid
from mentoring.mentorships.invitations import calendar_uid as planned_meeting_calendar_uid
from mentoring.models import CalendarFeed, PlannedMeetingStatus
from tests import factories
from tests.mentoring.calendars.conftest import ALVA_TOPIC, plan_meeting

pytestmark = pytest.mark.django_db

SETTINGS = reverse("mentoring:calendar_feed_settings")
REPLACE = reverse("mentoring:calendar_feed_replace")
OFF = reverse("mentoring:calendar_feed_off")
ADDRESS = re.compile(r'value="(https?://[^"]+/calendar/([A-Za-z0-9_-]{43})\.ics)"')


def feed_url(token: str) -> str:
    return reverse("calendar_feed", args=[token])


def address_on(response) -> tuple[str, str] | None:
    """The (address, secret) the page shows, if it shows one."""
    found = ADDRESS.search(response.content.decode())
    return (found.group(1), found.group(2)) if found else None


@pytest.fixture
def alva(site_tree):
    return factories.verified_user(email="alva@example.org", first_name="Alva")


# --- The page under "My account" ------------------------------------------------------------------


def test_calendar_page_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(SETTINGS)

    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_calendar_page_offers_to_turn_the_feed_on_in_the_page_language(client, alva):
    client.force_login(alva)

    swedish = client.get(SETTINGS)
    english = client.get("/en" + SETTINGS)

    assert swedish.context["form"]["language"].value() == "sv"
    assert english.context["form"]["language"].value() == "en"
    assert "Slå på min kalenderadress" in swedish.content.decode()
    assert swedish["Cache-Control"].startswith("max-age=0") and "no-store" in swedish["Cache-Control"]


def test_turning_the_feed_on_shows_its_address_once(client, alva):
    client.force_login(alva)

    response = client.post(SETTINGS, {"language": "en"})
    address, token = address_on(response)
    html = response.content.decode()

    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert address == f"http://testserver/calendar/{token}.ics"
    assert f'href="webcal://testserver/calendar/{token}.ics"' in html
    assert "Google Kalender" in html and "Outlook" in html and "Apple Kalender" in html
    assert CalendarFeed.objects.get(user=alva).language == "en"
    assert address_on(client.get(SETTINGS)) is None
    assert client.get(feed_url(token)).status_code == 200


def test_the_new_address_is_kept_neither_in_the_session_nor_in_the_database(client, alva):
    client.force_login(alva)

    _address, token = address_on(client.post(SETTINGS, {"language": "sv"}))

    assert not [s for s in Session.objects.all() if token in str(s.get_decoded())]
    assert token not in str(list(CalendarFeed.objects.values_list()))


def test_turning_the_feed_on_without_a_language_says_so_beside_the_field(client, alva):
    client.force_login(alva)

    response = client.post(SETTINGS, {"language": "de"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"language": ["Välj svenska eller engelska."]}
    assert 'id="id_language_error"' in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_turning_the_feed_on_twice_says_it_is_on_already(client, alva):
    client.force_login(alva)
    client.post(SETTINGS, {"language": "sv"})

    response = client.post(SETTINGS, {"language": "sv"})

    assert "Din kalenderadress är redan påslagen" in response.content.decode()
    assert CalendarFeed.objects.filter(user=alva).count() == 1


def test_replacing_the_address_asks_first_then_the_old_one_answers_404(client, alva):
    client.force_login(alva)
    _address, old = address_on(client.post(SETTINGS, {"language": "sv"}))

    confirmation = client.get(REPLACE)
    _address, new = address_on(client.post(REPLACE, {"language": "sv"}))

    assert "Ja, byt adress" in confirmation.content.decode()
    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200


def test_turning_the_feed_off_asks_first_then_its_address_answers_404(client, alva):
    client.force_login(alva)
    _address, token = address_on(client.post(SETTINGS, {"language": "sv"}))

    confirmation = client.get(OFF)
    response = client.post(OFF, follow=True)

    assert "Ja, stäng av den" in confirmation.content.decode()
    assert "Din kalenderadress är avstängd" in response.content.decode()
    assert not CalendarFeed.objects.exists()
    assert client.get(feed_url(token)).status_code == 404


@pytest.mark.parametrize("page", [REPLACE, OFF])
def test_replace_and_off_without_a_feed_lead_back_to_the_calendar_page(client, alva, page):
    client.force_login(alva)

    response = client.get(page)

    assert response.status_code == 302 and response.url == SETTINGS


def test_the_account_page_links_to_the_calendar_page(client, alva):
    client.force_login(alva)

    assert f'href="{SETTINGS}"' in client.get(reverse("account_home")).content.decode()


# --- The feed -------------------------------------------------------------------------------------


def test_feed_answers_a_calendar_with_polite_caching_headers(client, people, feed_of):
    token = feed_of(people.alva)

    response = client.get(feed_url(token))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=900"
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    assert not response.cookies and "Cookie" not in response.get("Vary", "")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert calendar_uid(people.booking) in {str(event["UID"]) for event in events}
    assert ALVA_TOPIC not in response.content.decode()


def test_feed_answers_304_while_nothing_changed_and_200_after_a_change(client, people, feed_of):
    token = feed_of(people.alva)
    first = client.get(feed_url(token))

    by_etag = client.get(feed_url(token), headers={"if-none-match": first["ETag"]})
    by_date = client.get(feed_url(token), headers={"if-modified-since": first["Last-Modified"]})
    guidance_services.guidance_booking_cancel(booking=people.booking, actor=people.alva, now=timezone.now())
    after = client.get(feed_url(token), headers={"if-none-match": first["ETag"]})
    after_by_date = client.get(feed_url(token), headers={"if-modified-since": first["Last-Modified"]})

    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag.content == b"" and by_etag["ETag"] == first["ETag"]
    assert (after.status_code, after_by_date.status_code) == (200, 200)
    assert after["ETag"] != first["ETag"]
    assert calendar_uid(people.booking) not in after.content.decode()


def test_feed_last_modified_is_when_its_answer_last_changed(client, people, feed_of):
    token = feed_of(people.alva)
    client.get(feed_url(token))
    feed = CalendarFeed.objects.get(user=people.alva)

    response = client.get(feed_url(token))

    assert response["Last-Modified"] == http_date(int(feed.content_changed_at.timestamp()))


def test_feed_is_written_in_the_language_it_was_made_with(client, people, feed_of):
    token = feed_of(people.petra, language="en")

    text = client.get(feed_url(token)).content.decode()

    assert "SUMMARY:Mentor meeting with Maja Ås" in text


def test_feed_is_the_same_whoever_is_signed_in(client, people, feed_of):
    token = feed_of(people.alva)
    anonymous = client.get(feed_url(token)).content

    client.force_login(people.bo)

    assert client.get(feed_url(token)).content == anonymous


@pytest.mark.parametrize("how", ["unknown", "replaced", "off", "deactivated", "malformed"])
def test_feed_answers_the_same_404_for_any_address_that_is_not_on(client, people, feed_of, how):
    token = feed_of(people.alva)
    if how == "unknown":
        token = "A" * 43
    elif how == "replaced":
        services.calendar_feed_replace(user=people.alva, language="sv", now=timezone.now())
    elif how == "off":
        services.calendar_feed_turn_off(user=people.alva, now=timezone.now())
    elif how == "deactivated":
        people.alva.is_active = False
        people.alva.save()
    else:
        token = token[:-1] + "."

    response = client.get(feed_url(token))

    assert response.status_code == 404
    assert response.content.decode() == "Det finns ingen kalender på den här adressen."
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_feed_takes_no_post(client, people, feed_of):
    token = feed_of(people.alva)

    assert client.post(feed_url(token)).status_code == 405


def test_feed_answers_429_past_its_rate(client, people, feed_of, settings):
    settings.CALENDAR_FEED_RATE = "2/h"
    token = feed_of(people.alva)

    answers = [client.get(feed_url(token)).status_code for _ in range(3)]
    other = client.get(feed_url(feed_of(people.bo))).status_code

    assert answers == [200, 200, 429] and other == 200
    assert client.get(feed_url(token))["Retry-After"] == "3600"


def test_feed_queries_stay_the_same_however_many_dates(
    client, people, feed_of, django_assert_max_num_queries
):
    token = feed_of(people.petra)
    client.get(feed_url(token))
    for days in range(10, 50, 2):
        plan_meeting(
            people.mentorship,
            starts_at=people.now - dt.timedelta(days=days),
            now=people.now,
            status=PlannedMeetingStatus.HELD,
        )

    # The feed by its hash, meetings, bookings, places (no courses: no titles), the answer's new date.
    with django_assert_max_num_queries(5):
        response = client.get(feed_url(token))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 21
    assert planned_meeting_calendar_uid(people.meeting) in response.content.decode()


def test_feed_of_a_person_with_courses_queries_a_bounded_number(
    client, people, feed_of, django_assert_max_num_queries
):
    token = feed_of(people.alva)
    client.get(feed_url(token))

    # The feed by its hash, meetings, bookings, places, the courses' titles; nothing changed, nothing written.
    with django_assert_max_num_queries(5):
        assert client.get(feed_url(token)).status_code == 200
