"""A text the portal keeps in Swedish and English: shown in the reader's language, else in Swedish.

The text carries the language it is in (`lang`), so a page can mark a Swedish fallback on an
English page with `lang="sv"` (the `with_lang` filter) and a screen reader pronounces it right.
"""

from django.conf import settings
from django.utils.translation import get_language


class LocalText(str):
    """A str that knows its language."""

    lang: str

    def __new__(cls, text: str, lang: str):
        value = super().__new__(cls, text)
        value.lang = lang
        return value


def active_language() -> str:
    """The two-letter code of the language being rendered now ("sv" outside any request)."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def local_text(*, sv: str, en: str, language: str | None = None) -> LocalText:
    """`en` when the reader reads English and there is an English text; otherwise `sv`."""
    if (language or active_language()) == "en" and en.strip():
        return LocalText(en, "en")
    return LocalText(sv, "sv")
