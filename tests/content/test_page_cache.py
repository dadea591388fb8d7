"""The anonymous page cache (content/page_cache.py): what it must never do.

A page is "cached" when a change written straight to the database, without
publishing, does not show: that is how each test knows the cache was in play.
"""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains
from wagtail.models import Locale

from content.models import HomePage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def change_quietly(page, hero_title):
    """Changes the live page in the database without publishing, so no signal empties the cache."""
    HomePage.objects.filter(pk=page.pk).update(hero_title=hero_title)


def test_page_cache_keeps_a_page_until_it_is_published(client, site_tree):
    client.get("/")
    change_quietly(site_tree.home, "Tyst ändring")

    assertNotContains(client.get("/"), "Tyst ändring")


def test_page_cache_shows_a_published_change_at_once(client, site_tree):
    client.get("/")
    home = HomePage.objects.get(pk=site_tree.home.pk)
    home.hero_title = "Ny rubrik efter publicering"
    home.save_revision().publish()

    assertContains(client.get("/"), "Ny rubrik efter publicering")


def test_page_cache_forgets_an_unpublished_page(client, site_tree):
    url = site_tree.standard.url
    assert client.get(url).status_code == 200
    site_tree.standard.unpublish()

    assert client.get(url).status_code == 404


def test_page_cache_never_gives_a_signed_in_person_the_anonymous_page(client, site_tree):
    client.get("/")
    change_quietly(site_tree.home, "Sedd av inloggad")
    client.force_login(factories.UserFactory())

    response = client.get("/")

    assertContains(response, "Sedd av inloggad")
    assertContains(response, reverse("account_logout"))


def test_page_cache_never_gives_the_signed_in_page_to_anonymous_readers(client, site_tree):
    signed_in = client.__class__()
    signed_in.force_login(factories.UserFactory())
    signed_in.get("/")

    assertNotContains(client.get("/"), reverse("account_logout"))


def test_page_cache_passes_a_reader_with_pending_messages(client, site_tree):
    client.get("/")
    change_quietly(site_tree.home, "Med meddelanden")
    client.cookies["messages"] = "pending"

    assertContains(client.get("/"), "Med meddelanden")


def test_page_cache_keeps_swedish_and_english_apart(client, site_tree):
    english = site_tree.home.copy_for_translation(Locale.objects.create(language_code="en"))
    english.hero_title = "Skills and enterprise in West Sweden"
    english.save_revision().publish()
    client.get("/")
    client.get("/en/")

    swedish_again = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    english_again = client.get("/en/")

    assertContains(swedish_again, '<html lang="sv"')
    assertContains(swedish_again, site_tree.home.hero_title)
    assertContains(english_again, '<html lang="en"')
    assertContains(english_again, "Skills and enterprise in West Sweden")
    assertNotContains(english_again, site_tree.home.hero_title)


def test_page_cache_is_off_by_default_outside_production(client, site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    change_quietly(site_tree.home, "Direkt synlig")

    assertContains(client.get("/"), "Direkt synlig")


def test_page_cache_hit_still_varies_on_cookie(client, site_tree):
    # Without it a shared cache in front of the portal could hand the hit to a signed-in person.
    client.get("/")
    change_quietly(site_tree.home, "Från cachen")
    response = client.get("/")

    assertNotContains(response, "Från cachen")
    assert "Cookie" in response["Vary"]
