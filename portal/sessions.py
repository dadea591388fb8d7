"""Django's database sessions, each read with one plain statement.

Why: every signed-in request reads its session first. Through the ORM that read built, compiled
and ran a query and made a model instance of the row: about 770 Python calls, more than a bare
view costs in all. The statement below asks the database the same question (this key, not
expired) for the one column the session needs; everything else (writing, expiry, flushing,
the cached_db engine production uses with Redis) is Django's own.
"""

import functools

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self) -> dict:
        """The session's data, as Django's `load` reads it: {} (and no key) when there is no
        unexpired session under this key."""
        connection = connections[router.db_for_read(self.model)]
        sql = _select_data(connection.alias)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])


@functools.cache
def _select_data(alias: str) -> str:
    """The statement reading a session's data by key, unexpired, for the database `alias`."""
    from django.contrib.sessions.models import Session

    quote = connections[alias].ops.quote_name
    column = {
        name: quote(Session._meta.get_field(name).column)
        for name in ("session_key", "session_data", "expire_date")
    }
    # Names from the model, quoted; the key and the time are parameters.
    table = quote(Session._meta.db_table)
    key, data, expiry = column["session_key"], column["session_data"], column["expire_date"]
    return f"SELECT {data} FROM {table} WHERE {key} = %s AND {expiry} > %s"  # noqa: S608
