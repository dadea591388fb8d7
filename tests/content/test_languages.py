import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


def test_site_texts_are_swedish_by_default(client, site_tree):
    response = client.get("/")

    assertContains(response, '<html lang="sv"')
    assertContains(response, "Hoppa till huvudinnehållet")


def test_site_texts_are_english_under_en(client, site_tree):
    response = client.get("/en/accounts/login/")

    assertContains(response, '<html lang="en"')
    assertContains(response, "Skip to main content")


def test_sign_in_page_invites_to_sign_up_in_swedish(client, site_tree):
    # allauth's own Swedish catalogue gets this sentence wrong; ours corrects it.
    response = client.get("/accounts/login/")

    assertContains(response, "Har du inget konto än?")
    assertNotContains(response, "Har du redan ett konto?")
