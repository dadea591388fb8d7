"""axe finds no serious or critical WCAG 2.1 A/AA violation on the pages visitors and applicants meet."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEWS_TITLE = "Robotkurs i Mölndal"


@pytest.fixture
def news_item(site_tree):
    """A news item with everything its page can show: image, body text and a tag."""
    return factories.NewsPageFactory(
        parent=site_tree.news_index,
        title=NEWS_TITLE,
        image=factories.ImageFactory(),
        tags=["Robotik"],
        body=[("paragraph", "<p>Kursen är tre dagar och kostnadsfri.</p>")],
    )


@pytest.fixture
def addresses(site_tree, news_item):
    return {
        "home": site_tree.home.url,
        "news list": site_tree.news_index.url,
        "news item": news_item.url,
        "programme": site_tree.programme.url,
        "sign-in": "/accounts/login/",
        "sign-up": "/accounts/signup/",
        "search results": "/search/?q=företag",
    }


# A text each page must show, so that axe looks at the page filled in rather
# than at an empty page or an error.
SHOWS = {
    "home": NEWS_TITLE,
    "news list": NEWS_TITLE,
    "news item": "Kursen är tre dagar",
    "programme": "Kvinnor som är anställda",
    "sign-in": re.compile(r"lösenord|password", re.I),
    "sign-up": re.compile(r"lösenord|password", re.I),
    "search results": re.compile(r"Kvinnors företagande"),
}


@pytest.mark.parametrize("name", SHOWS)
def test_page_has_no_serious_accessibility_violation(page, live_server, addresses, axe_check, name):
    path = addresses[name]
    response = page.goto(f"{live_server.url}{path}")
    assert response.ok, f"{path} answered {response.status}"
    expect(page.get_by_role("main").get_by_text(SHOWS[name]).first).to_be_visible()
    axe_check(page)


def test_sign_up_form_with_errors_has_no_serious_accessibility_violation(page, live_server, axe_check):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label(re.compile(r"e-?post|e-?mail", re.I)).fill("inte-en-adress")
    page.get_by_role("button", name=re.compile(r"skapa konto|registrera|sign up", re.I)).click()
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    axe_check(page)
