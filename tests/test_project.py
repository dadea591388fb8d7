"""The project as an operator meets it: settings per environment, deploy checks, migrations."""

import json
import os
import secrets
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

PROJECT = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "database": settings.DATABASES["default"]["NAME"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "broker_redis": settings.Q_CLUSTER.get("redis"),
    "broker_orm": settings.Q_CLUSTER.get("orm"),
    "base_url": settings.WAGTAILADMIN_BASE_URL,
    "hsts_preload": settings.SECURE_HSTS_PRELOAD,
    "silenced_checks": settings.SILENCED_SYSTEM_CHECKS,
    "trusted_proxy_count": settings.ALLAUTH_TRUSTED_PROXY_COUNT,
    "trusted_client_ip_header": settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER,
    "session_engine": settings.SESSION_ENGINE,
}))
"""


def run_python(*args: str, settings: str = "portal.settings.production", **env: str):
    """Run Python in a fresh process with only the environment variables named here set for the portal."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_DEBUG", "SECURE_HSTS_PRELOAD"}
    }
    # An empty value stands for "not set" and, unlike a missing one, cannot be filled in by a local .env file.
    environment.update(
        {"DJANGO_SETTINGS_MODULE": settings, "DJANGO_SECRET_KEY": "", "WAGTAILADMIN_BASE_URL": "", **env}
    )
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=120
    )


BASE_URL = "https://portal.example"


def production_env(**env: str) -> dict[str, str]:
    """What production needs to start, plus `env`."""
    return {"DJANGO_SECRET_KEY": secrets.token_urlsafe(64), "WAGTAILADMIN_BASE_URL": BASE_URL, **env}


