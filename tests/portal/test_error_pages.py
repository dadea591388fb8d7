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
