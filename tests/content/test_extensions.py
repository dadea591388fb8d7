"""content renders on its own; mentoring adds the Apply box and free places through hooks."""

from pathlib import Path

import pytest
from django.template.backends.django import get_installed_libraries
from django.urls import reverse

from content import extensions
from tests import factories

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def loaded_libraries(folder: Path) -> dict[str, set[str]]:
    found = {}
    for template in folder.rglob("*.html"):
        for line in template.read_text().splitlines():
            if "{% load " in line:
                for part in line.split("{% load ")[1:]:
                    names = part.split("%}")[0].split()
                    found.setdefault(str(template.relative_to(TEMPLATES)), set()).update(names)
    return found


@pytest.mark.parametrize("folder", ["content", "components"])
def test_content_templates_load_no_tag_library_of_mentoring(folder):
    libraries = get_installed_libraries()
    from_mentoring = {
        template: sorted(name for name in names if libraries.get(name, "").startswith("mentoring"))
        for template, names in loaded_libraries(TEMPLATES / folder).items()
    }
    assert {template: names for template, names in from_mentoring.items() if names} == {}


@pytest.mark.django_db
def test_programme_page_shows_the_apply_box_from_the_hook(client, site_tree):
    intake = factories.IntakeFactory(programme=site_tree.programme)

    html = client.get(site_tree.programme.url).content.decode()

    assert reverse("mentoring:eligibility", args=[intake.pk]) in html


@pytest.mark.django_db
def test_programme_page_renders_without_the_hook(client, site_tree, monkeypatch):
    intake = factories.IntakeFactory(programme=site_tree.programme)
    monkeypatch.setattr(extensions.hooks, "get_hooks", lambda name: [])

    response = client.get(site_tree.programme.url)

    assert response.status_code == 200
    assert site_tree.programme.title in response.content.decode()
    assert reverse("mentoring:eligibility", args=[intake.pk]) not in response.content.decode()


def test_page_part_without_a_registered_function_is_none():
    assert extensions.page_part("content_nothing_registered_here", object()) is None


# --- The home page's call to apply: computed from the open intakes ------------------------------


@pytest.mark.django_db
def test_home_page_invites_to_apply_only_to_the_open_intakes(client, site_tree):
    open_intake = factories.IntakeFactory(programme=site_tree.programme, title="Öppen omgång")
    closed = factories.IntakeFactory(programme=site_tree.programme, closed=True, title="Stängd omgång")
    upcoming = factories.IntakeFactory(programme=site_tree.programme, upcoming=True, title="Kommande omgång")

    html = client.get(site_tree.home.url).text

    assert reverse("mentoring:eligibility", args=[open_intake.pk]) in html and "Öppen omgång" in html
    for intake in (closed, upcoming):
        assert reverse("mentoring:eligibility", args=[intake.pk]) not in html and intake.title not in html


@pytest.mark.django_db
def test_home_page_says_so_when_no_intake_is_open(client, site_tree):
    site_tree.home.apply_title = "Ansök nu, intaget är öppet"
    site_tree.home.save_revision().publish()
    closed = factories.IntakeFactory(programme=site_tree.programme, closed=True)

    html = client.get(site_tree.home.url).text

    assert "Ansök nu, intaget är öppet" not in html
    assert reverse("mentoring:eligibility", args=[closed.pk]) not in html
    assert 'id="apply-title"' in html  # the band says that nothing is open, and where to look
