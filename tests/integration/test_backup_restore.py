"""Backups: scripts/backup.sh and scripts/restore.sh round-trip the demo site on PostgreSQL.

Run with `INTEGRATION=1` (PostgreSQL on loopback, pg_dump, pg_restore and psql
installed); skipped otherwise. A fresh database is built as `make demo` builds
one (migrate, sync_schedules, seed_demo) plus an applicant's uploaded business
plan, backed up, restored into a new empty database and new folders, and then
read back with Django: the same rows for every model, the demo page and
administrator, the files byte for byte, no migration unapplied. An existing
test module of the suite then runs against the restored database.
"""

import hashlib
import json
import os
import secrets
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        os.environ.get("INTEGRATION") != "1", reason="integration tests run only with INTEGRATION=1"
    ),
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "psql", "pg_isready")),
        reason="pg_dump, pg_restore, psql and pg_isready are needed",
    ),
]

REPO = Path(__file__).resolve().parents[2]
PG = "postgres://postgres@127.0.0.1:5432"
# A module that reads the role groups and permissions the migrations wrote, and
# rolls back what it adds, so it runs on a populated database.
READING_MODULE = "tests/portal/test_roles.py"
DEMO_PAGE_SLUG = "kvinnors-foretagande"
DEMO_ADMIN = "admin@vastkraft.example"
MARK = "RESULT-JSON:"

COUNT_ROWS = """
from django.apps import apps
from django.db import connection

tables = set(connection.introspection.table_names())
counts = {
    model._meta.label: model._base_manager.count()
    for model in apps.get_models(include_auto_created=True)
    if not model._meta.proxy and model._meta.db_table in tables
}
"""

# Builds the database as `make demo` does, in one process to spare two start-ups.
BUILD = (
    """
import json, os
from django.core.files.base import ContentFile
from django.core.management import call_command

call_command("migrate", interactive=False, verbosity=0)
call_command("sync_schedules", verbosity=0)
call_command("seed_demo", verbosity=0)

from mentoring.models import Application

application = Application.objects.order_by("pk").first()
with open(os.environ["UPLOADED_PLAN"], "rb") as plan:
    application.business_plan.save("affarsplan.pdf", ContentFile(plan.read()), save=False)
application.business_plan_name = "affarsplan.pdf"
application.save(update_fields=["business_plan", "business_plan_name"])
"""
    + COUNT_ROWS
    + f"""
print({MARK!r} + json.dumps({{"counts": counts, "application": application.pk}}))
"""
)

READ_BACK = (
    """
import hashlib, json, os
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from mentoring.models import Application

# `manage.py migrate --check`: exits with status 1 when a migration is unapplied.
try:
    call_command("migrate", check_unapplied=True, verbosity=0)
    migrations_unapplied = False
except SystemExit:
    migrations_unapplied = True
"""
    + COUNT_ROWS
    + f"""
page = Page.objects.filter(slug={DEMO_PAGE_SLUG!r}, locale__language_code="sv").first()
admin = get_user_model().objects.filter(email={DEMO_ADMIN!r}).first()
application = Application.objects.get(pk=int(os.environ["APPLICATION"]))
with application.business_plan.open("rb") as plan:
    plan_sha256 = hashlib.sha256(plan.read()).hexdigest()
print({MARK!r} + json.dumps({{
    "counts": counts,
    "page": page and {{"live": page.live, "title": page.title, "url": page.url_path}},
    "admin": admin and {{
        "superuser": admin.is_superuser,
        "password_works": admin.check_password("vastkraft-demo"),
    }},
    "plan_sha256": plan_sha256,
    "migrations_unapplied": migrations_unapplied,
}}))
"""
)


