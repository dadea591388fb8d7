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
