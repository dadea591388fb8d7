from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import database_template


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: with Redis, Wagtail's cached site roots would carry over."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language and leaves no language behind.

    A request for an English page activates English in the thread (LocaleMiddleware does not
    switch it back), so without this a test would read the next one's texts and links in English.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded files of a test go to a temporary folder, never into the working tree."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


def _site_tree_build() -> None:
    """Replace the page Wagtail's migration creates with the public site the templates expect.

    A HomePage holding a news index, a programme index with one (featured) programme, and a
    standard page, served by the default Site for any host name.
    """
    from wagtail.models import Page, Site

    from content.models import HomePage
    from tests import factories

    served = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if served is not None and served.root_page.specific_class is HomePage:
        # A database kept from before (pytest --reuse-db) already serves a public site: use it.
        return
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, home, "VästKraft"
    site.save()
    Page.objects.child_of(root).exclude(pk=home.pk).delete()

    factories.NewsIndexPageFactory(parent=home)
    programme_index = factories.ProgrammeIndexPageFactory(parent=home)
    programme = factories.ProgrammePageFactory(parent=programme_index)
    factories.feature_programmes(home, programme)
    factories.StandardPageFactory(parent=home)


_TEMPLATE_FOLDER = pytest.StashKey[Path]()
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """The xdist controller names one folder for the run's template database (database_template)."""
    config = node.config
    if _TEMPLATE_FOLDER not in config.stash:
        config.stash[_TEMPLATE_FOLDER] = database_template.folder_for_run()
    node.workerinput[database_template.WORKERINPUT_KEY] = str(config.stash[_TEMPLATE_FOLDER])


def pytest_unconfigure(config):
    folder = config.stash.get(_TEMPLATE_FOLDER, None)
    if folder is not None:
        from pytest_django.plugin import blocking_manager_key

        database_template.remove(folder, config.stash[blocking_manager_key])


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings,
    request,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_use_migrations,
):
    """In a process of `pytest -n`, the test database starts as a copy of the run's migrated template.

    Not where pytest-django keeps a database (`--reuse-db`) nor without migrations.
    """
    workerinput = getattr(request.config, "workerinput", {})
    folder = workerinput.get(database_template.WORKERINPUT_KEY)
    kept = django_db_keepdb and not django_db_createdb
    if folder and not kept and django_db_use_migrations:
        with django_db_blocker.unblock():
            database_template.start_from_template(Path(folder), workerinput["workerid"])


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the public site's page tree built once for the whole run.

    Building the tree takes longer than most tests: each test sees it as committed data and
    rolls its own changes back. The contents that `serialized_rollback` restores after a
    transactional test's flush are taken again, so those tests find the tree too.
    """
    from django.db import connections, transaction
    from django.test import override_settings
    from wagtail.rich_text import features

    database_template.release()
    with django_db_blocker.unblock():
        # Wagtail reads its rich-text features from the hooks once, on first use: here, as the
        # reference index did while it followed every save. Left to the first test that needs
        # them, a page editor later in that process warned "Draftail received an unknown feature".
        features.get_default_features()
        # The tree is in the search index, as an editor's publishing would leave it.
        with transaction.atomic(), override_settings(TASKS=IMMEDIATE_TASKS):
            _site_tree_build()
        for connection in connections.all(initialized_only=True):
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@contextmanager
def built_once(django_db_blocker, build):
    """What `build()` returns, kept for the tests of a module and rolled back after the last of them.

    For a module-scoped fixture, where building takes longer than the tests that read it: `build`
    runs inside a transaction opened here, each test then runs in its own transaction inside that
    one (a savepoint) and is rolled back after it, so every test finds the data as built. Not for
    tests that commit (transaction=True): they would commit what was built.
    """
    from django.db import transaction

    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            built = build()
        except BaseException as error:
            outer.__exit__(type(error), error, error.__traceback__)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def site_tree(db):
    """The public site as the templates expect it, served for any host name (see `_site_tree_build`).

    Fresh instances for each test, so that what one test changes on them never reaches another.
    """
    from types import SimpleNamespace

    from wagtail.models import Site

    from content.models import NewsIndexPage, ProgrammeIndexPage, ProgrammePage, StandardPage

    site = Site.objects.select_related("root_page").get(is_default_site=True)
    home = site.root_page.specific
    programme_index = ProgrammeIndexPage.objects.child_of(home).first()
    return SimpleNamespace(
        site=site,
        home=home,
        news_index=NewsIndexPage.objects.child_of(home).first(),
        programme_index=programme_index,
        programme=ProgrammePage.objects.child_of(programme_index).first(),
        standard=StandardPage.objects.child_of(home).first(),
    )


WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def fresh_install_tree() -> None:
    """Put back the page tree `migrate` leaves: Wagtail's welcome page, served by the default site.

    For the tests of what happens on a new installation (the demo data), where the public
    site's tree built for the run would be in the way.
    """
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    welcome = root.add_child(instance=Page(title=WAGTAIL_WELCOME_TITLE, slug="home"))
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, welcome, ""
    site.save()
    for page in Page.objects.child_of(root).exclude(pk=welcome.pk):
        page.delete()


@pytest.fixture
def news_items(site_tree):
    """`news_items(n, **fields)` makes n live news items under the site's news index."""
    from tests import factories

    def make(n: int, **kwargs):
        return factories.create_news_items(site_tree.news_index, n, **kwargs)

    return make


@pytest.fixture
def background_tasks(settings):
    """Wagtail's background work done at once, as the portal does it: the search index and the
    reference index follow every save. The test settings leave it undone (it took a fifteenth of
    the suite's time), for the tests that never search nor ask where an object is used."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def mail_via_outbox(settings):
    """Send e-mail as the portal does outside tests: into the outbox, delivered after commit.

    pytest-django points EMAIL_BACKEND at locmem for every test, which would skip
    the outbox. With this fixture a message becomes an OutboxMessage row and
    reaches `django.core.mail.outbox` only when the transaction commits, so wrap
    the sending in `django_capture_on_commit_callbacks(execute=True)`.
    """
    settings.EMAIL_BACKEND = "portal.mail.OutboxBackend"
