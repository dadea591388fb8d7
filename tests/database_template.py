"""One migrated test database per run, copied for each test process of `pytest -n`.

Migrating takes longer than anything else a test process does before its first test (about 20 s
of one core for 250 migrations), and each xdist process used to migrate its own database. Now the
first process to need a database migrates a template, under a file lock the processes of the run
share, and every process's own database starts as a copy of it: on PostgreSQL its own
`test_<name>_gw0`, `_gw1`… is created from the template (Django's TEST TEMPLATE); on SQLite its
own in-memory database is filled from the template's file. Django's `migrate` then still runs for
each process, as before, and finds every migration applied.

The template is kept in a folder the xdist controller makes for the run and removes at its end,
where it also drops a PostgreSQL template. A run in one process, `--reuse-db` (a kept database is
used as it is) and `--nomigrations` go the usual way; so does any other database engine.

An SQLite template is also kept between runs, in `var/test-databases/`, under a digest of every
migration file of every installed app, the test settings' files and the versions of Django and
SQLite (`_sqlite_kept`): the next run copies it instead of migrating, and any change to a migration
makes a new digest, so a template is never used for migrations other than its own. While one
process migrated, the other waited idle; this is a run's longest wait. PostgreSQL templates are
not kept: they would outlive the run in a server that others use.
"""

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

WORKERINPUT_KEY = "test_database_template_folder"
_KEPT_OPEN: list[sqlite3.Connection] = []
KEPT_FOLDER = Path(__file__).resolve().parent.parent / "var" / "test-databases"
# The kept templates of earlier digests that stay beside the newest (switching branches and back).
KEPT_OTHERS = 3


def _kind(connection) -> str | None:
    """'postgresql', 'sqlite-memory', or None where the template is not used."""
    if connection.vendor == "postgresql":
        return "postgresql"
    if connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        connection.creation._get_test_db_name()
    ):
        return "sqlite-memory"
    return None


@contextlib.contextmanager
def _locked(path: Path):
    """Hold an exclusive lock on `path`; the system lets it go if the process dies holding it."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def folder_for_run() -> Path:
    """A new folder for the templates of one run (the controller's)."""
    return Path(tempfile.mkdtemp(prefix="vastkraft-test-database-"))


def _template_name(connection, folder: Path, worker_id: str) -> str:
    if connection.vendor == "sqlite":
        return str(folder / f"{connection.alias}.sqlite3")
    # test_<name>_gw0 → test_<name>_template: beside the processes' own databases, one per run.
    own = connection.creation._get_test_db_name()
    return f"{own.removesuffix(f'_{worker_id}')}_template"


def _migrate_into(connection, name: str) -> None:
    """Create the test database `name` with Django's own steps (every migration), then let it be.

    Django points the connection at the database it creates; it is pointed back afterwards, so the
    process's own test database is set up afterwards as if this had not happened.
    """
    from django.conf import settings

    test_settings = connection.settings_dict["TEST"]
    kept = (test_settings.get("NAME"), connection.settings_dict["NAME"])
    test_settings["NAME"] = name
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        # PostgreSQL copies a template only while nobody is connected to it.
        connection.close()
        test_settings["NAME"] = kept[0]
        connection.settings_dict["NAME"] = settings.DATABASES[connection.alias]["NAME"] = kept[1]


def migrations_digest() -> str:
    """A digest of everything a migrated test database is made from: every migration file of every
    installed app (the project's and the packages'), the settings' files, and the versions of Django,
    Python's sqlite3 and SQLite."""
    import importlib
    import sys

    import django
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    for part in (django.__version__, sqlite3.sqlite_version, sys.version):
        digest.update(part.encode())
    settings_folder = Path(__file__).resolve().parent.parent / "portal" / "settings"
    files = sorted(settings_folder.glob("*.py"))
    for app_config in apps.get_app_configs():
        module_name, _explicit = MigrationLoader.migrations_module(app_config.label)
        if module_name is None:
            continue
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for folder in getattr(module, "__path__", []):
            files.extend(sorted(Path(folder).glob("*.py")))
    for file in files:
        digest.update(str(file.name).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:32]


def _sqlite_kept(connection) -> Path | None:
    """Where this run's SQLite template is kept between runs, or None where nothing is kept."""
    if os.environ.get("TEST_DATABASE_KEEP", "1") == "0":
        return None
    return KEPT_FOLDER / f"{connection.alias}-{migrations_digest()}.sqlite3"


def _keep(template: str, kept: Path) -> None:
    """Keep a copy of `template` at `kept`, whole or not at all, and only the newest few others."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    partial = kept.with_suffix(f".{os.getpid()}.partial")
    _copy_database(template, str(partial))
    partial.replace(kept)
    others = sorted(
        (path for path in kept.parent.glob(f"{kept.name.split('-')[0]}-*.sqlite3") if path != kept),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    for path in others[KEPT_OTHERS:]:
        path.unlink(missing_ok=True)


def _copy_database(source: str, target: str) -> None:
    """Copy the SQLite database `source` into `target` through SQLite, whatever its journal holds."""
    with (
        contextlib.closing(sqlite3.connect(source)) as reading,
        contextlib.closing(sqlite3.connect(target)) as writing,
    ):
        reading.backup(writing)


def _start_from(connection, kind: str, template: str) -> None:
    if kind == "postgresql":
        connection.settings_dict["TEST"]["TEMPLATE"] = template
        return
    # An in-memory database lives while a connection to it is open: this one is closed once
    # Django's own is (`release`).
    own = sqlite3.connect(connection.creation._get_test_db_name(), uri=True)
    source = sqlite3.connect(template)
    try:
        source.backup(own)
    finally:
        source.close()
    _KEPT_OPEN.append(own)


def start_from_template(folder: Path, worker_id: str) -> None:
    """Make this process's test databases start as copies of the run's template, migrating it first
    if no process of the run has yet."""
    from django.db import connections

    with _locked(folder / "lock"):
        for connection in connections.all():
            kind = _kind(connection)
            if kind is None:
                continue
            template = _template_name(connection, folder, worker_id)
            record = folder / f"{connection.alias}.json"
            ready = record.exists() and json.loads(record.read_text())["ready"]
            if not ready:
                # Named before it exists, so that the end of the run drops it even if this fails.
                record.write_text(json.dumps({"kind": kind, "name": template, "ready": False}))
                kept = _sqlite_kept(connection) if kind == "sqlite-memory" else None
                if kept is not None and kept.exists():
                    _copy_database(str(kept), template)
                    # Used, so among the newest that stay (`_keep`).
                    os.utime(kept)
                else:
                    _migrate_into(connection, template)
                    if kept is not None:
                        _keep(template, kept)
                record.write_text(json.dumps({"kind": kind, "name": template, "ready": True}))
            _start_from(connection, kind, template)


def release() -> None:
    """Close what kept the in-memory copies alive until Django had connected to them."""
    while _KEPT_OPEN:
        _KEPT_OPEN.pop().close()


def remove(folder: Path, blocker) -> None:
    """Drop the run's PostgreSQL templates and remove its folder (the controller, at the end)."""
    from django.db import connections

    for record in folder.glob("*.json"):
        template = json.loads(record.read_text())
        if template["kind"] != "postgresql":
            continue
        connection = connections[record.stem]
        with blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(template['name'])}")
    shutil.rmtree(folder, ignore_errors=True)
