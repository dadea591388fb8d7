"""The public site as a visitor meets it: the page tree, lists, feeds, search and both languages."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed
from wagtail.models import Locale

from content import views
from content.models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    ProgrammeIndexPage,
    ProgrammePage,
    StandardPage,
    TrainingIndexPage,
)
from tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"


def card_title(page) -> str:
    """How a listed page's title appears in a card: as the text of its link."""
    return f'<a href="{page.url}">{page.title}</a>'


@pytest.fixture
def english(site_tree):
    """An English translation of the home page and the news index, published, and the English locale."""
    locale = Locale.objects.create(language_code="en")

    def translate(page, title):
        translation = page.copy_for_translation(locale)
        translation.title = title
        translation.save_revision().publish()
        translation.refresh_from_db()
        return translation

    return SimpleNamespace(
        locale=locale,
        translate=translate,
        home=translate(site_tree.home, "VästKraft"),
        news_index=translate(site_tree.news_index, "News"),
    )


# --- The page tree -----------------------------------------------------------


def test_news_page_cannot_be_created_under_home_page(site_tree):
    assert not NewsPage.can_create_at(site_tree.home)


def test_news_page_can_be_created_under_news_index(site_tree):
    assert NewsPage.can_create_at(site_tree.news_index)


def test_programme_page_belongs_only_under_programme_index():
    assert ProgrammePage.allowed_parent_page_models() == [ProgrammeIndexPage]


def test_home_page_allows_indexes_and_standard_pages_below_it():
    assert set(HomePage.allowed_subpage_models()) == {
        ProgrammeIndexPage,
        NewsIndexPage,
        TrainingIndexPage,
        StandardPage,
    }


def test_news_index_allowed_once_per_home_page(site_tree):
    assert not NewsIndexPage.can_create_at(site_tree.home)


def test_standard_page_can_hold_standard_pages(site_tree):
    assert StandardPage.can_create_at(site_tree.standard)


# --- Home page -----------------------------------------------------------------


def test_home_page_shows_featured_programmes_only(client, site_tree):
    not_featured = factories.ProgrammePageFactory(parent=site_tree.programme_index, title="Studievägledning")

    response = client.get("/")

    assertContains(response, card_title(site_tree.programme))
    assertNotContains(response, not_featured.title)


def test_home_page_shows_three_latest_news_newest_first(client, news_items):
    oldest, older, *latest = news_items(5)

    html = client.get("/").content.decode()

    positions = [html.index(card_title(item)) for item in reversed(latest)]
    assert positions == sorted(positions)
    assert card_title(oldest) not in html
    assert card_title(older) not in html


# --- News list -------------------------------------------------------------------


def test_news_list_shows_ten_newest_items_on_first_page(client, site_tree, news_items):
    items = news_items(12)

    response = client.get(site_tree.news_index.url)

    html = response.content.decode()
    assert [item for item in items if card_title(item) in html] == items[2:]


def test_news_list_second_page_shows_the_rest(client, site_tree, news_items):
    items = news_items(12)

    response = client.get(site_tree.news_index.url, {"page": 2})

    html = response.content.decode()
    assert [item for item in items if card_title(item) in html] == items[:2]


def test_news_list_page_out_of_range_is_404(client, site_tree, news_items):
    news_items(12)

    assert client.get(site_tree.news_index.url, {"page": 3}).status_code == 404


def test_news_list_filters_by_tag(client, site_tree, news_items):
    (robots,) = news_items(1, tags=["Robotik"])
    (other,) = news_items(1, tags=["Ledarskap"])

    response = client.get(site_tree.news_index.url, {"tag": "robotik"})

    assertContains(response, card_title(robots))
    assertNotContains(response, card_title(other))


def test_news_list_unknown_tag_is_404(client, site_tree, news_items):
    news_items(1, tags=["Robotik"])

    assert client.get(site_tree.news_index.url, {"tag": "finns-inte"}).status_code == 404


# --- Single pages ----------------------------------------------------------------


def test_news_page_shows_its_tags_as_links_to_filtered_list(client, site_tree):
    item = factories.NewsPageFactory(parent=site_tree.news_index, tags=["Robotik"])

    response = client.get(item.url)

    assertContains(response, f'href="{site_tree.news_index.url}?tag=robotik"')
    assertContains(response, ">Robotik</a>")


def test_news_page_links_back_to_news_list(client, site_tree):
    item = factories.NewsPageFactory(parent=site_tree.news_index)

    response = client.get(item.url)

    assertContains(response, f'class="back-link" href="{site_tree.news_index.url}"')


def test_programme_page_shows_facts_and_audience(client, site_tree):
    response = client.get(site_tree.programme.url)

    assertContains(response, "<dt>Längd</dt>")
    assertContains(response, "<dd>6 månader</dd>")
    assertContains(response, "Kvinnor som är anställda, varslade eller arbetssökande.")


