"""Querysets whose shape is the same on every request, made once per process (`made_once`), and
statements compiled once per process (`KeptStatement`), to which a request gives only its values.

Measured on the signed-in pages (bench/signed_in.py, cProfile): building and compiling their
querysets was a third of their time, the same work on every request. A kept statement keeps the
SQL and the compiler's reading of its columns, never a value of a request: those come in as
`Parameter`s, named where the queryset is built once, and are sent with the SQL each time.
"""

import dataclasses
import functools
import weakref
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Expression, Field, QuerySet
from django.db.models.query import get_related_populators
from django.http import Http404

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


class Parameter(Expression):
    """A value a kept statement is given each time it runs (`KeptStatement.rows(name=value)`), in
    its SQL a placeholder: where a request's value goes in a queryset built once per process."""

    def __init__(self, name: str, output_field: Field):
        super().__init__(output_field=output_field)
        self.name = name

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"

    def as_sql(self, compiler, connection):
        return "%s", [_Slot(self.name, self.output_field)]

    def get_group_by_cols(self):
        return []


@dataclasses.dataclass(frozen=True)
class _Slot:
    """Where a Parameter's value goes among a compiled statement's parameters."""

    name: str
    field: Field


@dataclasses.dataclass(frozen=True)
class _Compiled:
    sql: str | None  # None: the statement can match no row (Django's EmptyResultSet)
    params: tuple
    names: tuple[str, ...]
    col_count: int
    trim: bool
    converters: dict
    compiler: object
    db: str


class KeptStatement:
    """A read whose SQL is the same on every request but for its `Parameter`s: `make` builds its
    queryset once per process and it is compiled once per database connection (and slice); each
    run sends the SQL with the values it is given and makes of the rows what the ORM would (the
    database's converters; one dictionary a row for `rows`, the queryset's objects for `instances`).

    Why: building and compiling a list's queryset took a third of a signed-in page's time, the
    same work on every request. `make` takes no argument, so nothing of a request can be kept
    in the statement: what differs between requests comes in as a `Parameter` only.
    """

    # A bound on the slices (pages of a list) compiled per connection.
    SLICES_KEPT = 64

    def __init__(self, make: Callable[[], QuerySet]):
        self._make = functools.cache(make)
        # Per connection object (one per thread), so that no compiler is shared between threads.
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def rows(self, window: slice | None = None, /, **values) -> list[dict]:
        """The rows (of `window`, a slice of the ordered rows) for these values of its parameters,
        as its queryset's `values()` reads them: one dictionary a row."""
        compiled, fetched = self._run(window, values)
        names = compiled.names
        return [dict(zip(names, row, strict=True)) for row in fetched]

    def instances(self, window: slice | None = None, /, **values) -> list:
        """The objects (of `window`) for these values of its parameters, as its queryset (of
        objects, not values) reads them: the related objects it selects, its annotations."""
        compiled, fetched = self._run(window, values)
        if not fetched:
            return []
        compiler, db = compiled.compiler, compiled.db
        select, klass_info, annotation_col_map = (
            compiler.select,
            compiler.klass_info,
            compiler.annotation_col_map,
        )
        model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        related_populators = get_related_populators(klass_info, select, db)
        objects = []
        for row in fetched:
            instance = model.from_db(db, init_list, row[start:end])
            for populator in related_populators:
                populator.populate(row, instance)
            for name, position in (annotation_col_map or {}).items():
                setattr(instance, name, row[position])
            objects.append(instance)
        return objects

    def _run(self, window: slice | None, values: dict) -> tuple[_Compiled, list]:
        """The compiled statement, and the rows it reads for `values` (the database's converters applied)."""
        queryset = self._make()
        if queryset._known_related_objects:
            raise ValueError("A kept statement starts from a model's manager, not a related one")
        if queryset._prefetch_related_lookups:
            # One statement is run; a prefetch would be another the ORM runs after it.
            raise ValueError("A kept statement reads one statement's rows: no prefetch_related")
        connection = connections[queryset.db]
        compiled = self._compile(connection, window)
        if compiled.sql is None:
            # No row whatever the values (an empty slice, a filter on no value): nothing to send.
            return compiled, []
        slots = {param.name for param in compiled.params if isinstance(param, _Slot)}
        if slots != values.keys():
            raise TypeError(f"The statement takes {sorted(slots)}, was given {sorted(values)}")
        params = [
            param.field.get_db_prep_value(values[param.name], connection)
            if isinstance(param, _Slot)
            else param
            for param in compiled.params
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        if compiled.trim:
            fetched = [row[: compiled.col_count] for row in fetched]
        if compiled.converters:
            fetched = list(compiled.compiler.apply_converters(fetched, compiled.converters))
        return compiled, fetched

    def _compile(self, connection, window: slice | None) -> _Compiled:
        key = None if window is None else (window.start, window.stop)
        by_window = self._compiled.setdefault(connection, {})
        compiled = by_window.get(key)
        if compiled is None:
            queryset = self._make()
            query = (queryset if window is None else queryset[window]).query
            compiler = query.get_compiler(connection=connection)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:
                sql, params = None, ()
            names = (
                tuple(query.selected)
                if query.selected
                else (*query.extra_select, *query.values_select, *query.annotation_select)
            )
            fields = [column[0] for column in compiler.select[: compiler.col_count]] if sql else []
            compiled = _Compiled(
                sql=sql,
                params=tuple(params),
                names=names,
                col_count=compiler.col_count,
                trim=sql is not None and compiler.has_extra_select,
                converters=compiler.get_converters(fields),
                compiler=compiler,
                db=queryset.db,
            )
            if len(by_window) < self.SLICES_KEPT:
                by_window[key] = compiled
        return compiled


class KeptList:
    """A list read through a kept statement with these parameter values, sliced (and, given the
    statement that counts it as `n`, counted) as `Paginator` reads a list: each slice a list of
    dictionaries."""

    ordered = True

    def __init__(self, statement: KeptStatement, *, counted: KeptStatement | None = None, **values):
        self._statement, self._counted, self._values = statement, counted, values

    def count(self) -> int:
        return self._counted.rows(**self._values)[0]["n"]

    def __getitem__(self, window: slice) -> list[dict]:
        return self._statement.rows(window, **self._values)


@functools.cache
def _by_pk(model) -> KeptStatement:
    return KeptStatement(lambda: model._default_manager.filter(pk=Parameter("pk", model._meta.pk)).order_by())


def instance_by_pk(model, pk: int):
    """The `model` of this ID as its default manager's `get(pk=pk)` reads it, else None; with a
    statement built once per process (KeptStatement), for the one object a page is about."""
    found = _by_pk(model).instances(pk=pk)
    return found[0] if found else None


def instance_or_404(model, pk: int):
    """`instance_by_pk`, as `get_object_or_404(model, pk=pk)` answers: Http404 when there is none."""
    instance = instance_by_pk(model, pk)
    if instance is None:
        raise Http404(f"No {model._meta.object_name} matches the given query.")
    return instance
