"""The site's frame (content/site_frame.py): built once per site, language and content change.

A frame is "kept" when a change written straight to the database, without publishing, does not
show in the menu: that is how each test knows the cached frame was in play.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains
from wagtail.models import Locale, Page, Site

from content.models import StandardPage
from content.page_cache import GENERATION_KEY
from tests import factories

pytestmark = pytest.mark.django_db


def rename_quietly(page, title):
    """Changes the live page's title in the database without publishing: no signal is sent."""
    Page.objects.filter(pk=page.pk).update(title=title)


@pytest.fixture
def signed_in(client):
    client.force_login(factories.verified_user())
    return client


def frame_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries if "wagtailcore_page" in q["sql"]]


def test_site_frame_is_read_from_the_page_tree_once_not_per_request(signed_in, site_tree):
    account = reverse("account_email")

    first = frame_queries(signed_in, account)
    again = frame_queries(signed_in, account)

    assert first
    assert again == []


def test_site_frame_keeps_its_menu_until_something_is_published(signed_in, site_tree):
    signed_in.get(reverse("account_email"))
    rename_quietly(site_tree.standard, "Tyst ny rubrik")

    assertNotContains(signed_in.get(reverse("account_email")), "Tyst ny rubrik")


def test_site_frame_shows_a_published_change_at_once(signed_in, site_tree):
    signed_in.get(reverse("account_email"))
    page = StandardPage.objects.get(pk=site_tree.standard.pk)
    page.title = "Om programmet, ny rubrik"
    page.save_revision().publish()

    assertContains(signed_in.get(reverse("account_email")), "Om programmet, ny rubrik")


def test_site_frame_kept_before_a_publish_is_not_taken_back_when_the_generation_is_lost(signed_in, site_tree):
    """A frame kept before any publish, then a publish, then the generation evicted from the cache."""
    cache.delete(GENERATION_KEY)
    signed_in.get(reverse("account_email"))
    page = StandardPage.objects.get(pk=site_tree.standard.pk)
    page.title = "Om programmet, ny rubrik"
    page.save_revision().publish()
    cache.delete(GENERATION_KEY)

    assertContains(signed_in.get(reverse("account_email")), "Om programmet, ny rubrik")


def test_site_frame_forgets_an_unpublished_page(signed_in, site_tree):
    signed_in.get(reverse("account_email"))
    site_tree.standard.unpublish()

    assertNotContains(signed_in.get(reverse("account_email")), site_tree.standard.url)


def test_site_frame_follows_a_change_of_the_sites_root_page(signed_in, site_tree):
    signed_in.get(reverse("account_email"))
    other_home = factories.HomePageFactory(
        parent=Page.get_first_root_node(), title="Annan startsida", slug="annan"
    )
    factories.StandardPageFactory(parent=other_home, title="Bara på den nya webbplatsen")
    site = Site.objects.get(pk=site_tree.site.pk)
    site.root_page = other_home
    site.save()

    response = signed_in.get(reverse("account_email"))

    assertContains(response, "Bara på den nya webbplatsen")
    assertNotContains(response, site_tree.standard.title)


def test_site_frame_of_each_language_is_its_own(client, site_tree):
    locale = Locale.objects.create(language_code="en")
    site_tree.home.copy_for_translation(locale).save_revision().publish()
    english = site_tree.standard.copy_for_translation(locale)
    english.title = "About the programme"
    english.save_revision().publish()
    client.get("/")
    client.get("/en/")

    swedish = client.get("/accounts/login/")
    in_english = client.get("/en/accounts/login/")

    assertContains(swedish, f">{site_tree.standard.title}<")
    assertNotContains(swedish, "About the programme")
    assertContains(in_english, ">About the programme<")
    assertNotContains(in_english, f">{site_tree.standard.title}<")


def test_site_frame_is_built_each_request_when_switched_off(signed_in, site_tree, settings):
    settings.SITE_FRAME_SECONDS = 0
    signed_in.get(reverse("account_email"))
    rename_quietly(site_tree.standard, "Direkt synlig rubrik")

    assertContains(signed_in.get(reverse("account_email")), "Direkt synlig rubrik")


# The parts of the frame drawn from its data alone (head links, masthead, footer) are kept drawn
# per process, site, language and generation. A kept drawing is told apart from a fresh one the
# same way: the frame's data is read again (its cache entry removed) after a quiet rename.


def forget_frame_data(language="sv"):
    cache.delete(f"site-frame:testserver:{language}")


def test_frame_parts_are_kept_drawn_while_the_content_is_unchanged(signed_in, site_tree):
    signed_in.get(reverse("account_email"))
    rename_quietly(site_tree.standard, "Tyst ny rubrik")
    forget_frame_data()

    response = signed_in.get(reverse("account_email"))

    assertNotContains(response, "Tyst ny rubrik")
    assertContains(response, f">{site_tree.standard.title}<")


