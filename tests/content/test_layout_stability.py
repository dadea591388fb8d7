"""Pages do not shift while loading: every image states its size, and production serves
the site's own styles and scripts minified, compressed and under hashed names."""

import re
import shutil
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage

from tests import factories

PROJECT = Path(__file__).resolve().parents[2]


def images_without_size(html: str) -> list[str]:
    def sized(tag: str) -> bool:
        return bool(re.search(r"\swidth=\"\d+\"", tag) and re.search(r"\sheight=\"\d+\"", tag))

    return [tag for tag in re.findall(r"<img\b[^>]*>", html) if not sized(tag)]


def test_images_without_size_finds_a_tag_missing_its_height():
    assert images_without_size('<p><img src="a.png" width="10"></p><img src="b" width="1" height="2">') == [
        '<img src="a.png" width="10">'
    ]


@pytest.mark.django_db
def test_every_image_on_the_public_pages_states_its_width_and_height(client, site_tree):
    image = factories.ImageFactory()
    item = factories.NewsPageFactory(
        parent=site_tree.news_index,
        image=image,
        body=[("image", {"image": image, "caption": "Verkstaden"})],
    )
    factories.NewsPageFactory(parent=site_tree.news_index)  # a card without an image: the placeholder mark

    pages = [site_tree.home, site_tree.news_index, item, site_tree.programme_index, site_tree.programme]
    seen = 0
    for page in pages:
        html = client.get(page.url).content.decode()
        seen += html.count("<img")
        assert images_without_size(html) == [], page.url
    assert seen >= 4  # the logo twice, the card images and the figure: the check looked at real images


def test_production_storage_minifies_compresses_and_hashes_the_sites_own_files(tmp_path, settings):
    from portal.storage import MinifiedStaticFilesStorage

    settings.STATIC_ROOT = str(tmp_path / "collected")
    source = tmp_path / "source"
    shutil.copytree(PROJECT / "static", source)
    storage = MinifiedStaticFilesStorage(location=settings.STATIC_ROOT)
    origin = FileSystemStorage(location=source)
    paths = {}
    for path in ["css/site.css", "js/site.js", "img/logo-mark.svg"]:
        with origin.open(path) as handle:
            storage.save(path, handle)
        paths[path] = (origin, path)
    list(storage.post_process(paths, dry_run=False))

    original = (source / "css" / "site.css").read_text()
    hashed_css = storage.stored_name("css/site.css")
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed_css)
    minified = (tmp_path / "collected" / hashed_css).read_text()
    assert len(minified) < 0.85 * len(original)
    assert "/*" not in minified and "\n\n" not in minified
    assert (tmp_path / "collected" / f"{hashed_css}.gz").exists()
    hashed_js = tmp_path / "collected" / storage.stored_name("js/site.js")
    assert len(hashed_js.read_text()) < len((source / "js" / "site.js").read_text())
