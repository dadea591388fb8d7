"""Validators shared by every form that takes a person's or a company's name."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Controls that reorder text on screen without showing themselves (a name could pose as another).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def validate_name(value: str) -> None:
    """Refuse line breaks, tabs and other control characters in a name.

    A name travels into e-mail headers, calendar files and spreadsheets, where a line
    break starts a new field; no real name needs one.
    """
    for character in value:
        if character in BIDI_CONTROLS or unicodedata.category(character) in {"Cc", "Zl", "Zp"}:
            raise ValidationError(
                _("A name cannot contain line breaks, tabs or other invisible control characters."),
                code="control_character",
            )


def validate_single_line(value: str) -> None:
    """Refuse line breaks, tabs and other control characters in a one-line text (a place, a reason).

    Such a text goes into calendar files and e-mail subjects, where a control character
    either breaks the line or hides what the other person reads.
    """
    for character in value:
        if character in BIDI_CONTROLS or unicodedata.category(character) in {"Cc", "Zl", "Zp"}:
            raise ValidationError(
                _("Write this on one line, without tabs or other invisible control characters."),
                code="control_character",
            )


def validate_plain_text(value: str) -> None:
    """Refuse control characters in a longer text, but keep its line breaks (an agenda, a note)."""
    for character in value:
        if character in "\r\n":
            continue
        if character in BIDI_CONTROLS or unicodedata.category(character) in {"Cc", "Zl", "Zp"}:
            raise ValidationError(
                _("The text cannot contain tabs or other invisible control characters."),
                code="control_character",
            )


def validate_https_url(value: str) -> None:
    """Refuse a link that is not https: a meeting link is opened by the other person, who trusts it."""
    if not value.lower().startswith("https://"):
        raise ValidationError(_("Give a link that starts with https://."), code="https_only")
