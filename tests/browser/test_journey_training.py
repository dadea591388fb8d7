"""Competence development: a visitor filters the courses, signs in, tells about herself once and enrols;
on a full occasion the ninth person is wait-listed and moved up when one of the eight cancels.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from content.models import TrainingTopic
from mentoring.models import Enrolment, EnrolmentStatus
from mentoring.training.services import enrolment_create
from portal.models import OutboxMessage
from tests import factories
from tests.browser.conftest import SIGN_IN_BUTTON, SIGN_IN_EMAIL, SIGN_IN_PASSWORD, follow, sign_in
from tests.browser.test_journey_apply import either, label, ui
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in_here(page, user) -> None:
    """Sign in as `user` on the sign-in page the browser was sent to."""
    page.get_by_label(SIGN_IN_EMAIL).fill(user.email)
    page.get_by_label(SIGN_IN_PASSWORD).fill(factories.PASSWORD)
    page.get_by_role("button", name=SIGN_IN_BUTTON).click()


@pytest.fixture
def courses(site_tree):
    index = training_index(site_tree.home)
    soon = timezone.localdate() + dt.timedelta(days=14)
    robots = training_offer(index, title="Robotprogrammering", topic=TrainingTopic.TECHNOLOGY, length_days=3)
    TrainingOccasionFactory(page=robots, starts_on=soon, ends_on=soon + dt.timedelta(days=2), places=8)
    excel = training_offer(index, title="Excel för nybörjare", topic=TrainingTopic.DIGITAL, length_days=1)
    TrainingOccasionFactory(page=excel, starts_on=soon, ends_on=soon, place="", online=True, places=12)
    training_offer(index, title="Svetscertifiering", topic=TrainingTopic.TECHNOLOGY, length_days=10)
    return index, robots, excel


def test_visitor_filters_the_courses_fills_in_her_profile_and_enrols(
    page, live_server, courses, axe_check, mail_via_outbox
):
    index, _robots, excel = courses
    person = factories.verified_user(email="sara.lund@example.org", first_name="Sara", last_name="Lund")

    page.goto(f"{live_server.url}{index.url}")
    expect(page.get_by_role("heading", level=1, name=index.title)).to_be_visible()
    axe_check(page)
    page.get_by_label(label("ämne", "topic")).select_option(value="digital")
    page.get_by_label(label("längd", "length")).select_option(value="1")
    page.get_by_role("button", name=ui("Show courses")).click()

    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=2, name="Excel för nybörjare")).to_be_visible()
    expect(main.get_by_role("heading", level=2, name="Robotprogrammering")).to_have_count(0)
    expect(main.get_by_text(re.compile(r"12 (?:lediga platser|free places)"))).to_be_visible()
    main.get_by_role("link", name="Excel för nybörjare").click()

    expect(page).to_have_url(f"{live_server.url}{excel.url}")
    axe_check(page)
    enrol_link = main.get_by_role("link", name=ui("Enrol", exact=False))
    enrol_path = enrol_link.get_attribute("href")
    enrol_link.click()

    # Signing in is next; she has an account, and then tells about herself, once.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    sign_in_here(page, person)
    expect(page).to_have_url(re.compile(r"/training/occasions/\d+/profile/$"))
    axe_check(page)
    page.get_by_label(label("telefon", "phone")).fill("070-765 43 21")
    page.get_by_label(label("kommun", "municipality")).select_option(label="Mölndal")
    page.get_by_label(label("födelseår", "year of birth")).fill("1990")
    page.get_by_role("radio", name=either("kvinna", "woman")).check()
    page.get_by_role("radio", name=label("anställd, varsl", "employed, under notice")).check()
    page.get_by_role("checkbox", name=either("svenska", "swedish")).check()
    page.get_by_role("checkbox", name=label("jag (?:godkänner|samtycker)", "i agree")).check()
    page.get_by_role("button", name=ui("Save and continue to enrolment")).click()

    expect(page).to_have_url(f"{live_server.url}{enrol_path}")
    axe_check(page)
    page.get_by_role("button", name=ui("Confirm enrolment")).click()

    expect(page).to_have_url(f"{live_server.url}/my/")
    expect(page.get_by_role("heading", level=2, name=ui("My courses"))).to_be_visible()
    expect(page.get_by_role("link", name="Excel för nybörjare", exact=True)).to_be_visible()
    assert Enrolment.objects.get(person=person).status == EnrolmentStatus.ENROLLED
    assert OutboxMessage.objects.filter(to=[person.email]).count() == 1


def test_ninth_is_waitlisted_and_moved_up_when_one_of_eight_cancels(
    page, new_page, live_server, courses, axe_check, mail_via_outbox
):
    _index, robots, _excel = courses
    occasion = robots.occasions.get()
    eight = [factories.ApplicantFactory() for _ in range(8)]
    now = timezone.now()
    for i, person in enumerate(eight):
        enrolment_create(occasion=occasion, person=person, now=now + dt.timedelta(seconds=i))
    ninth = factories.ApplicantFactory(email="nionde@example.org")

    page.goto(f"{live_server.url}{robots.url}")
    expect(page.get_by_role("main").get_by_text(ui("Full – waiting list", exact=False))).to_be_visible()
    page.get_by_role("main").get_by_role("link", name=ui("Join the waiting list", exact=False)).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    sign_in_here(page, ninth)
    expect(page).to_have_url(re.compile(r"/training/occasions/\d+/enrol/$"))
    axe_check(page)
    page.get_by_role("button", name=ui("Join the waiting list")).click()
    expect(page).to_have_url(f"{live_server.url}/my/")
    expect(
        page.get_by_text(re.compile(r"\b1\b.*(?:kö|line|väntelista|reservlista|waiting list)", re.I)).first
    ).to_be_visible()
    assert Enrolment.objects.get(person=ninth).status == EnrolmentStatus.WAITLISTED

    # One of the eight cancels, at her own computer.
    leaver = eight[2]
    other = new_page()
    sign_in(other, live_server, "/my/", leaver)
    follow(other.get_by_role("link", name=ui("Cancel enrolment", exact=False)))
    axe_check(other)
    other.get_by_role("button", name=ui("Yes, cancel my enrolment")).click()
    expect(other).to_have_url(f"{live_server.url}/my/")

    page.reload()
    expect(page.get_by_text(ui("Enrolled"))).to_be_visible()
    assert Enrolment.objects.get(person=ninth).status == EnrolmentStatus.ENROLLED
    assert Enrolment.objects.get(person=leaver).status == EnrolmentStatus.CANCELLED
    subjects = [m.subject for m in OutboxMessage.objects.filter(to=[ninth.email]).order_by("pk")]
    assert len(subjects) == 2 and "Robotprogrammering" in subjects[1]
