"""Production: PostgreSQL, Redis, gunicorn behind a TLS-terminating proxy.

Refuses to start without DJANGO_SECRET_KEY or WAGTAILADMIN_BASE_URL; passes
`manage.py check --deploy`.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING, REDIS_URL, SECRET_KEY, STORAGES, env

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to a random value of at least 50 characters.")

# The site's public address, written into feeds, the sitemap and e-mails; the default
# (127.0.0.1) would send readers and recipients to their own machine.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="").rstrip("/")
if not WAGTAILADMIN_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL must be set to the site's public address, e.g. https://portal.example."
    )

DEBUG = False
# The proxy in front is the connection's only peer: without being told so, allauth counts
# every visitor's failed sign-ins under the proxy's address, and ten strangers' typos lock
# everyone out. It takes the client from X-Forwarded-For, this many hops from the right
# (each trusted proxy appends one), or from a header the proxy sets alone.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", default=None) or None
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading is a commitment browsers keep for months (leaving the list takes a release
# cycle), and it binds every subdomain: the operator opts in with SECURE_HSTS_PRELOAD=true.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # W021 asks for preloading; without the operator's commitment, not preloading is the
    # deliberate choice, so `check --deploy` stays quiet about it.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
SESSION_COOKIE_SECURE = True
# Anonymous readers get public pages from the shared cache; publishing empties it at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=True)
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="json")
CSRF_COOKIE_SECURE = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "portal.storage.MinifiedStaticFilesStorage"},
}
OUTBOX_DELIVERY_BACKEND = env("EMAIL_DELIVERY_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

if REDIS_URL:
    # A signed-in page reads its session from Redis, shared by every web process, instead of
    # the database; every change is still written to the database, so a Redis restart or
    # eviction signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Sign-in rate limits are counted in the cache; a per-process cache would let each
    # gunicorn worker count alone. Without Redis, share the count through the database
    # (`manage.py createcachetable` creates the table).
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}
    }
    # Kept in that table, a person's group names would cost a query to read, as reading the
    # groups does, and more to store.
    ROLE_NAMES_SECONDS = env.int("ROLE_NAMES_SECONDS", default=0)
