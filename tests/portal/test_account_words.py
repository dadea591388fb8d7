"""allauth's pages speak the portal's Swedish, and "contact us" leads to the contact page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

# allauth's own Swedish: "epost-adress", "Epost", "mail", "Vänligen …"; the portal writes
# "e-postadress" and "mejl" and asks plainly.
FOREIGN_WORDS = re.compile(r"\b[Ee]post|\bmail(et)?\b|[Vv]änligen|Verifierings-mail")


def visible_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    "url_name", ["account_signup", "account_login", "account_reset_password", "account_reset_password_done"]
)
def test_account_pages_in_swedish_use_the_portals_words(client, site_tree, url_name):
    text = visible_text(client.get(reverse(url_name)))
    assert FOREIGN_WORDS.findall(text) == []


def test_sign_up_page_labels_the_address_e_post(client, site_tree):
    text = visible_text(client.get(reverse("account_signup")))
    assert "E-post" in text and "Epost" not in text


def test_verification_page_after_sign_up_uses_the_portals_words(client, site_tree):
    email = "nora.hassan@example.org"
    response = client.post(
        reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}, follow=True
    )
    text = visible_text(response)
    assert "mejl" in text
    assert FOREIGN_WORDS.findall(text) == []


@pytest.fixture
def contact_page(site_tree):
    return factories.StandardPageFactory(parent=site_tree.home, title="Kontakt", slug="kontakt")


def test_password_reset_links_contact_us_to_the_contact_page(client, contact_page):
    html = client.get(reverse("account_reset_password")).content.decode()
    assert re.search(r'<a href="/kontakt/">Kontakta oss</a>', html)


def test_contact_link_leads_to_the_english_contact_page_in_english(client, site_tree, contact_page):
    locale = Locale.objects.create(language_code="en")
    for page, title, slug in [(site_tree.home, "VästKraft", "home"), (contact_page, "Contact", "contact")]:
        english = page.copy_for_translation(locale)
        english.title, english.slug = title, slug
        english.save_revision().publish()
    with translation.override("en"):
        url = reverse("account_reset_password_done")
    html = client.get(url).content.decode()
    assert re.search(r'<a href="/en/contact/">Contact us</a>', html)


def test_contact_us_is_plain_text_without_a_contact_page(client, site_tree):
    html = client.get(reverse("account_reset_password")).content.decode()
    assert "Kontakta oss" in html
    assert not re.search(r"<a [^>]*>Kontakta oss</a>", html)
