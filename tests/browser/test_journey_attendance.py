"""Attendance: a course leader marks two days of an occasion that has started; the participant
signs in, sees her hours and confirms them.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.models import Enrolment
from mentoring.training.selectors import course_days, enrolment_hours
from mentoring.training.services import enrolment_create
from portal import roles
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_journey_apply import ui
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def started(site_tree):
    """A two-week course that began a week ago, with two people enrolled before it began."""
    today = timezone.localdate()
    offer = training_offer(training_index(site_tree.home), title="Svenska för arbetsplatsen", length_days=10)
    occasion = TrainingOccasionFactory(
        page=offer, starts_on=today - dt.timedelta(days=7), ends_on=today + dt.timedelta(days=7), places=8
    )
    before = timezone.now() - dt.timedelta(days=20)
    sara = factories.ApplicantFactory(email="sara.lund@example.org", first_name="Sara", last_name="Lund")
    omar = factories.ApplicantFactory(email="omar.ali@example.org", first_name="Omar", last_name="Ali")
    enrolments = [
        enrolment_create(occasion=occasion, person=person, now=before + dt.timedelta(minutes=i)).enrolment
        for i, person in enumerate((sara, omar))
    ]
    return offer, occasion, enrolments


def test_course_leader_marks_two_days_and_the_participant_confirms_her_hours(
    page, new_page, live_server, started, axe_check
):
    offer, occasion, (sara, omar) = started
    leader = factories.user_with_role(roles.COURSE_LEADERS, email="lena.ek@example.org", first_name="Lena")
    first, second = [
        d for d in course_days(occasion.starts_on, occasion.ends_on) if d < timezone.localdate()
    ][:2]

    sign_in(page, live_server, "/staff/courses/", leader)
    axe_check(page)
    page.get_by_role("link", name=re.compile(offer.title)).click()
    expect(page.get_by_role("heading", level=1, name=offer.title)).to_be_visible()
    expect(page.get_by_role("table").first.get_by_text("sara.lund@example.org")).to_be_visible()
    axe_check(page)

    # The first day: nothing is filled in for anyone; a typo is caught beside Sara's field.
    staff_url = page.url
    page.goto(f"{staff_url}?day={first.isoformat()}")
    expect(page.get_by_label(re.compile("Omar Ali"))).to_have_value("")
    page.get_by_label(re.compile("Sara Lund")).fill("70")
    page.get_by_role("button", name=ui("Save attendance")).click()
    error = ui("Write the hours as a number from 0 to 10, in half hours (for example 6 or 6.5).", exact=False)
    expect(page.locator(f"#id_hours_{sara.pk}_error")).to_have_text(error)
    expect(page.get_by_label(re.compile("Sara Lund"))).to_have_value("70")
    axe_check(page)
    # Only Sara's row is changed: the page names her alone, and Omar stays unmarked.
    page.get_by_label(re.compile("Sara Lund")).fill("6")
    page.get_by_role("button", name=ui("Save attendance")).click()
    expect(page).to_have_url(re.compile(rf"\?day={first.isoformat()}$"))
    saved = page.get_by_role("status")
    expect(saved).to_contain_text("Sara Lund")
    expect(saved).not_to_contain_text("Omar Ali")
    expect(page.get_by_label(re.compile("Omar Ali"))).to_have_value("")
    expect(page.locator(f'[data-enrolment="{omar.pk}"] [data-hours]')).to_have_attribute("data-hours", "0")
    assert enrolment_hours(omar) == 0

    # The second day.
    page.get_by_role("navigation", name=ui("Course days")).get_by_role(
        "link", name=re.compile(rf"\b{second.day}\b")
    ).click()
    expect(page).to_have_url(re.compile(rf"\?day={second.isoformat()}$"))
    page.get_by_label(re.compile("Sara Lund")).fill("5.5")
    page.get_by_label(re.compile("Omar Ali")).fill("6")
    page.get_by_role("button", name=ui("Save attendance")).click()
    expect(page.locator(f'[data-enrolment="{sara.pk}"] [data-hours]')).to_have_attribute("data-hours", "11.5")
    assert enrolment_hours(sara) == Decimal("11.5") and enrolment_hours(omar) == Decimal("6.0")

    # Sara, at her own computer, sees her hours and confirms them.
    hers = new_page()
    sign_in(hers, live_server, "/my/", sara.person)
    expect(hers.get_by_test_id("course-hours")).to_contain_text(re.compile(r"11[.,]5"))
    hers.get_by_role("link", name=ui("See the days", exact=False)).click()
    expect(hers.get_by_role("heading", level=1, name=ui("Your hours"))).to_be_visible()
    expect(hers.get_by_test_id("hours").get_by_role("row")).to_have_count(4)  # head, two days, total
    axe_check(hers)
    hers.get_by_role("button", name=ui("Confirm my hours")).click()
    expect(hers.get_by_text(ui("Thank you. Your hours are confirmed."))).to_be_visible()
    expect(hers.get_by_role("button", name=ui("Confirm my hours"))).to_have_count(0)
    assert Enrolment.objects.get(pk=sara.pk).hours_confirmed_at is not None

    # The course leader sees the confirmation.
    page.reload()
    expect(page.locator(f'[data-enrolment="{sara.pk}"] [data-confirmed]')).to_have_attribute(
        "data-confirmed", "yes"
    )
