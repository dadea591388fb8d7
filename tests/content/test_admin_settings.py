"""The editors' admin works without the internet and writes addresses people can type."""

from wagtail.users.utils import get_gravatar_url

from tests import factories


def test_admin_avatars_come_from_no_outside_service():
    assert get_gravatar_url("redaktor@example.org") is None


def test_new_page_slug_is_transliterated_to_plain_letters(site_tree):
    item = factories.StandardPageFactory.build(title="Öppet hus på Lindholmen – vår och höst", slug="")
    site_tree.home.add_child(instance=item)

    assert item.slug == "oppet-hus-pa-lindholmen-var-och-host"
