"""Settings for the test suite: fast hashing, e-mail kept in memory, tasks run inline."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from django.core.cache.backends.redis import RedisCache

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, Q_CLUSTER, REDIS_URL, STORAGES

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# sync=True globally: a per-call sync would close the test's transaction.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}


class RedisCacheOfThisProcess(RedisCache):
    """The Redis cache, holding and emptying only this test process's keys.

    Every test empties the cache, and Django's Redis cache empties the whole Redis database
    for that: the processes of a parallel run (pytest -n), or two runs beside each other,
    would wipe each other's cached pages and rate-limit counts in the middle of a test.
    """

    def clear(self) -> None:
        client = self._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)


if REDIS_URL:
    CACHES = {
        "default": {
            **CACHES["default"],
            "BACKEND": "portal.settings.test.RedisCacheOfThisProcess",
            "KEY_PREFIX": f"test-{os.getpid()}",
        }
    }

# The tables are emptied after a test that commits with DELETE, not TRUNCATE (tests/postgresql).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "tests.postgresql"

# Replaced by a fresh temporary folder for each test (tests/conftest.py).
MEDIA_ROOT = str(Path(tempfile.gettempdir()) / "vastkraft-test-media")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
ACCOUNT_RATE_LIMITS = False
# tests/portal/test_security.py switches it on where it is the subject.
MFA_REQUIRED_FOR_STAFF = False
# Static files straight from the app folders, as in development: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Applicants' uploads written by tests stay out of the working tree, in a folder of this
# test run alone: a check that nothing was stored never sees a file of a run beside it.
PRIVATE_TEST_ROOT = tempfile.mkdtemp(prefix="vastkraft-test-private-")
atexit.register(shutil.rmtree, PRIVATE_TEST_ROOT, ignore_errors=True)
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_TEST_ROOT, "base_url": None},
    },
}
# Wagtail's background work (the search index and the reference index, kept current on every save
# of a page, image or snippet) is not done: a test that searches, or reads where an object is used,
# asks for it with the `background_tasks` fixture (tests/conftest.py), which runs it at once.
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
