"""Texts kept in Swedish and English: the reader's language, else Swedish, and which one it is."""

from django.template import Context, Template
from django.utils import translation

from portal.localized import local_text


def test_local_text_is_english_for_an_english_reader_with_an_english_text():
    with translation.override("en"):
        text = local_text(sv="Starta eget – omgång 1", en="Start a business – round 1")
    assert (text, text.lang) == ("Start a business – round 1", "en")


def test_local_text_falls_back_to_swedish_and_says_so():
    with translation.override("en"):
        text = local_text(sv="Starta eget – omgång 1", en="  ")
    assert (text, text.lang) == ("Starta eget – omgång 1", "sv")


def test_local_text_is_swedish_for_a_swedish_reader():
    with translation.override("sv"):
        text = local_text(sv="Starta eget – omgång 1", en="Start a business – round 1")
    assert (text, text.lang) == ("Starta eget – omgång 1", "sv")


def _with_lang(text, language: str) -> str:
    with translation.override(language):
        return Template("{% load site_tags %}{{ text|with_lang }}").render(Context({"text": text}))


def test_with_lang_marks_a_swedish_fallback_on_an_english_page():
    with translation.override("en"):
        text = local_text(sv="Kvinnors <företagande>", en="")
    assert _with_lang(text, "en") == '<span lang="sv">Kvinnors &lt;företagande&gt;</span>'
    assert _with_lang(text, "sv") == "Kvinnors &lt;företagande&gt;"
    assert _with_lang("plain <text>", "en") == "plain &lt;text&gt;"
