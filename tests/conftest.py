import pytest


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


@pytest.fixture
def site_tree(db):
    """The public site as the templates expect it, served for any host name.

    Replaces the page Wagtail's migration creates with a HomePage holding a news
    index, a programme index with one (featured) programme, and a standard page.
    """
    from types import SimpleNamespace

    from wagtail.models import Page, Site

    from tests import factories

    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, home, "VästKraft"
    site.save()
    Page.objects.child_of(root).exclude(pk=home.pk).delete()

    news_index = factories.NewsIndexPageFactory(parent=home)
    programme_index = factories.ProgrammeIndexPageFactory(parent=home)
    programme = factories.ProgrammePageFactory(parent=programme_index)
    factories.feature_programmes(home, programme)
    standard = factories.StandardPageFactory(parent=home)
    return SimpleNamespace(
        site=site,
        home=home,
        news_index=news_index,
        programme_index=programme_index,
        programme=programme,
        standard=standard,
    )


@pytest.fixture
def news_items(site_tree):
    """`news_items(n, **fields)` makes n live news items under the site's news index."""
    from tests import factories

    def make(n: int, **kwargs):
        return factories.create_news_items(site_tree.news_index, n, **kwargs)

    return make


@pytest.fixture
def mail_via_outbox(settings):
    """Send e-mail as the portal does outside tests: into the outbox, delivered after commit.

    pytest-django points EMAIL_BACKEND at locmem for every test, which would skip
    the outbox. With this fixture a message becomes an OutboxMessage row and
    reaches `django.core.mail.outbox` only when the transaction commits, so wrap
    the sending in `django_capture_on_commit_callbacks(execute=True)`.
    """
    settings.EMAIL_BACKEND = "portal.mail.OutboxBackend"
