"""Parts of a page that everyone who sees them with the same inputs sees alike, drawn once.

A form's fields whose choices and texts are the code's own (a queue's filters, an unsent
decision or rubric form, an empty goal form) are the same HTML for every person who sees them
in the same language with the same values: a process draws each once and keeps it. The caller
names in `key` everything the HTML depends on besides the template and the language, and keeps
nothing where the HTML carries what a person typed or sent (a search text, an error, their own
review).
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language

_KEPT: dict[tuple, object] = {}
# A bound on the memory kept per process; past it, new combinations are drawn each time.
FRAGMENTS_KEPT = 256
T = TypeVar("T")


def kept(key: tuple, draw: Callable[[], T]) -> T:
    """`draw()`, kept in this process under `key` and the language.

    Nothing is kept with DEBUG on, where templates and translations may change while the process runs.
    """
    if settings.DEBUG:
        return draw()
    key = (get_language(), *key)
    found = _KEPT.get(key)
    if found is None:
        found = draw()
        if len(_KEPT) < FRAGMENTS_KEPT:
            _KEPT[key] = found
    return found


def fragment_render(template_name: str, context: dict, *, key: tuple | None) -> str:
    """`template_name` rendered with `context`, kept under `key` and the language (None: not kept)."""
    if key is None:
        return render_to_string(template_name, context)
    return kept((template_name, *key), lambda: render_to_string(template_name, context))


_ROWS: dict[tuple, str] = {}
# A bound on the rows kept per process: past it the store starts anew, since rows of data go out of
# date where a form's fields do not.
ROWS_KEPT = 1000


def row_render(template_name: str, row: tuple) -> str:
    """`template_name` rendered with `row` as `row`, kept in this process under the row and the language.

    For the rows of a list, drawn from a tuple of everything they show (texts, numbers, flags): rows
    of equal tuples are the same HTML, whoever sees them. Kept apart from the fragments of `kept`, so
    that a list's many rows never crowd those out; nothing is kept with DEBUG on.
    """
    if settings.DEBUG:
        return render_to_string(template_name, {"row": row})
    key = (get_language(), template_name, row)
    found = _ROWS.get(key)
    if found is None:
        if len(_ROWS) >= ROWS_KEPT:
            _ROWS.clear()
        found = _ROWS[key] = render_to_string(template_name, {"row": row})
    return found
