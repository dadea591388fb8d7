"""Parts of a page that everyone who sees them with the same inputs sees alike, drawn once.

A form's fields whose choices and texts are the code's own (a queue's filters, an unsent
decision or rubric form, an empty goal form) are the same HTML for every person who sees them
in the same language with the same values: a process draws each once and keeps it. The caller
names in `key` everything the HTML depends on besides the template and the language, and keeps
nothing where the HTML carries what a person typed or sent (a search text, an error, their own
review).
"""

from collections.abc import Callable, Hashable
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


# The rows of long lists, in a store of their own: many and small, they would otherwise take every
# place of the fragments above. Emptied when full, so that the rows kept are those seen lately.
_ROWS: dict[tuple, str] = {}
ROWS_KEPT = 1024


def row_kept(key: Hashable, draw: Callable[[], str]) -> str:
    """`draw()`, a row's HTML, kept in this process under `key` and the language.

    `key` holds everything the row shows (its values as read, and the time zone its times are
    written in): a row whose values changed is another row, drawn afresh. Nothing is kept with
    DEBUG on.
    """
    if settings.DEBUG:
        return draw()
    key = (get_language(), key)
    found = _ROWS.get(key)
    if found is None:
        found = draw()
        if len(_ROWS) >= ROWS_KEPT:
            _ROWS.clear()
        _ROWS[key] = found
    return found


def row_render(template_name: str, row: tuple) -> str:
    """`template_name` rendered with `row` as `row`, kept with `row_kept` under the template and the row.

    For the rows of a list, drawn from a tuple of everything they show (texts, numbers, flags): rows
    of equal tuples are the same HTML, whoever sees them.
    """
    return row_kept((template_name, row), lambda: render_to_string(template_name, {"row": row}))
