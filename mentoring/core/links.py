"""Addresses of the pages about one object, worked out once per process."""

import functools
from collections.abc import Callable

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Any number that no other part of an address holds.
_STAND_IN = "918273645"


@functools.lru_cache(maxsize=512)
def _around(viewname: str, language: str | None, prefix: str, urlconf: str) -> tuple[str, str]:
    """What `viewname`'s address holds before and after its one number, reversed in the active
    language, under the script prefix and the URL configuration that key it."""
    before, after = reverse(viewname, args=[_STAND_IN]).split(_STAND_IN)
    return before, after


def address_of(viewname: str) -> Callable[[int], str]:
    """`reverse(viewname, args=[pk])` for any `pk`, reversing once per process for each language,
    script prefix and URL configuration: a list links each of its rows to a page or two, and a page
    about one object to several more; reversing each cost more than the rest of a row (measured)."""
    urlconf = str(get_urlconf() or settings.ROOT_URLCONF)
    before, after = _around(viewname, get_language(), get_script_prefix(), urlconf)
    return lambda pk: f"{before}{pk}{after}"
