"""Django's PostgreSQL backend for the test suite: a flush deletes the rows instead of truncating.

After each test that commits (transaction=True: the browser tests, the committed counts, the race
tests) pytest-django empties every table with Django's `flush`. On PostgreSQL that is one TRUNCATE
of all the portal's tables, which gives each table and index a new file: 1.5–3 s each time on
two cores, nearly all of it waiting for the disk (0.2 s of the server's CPU). A DELETE of the few
rows such a test leaves takes a tenth of a second. SQLite's flush is a DELETE too.

Emptied either way the tables are the same. Every foreign key Django makes on PostgreSQL is
checked at commit (DEFERRABLE INITIALLY DEFERRED), so the order of the tables does not matter,
and the figures' triggers, also deferred, find the version row gone. Where a flush must reset
the sequences or cascade to tables it does not list, Django's TRUNCATE does it as before.
"""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        delete = f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')}"
        return [f"{delete} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