def production_settings(**env: str) -> dict:
    result = run_python("-c", PRINT_SETTINGS, **production_env(**env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_settings_refuse_to_load_without_secret_key():
    result = run_python("-c", "from django.conf import settings; settings.DEBUG")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_refuse_short_secret_key():
    result = run_python("-c", "from django.conf import settings; settings.DEBUG", DJANGO_SECRET_KEY="short")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_settings_refuse_to_load_without_base_url():
    result = run_python(
        "-c",
        "from django.conf import settings; settings.DEBUG",
        **production_env(WAGTAILADMIN_BASE_URL=""),
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "WAGTAILADMIN_BASE_URL" in result.stderr


def test_production_settings_take_the_base_url():
    assert production_settings()["base_url"] == BASE_URL


def test_production_trusts_one_proxy_by_default():
    values = production_settings()

    assert (values["trusted_proxy_count"], values["trusted_client_ip_header"]) == (1, None)


def test_production_takes_the_proxy_count_and_client_header_from_the_environment():
    values = production_settings(TRUSTED_PROXY_COUNT="2", TRUSTED_CLIENT_IP_HEADER="X-Real-IP")

    assert (values["trusted_proxy_count"], values["trusted_client_ip_header"]) == (2, "X-Real-IP")


def test_production_check_deploy_reports_no_issues():
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **production_env())

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_production_check_deploy_passes_with_hsts_preload_opted_in():
    env = production_env(SECURE_HSTS_PRELOAD="true")

    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **env)

    assert result.returncode == 0, result.stderr


def test_production_hsts_preload_is_off_by_default_and_its_warning_silenced():
    values = production_settings()

    # templates.W003 is silenced everywhere: portal.checks reports it, but for the portal's own i18n.
    assert (values["hsts_preload"], values["silenced_checks"]) == (False, ["templates.W003", "security.W021"])


def test_production_hsts_preload_opted_in_leaves_checks_unsilenced():
    values = production_settings(SECURE_HSTS_PRELOAD="true")

    assert (values["hsts_preload"], values["silenced_checks"]) == (True, ["templates.W003"])


def test_settings_database_url_selects_postgresql():
    values = production_settings(DATABASE_URL="postgres://portal:secret@db.internal:5432/vastkraft")

    assert (values["engine"], values["database"]) == ("django.db.backends.postgresql", "vastkraft")


def test_settings_redis_url_selects_redis_cache():
    values = production_settings(REDIS_URL="redis://cache.internal:6379/2")

    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["cache_location"] == "redis://cache.internal:6379/2"


def test_settings_redis_url_selects_redis_task_broker():
    values = production_settings(REDIS_URL="redis://cache.internal:6379/2")

    assert (values["broker_redis"], values["broker_orm"]) == ("redis://cache.internal:6379/2", None)


def test_production_with_redis_reads_sessions_from_redis_backed_by_the_database():
    values = production_settings(REDIS_URL="redis://cache.internal:6379/2")

    assert values["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_production_without_redis_keeps_sessions_in_the_database_alone():
    # A cache per process (or the database cache) would add nothing but a second copy.
    values = production_settings()

    assert values["session_engine"] == "portal.sessions"


def test_settings_without_urls_use_sqlite_and_database_broker():
    values = production_settings()

    assert values["engine"] == "django.db.backends.sqlite3"
    assert (values["broker_redis"], values["broker_orm"]) == (None, "default")


def test_production_without_redis_shares_the_cache_through_the_database():
    # Rate limits are counted in the cache; every web process must see the same count.
    values = production_settings()

    assert values["cache"] == "django.core.cache.backends.db.DatabaseCache"


@pytest.mark.django_db
def test_models_have_no_missing_migrations():
    out = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()


FAKE_PYTHON_WITHOUT_VENV = f"""#!/bin/sh
# Like Debian's python3 without python3-venv: runs code, cannot make a virtual environment.
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
    mkdir -p "$3/bin"
    echo "The virtual environment was not created successfully because ensurepip is not available." >&2
    exit 1
fi
exec {sys.executable} "$@"
"""


MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_rebuilds_a_broken_environment_and_says_what_to_install(tmp_path):
    (tmp_path / "Makefile").write_text((PROJECT / "Makefile").read_text())
    (tmp_path / "requirements.txt").write_text("")
    (tmp_path / "constraints.txt").write_text("")
    stamp = subprocess.run(
        [MAKE, "-s", "--eval", "print-stamp: ; @echo $(INSTALLED)", "print-stamp"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # A .venv whose pip does not run, although its stamp says it is installed.
    broken_python = tmp_path / ".venv" / "bin" / "python"
    broken_python.parent.mkdir(parents=True)
    broken_python.write_text("#!/bin/sh\nexit 1\n")
    broken_python.chmod(0o755)
    (tmp_path / stamp).touch()
    fake_python = tmp_path / "python3"
    fake_python.write_text(FAKE_PYTHON_WITHOUT_VENV)
    fake_python.chmod(0o755)

    result = subprocess.run(
        [MAKE, "lint", f"PYTHON={fake_python}"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )

    assert result.returncode != 0
    assert "install python3-venv, e.g. apt-get install python3-venv" in result.stderr
    assert not (tmp_path / ".venv").exists()


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs GNU gettext (xgettext)")
def test_translation_catalogue_lists_every_text_of_the_code(tmp_path, settings, monkeypatch):
    # The catalogue test checks what the .po holds; this one checks that it holds every
    # text the code marks for translation (someone forgot to run makemessages).
    import polib

    # makemessages writes beside the code it reads, so it reads a copy. It runs in this
    # process (no second Django to start) for a language without a catalogue: every text it
    # finds is listed, with nothing to merge.
    copy = tmp_path / "project"
    for name in ["portal", "content", "mentoring", "templates"]:
        shutil.copytree(PROJECT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["xx"], no_obsolete=True, verbosity=0)

    def msgids(path):
        return {entry.msgid for entry in polib.pofile(str(path))}

    found = msgids(copy / "locale/xx/LC_MESSAGES/django.po")
    missing = sorted(found - msgids(PROJECT / "locale/sv/LC_MESSAGES/django.po"))
    assert missing == [], f"run makemessages and translate: {missing}"
