"""The figures' counts kept between requests, under the version of the data they were counted from.

Why: counting every participant takes a few hundred milliseconds at the programme's size and
seconds at ten times it (bench/figures.py), while the data changes far less often than
coordinators look at the figures.

What keeps it right:
- The key holds the version token (`mentoring.models.FiguresVersion`) read before counting.
  Database triggers replace the token with every committed insert, update or delete in the
  tables the figures read, whatever wrote it; so a count kept under an older token is never
  read again, and a change shows on the next request.
- A count made inside a transaction may see changes that are not committed (and may be rolled
  back): it is neither kept nor read from what is kept.
- No version row (after a flush): nothing is kept by that request, and a new row is made for the
  next. A database without the triggers: nothing is kept.
- `FIGURES_CACHE_SECONDS` (0 keeps nothing) bounds how long a count stays.
What is kept are counts, never names or rows: the same for every coordinator who may see figures.
"""

import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from mentoring.models import FiguresVersion

_KEY = "figures:{name}:{token}:{arguments}"
_VENDORS = {"sqlite", "postgresql"}


def version_token() -> str | None:
    """The current version of the counted data, or None when counts must not be kept; one query."""
    if not settings.FIGURES_CACHE_SECONDS or connection.vendor not in _VENDORS:
        return None
    if connection.in_atomic_block:
        return None
    token = FiguresVersion.objects.values_list("token", flat=True).first()
    if token is None:
        # Emptied (a flush): a new row with a token never used before; the triggers renew every row.
        FiguresVersion.objects.create(token=secrets.token_hex(16))
    return token


def _argument_key(arguments: dict) -> str:
    """The arguments as text: model instances by their primary key, pages by their translation key."""
    parts = []
    for name, value in sorted(arguments.items()):
        if hasattr(value, "translation_key"):
            value = f"page:{value.translation_key}"
        elif hasattr(value, "pk"):
            value = f"{type(value).__name__}:{value.pk}"
        parts.append(f"{name}={value}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def counted(name: str, count: Callable, *, token: str | None, **arguments):
    """`count(**arguments)`, kept under `token` (from `version_token`) for the next request alike."""
    if token is None:
        return count(**arguments)
    key = _KEY.format(name=name, token=token, arguments=_argument_key(arguments))
    found = cache.get(key)
    if found is None:
        found = count(**arguments)
        cache.set(key, found, timeout=settings.FIGURES_CACHE_SECONDS)
    return found
