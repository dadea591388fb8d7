"""A visitor reads the public site: home page, news, tags, pagination and the English version."""

import re

import pytest
from playwright.sync_api import expect

from content.models import NEWS_PER_PAGE
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Site texts as the Swedish catalogue has them, or in the source language while it has none.
BACK_TO_NEWS = re.compile(r"tillbaka|back to all news", re.I)
NEXT = re.compile(r"nästa|next", re.I)


@pytest.fixture
def news(news_items):
    """One more page of news than the list shows, the two oldest tagged "Robotik"."""
    items = news_items(NEWS_PER_PAGE + 2)
    for item in items[:2]:
        item.tags.add("Robotik")
        item.save()
    return items


def test_visitor_reads_news_from_home_page_and_browses_the_list(page, live_server, site_tree, news, english):
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1, name=site_tree.home.hero_title)).to_be_visible()
    newest = news[-1]
    for item in news[-3:]:
        expect(page.get_by_role("link", name=item.title, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=news[-4].title, exact=True)).to_have_count(0)

    page.get_by_role("link", name=newest.title, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=newest.title)).to_be_visible()
    expect(page.get_by_text(newest.intro)).to_be_visible()

    page.get_by_role("link", name=BACK_TO_NEWS).click()
    expect(page.get_by_role("heading", level=1, name=site_tree.news_index.title)).to_be_visible()
    expect(page.get_by_role("link", name=newest.title, exact=True)).to_be_visible()
    oldest = news[0]
    expect(page.get_by_role("link", name=oldest.title, exact=True)).to_have_count(0)

    page.get_by_role("link", name=NEXT).click()
    expect(page.get_by_role("link", name=oldest.title, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=newest.title, exact=True)).to_have_count(0)

    page.get_by_role("link", name="Robotik", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"\?tag=robotik$"))
    expect(page.get_by_role("link", name=oldest.title, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=news[1].title, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=news[2].title, exact=True)).to_have_count(0)

    page.get_by_role("banner").get_by_role("link", name=re.compile(r"^VästKraft")).click()
    expect(page.get_by_role("heading", level=1, name=site_tree.home.hero_title)).to_be_visible()
    page.get_by_role("link", name="English", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=english.hero_title)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/en/")


def test_visitor_sees_which_intakes_are_open_in_her_language(
    page, live_server, site_tree, english, axe_check
):
    """The home page invites to the intakes open today, by their names in the reader's language."""
    named = factories.IntakeFactory(
        programme=site_tree.programme, title="Starta eget – omgång 3", title_en="Start a business – round 3"
    )
    unnamed = factories.IntakeFactory(programme=site_tree.programme, title="Kvinnors företagande – omgång 4")
    closed = factories.IntakeFactory(programme=site_tree.programme, closed=True, title="Stängd omgång")

    page.goto(live_server.url)
    band = page.get_by_test_id("open-intakes")
    expect(band).to_contain_text(named.title)
    expect(band).to_contain_text(unnamed.title)
    expect(page.get_by_text(closed.title)).to_have_count(0)
    axe_check(page)

    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/en/")
    band = page.get_by_test_id("open-intakes")
    expect(band).to_contain_text(named.title_en)
    expect(band.get_by_text(named.title)).to_have_count(0)
    # No English name written: the Swedish one, marked as Swedish for a screen reader.
    expect(band.locator('[lang="sv"]').first).to_have_text(unnamed.title)
    expect(page.get_by_text(closed.title)).to_have_count(0)
    axe_check(page)

    band.get_by_role("link", name=re.compile(rf"Apply – {re.escape(named.title_en)}")).click()
    expect(page).to_have_url(f"{live_server.url}/en/apply/{named.pk}/")
    expect(page.get_by_text(named.title_en, exact=True).first).to_be_visible()
    axe_check(page)
