"""Journey 7: an editor writes a news item with an image, a moderator publishes it, visitors see it."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from portal.roles import EDITORS, MODERATORS
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Robotkurs i Mölndal"
IMAGE_TITLE = "Robotcell i Mölndal"
# allauth's sign-in form, in Swedish (the site's default language) or in English.
EMAIL = re.compile(r"e-?post|e-?mail", re.I)
PASSWORD = re.compile(r"lösenord|password", re.I)
SIGN_IN = re.compile(r"logga in|sign in", re.I)


def cms_user(role: str, first_name: str):
    """A verified member of `role` who works in Wagtail's admin in English.

    The admin's language is a personal preference in Wagtail; fixing it keeps
    the test's button names independent of Wagtail's Swedish catalogue.
    """
    user = factories.user_with_role(role, first_name=first_name)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def sign_in_to_cms(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/cms/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label(EMAIL).fill(user.email)
    page.get_by_label(PASSWORD).fill(factories.PASSWORD)
    page.get_by_role("button", name=SIGN_IN).click()
    expect(page).to_have_url(f"{live_server.url}/cms/")


def sign_out_of_cms(page, user) -> None:
    page.get_by_role("complementary", name="Sidebar").get_by_role("button", name=user.first_name).click()
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_news_item_submitted_by_editor_is_published_by_moderator(page, live_server, site_tree):
    editor = cms_user(EDITORS, "Elin")
    moderator = cms_user(MODERATORS, "Maja")
    factories.ImageFactory(title=IMAGE_TITLE)

    # The editor writes the news item and submits it to the default workflow.
    sign_in_to_cms(page, live_server, editor)
    # The news index as the page explorer shows it, as if bookmarked.
    page.goto(f"{live_server.url}/cms/pages/{site_tree.news_index.pk}/")
    page.get_by_role("link", name="Add child page").click()
    expect(page.get_by_role("heading", level=1, name="New: News item")).to_be_visible()
    form = page.get_by_role("tabpanel", name="Content")
    form.get_by_role("textbox", name="Title*").fill(TITLE)
    form.get_by_role("textbox", name="Date*").fill("2026-11-20")
    form.get_by_role("textbox", name="Introduction*").fill("Nu kan du lära dig programmera robotar.")
    form.get_by_role("button", name="Choose an image").click()
    page.get_by_role("dialog").get_by_role("link", name=IMAGE_TITLE).click()
    expect(form.get_by_role("region", name="Image").get_by_text(IMAGE_TITLE)).to_be_visible()
    body = form.get_by_role("region", name="Body", exact=True)
    body.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    body.locator("[contenteditable=true]").click()
    page.keyboard.type("Kursen är tre dagar och kostnadsfri för deltagare.")
    # Draftail writes its state to the form a moment after the last keystroke.
    expect(body.locator("input[type=hidden][name$='-value']")).to_have_value(
        re.compile("Kursen är tre dagar")
    )
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit for review").click()
    # "created and …"; "has been …" if a draft of it was saved first (autosave is off: see settings).
    submitted = re.compile(rf"Page '{re.escape(TITLE)}' (?:created and|has been) submitted for moderation")
    expect(page.get_by_role("status")).to_contain_text(submitted)
    sign_out_of_cms(page, editor)

    # Not yet published: visitors see nothing of it.
    assert TITLE not in page.request.get(f"{live_server.url}{site_tree.news_index.url}rss/").text()

    # The moderator approves it from the dashboard, which publishes it.
    sign_in_to_cms(page, live_server, moderator)
    review = page.get_by_role("region", name="Awaiting your review")
    row = review.get_by_role("row", name=re.compile(TITLE))
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_role("row", name=re.compile(TITLE))).to_have_count(0)
    expect(page.get_by_text(f"“{TITLE}” was approved and published.")).to_be_visible()
    sign_out_of_cms(page, moderator)

    # A visitor finds it on the home page, reads it, and finds it in the feed.
    page.goto(live_server.url)
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.get_by_text("Kursen är tre dagar och kostnadsfri för deltagare.")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("img")).to_have_count(1)
    feed = page.request.get(f"{live_server.url}{site_tree.news_index.url}rss/")
    assert feed.ok
    assert f"<title>{TITLE}</title>" in feed.text()
