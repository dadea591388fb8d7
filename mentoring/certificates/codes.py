"""Verification codes: random, typed by hand, read aloud over the phone.

Crockford's base32 has no I, L, O or U, so a code survives being read from paper:
typing O for 0 or I or L for 1 finds the same certificate, and dashes, spaces and
lower case are ignored. Twenty characters are 100 random bits: guessing one in use
is hopeless, and the verification page is rate-limited besides.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 20
GROUP = 4
# The longest text worth reading as a code: the code, its dashes, and some spaces around them.
TYPED_MAX = 64

_READ_AS = {"O": "0", "I": "1", "L": "1"}


def code_new(randbelow=secrets.randbelow) -> str:
    """A new code of LENGTH characters from ALPHABET (`randbelow` is `secrets.randbelow` but in tests)."""
    return "".join(ALPHABET[randbelow(len(ALPHABET))] for _ in range(LENGTH))


def code_grouped(code: str) -> str:
    """The code as printed: groups of four joined by dashes."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def code_normalised(typed: str) -> str:
    """What `typed` says as a stored code: its letters (A to Z) and digits in upper case, the
    look-alike letters read as digits; dashes, spaces and anything else dropped. A text that
    cannot be a code still gives a short plain string, so looking it up costs the same as for
    a well-formed code and finds nothing."""
    kept = (ch for ch in typed[:TYPED_MAX].upper() if ch.isascii() and ch.isalnum())
    return "".join(_READ_AS.get(ch, ch) for ch in kept)


def code_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)
