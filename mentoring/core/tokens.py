"""Signed links: one kind of token per purpose, each with its own salt and age limit.

A token carries an object's id, signed with the secret key and the kind's salt, so a
token of one kind is never accepted as another. A dated kind also carries the moment it
was signed (the `now` passed in, so tests state the day), in the format of Django's
TimestampSigner: links already sent stay valid.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core import signing

# The separator of Django's signed values (the Signer's default).
SEP = ":"


class TokenInvalid(Exception):
    """Altered, cut short, or signed for another kind of link."""


@dataclass(frozen=True)
class Signed:
    pk: int
    signed_at: datetime | None
    expired: bool


@dataclass(frozen=True)
class TokenKind:
    salt: str
    # None for a link whose validity is the object's own state (say, until a course starts).
    max_age: timedelta | None

    def sign(self, pk: int, *, now: datetime | None = None) -> str:
        value = str(pk)
        if self.max_age is not None:
            if now is None:
                raise ValueError("a dated token needs the moment it is signed")
            value = f"{value}{SEP}{signing.b62_encode(int(now.timestamp()))}"
        return signing.Signer(salt=self.salt).sign(value)

    def read(self, token: str, *, now: datetime) -> Signed:
        """The id `token` was signed for, and whether it is older than the kind's age limit.

        Raises TokenInvalid for anything not signed as this kind. Expiry is returned, not
        raised, so the caller decides which it tells first (an answered survey, say).
        """
        try:
            value = signing.Signer(salt=self.salt).unsign(token)
            if self.max_age is None:
                return Signed(pk=int(value), signed_at=None, expired=False)
            pk, stamp = value.rsplit(SEP, 1)
            signed_at = datetime.fromtimestamp(signing.b62_decode(stamp), tz=UTC)
            return Signed(pk=int(pk), signed_at=signed_at, expired=now - signed_at > self.max_age)
        except (signing.BadSignature, ValueError, OverflowError):
            raise TokenInvalid from None