def run(command: list[str], *, env: dict[str, str] | None = None, check: bool = True, timeout: int = 300):
    result = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and result.returncode != 0:
        pytest.fail(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def portal_env(*, database: str, media: Path, private: Path, **extra: str) -> dict[str, str]:
    """The portal's environment with only this test's database and folders in it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "DJANGO_DEBUG"}
        and not key.startswith("PG")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=f"{PG}/{database}",
        MEDIA_ROOT=str(media),
        PRIVATE_MEDIA_ROOT=str(private),
        **extra,
    )
    return env


def django_shell(code: str, env: dict[str, str]) -> dict:
    result = run([sys.executable, "manage.py", "shell", "--no-startup", "--command", code], env=env)
    line = next(line for line in result.stdout.splitlines() if line.startswith(MARK))
    return json.loads(line.removeprefix(MARK))


def psql(sql: str, database: str = "postgres") -> str:
    return run(
        ["psql", "--no-psqlrc", "-Atq", "-v", "ON_ERROR_STOP=1", "-d", f"{PG}/{database}", "-c", sql]
    ).stdout


def files_digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    """Build, back up and restore once for the module; every database is dropped afterwards."""
    if run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False).returncode != 0:
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    folder = tmp_path_factory.mktemp("backup-restore")
    suffix = secrets.token_hex(4)
    source = f"vk_backup_{suffix}"
    # pytest-django's test database for NAME=vk_restored_<suffix> (see the last test).
    restored = f"test_vk_restored_{suffix}"
    plan = os.urandom(40_000)
    (folder / "plan.pdf").write_bytes(b"%PDF-1.4\n" + plan)
    source_media, source_private = folder / "media", folder / "private"
    restored_media, restored_private = folder / "restored" / "media", folder / "restored" / "private"
    try:
        psql(f'CREATE DATABASE "{source}"')
        source_env = portal_env(
            database=source,
            media=source_media,
            private=source_private,
            UPLOADED_PLAN=str(folder / "plan.pdf"),
        )
        built = django_shell(BUILD, source_env)

        backup = run(
            ["scripts/backup.sh", "--target", str(folder / "backups"), "--keep-days", "7"],
            env=portal_env(database=source, media=source_media, private=source_private),
        )
        backup_folder = Path(backup.stdout.strip().splitlines()[-1])

        refused = run(
            [
                "scripts/restore.sh",
                "--media",
                str(folder / "refused" / "media"),
                "--private",
                str(folder / "refused" / "private"),
                str(backup_folder),
                f"{PG}/{source}",
            ],
            check=False,
        )

        psql(f'CREATE DATABASE "{restored}"')
        restore = run(
            [
                "scripts/restore.sh",
                "--media",
                str(restored_media),
                "--private",
                str(restored_private),
                str(backup_folder),
                f"{PG}/{restored}",
            ]
        )
        read_back = django_shell(
            READ_BACK,
            portal_env(
                database=restored,
                media=restored_media,
                private=restored_private,
                APPLICATION=str(built["application"]),
            ),
        )
        yield {
            "folder": folder,
            "source": source,
            "restored": restored,
            "built": built,
            "backup_folder": backup_folder,
            "refused": refused,
            "restore": restore,
            "read_back": read_back,
            "plan_sha256": hashlib.sha256(b"%PDF-1.4\n" + plan).hexdigest(),
            "media": (source_media, restored_media),
            "private": (source_private, restored_private),
        }
    finally:
        for database in (source, restored):
            run(
                ["dropdb", "--if-exists", "--force", "-h", "127.0.0.1", "-U", "postgres", database],
                check=False,
            )


def test_backup_files_are_readable_by_their_owner_only_and_checksummed(round_trip):
    backup_folder = round_trip["backup_folder"]
    files = sorted(path.name for path in backup_folder.iterdir())

    assert files == ["SHA256SUMS", "database.dump", "media.tar.gz", "private.tar.gz"]
    assert stat.S_IMODE(backup_folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE((backup_folder / name).stat().st_mode) for name in files} == {0o600}
    sums = dict(
        reversed(line.split("  ", 1)) for line in (backup_folder / "SHA256SUMS").read_text().splitlines()
    )
    assert sums == {
        name: hashlib.sha256((backup_folder / name).read_bytes()).hexdigest() for name in files[1:]
    }


def test_restore_refuses_a_database_that_is_not_empty(round_trip):
    refused = round_trip["refused"]

    assert refused.returncode != 0
    assert "not empty" in refused.stderr
    assert not (round_trip["folder"] / "refused").exists()


def test_restore_has_the_same_rows_for_every_model(round_trip):
    source_counts = round_trip["built"]["counts"]
    restored_counts = round_trip["read_back"]["counts"]

    # Two empty sides would compare equal too.
    assert source_counts["wagtailcore.Page"] > 70 and source_counts["portal.User"] > 90
    assert restored_counts == source_counts


def test_restore_has_the_demo_programme_page_and_administrator(round_trip):
    read_back = round_trip["read_back"]

    assert read_back["page"] is not None and read_back["page"]["live"]
    assert read_back["admin"] == {"superuser": True, "password_works": True}


def test_restore_has_the_uploaded_files_byte_for_byte(round_trip):
    source_media, restored_media = round_trip["media"]
    source_private, restored_private = round_trip["private"]

    assert round_trip["read_back"]["plan_sha256"] == round_trip["plan_sha256"]
    assert files_digest(restored_private) == files_digest(source_private) != {}
    assert files_digest(restored_media) == files_digest(source_media) != {}


def test_restore_leaves_no_migration_unapplied(round_trip):
    assert round_trip["read_back"]["migrations_unapplied"] is False


def test_suite_module_passes_against_the_restored_database(round_trip):
    """pytest-django reuses an existing `test_<NAME>` database with --reuse-db: the restored one."""
    name = round_trip["restored"].removeprefix("test_")
    users_before = psql("SELECT count(*) FROM portal_user", round_trip["restored"])

    result = run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--reuse-db", "-q", READING_MODULE],
        env={
            **portal_env(
                database=name,
                media=round_trip["folder"] / "t-media",
                private=round_trip["folder"] / "t-private",
            ),
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        },
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout
    # Had pytest-django made a new, empty test database, the demo users would be gone.
    assert psql("SELECT count(*) FROM portal_user", round_trip["restored"]) == users_before
    assert int(users_before) > 90
