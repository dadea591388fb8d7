"""The one rounding rule of the figures: half up, to a fixed number of decimals.

Every percentage, mean and gap that the page, its charts and the downloads show is
rounded here, so that the same figure reads the same wherever it stands: 23 of 33 is
69.7 %, 1 of 8 is 12.5 %, 1 of 16 is 6.3 % (half away from zero), never cut off.
The arithmetic is exact (fractions, not binary floats), so a value that is a tie on
paper is a tie here too.
"""

from decimal import Decimal
from fractions import Fraction
from math import floor

PERCENT_DECIMALS = 1
SCORE_DECIMALS = 2

Number = int | Decimal | Fraction | float


def rounded(value: Number, *, decimals: int) -> Decimal:
    """`value` rounded half up (a tie away from zero) to `decimals` decimals, as a Decimal of that many.

    A float is read as its shortest decimal form (0.1 is one tenth, not its binary neighbour).
    """
    amount = exact(value)
    magnitude = floor(abs(amount) * 10**decimals + Fraction(1, 2))
    sign = -1 if amount < 0 else 1
    return Decimal(sign * magnitude).scaleb(-decimals)


def percent(part: Number, whole: Number) -> Decimal | None:
    """`part` as a percentage of `whole`, rounded by the rule to PERCENT_DECIMALS; None when `whole` is 0."""
    if not whole:
        return None
    return rounded(Fraction(100) * exact(part) / exact(whole), decimals=PERCENT_DECIMALS)


def exact(value: Number) -> Fraction:
    """`value` as an exact fraction; a float as its shortest decimal form."""
    return Fraction(Decimal(repr(value))) if isinstance(value, float) else Fraction(value)
