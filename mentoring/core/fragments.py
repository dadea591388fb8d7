"""Parts of a page that everyone who sees them with the same inputs sees alike, rendered once.

A form's fields whose choices and texts are the code's own (a queue's filters, an unsent
decision or rubric form) are the same HTML for every coordinator who sees them in the same
language with the same values: a process renders each once and keeps it. The caller names in
`key` everything the HTML depends on besides the template and the language, and gives no key
where the HTML carries what a person typed or sent (a search text, an error, their own review).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language

_KEPT: dict[tuple, str] = {}
# A bound on the memory kept per process; past it, new combinations are rendered each time.
FRAGMENTS_KEPT = 200


def fragment_render(template_name: str, context: dict, *, key: tuple | None) -> str:
    """`template_name` rendered with `context`, kept under `key` and the language (None: not kept).

    Nothing is kept with DEBUG on, where templates may change while the process runs.
    """
    if key is None or settings.DEBUG:
        return render_to_string(template_name, context)
    key = (template_name, get_language(), *key)
    html = _KEPT.get(key)
    if html is None:
        html = render_to_string(template_name, context)
        if len(_KEPT) < FRAGMENTS_KEPT:
            _KEPT[key] = html
    return html
