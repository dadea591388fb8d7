"""Browser tests: a real Chromium drives the portal on pytest-django's live server.

Every test here carries the `browser` marker. Where Chromium is missing the
tests are skipped with the reason, except on CI (CI=true), where a missing
browser fails the run instead: CI must never pass by skipping.

Tests here mark themselves
`@pytest.mark.django_db(transaction=True, serialized_rollback=True)`: the live
server sees only committed data, and without the serialized rollback the flush
after each test would take Wagtail's root page, locale and workflow with it.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from tests import factories

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
MISSING_CHROMIUM = f"Chromium not found at {CHROMIUM_PATH}; install it with apt-get install chromium"
ON_CI = os.environ.get("CI", "").lower() == "true"
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

# Playwright's own waits, short enough that a broken page fails fast.
TIMEOUT_MS = 10_000

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_BLOCKING_IMPACTS = {"serious", "critical"}

_HERE = Path(__file__).parent


def chromium_available() -> bool:
    return os.access(CHROMIUM_PATH, os.X_OK)


def pytest_collection_modifyitems(config, items):
    # Collection hooks see every item of the run, not only this folder's.
    for item in items:
        if _HERE not in item.path.parents:
            continue
        item.add_marker(pytest.mark.browser)
        if not chromium_available() and not ON_CI:
            item.add_marker(pytest.mark.skip(reason=MISSING_CHROMIUM))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    # Playwright's sync API runs an event loop in this thread, and Django refuses
    # ORM calls where a loop runs unless this is set. Set for this folder's tests
    # only: a process that a later test starts would inherit it, and
    # `check --deploy` rightly fails on it (async.E001).
    os.environ[ASYNC_UNSAFE] = "true"
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        os.environ.pop(ASYNC_UNSAFE, None)


@pytest.fixture(scope="package")
def chromium(request):
    # Package scope: Playwright's loop must be gone before the tests of other folders
    # run, or a test that opens a fresh database connection is refused as "async".
    if not chromium_available():
        pytest.fail(f"{MISSING_CHROMIUM} (CI=true: browser tests must run, not skip)")
    # The test database is made before the browser starts and dropped after it
    # stops, so neither happens where a loop runs.
    request.getfixturevalue("django_db_setup")
    from django.db import connections

    django_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        # While Playwright's sync API runs, this thread has a running asyncio loop, and
        # Django's connection handler then keeps a second set of connections apart from
        # the thread's own. The second set lacks what pytest-django put on the first
        # when a test before these set up the database (the data serialized_rollback
        # restores), so every test after the first would find Wagtail's locale and
        # root page gone. Hand the first set over.
        for alias, connection in django_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, db, live_server):
    """A fresh browser tab with its own cookies: one person at one computer.

    Asks for the database and the live server first so that they outlive the
    tab: a request still in flight when the test ends must find both there.
    (`db` follows the test's django_db mark, transaction=True here.)
    """
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def _axe_check(page) -> None:
    """Fail listing every serious or critical WCAG 2.1 A/AA violation axe finds on the page as shown."""
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    blocking = [v for v in results.response["violations"] if v["impact"] in AXE_BLOCKING_IMPACTS]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n    "
        + "\n    ".join(", ".join(node["target"]) for node in v["nodes"])
        for v in blocking
    )
    if blocking:
        pytest.fail(
            f"axe: {len(blocking)} serious/critical violation(s) on {page.url}\n{report}", pytrace=False
        )


@pytest.fixture
def axe_check():
    """`axe_check(page)`: run axe on the page as it is shown now; see _axe_check."""
    return _axe_check


# --- The site's content -------------------------------------------------------------------------


@pytest.fixture
def english(site_tree):
    """The English locale and a published English home page with its own hero."""
    from wagtail.models import Locale

    locale = Locale.objects.create(language_code="en")
    home = site_tree.home.copy_for_translation(locale)
    home.title = "VästKraft"
    home.hero_title = "Skills and enterprise in West Sweden"
    home.save_revision().publish()
    home.refresh_from_db()
    return home


# --- People at their computers ------------------------------------------------------------------

SIGN_IN_EMAIL = re.compile(r"e-?post|e-?mail", re.I)
SIGN_IN_PASSWORD = re.compile(r"^(?:lösenord|password)$", re.I)
SIGN_IN_BUTTON = re.compile(r"^(?:logga in|sign in)$", re.I)


@pytest.fixture
def new_page(chromium, db, live_server):
    """`new_page()`: a tab in a browser context of its own: another person at another computer."""
    contexts = []
    # What the Content-Security-Policy blocked on any page of the journey: the portal
    # promises none (no inline script or style, nothing from another origin).
    blocked = []

    def make():
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                blocked.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert blocked == [], "the Content-Security-Policy blocked something"


def follow(link) -> None:
    """Click a link or button that opens another page, and return once that page has loaded.

    A check run straight after a bare click can meet the page being left, or the
    next one before it has a document (axe then fails on a null documentElement).
    """
    with link.page.expect_navigation():
        link.click()


def sign_in(page, live_server, path: str, user) -> None:
    """Open `path`, be sent to sign in, sign in as `user`, and land on `path`."""
    page.goto(f"{live_server.url}{path}")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label(SIGN_IN_EMAIL).fill(user.email)
    page.get_by_label(SIGN_IN_PASSWORD).fill(factories.PASSWORD)
    page.get_by_role("button", name=SIGN_IN_BUTTON).click()
    expect(page).to_have_url(f"{live_server.url}{path}")