def test_standard_page_shows_title_and_intro(client, site_tree):
    response = client.get(site_tree.standard.url)

    assertContains(response, f"<h1>{site_tree.standard.title}</h1>")
    assertContains(response, site_tree.standard.intro)


def test_draft_page_is_not_served(client, site_tree):
    draft = factories.StandardPageFactory(parent=site_tree.home, live=False)

    assert client.get(f"/{draft.slug}/").status_code == 404


# --- Errors ------------------------------------------------------------------------


def test_unknown_address_answers_404_in_site_design(client, site_tree):
    response = client.get("/finns-inte/")

    assert response.status_code == 404
    assertContains(response, "VästKraft", status_code=404)
    assertContains(response, 'class="site-header"', status_code=404)


def test_participant_opening_django_admin_gets_403_in_site_design(client, site_tree):
    client.force_login(factories.verified_user())

    response = client.get("/django-admin/", follow=True)

    assert response.status_code == 403
    assertTemplateUsed(response, "403.html")
    assertContains(response, 'class="site-header"', status_code=403)
    assertContains(response, f'href="{site_tree.home.url}"', status_code=403)


def test_unexpected_error_answers_500_in_site_design(client, settings, site_tree):
    settings.ROOT_URLCONF = "tests.error_urls"
    client.raise_request_exception = False

    response = client.get("/broken/")

    assert response.status_code == 500
    assertTemplateUsed(response, "500.html")
    assertContains(response, 'class="site-header"', status_code=500)
    assertContains(response, "VästKraft", status_code=500)


def test_server_error_renders_500_template():
    request = RequestFactory().get("/")

    with assertTemplateUsed(template_name="500.html"):
        response = views.server_error(request)

    assert response.status_code == 500
    assert "VästKraft" in response.content.decode()


# --- Search ----------------------------------------------------------------------------


def test_search_finds_news_item_by_word_of_its_intro(client, site_tree, background_tasks):
    item = factories.NewsPageFactory(
        parent=site_tree.news_index,
        title="Ny kurs i våren",
        intro="Robotprogrammering för nybörjare i Mölndal.",
    )

    response = client.get("/search/", {"q": "robotprogrammering"})

    assertContains(response, f'<h2><a href="{item.url}">Ny kurs i våren</a></h2>')


def test_search_skips_pages_in_another_language(client, site_tree, background_tasks, english):
    swedish = factories.NewsPageFactory(
        parent=site_tree.news_index, title="Svetskurs", intro="Welding på svenska."
    )
    factories.NewsPageFactory(parent=english.news_index, title="Welding course", intro="Welding in Mölndal.")

    response = client.get("/search/", {"q": "welding"})

    assertContains(response, f'<a href="{swedish.url}">Svetskurs</a>')
    assertNotContains(response, "Welding course")


def test_search_in_english_finds_english_page(client, background_tasks, english):
    item = factories.NewsPageFactory(
        parent=english.news_index, title="Welding course", intro="Welding in Mölndal."
    )

    response = client.get("/en/search/", {"q": "welding"})

    assertContains(response, f'<a href="{item.url}">Welding course</a>')


# --- Sitemap and feeds ------------------------------------------------------------------------


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_sitemap_lists_live_pages(client, site_tree, news_items):
    (item,) = news_items(1)

    locations = sitemap_locations(client)

    for page in (site_tree.home, site_tree.news_index, site_tree.programme, site_tree.standard, item):
        assert page.get_full_url() in locations


def test_sitemap_lists_the_pages_of_every_language(client, site_tree, english):
    item = factories.NewsPageFactory(parent=english.news_index, title="Robot programming course")

    locations = sitemap_locations(client)

    assert site_tree.home.get_full_url() in locations
    assert english.home.get_full_url() in locations
    assert item.get_full_url() in locations


def test_sitemap_leaves_out_draft_pages(client, site_tree):
    draft = factories.StandardPageFactory(parent=site_tree.home, live=False)

    assert not [loc for loc in sitemap_locations(client) if f"/{draft.slug}/" in loc]


def test_rss_feed_is_rss_2_with_items_newest_first(client, site_tree, news_items):
    items = news_items(3)

    response = client.get(f"{site_tree.news_index.url}rss/")

    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    channel = root.find("channel")
    assert (root.tag, root.get("version")) == ("rss", "2.0")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert channel.findtext("title") == "Nyheter – VästKraft"
    assert channel.findtext("link") == f"http://testserver{site_tree.news_index.url}"
    assert [(i.findtext("title"), i.findtext("link")) for i in channel.findall("item")] == [
        (item.title, f"http://testserver{item.url}") for item in reversed(items)
    ]