def test_frame_parts_are_drawn_again_after_a_publish(signed_in, site_tree):
    signed_in.get(reverse("account_email"))
    page = StandardPage.objects.get(pk=site_tree.standard.pk)
    page.title = "Om programmet, ny rubrik"
    page.save_revision().publish()

    response = signed_in.get(reverse("account_email"))

    assertContains(response, ">Om programmet, ny rubrik<")
    assertNotContains(response, f">{site_tree.standard.title}<")


def test_frame_parts_are_drawn_each_request_with_debug_on(signed_in, site_tree, settings):
    settings.DEBUG = True
    signed_in.get(reverse("account_email"))
    rename_quietly(site_tree.standard, "Direkt synlig rubrik")
    forget_frame_data()

    assertContains(signed_in.get(reverse("account_email")), "Direkt synlig rubrik")


def test_a_page_of_the_tree_is_marked_current_in_the_frame_it_draws_for_itself(client, site_tree):
    client.get(reverse("account_login"))

    response = client.get(site_tree.standard.url)

    assertContains(response, f'aria-current="page">{site_tree.standard.title}<')
    assertNotContains(client.get(reverse("account_login")), 'aria-current="page"')


def test_what_a_frame_part_sets_stays_inside_it(rf, site_tree):
    from django.template import Context, Template

    template = Template(
        '{% load site_tags %}{% frame_part "test" %}{% news_feeds as feeds %}{{ feeds.rss }}'
        "{% endframe_part %}|{{ feeds.rss }}"
    )
    request = rf.get("/")
    drawn = template.render(Context({"request": request}))
    kept = template.render(Context({"request": request}))

    assert drawn == kept
    assert drawn.endswith("|")
    assert drawn.startswith("/")


def test_a_frame_part_without_a_name_is_refused():
    from django.template import Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template("{% load site_tags %}{% frame_part %}x{% endframe_part %}")


# Parts kept for more than the site and language: the account menu per role, with each request's
# own CSRF token in it, and the head's address links and the language switch per address.


def csrf_fields(response) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())


def test_account_menu_kept_for_a_coordinator_is_never_shown_to_someone_else(client, site_tree):
    coordination = reverse("mentoring:intake_list")
    client.force_login(factories.coordinator_user())
    assertContains(client.get(reverse("account_email")), f'href="{coordination}"')

    client.force_login(factories.verified_user())
    assertNotContains(client.get(reverse("account_email")), f'href="{coordination}"')
    client.logout()
    response = client.get(reverse("account_login"))

    assertNotContains(response, f'href="{coordination}"')
    assertContains(response, f'href="{reverse("account_signup")}"')


def test_account_menu_kept_drawn_carries_each_requests_own_csrf_token(site_tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.verified_user())
    first = csrf_fields(client.get(reverse("account_email")))
    again = csrf_fields(client.get(reverse("account_email")))

    assert len(first) == len(again) >= 1
    assert first != again
    signed_out = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": again[0]})
    assert signed_out.status_code == 302
    assert "_auth_user_id" not in client.session


def test_account_menu_kept_drawn_sets_no_csrf_cookie_for_a_visitor(client, site_tree):
    client.get(reverse("search"))

    response = client.get(reverse("search"))

    assert "csrftoken" not in response.cookies
    assert csrf_fields(response) == []
    assertContains(response, f'href="{reverse("account_login")}"')


def test_language_links_are_kept_per_address(signed_in, site_tree):
    email, password = reverse("account_email"), reverse("account_change_password")
    signed_in.get(email)

    response = signed_in.get(password)

    assertContains(response, f'href="/en{password}" lang="en"')
    assertContains(response, f'<link rel="canonical" href="http://testserver{password}">')
    assertNotContains(response, f'href="/en{email}"')


def test_a_kept_frame_part_holds_plain_values_only(rf, site_tree):
    from django.template import Context, Template
    from django.utils.functional import SimpleLazyObject

    from content import site_frame

    template = Template(
        '{% load site_tags %}{% frame_part "test-plain" flag %}[{{ flag }}]{% endframe_part %}'
    )
    request = rf.get("/")
    rendered = template.render(Context({"request": request, "flag": SimpleLazyObject(lambda: True)}))

    assert rendered == "[True]"
    keys = [key for key in site_frame._DRAWN_BY if key[1] == "test-plain"]
    assert keys and all(type(key[-1]) is str for key in keys)


def test_a_frame_part_holding_a_block_is_refused():
    from django.template import Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template('{% load site_tags %}{% frame_part "x" %}{% block title %}{% endblock %}{% endframe_part %}')


def test_site_frame_read_by_a_process_is_read_again_after_site_frame_seconds(
    rf, site_tree, settings, monkeypatch
):
    from content import site_frame as frames

    frames.site_frame(rf.get("/"))
    rename_quietly(site_tree.standard, "Tyst ny rubrik")
    forget_frame_data()
    kept_here = frames.site_frame(rf.get("/"))
    later = frames.time.monotonic() + settings.SITE_FRAME_SECONDS + 1
    monkeypatch.setattr(frames.time, "monotonic", lambda: later)

    read_again = frames.site_frame(rf.get("/"))

    assert "Tyst ny rubrik" not in [page.title for page in kept_here.footer]
    assert "Tyst ny rubrik" in [page.title for page in read_again.footer]
