"""The site's icons: every page names them, and the address browsers ask for on their own answers."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from PIL import Image

pytestmark = pytest.mark.django_db

ICON_LINK = re.compile(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"')


def _static_file(url: str) -> str:
    path = finders.find(url.removeprefix(static("")))
    assert path, f"{url} is not among the static files"
    return path


def test_favicon_address_leads_to_the_icon_file(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == static("favicon.ico")
    with Image.open(_static_file(response["Location"])) as icon:
        assert icon.format == "ICO"


def test_every_page_links_icons_that_exist(client, site_tree):
    html = client.get("/").content.decode()

    icons = ICON_LINK.findall(html)

    assert static("favicon.ico") in icons
    assert static("img/apple-touch-icon.png") in icons
    for url in icons:
        _static_file(url)
    with Image.open(_static_file(static("img/apple-touch-icon.png"))) as touch:
        assert touch.size == (180, 180)
