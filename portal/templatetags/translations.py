"""Django's `i18n` template library, with a `{% translate "text" %}` of a fixed text that costs
a catalogue lookup and nothing more. The templates load it as `i18n` (TEMPLATES' "libraries").

Why: Django's translate tag makes a lazy translation of its text on every render and then
resolves, localises and escapes it like a variable: about 76 Python calls a tag, where a
catalogue lookup takes a dozen. A signed-in page shows 20 to 60 such texts, in the frame
and in the page. Only the plain form `{% translate "text" %}` (with or without `as name`)
is rendered the short way; `noop`, `context`, filters and variables go through Django's own
node. The output is the same: the text looked up in the active language's catalogue (with
"%" doubled, as Django looks it up), marked safe as Django marks a literal, "%%" undone.
Nothing is kept between renders: each one asks the active catalogue.
"""

from django import template
from django.templatetags import i18n as django_i18n
from django.templatetags.i18n import register as django_register
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext

register = template.Library()
register.tags.update(django_register.tags)
register.filters.update(django_register.filters)


class FixedTranslateNode(django_i18n.TranslateNode):
    """`{% translate "text" %}` or `{% translate "text" as name %}`: a fixed text, no filters."""

    def render(self, context) -> str:
        # The template's own text and its translation, which Django's node marks safe alike.
        value = mark_safe(gettext(self.msgid).replace("%%", "%"))  # noqa: S308
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


def _fixed_msgid(node: django_i18n.TranslateNode) -> str | None:
    """The catalogue's key for `node` when it translates a fixed text and nothing else, else None."""
    expression = node.filter_expression
    variable = expression.var
    if node.noop or node.message_context is not None or expression.filters:
        return None
    if getattr(variable, "lookups", True) is not None or not isinstance(variable.literal, SafeData):
        return None
    # As django.template.base.Variable.resolve asks the catalogue for a literal.
    return mark_safe(variable.literal.replace("%", "%%"))  # noqa: S308


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = django_i18n.do_translate(parser, token)
    msgid = _fixed_msgid(node)
    if msgid is not None:
        node.__class__ = FixedTranslateNode
        node.msgid = msgid
    return node
