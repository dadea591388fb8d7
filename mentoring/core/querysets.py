"""Querysets whose shape is the same on every request, made once per process."""

import functools
from collections.abc import Callable
from typing import TypeVar

from django.db.models import QuerySet

Q = TypeVar("Q", bound=QuerySet)


def made_once(make: Callable[[], Q]) -> Callable[[], Q]:
    """`make` as a function that builds its queryset once per process and hands out a copy each
    time, to be filtered, sliced and read as any queryset.

    For reads whose joins, columns, annotations and order are the same for everyone: Django sets
    those up anew on every request, which for the lists and records cost as much as running the
    query. Only what `make` builds is kept (no rows: each copy reads the database afresh), so
    `make` must depend on nothing but the code (no request, user, time or setting).
    """
    made = functools.cache(make)

    @functools.wraps(make)
    def copy() -> Q:
        return made().all()

    return copy
