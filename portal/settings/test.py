"""Settings for the test suite: fast hashing, e-mail kept in memory, tasks run inline."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import Q_CLUSTER, STORAGES

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# sync=True globally: a per-call sync would close the test's transaction.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
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
