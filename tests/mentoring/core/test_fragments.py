"""Parts of pages drawn once a process: a list's rows, kept under everything they show."""

import pytest
from django.utils import translation

from mentoring.core import fragments


@pytest.fixture
def drawn(monkeypatch):
    """The rows drawn, as (language, row); each drawing says which it was."""
    monkeypatch.setattr(fragments, "_ROWS", {})
    drawings = []

    def render(template_name, context):
        drawings.append((translation.get_language(), context["row"]))
        return f"{template_name}:{translation.get_language()}:{context['row']}"

    monkeypatch.setattr(fragments, "render_to_string", render)
    return drawings


def test_row_render_draws_equal_rows_once_per_language(drawn):
    with translation.override("sv"):
        first = fragments.row_render("row.html", ("1", "Kaffebar"))
        again = fragments.row_render("row.html", ("1", "Kaffebar"))
    with translation.override("en"):
        english = fragments.row_render("row.html", ("1", "Kaffebar"))

    assert first == again == "row.html:sv:('1', 'Kaffebar')"
    assert english == "row.html:en:('1', 'Kaffebar')"
    assert drawn == [("sv", ("1", "Kaffebar")), ("en", ("1", "Kaffebar"))]


def test_row_render_draws_a_row_anew_when_anything_it_shows_differs(drawn):
    fragments.row_render("row.html", ("1", "Kaffebar", None))
    fragments.row_render("row.html", ("1", "Kaffebar", "4,50"))
    fragments.row_render("other.html", ("1", "Kaffebar", "4,50"))

    assert len(drawn) == 3


def test_row_render_starts_anew_past_its_bound(drawn, monkeypatch):
    monkeypatch.setattr(fragments, "ROWS_KEPT", 2)
    for number in range(3):
        fragments.row_render("row.html", (number,))

    assert len(fragments._ROWS) == 1
    fragments.row_render("row.html", (2,))
    assert len(drawn) == 3


def test_row_render_keeps_nothing_with_debug_on(drawn, settings):
    settings.DEBUG = True

    fragments.row_render("row.html", ("1",))
    fragments.row_render("row.html", ("1",))

    assert len(drawn) == 2 and fragments._ROWS == {}
