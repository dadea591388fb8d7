"""The embedded settings, plus a bare view to measure the page views against."""

from portal.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": True}
# Static files from the app folders, as in development (no collectstatic before a bench run).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
