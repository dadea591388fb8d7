"""Pages behind a view restriction stay out of every listing and feed, and each site lists its own news."""

import pytest
from pytest_django.asserts import assertNotContains
from wagtail.models import Page, PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Intern nyhet för styrgruppen"


def restrict(page) -> None:
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="styrgruppen"
    )


@pytest.fixture
def restricted_news(site_tree, news_items):
    """Two public items and, newest of all, one behind a password."""
    news_items(2)
    item = factories.NewsPageFactory(parent=site_tree.news_index, title=SECRET_TITLE)
    restrict(item)
    return item


@pytest.mark.parametrize("address", ["/", "/nyheter/", "/nyheter/rss/", "/nyheter/atom/"])
def test_restricted_news_item_is_listed_nowhere(client, restricted_news, address):
    response = client.get(address)

    assert response.status_code == 200
    assertNotContains(response, SECRET_TITLE)
    assertNotContains(response, restricted_news.intro)


def test_restricted_news_item_tags_are_not_offered(client, site_tree):
    item = factories.NewsPageFactory(parent=site_tree.news_index, tags=["Styrgrupp"])
    restrict(item)

    assertNotContains(client.get(site_tree.news_index.url), "Styrgrupp")


def test_restricted_programme_is_neither_featured_nor_listed(client, site_tree):
    restrict(site_tree.programme)

    assertNotContains(client.get("/"), site_tree.programme.title)
    assertNotContains(client.get(site_tree.programme_index.url), site_tree.programme.title)


def test_home_page_shows_only_news_of_its_own_site(client, site_tree, news_items):
    news_items(1)
    other_home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="annan-webbplats")
    other_index = factories.NewsIndexPageFactory(parent=other_home)
    factories.NewsPageFactory(parent=other_index, title="Nyhet från en annan webbplats")

    assertNotContains(client.get("/"), "Nyhet från en annan webbplats")
