"""Journey 8: privacy. A participant proves again it is her, downloads all her data, asks for erasure,
and can no longer sign in.

Locators accept the Swedish or the English text (`ui`), like the other journeys.
"""

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mentoring.applications.workflow import Status
from mentoring.models import Application, ErasureRequest
from portal.models import User
from tests import factories
from tests.browser.conftest import SIGN_IN_BUTTON, SIGN_IN_EMAIL, SIGN_IN_PASSWORD, sign_in
from tests.browser.test_journey_apply import PASSWORD_LABEL, ui

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "sara.lind@example.org"


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
    page.get_by_role("button", name=ui("Yes, erase my data")).click()

    # Erased and signed out.
    expect(page.get_by_role("heading", level=1, name=ui("Your data is erased"))).to_be_visible()
    axe_check(page)
    assert ErasureRequest.objects.get().completed_at is not None
    assert not User.objects.filter(email=EMAIL).exists()
    assert Application.objects.get(pk=application.pk).idea_title == ""

    # Signing in again fails.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label(SIGN_IN_EMAIL).fill(EMAIL)
    page.get_by_label(SIGN_IN_PASSWORD).fill(factories.PASSWORD)
    page.get_by_role("button", name=SIGN_IN_BUTTON).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto(f"{live_server.url}/accounts/profile/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
