"""Query expressions the selectors of several domains share."""

from django.db.models import Func, IntegerField


class RowCount(Func):
    """`COUNT(*)` as Django does not take it for an aggregate, so a subquery of it gets no GROUP BY:
    `Subquery(rows.values(n=RowCount()))` counts the rows the subquery's WHERE leaves (0 for none,
    never NULL). SQLite then counts the entries of an index without reading a row: half the time
    of `Count("pk")` grouped by the outer key (measured on 35,000 applications in one intake), and
    less for Django to build and compile."""

    template = "COUNT(*)"
    output_field = IntegerField()
