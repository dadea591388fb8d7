"""In development (DEBUG on) a newcomer sees the site's own error pages, not Django's technical ones."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed


@pytest.fixture
def development(settings):
    settings.DEBUG = True
    settings.DEBUG_ERROR_PAGES = False
    return settings


def test_missing_page_in_development_shows_the_sites_404(client, development, site_tree):
    response = client.get("/finns-inte/")

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    assertContains(response, 'class="site-header"', status_code=404)
    assertNotContains(response, "Raised by", status_code=404)


def test_error_in_development_shows_the_sites_500_and_logs_the_traceback(
    client, development, site_tree, caplog
):
    development.ROOT_URLCONF = "tests.error_urls"
    client.raise_request_exception = False

    response = client.get("/broken/")

    assert response.status_code == 500
    assertTemplateUsed(response, "500.html")
    assert "A bug in a view" in caplog.text


def test_debug_error_pages_setting_brings_the_technical_404_back(client, development, site_tree):
    development.DEBUG_ERROR_PAGES = True

    response = client.get("/finns-inte/")

    assert response.status_code == 404
    assertContains(response, "Raised by", status_code=404)


def test_page_that_asks_to_sign_in_again_does_so_in_development(client, development, site_tree):
    # allauth answers its own exception (ReauthenticationRequired) with the page that asks for the
    # password again; the site's 500 page must not answer it first.
    from django.urls import reverse

    from tests import factories

    client.force_login(factories.verified_user())
    client.raise_request_exception = False

    response = client.get(reverse("mentoring:personal_data_erase"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
