"""Study guidance in the browser: a counsellor publishes two times, a person books one and gets the .ics,
the counsellor records what came of the conversation. Axe checks each new page."""

import base64
import email
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.models import GuidanceBooking, GuidanceOutcome, GuidanceSlot
from portal import roles
from portal.models import OutboxMessage
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_journey_apply import ui

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def publish_time(page, *, starts_at, minutes: str, online: bool, place: str = "") -> None:
    page.get_by_label(ui("Starts")).fill(local_input(starts_at))
    page.get_by_label(ui("Length (minutes)")).fill(minutes)
    page.get_by_label(ui("Online" if online else "In person")).check()
    page.get_by_role("textbox", name=re.compile(r"^(?:Plats|Place)\b", re.I)).fill(place)
    page.get_by_role("button", name=ui("Publish the time")).click()
    expect(page.get_by_role("status")).to_contain_text(ui("The time is published.", exact=False))


def test_counsellor_publishes_person_books_and_gets_the_ics(
    page, new_page, live_server, axe_check, mail_via_outbox
):
    counsellor = factories.user_with_role(
        roles.COUNSELLORS, email="cecilia.radgivare@example.org", first_name="Cecilia"
    )
    person = factories.verified_user(email="omar.student@example.org", first_name="Omar")
    tomorrow = (timezone.localtime() + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)

    # The counsellor signs in and publishes two times: one in person, one online.
    sign_in(page, live_server, "/counsellor/", counsellor)
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Study guidance: your times"))
    axe_check(page)
    publish_time(page, starts_at=tomorrow, minutes="45", online=False, place="Stadsbiblioteket, rum 2")
    publish_time(page, starts_at=tomorrow + timedelta(hours=2), minutes="30", online=True)
    assert GuidanceSlot.objects.filter(counsellor=counsellor).count() == 2
    axe_check(page)

    # Someone else, at another computer, sees the free times and books the first.
    other = new_page()
    other.goto(f"{live_server.url}/guidance/")
    expect(other.get_by_role("heading", level=1)).to_have_text(ui("Study guidance"))
    axe_check(other)
    first = GuidanceSlot.objects.get(counsellor=counsellor, mode="in_person")
    sign_in(other, live_server, f"/guidance/slots/{first.pk}/book/", person)
    axe_check(other)
    other.get_by_label(ui("What would you like to talk about?", exact=False)).fill("Komvux, matematik 2")
    other.get_by_role("button", name=ui("Book this time")).click()
    expect(other).to_have_url(f"{live_server.url}/guidance/")
    expect(other.get_by_role("heading", name=ui("Your booked conversation"))).to_be_visible()
    axe_check(other)

    # The calendar file downloads and parses.
    with other.expect_download() as download_info:
        other.get_by_role("link", name=ui("Add to your calendar (.ics)")).click()
    ics = Path(download_info.value.path()).read_bytes().decode()
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    unfolded = ics.replace("\r\n ", "")
    assert "METHOD:REQUEST" in unfolded and "LOCATION:Stadsbiblioteket\\, rum 2" in unfolded

    # Cancelling asks first (the page is checked, the conversation kept).
    other.get_by_role("link", name=ui("Cancel the conversation")).click()
    expect(other.get_by_role("heading", level=1)).to_have_text(ui("Cancel the conversation"))
    axe_check(other)
    other.get_by_role("link", name=ui("Keep it")).click()

    # Both have the confirmation in the outbox, with the .ics.
    booking = GuidanceBooking.objects.get()
    for address in (person.email, counsellor.email):
        (message,) = OutboxMessage.objects.filter(to=[address])
        parts = [email.message_from_bytes(base64.b64decode(a["mime"])) for a in message.attachments]
        assert [part.get_content_type() for part in parts] == ["text/calendar"]
        assert f"UID:guidance-booking-{booking.pk}@" in parts[0].get_payload(decode=True).decode()

    # The conversation is held (its time has passed); the counsellor records the outcome.
    GuidanceSlot.objects.filter(pk=first.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    page.goto(f"{live_server.url}/counsellor/")
    page.get_by_role("link", name=ui("Record the outcome", exact=False)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Record the outcome"))
    axe_check(page)
    page.get_by_label(ui("Referred to adult education")).check()
    page.get_by_label(ui("Short note", exact=False)).fill("Komvux matematik 2 i höst")
    page.get_by_role("button", name=ui("Save the outcome")).click()
    expect(page.get_by_role("status")).to_contain_text(ui("The outcome is recorded.", exact=False))
    booking.refresh_from_db()
    assert booking.outcome == GuidanceOutcome.ADULT_EDUCATION
