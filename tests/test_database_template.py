"""The migrated SQLite template kept between test runs: used only for the migrations it was made from."""

import os
import sqlite3
import sys
import time

from tests import database_template


def _migrations_package(folder, body: str) -> None:
    package = folder / "kept_template_migrations"
    package.mkdir(exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "0001_initial.py").write_text(body)


def test_migrations_digest_changes_when_a_migration_file_changes(settings, tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    _migrations_package(tmp_path, "# first\n")
    settings.MIGRATION_MODULES = {"taggit": "kept_template_migrations"}
    first = database_template.migrations_digest()
    assert database_template.migrations_digest() == first

    _migrations_package(tmp_path, "# second\n")
    sys.modules.pop("kept_template_migrations", None)
    assert database_template.migrations_digest() != first


def test_a_kept_template_holds_the_same_tables_and_rows(tmp_path):
    template = tmp_path / "run" / "default.sqlite3"
    template.parent.mkdir()
    with sqlite3.connect(template) as writing:
        writing.execute("PRAGMA journal_mode=WAL")
        writing.execute("CREATE TABLE intake (id INTEGER PRIMARY KEY, title TEXT)")
        writing.execute("INSERT INTO intake (title) VALUES ('Våren')")
    kept = tmp_path / "kept" / "default-abc.sqlite3"

    database_template._keep(str(template), kept)

    with sqlite3.connect(kept) as reading:
        assert reading.execute("SELECT title FROM intake").fetchall() == [("Våren",)]
    assert not list(kept.parent.glob("*.partial"))


def test_only_the_newest_kept_templates_stay(tmp_path):
    template = tmp_path / "default.sqlite3"
    sqlite3.connect(template).close()
    folder = tmp_path / "kept"
    kept = [folder / f"default-{number}.sqlite3" for number in range(database_template.KEPT_OTHERS + 3)]
    for number, path in enumerate(kept):
        database_template._keep(str(template), path)
        # Modification times a second apart, whatever the file system's resolution.
        stamp = time.time() + number
        os.utime(path, (stamp, stamp))

    left = sorted(folder.glob("default-*.sqlite3"))
    assert kept[-1] in left
    assert len(left) == database_template.KEPT_OTHERS + 1
    assert kept[0] not in left
