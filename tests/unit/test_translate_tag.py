import pytest
from django.template import Context, Engine, engines
from django.utils import translation

from portal.templatetags.translations import FixedTranslateNode

TEMPLATES = [
    '{% translate "Sign out" %}',
    '{% trans "Sign out" %}',
    '{% translate "Sign out" as words %}[{{ words }}]',
    "{% translate 'Skip to main content' %}",
    '{% translate "100% sure, 50%% done" %}',
    '{% translate "a <b>bold</b> & plain text" %}',
    '{% autoescape off %}{% translate "a & b" %}{% endautoescape %}',
    '{% translate "" %}',
    '{% translate "Menu" noop %}',
    '{% translate "May" context "month name" %}',
    '{% translate "Sign out"|upper %}',
    "{% translate words %}",
]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("source", TEMPLATES)
def test_translate_tag_writes_what_djangos_own_writes(source, language):
    own = engines["django"].from_string("{% load i18n %}" + source)
    djangos = Engine(libraries={"i18n": "django.templatetags.i18n"}).from_string("{% load i18n %}" + source)
    with translation.override(language):
        written = own.render({"words": "<i>Sign out</i>"})
        expected = djangos.render(Context({"words": "<i>Sign out</i>"}))
    assert written == expected


def test_translate_tag_of_a_fixed_text_takes_the_short_way():
    source = '{% load i18n %}{% translate "Sign out" %}{% translate "Menu" noop %}'
    own = engines["django"].from_string(source)
    kinds = [type(node) for node in own.template.nodelist if type(node).__name__.endswith("TranslateNode")]
    assert kinds[0] is FixedTranslateNode and kinds[1] is not FixedTranslateNode
