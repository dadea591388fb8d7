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
