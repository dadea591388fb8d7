"""What every benchmark measures the same way."""

import statistics
import time

from django.db import connection


class QueryCounter:
    """Counts every statement sent to the database, whatever clears Django's query log in between."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(run, *, rounds: int) -> tuple[float, int, object]:
    """Median milliseconds over `rounds` calls of `run`, the queries of one call, and what it returned."""
    result = run()
    # Not CaptureQueriesContext: each request starts by emptying the query log it reads.
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        result = run()
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000, queries.count, result


def measure_spread(run, *, rounds: int) -> tuple[float, float, int, object]:
    """Like `measure`, with the 95th percentile too: median and p95 milliseconds, queries, result."""
    result = run()
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        result = run()
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        timings.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    return statistics.median(timings), p95, queries.count, result


def insert_rows(model, rows, *, chunk: int = 20000) -> list[int]:
    """Writes `rows` (dicts of field name → value; the model's defaults for the rest) into `model`'s table
    with one INSERT per chunk, and returns their ids in order. For building large benchmark data fast:
    no model instances, no signals, no `save()`; SQLite only (ids are read back as the next ones in line).
    """
    from django.db.models import Max

    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    blank = model()
    defaults = {
        field.attname: field.get_db_prep_save(getattr(blank, field.attname), connection) for field in fields
    }
    by_name = {field.attname: field for field in fields}
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    ids: list[int] = []

    def flush(batch: list[dict]) -> None:
        first = (model.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        params = []
        for row in batch:
            values = dict(defaults)
            for name, value in row.items():
                values[name] = by_name[name].get_db_prep_save(value, connection)
            params.append([values[field.attname] for field in fields])
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
        ids.extend(range(first, first + len(batch)))

    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == chunk:
            flush(batch)
            batch = []
    if batch:
        flush(batch)
    return ids


def measure_cpu(run, *, rounds: int) -> tuple[float, float, int, object]:
    """As `measure`, with the median CPU milliseconds of this process beside the wall-clock ones.

    On a shared machine the wall clock also counts the time others had the cores; the CPU time counts
    only this process's work (on SQLite the database's work is part of it).
    """
    result = run()
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        result = run()
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, queries.count, result
