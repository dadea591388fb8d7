"""Journey 9, the calendar: a participant with a booked guidance time turns on her calendar
address from My account, copies it, and a calendar program reading it finds her booking.

Locators accept the Swedish or the English text (`ui`), like the other journeys.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from mentoring.guidance import services as guidance_services
from mentoring.guidance.notifications import calendar_uid
from mentoring.models import GuidanceMode
from portal import roles
from tests import factories
from tests.browser.conftest import follow, sign_in
from tests.browser.test_journey_apply import ui

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_participant_turns_on_her_calendar_address_and_a_calendar_program_reads_her_booking(
    page, live_server, site_tree, axe_check
):
    now = timezone.now()
    sara = factories.ApplicantFactory(email="sara.lind@example.org", first_name="Sara", last_name="Lind")
    counsellor = factories.user_with_role(
        roles.COUNSELLORS, email="cecilia@example.org", first_name="Cecilia", last_name="Rådgivare"
    )
    slot = guidance_services.guidance_slot_publish(
        counsellor=counsellor,
        starts_at=now + dt.timedelta(days=2),
        minutes=45,
        mode=GuidanceMode.IN_PERSON,
        place="Stadsbiblioteket",
        now=now,
    )
    booking = guidance_services.guidance_book(slot=slot, person=sara, topic="Skulder", now=now)

    # My account leads to the calendar page, which explains the feed and offers to turn it on.
    sign_in(page, live_server, "/accounts/profile/", sara)
    page.get_by_role("link", name=ui("Calendar subscription", exact=False)).click()
    expect(page.get_by_role("heading", level=1, name=ui("Calendar subscription"))).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name=ui("Turn on my calendar address")).click()

    # The address is shown once, to copy or to open in the device's calendar program.
    address = page.get_by_label(ui("Address to paste into your calendar program"))
    expect(address).to_have_value(re.compile(rf"^{re.escape(live_server.url)}/calendar/[\w-]{{43}}\.ics$"))
    webcal = page.get_by_role("link", name=ui("Open the calendar in the calendar program of this device"))
    expect(webcal).to_have_attribute("href", re.compile(r"^webcal://"))
    expect(page.get_by_role("heading", level=3, name=ui("How to subscribe"))).to_be_visible()
    axe_check(page)
    url = address.input_value()

    # A calendar program, signed in to nothing, reads her booking from it, and not her topic.
    response = page.context.request.get(url, headers={"Cookie": ""})
    assert response.status == 200 and response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [calendar_uid(booking)]
    assert "Skulder" not in response.text()

    # Opened again, the page no longer shows the address; turning it off asks first, then it stops.
    page.goto(f"{live_server.url}/account/calendar/")
    expect(page.get_by_label(ui("Address to paste into your calendar program"))).to_have_count(0)
    follow(page.get_by_role("link", name=ui("Turn off the address")))
    axe_check(page)
    page.get_by_role("button", name=ui("Yes, turn it off")).click()
    expect(page.get_by_role("button", name=ui("Turn on my calendar address"))).to_be_visible()
    assert page.context.request.get(url).status == 404
