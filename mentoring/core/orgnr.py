"""Swedish organisation numbers (organisationsnummer): a pure check, no Django."""

import re

_SHAPE = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_valid(digits: str) -> bool:
    """True if the last digit of `digits` is the Luhn check digit of the others."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def normalise(value: str) -> str | None:
    """`NNNNNN-NNNN` for a valid organisation number (with or without hyphen), else None.

    Valid means ten digits whose last is the Luhn check digit of the other nine.
    A sole trader's organisation number is their personal identity number, which
    has the same shape, so the "month" digits are not checked.
    """
    match = _SHAPE.match(value.strip().replace(" ", ""))
    if not match:
        return None
    digits = match.group(1) + match.group(2)
    if not luhn_valid(digits):
        return None
    return f"{match.group(1)}-{match.group(2)}"
