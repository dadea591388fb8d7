"""Proof of learning: a participant's day is marked, she confirms her hours, downloads her
certificate in English, an employer checks it without an account, and, once the course leader
changes the hours, the check says the certificate is withdrawn.
"""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from mentoring.models import Certificate
from mentoring.training.services import enrolment_create
from portal import roles
from tests import factories
from tests.browser.conftest import follow, sign_in
from tests.browser.test_journey_apply import ui
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def ended(site_tree):
    """A one-day course held on the last weekday before today, with Sara enrolled beforehand."""
    day = timezone.localdate() - dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    offer = training_offer(
        training_index(site_tree.home),
        title="Svetsning för nybörjare",
        summary="Säker svetsning med MIG och TIG, ritningsläsning och kvalitetskontroll.",
        length_days=1,
    )
    occasion = TrainingOccasionFactory(page=offer, starts_on=day, ends_on=day, places=8)
    sara = factories.ApplicantFactory(email="sara.lund@example.org", first_name="Sara", last_name="Lund")
    enrolment = enrolment_create(occasion=occasion, person=sara, now=timezone.now() - dt.timedelta(days=20))
    return offer, occasion, enrolment.enrolment


def test_participant_gets_a_certificate_an_employer_checks_until_the_hours_change(
    page, new_page, live_server, ended, axe_check
):
    _offer, occasion, enrolment = ended
    sara = enrolment.person
    leader = factories.user_with_role(roles.COURSE_LEADERS, email="lena.ek@example.org", first_name="Lena")

    # The course leader marks the day.
    sign_in(page, live_server, f"/staff/courses/{occasion.pk}/", leader)
    page.get_by_label(re.compile("Sara Lund")).fill("7")
    page.get_by_role("button", name=ui("Save attendance")).click()
    expect(page.locator(f'[data-enrolment="{enrolment.pk}"] [data-hours]')).to_have_attribute(
        "data-hours", "7.0"
    )
    staff_url = page.url

    # Sara confirms her hours; then My courses offers the certificate.
    hers = new_page()
    sign_in(hers, live_server, "/my/", sara)
    expect(hers.get_by_test_id("course-certificate")).to_have_count(0)
    follow(hers.get_by_role("button", name=ui("Confirm my hours", exact=False)))
    hers.goto(f"{live_server.url}/my/")
    panel = hers.get_by_test_id("course-certificate")
    expect(panel).to_be_visible()
    axe_check(hers)
    panel.get_by_label(ui("Language of the certificate")).select_option("en")
    with hers.expect_download() as download:
        panel.get_by_role("button", name=ui("Get the certificate", exact=False)).click()
    pdf = download.value.path().read_bytes()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Course certificate" in text and "Sara Lund" in text and "Svetsning för nybörjare" in text
    assert "7 hours" in text and "MIG och TIG" in text
    printed = re.search(r"https?://\S+?(/en/certificates/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})/)", text)
    assert printed, text
    path, code = printed.group(1), printed.group(2)
    # The download stays on My courses, with a link to fetch it again.
    hers.goto(f"{live_server.url}/my/")
    expect(
        panel.get_by_role("link", name=ui("Download the certificate in English (PDF)", exact=False))
    ).to_be_visible()

    # An employer opens the printed address, without an account.
    employer = new_page()
    employer.goto(f"{live_server.url}{path}")
    result = employer.get_by_test_id("certificate-result")
    expect(result).to_contain_text("This certificate is valid.")
    expect(result).to_contain_text("Sara Lund")
    expect(result).to_contain_text("Svetsning för nybörjare")
    axe_check(employer)
    # … and types it, as read from paper, in the form.
    employer.goto(f"{live_server.url}/certificates/")
    employer.get_by_label(ui("Verification code")).fill(code.lower().replace("-", " "))
    employer.get_by_role("button", name=ui("Check the certificate")).click()
    expect(employer.get_by_test_id("certificate-result")).to_contain_text("Sara Lund")
    axe_check(employer)
    # A mistyped code is answered beside the field, with what was typed kept.
    employer.get_by_label(ui("Verification code")).fill("ABCD-EFGH")
    employer.get_by_role("button", name=ui("Check the certificate")).click()
    unknown = ui(
        "No certificate has this code. Check it against the certificate: "
        "20 letters and digits, in groups of four.",
        exact=False,
    )
    expect(employer.locator("#id_code_error")).to_contain_text(unknown)
    expect(employer.get_by_label(ui("Verification code"))).to_have_value("ABCD-EFGH")
    axe_check(employer)

    # The course leader corrects the hours; the same address now says withdrawn.
    page.goto(staff_url)
    expect(page.locator(f'[data-enrolment="{enrolment.pk}"] [data-certificate]')).to_have_attribute(
        "data-certificate", "yes"
    )
    page.get_by_label(re.compile("Sara Lund")).fill("5")
    page.get_by_role("button", name=ui("Save attendance")).click()
    expect(page.locator(f'[data-enrolment="{enrolment.pk}"] [data-certificate]')).to_have_attribute(
        "data-certificate", "no"
    )
    axe_check(page)
    employer.goto(f"{live_server.url}{path}")
    result = employer.get_by_test_id("certificate-result")
    expect(result).to_contain_text("This certificate has been withdrawn.")
    expect(result).to_contain_text(ui("The hours attended were changed", exact=False))
    axe_check(employer)
    assert Certificate.objects.get().withdrawn_at is not None
