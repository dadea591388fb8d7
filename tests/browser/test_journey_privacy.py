"""Journey 8: privacy. A participant proves again it is her, downloads all her data, asks for erasure,
and can no longer sign in.

She also took a course: her export gives its hours by day, and erasure keeps them for the figures.

Locators accept the Swedish or the English text (`ui`), like the other journeys.
"""

import datetime as dt
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.applications.workflow import Status
from mentoring.models import Application, Attendance, Enrolment, EnrolmentStatus, ErasureRequest
from portal.models import User
from tests import factories
from tests.browser.conftest import SIGN_IN_BUTTON, SIGN_IN_EMAIL, SIGN_IN_PASSWORD, sign_in
from tests.browser.test_journey_apply import PASSWORD_LABEL, ui
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "sara.lind@example.org"
HOURS_KEPT = (
    "You took part in courses, and your hours count in the funder's figures. We therefore keep, "
    "without your name or contact details, the hours you attended on each course day and your "
    "answers about your situation when you started (such as gender and municipality)."
)


def test_participant_reauthenticates_downloads_her_data_erases_it_and_cannot_sign_in_again(
    page, live_server, site_tree, axe_check
):
    intake = factories.IntakeFactory(programme=site_tree.programme)
    sara = factories.ApplicantFactory(
        email=EMAIL, first_name="Sara", last_name="Lind", profile__contact_language="sv"
    )
    application = factories.ApplicationFactory(
        intake=intake, applicant=sara, status=Status.ACCEPTED, idea_title="Saras syateljé"
    )
    course_day = timezone.localdate() - dt.timedelta(days=10)
    occasion = TrainingOccasionFactory(
        page=training_offer(training_index(site_tree.home), title="Svetsning"),
        starts_on=course_day,
        ends_on=course_day,
    )
    enrolment = Enrolment.objects.create(
        occasion=occasion, person=sara, status=EnrolmentStatus.ENROLLED, created_at=timezone.now()
    )
    Attendance.objects.create(
        enrolment=enrolment, day=course_day, hours=Decimal("6.0"), marked_at=timezone.now()
    )

    # My account offers her data and its erasure; she must prove again that it is her first.
    sign_in(page, live_server, "/accounts/profile/", sara)
    axe_check(page)
    page.get_by_role("link", name=ui("Erase my data", exact=False)).click()
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/\?next=%2Faccount%2Ferase%2F$"))
    axe_check(page)
    page.get_by_label(PASSWORD_LABEL).fill("not my password")
    page.get_by_role("button", name=ui("Confirm")).click()
    expect(page.get_by_text(ui("Incorrect password.", exact=False)).first).to_be_visible()
    axe_check(page)
    page.get_by_label(PASSWORD_LABEL).fill(factories.PASSWORD)
    page.get_by_role("button", name=ui("Confirm")).click()

    # Back on the erasure page, which says what goes and what stays, and offers her data first.
    expect(page).to_have_url(f"{live_server.url}/account/erase/")
    expect(page.get_by_role("heading", level=1, name=ui("Erase my data"))).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=ui("What we keep, without your name"))).to_be_visible()
    axe_check(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=ui("Download my data", exact=False)).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())) as archive:
        data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == EMAIL
    assert [a["idea_title"] for a in data["applications"]] == ["Saras syateljé"]
    (course,) = data["course_enrolments"]
    assert course["course"] == "Svetsning" and [d["hours"] for d in course["attendance"]] == ["6.0"]

    # The erasure page says that her course hours stay for the figures.
    expect(page.get_by_text(ui(HOURS_KEPT))).to_be_visible()
    page.get_by_role("button", name=ui("Yes, erase my data")).click()

    # Erased and signed out.
    expect(page.get_by_role("heading", level=1, name=ui("Your data is erased"))).to_be_visible()
    axe_check(page)
    assert ErasureRequest.objects.get().completed_at is not None
    assert not User.objects.filter(email=EMAIL).exists()
    assert Application.objects.get(pk=application.pk).idea_title == ""
    assert Attendance.objects.get(enrolment__person=sara.pk).hours == Decimal("6.0")

    # Signing in again fails.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label(SIGN_IN_EMAIL).fill(EMAIL)
    page.get_by_label(SIGN_IN_PASSWORD).fill(factories.PASSWORD)
    page.get_by_role("button", name=SIGN_IN_BUTTON).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto(f"{live_server.url}/accounts/profile/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