def test_atom_feed_lists_items_newest_first(client, site_tree, news_items):
    items = news_items(3)

    response = client.get(f"{site_tree.news_index.url}atom/")

    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "Nyheter – VästKraft"
    entries = root.findall(f"{ATOM}entry")
    assert [(e.findtext(f"{ATOM}title"), e.find(f"{ATOM}link").get("href")) for e in entries] == [
        (item.title, f"http://testserver{item.url}") for item in reversed(items)
    ]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_links_use_the_address_the_portal_is_reached_at(client, site_tree, news_items, kind):
    """The Site says localhost:80; a portal run with `make run ADDR=127.0.0.1:8300` links to 8300."""
    (item,) = news_items(1)

    body = client.get(f"{site_tree.news_index.url}{kind}/", HTTP_HOST="127.0.0.1:8300").text

    assert f"http://127.0.0.1:8300{item.url}" in body
    assert "http://localhost/" not in body


def test_rss_feed_lists_only_its_own_language(client, site_tree, english):
    swedish = factories.NewsPageFactory(parent=site_tree.news_index)
    factories.NewsPageFactory(parent=english.news_index, title="Only in English")

    root = ET.fromstring(client.get(f"{site_tree.news_index.url}rss/").content)  # noqa: S314

    assert [i.findtext("title") for i in root.iter("item")] == [swedish.title]


# --- English ----------------------------------------------------------------------------------


def test_english_news_item_is_served_under_en(client, english):
    item = factories.NewsPageFactory(parent=english.news_index, title="Robot programming course")

    response = client.get(item.url)

    assert item.url.startswith("/en/")
    assertContains(response, "<h1>Robot programming course</h1>")


def test_language_switch_links_the_translation(client, site_tree, english):
    item = factories.NewsPageFactory(parent=site_tree.news_index)
    translation = english.translate(item, "The same news in English")

    response = client.get(item.url)

    assertContains(response, f'<a href="{translation.url}" lang="en" hreflang="en">')


def test_head_names_every_translation_absolutely_with_itself_and_a_default(client, site_tree, english):
    item = factories.NewsPageFactory(parent=site_tree.news_index)
    translation = english.translate(item, "The same news in English")

    for shown in (item, translation):
        response = client.get(shown.url)

        assertContains(response, f'<link rel="canonical" href="http://testserver{shown.url}">')
        assertContains(response, f'<link rel="alternate" hreflang="sv" href="http://testserver{item.url}">')
        assertContains(
            response, f'<link rel="alternate" hreflang="en" href="http://testserver{translation.url}">'
        )
        assertContains(
            response, f'<link rel="alternate" hreflang="x-default" href="http://testserver{item.url}">'
        )


def test_head_names_no_alternates_for_a_page_without_translation(client, site_tree, english):
    item = factories.NewsPageFactory(parent=site_tree.news_index)

    response = client.get(item.url)

    assertContains(response, f'<link rel="canonical" href="http://testserver{item.url}">')
    assertNotContains(response, 'hreflang="x-default"')
    assertNotContains(response, '<link rel="alternate" hreflang="sv"')


def test_head_description_is_the_search_description_else_the_introduction(client, site_tree):
    written = factories.NewsPageFactory(
        parent=site_tree.news_index, intro="Ingressen.", search_description="För sökmotorer."
    )
    intro_only = factories.NewsPageFactory(
        parent=site_tree.news_index, intro="Öppet hus  på\nLindholmen " * 20
    )

    assertContains(client.get(written.url), '<meta name="description" content="För sökmotorer.">')
    description = client.get(intro_only.url).content.decode().split('<meta name="description" content="')[1]
    description = description.split('"')[0]
    assert description.startswith("Öppet hus på Lindholmen Öppet hus")
    assert len(description) == 160 and description.endswith("…")


def test_paged_list_keeps_its_page_number_in_the_canonical_address(client, site_tree, news_items):
    news_items(15)

    response = client.get(site_tree.news_index.url, {"page": "2", "utm_source": "x"})

    assertContains(
        response, f'<link rel="canonical" href="http://testserver{site_tree.news_index.url}?page=2">'
    )


def test_language_switch_on_an_address_no_language_answers_leads_to_the_other_home_page(client, english):
    response = client.get("/finns-inte.html")

    assert response.status_code == 404
    assertContains(response, f'<a href="{english.home.url}" lang="en" hreflang="en">', status_code=404)
    assertNotContains(response, 'hreflang="en" href=', status_code=404)


def test_language_switch_on_the_admin_sign_in_refusal_leads_to_the_other_home_page(client, english):
    client.force_login(factories.verified_user())

    response = client.get("/cms/login/")

    assert response.status_code == 403
    assertContains(response, f'<a href="{english.home.url}" lang="en" hreflang="en">', status_code=403)
