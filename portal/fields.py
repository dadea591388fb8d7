"""Form fields that choose rows by id, refusing ids no database row can have.

Django's model choice fields look a posted id up as it comes: one past the 64-bit
integer range raises OverflowError on SQLite (a server error) instead of the field's
"not one of the choices" message. These fields refuse such an id first, in the field's
own words, so a tampered or garbled form answers like any other wrong choice.
"""

import sys

from django import forms
from django.core.exceptions import ValidationError

LARGEST_ID = 2**63 - 1


def id_number(value) -> int | None:
    """The whole number `value` writes (decimal digits of any script, an optional minus), or None.

    Not str.isdigit: "₀" and "²" are digits that int() refuses (a server error, found by a random
    run). And never int() on a thousands-digit string: past 4,300 digits Python refuses it too.
    """
    text = str(value).strip()
    digits = text.removeprefix("-")
    if not digits.isdecimal():
        return None
    limit = sys.get_int_max_str_digits()  # 0: no limit
    if limit and len(digits) > limit:
        return -(LARGEST_ID + 1) if text.startswith("-") else LARGEST_ID + 1
    return int(text)


def _beyond_any_id(value) -> bool:
    number = id_number(value)
    return number is not None and not -LARGEST_ID <= number <= LARGEST_ID


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and _beyond_any_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if _beyond_any_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)
