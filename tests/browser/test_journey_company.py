"""Company requests: a company asks for a tailored effort, a coordinator reserves a course occasion
for it, the public offer page shows the occasion reserved, and an employee enrols through the link
the company was e-mailed; the coordinator sees the enrolment linked to the company's effort.
"""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from content.models import TrainingTopic
from mentoring.models import CompanyRequest, Enrolment, EnrolmentStatus
from portal.models import OutboxMessage
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_journey_apply import label, ui
from tests.browser.test_journey_training import sign_in_here
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CONTACT = "petra.holm@kugghjulet.example"
JOIN_LINK = re.compile(r"https?://\S+/company/join/\S+/")


@pytest.fixture
def robots(site_tree):
    index = training_index(site_tree.home)
    offer = training_offer(index, title="Robotprogrammering", topic=TrainingTopic.TECHNOLOGY, length_days=3)
    soon = timezone.localdate() + dt.timedelta(days=21)
    occasion = TrainingOccasionFactory(
        page=offer, starts_on=soon, ends_on=soon + dt.timedelta(days=2), places=8
    )
    return offer, occasion


def test_a_company_request_becomes_a_reserved_occasion(
    page, new_page, live_server, robots, axe_check, mail_via_outbox
):
    offer, occasion = robots
    coordinator = factories.coordinator_user(first_name="Leila", last_name="Haddad")
    employee = factories.ApplicantFactory(email="montor@kugghjulet.example")

    # A visitor at the company asks for a tailored effort, without an account.
    page.goto(f"{live_server.url}/company/")
    expect(page.get_by_role("heading", level=1, name=ui("Tailored efforts for companies"))).to_be_visible()
    axe_check(page)
    page.get_by_label(ui("Company name")).fill("Kugghjulet AB")
    page.get_by_label(label(re.escape("Organisation number"), "Organisationsnummer")).fill("556016-0680")
    page.get_by_label(ui("Number of employees concerned")).fill("8")
    page.get_by_label(ui("Contact person")).fill("Petra Holm")
    page.get_by_label(ui("Contact e-mail")).fill(CONTACT)
    page.get_by_role("radio", name=ui("English")).check()
    page.get_by_role("checkbox", name=ui("Technology and production")).check()
    page.get_by_label(label(re.escape("Describe your needs"), "Beskriv")).fill(
        "Åtta montörer behöver lära sig programmera robotcellen."
    )
    page.get_by_role("button", name=ui("Send the request")).click()
    expect(page.get_by_role("heading", level=1, name=ui("Thank you for your request"))).to_be_visible()
    axe_check(page)
    request = CompanyRequest.objects.get()
    assert request.org_number == "556016-0680"

    # A coordinator opens the request and reserves the occasion.
    desk = new_page()
    sign_in(desk, live_server, "/coordinator/companies/", coordinator)
    axe_check(desk)
    desk.get_by_role("link", name="Kugghjulet AB").click()
    expect(desk.get_by_role("heading", level=1, name="Kugghjulet AB")).to_be_visible()
    axe_check(desk)
    desk.get_by_label(ui("Occasion to reserve")).select_option(value=str(occasion.pk))
    desk.get_by_role("button", name=ui("Reserve the occasion")).click()
    expect(desk.locator("[data-status='planned']")).to_be_visible()
    axe_check(desk)

    # The public offer page shows the occasion reserved, with no way to enrol.
    page.goto(f"{live_server.url}{offer.url}")
    main = page.get_by_role("main")
    expect(main.get_by_text(ui("Reserved for a company"))).to_be_visible()
    expect(main.get_by_role("link", name=ui("Enrol", exact=False))).to_have_count(0)
    axe_check(page)

    # The join link the contact was e-mailed lets an employee enrol.
    (message,) = [m for m in OutboxMessage.objects.filter(to=[CONTACT]) if "/company/join/" in m.body]
    join_path = urlsplit(JOIN_LINK.search(message.body).group(0)).path
    staff = new_page()
    staff.goto(f"{live_server.url}{join_path}")
    expect(staff).to_have_url(re.compile(r"/accounts/login/\?next="))
    sign_in_here(staff, employee)
    expect(staff).to_have_url(f"{live_server.url}{join_path}")
    expect(staff.get_by_text("Kugghjulet AB", exact=False)).to_be_visible()
    axe_check(staff)
    staff.get_by_role("button", name=ui("Confirm enrolment")).click()
    # The contact asked for English, so the link (and the pages after it) are in English.
    expect(staff).to_have_url(re.compile(r"/(?:en/)?my/$"))
    enrolment = Enrolment.objects.get(person=employee)
    assert enrolment.status == EnrolmentStatus.ENROLLED and enrolment.company_request == request

    # The coordinator sees the enrolment linked to the company's effort.
    desk.reload()
    expect(desk.locator(f"[data-enrolment='{enrolment.pk}']")).to_contain_text(employee.email)
    axe_check(desk)
