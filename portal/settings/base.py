"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the
environment (see README.md, "Environment variables"); the defaults here give
the embedded set-up: SQLite, the django-q2 ORM broker, e-mail to the console.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal",
    "content",
    "mentoring",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_q",
    "health_check",
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    # The widget templates, for the form renderer below (TemplatesSetting finds them here).
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, before anything reads the session (content/page_cache.py).
    "content.page_cache.AnonymousPageCache",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, with the settings' policies built once per process.
    "portal.middleware.ContentSecurityPolicy",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.StaffMFARequired",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Under DEBUG, the site's own 404/403/500 pages rather than Django's technical ones.
    "portal.error_pages.SiteErrorPages",
]
# DEBUG_ERROR_PAGES=true brings Django's technical error pages back in development.
DEBUG_ERROR_PAGES = env.bool("DEBUG_ERROR_PAGES", default=False)

# Form fields render through components/field.html ({{ form.field.as_field_group }}).
FORM_RENDERER = "portal.forms.PortalFormRenderer"

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "mentoring.core.context_processors.roles",
            ],
            # Django's i18n library with a cheaper translate tag for fixed texts (same output).
            "libraries": {"i18n": "portal.templatetags.translations"},
        },
    },
]
# Django warns (templates.W003) about any library name two modules answer to, the portal's own
# i18n above included; portal.checks warns about any other (portal.W001).
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# --- Database -------------------------------------------------------------
# SQLite unless DATABASE_URL names another database. The SQLite options make
# concurrent writers wait for the lock instead of failing with "database is
# locked" (measured: 39-67 % errors under load without them, 0 with them).
# Up to 1 GiB of the file is read through memory-mapped pages rather than copied
# page by page into SQLite's 2 MB cache: counting the figures afresh reads most
# of the participants' tables, and at 350,000 participants took about a sixth
# less time so (bench/figures.py).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and task queue --------------------------------------------------
# With REDIS_URL set, Redis is both the cache (shared by every web process,
# which the login rate limits need) and the django-q2 broker. Without it, the
# database is the broker and a local-memory cache serves the single process.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages for anonymous readers are kept this many seconds (content/page_cache.py);
# off outside production, so a template edit shows at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
# The site's frame (menu, footer pages, feed links; content/site_frame.py) is built once per
# site, language and content change and kept this long at most (0 builds it on every request).
# Publishing renews it at once; the bound is for what no signal reports.
SITE_FRAME_SECONDS = env.int("SITE_FRAME_SECONDS", default=300)
# The figures page keeps its counts this many seconds under the version of the data they came from
# (mentoring/figures/counted.py: any change to the counted tables is seen on the next request); 0 keeps none.
FIGURES_CACHE_SECONDS = env.int("FIGURES_CACHE_SECONDS", default=600)
# The names of a person's groups (their roles, which every signed-in page's menu asks about) are
# kept this long at most between requests (portal/roles.py; 0 reads them on every request). Any
# change of a membership or a group renews them at once; the bound is for what no signal reports.
ROLE_NAMES_SECONDS = env.int("ROLE_NAMES_SECONDS", default=300)

Q_CLUSTER = {
    "name": "portal",
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": 120,
    # Must exceed timeout, or a slow task is handed out a second time while it still runs.
    "retry": 180,
    "max_attempts": 5,
    "save_limit": 1000,
    "catch_up": False,
    "label": _("Task queue"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# --- Accounts ----------------------------------------------------------------
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_home"
ACCOUNT_ADAPTER = "portal.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[VästKraft] "
ACCOUNT_PREVENT_ENUMERATION = True
# Before a person downloads or erases her data, or changes her e-mail addresses, she proves
# again that it is her (password, or her second factor where she has one; portal.accounts).
# It holds for REAUTHENTICATION_TIMEOUT seconds. allauth counts every request to its
# reauthentication pages per person; past the limit it answers 429 (templates/429.html).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_RATE_LIMITS = {"reauthenticate": "10/m/user,30/h/user"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "VästKraft"
# Every staff role (portal.roles.user_has_staff_role: coordinators, counsellors, course leaders,
# editors, moderators, anyone let into the admin, administrators) must set up a second factor
# before they see anything (portal.middleware.StaffMFARequired). On in production; off by
# default here so the demo accounts of `make run` open without an authenticator app.
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=False)
# Signed-in sessions end after a working day, and when the browser closes.
# Django's database sessions, read with one plain statement (portal/sessions.py).
SESSION_ENGINE = "portal.sessions"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- E-mail ------------------------------------------------------------------
# Every message is written to the outbox table (portal.mail.OutboxBackend) in
# the transaction of the change that causes it; a django-q2 job hands it to
# OUTBOX_DELIVERY_BACKEND. See portal/outbox.py.
EMAIL_BACKEND = "portal.mail.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = env("EMAIL_DELIVERY_BACKEND", default="portal.mail.ReadableConsoleBackend")
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
# How long a worker's claim on a message lasts before another may send it (see portal/outbox.py).
OUTBOX_CLAIM_LEASE_SECONDS = env.int("OUTBOX_CLAIM_LEASE_SECONDS", default=300)
# Sent and failed messages are deleted after this many days (they hold personal data).
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=30)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="VästKraft <noreply@vastkraft.example>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Told by e-mail when something new arrives for the coordinators (a company's request).
MANAGERS = [("", address) for address in env.list("COORDINATOR_NOTICE_EMAILS", default=[])]
# The public company form mails its contact, so it takes this many requests per client
# (behind the proxy, as for sign-in) and per contact address; counted in the shared cache.
COMPANY_REQUEST_RATE_PER_CLIENT = env("COMPANY_REQUEST_RATE_PER_CLIENT", default="5/h")
COMPANY_REQUEST_RATE_PER_ADDRESS = env("COMPANY_REQUEST_RATE_PER_ADDRESS", default="2/d")
# Readings of one person's calendar feed, from all their devices and calendar services together;
# past it the feed answers 429 for the rest of the hour. Counted in the shared cache.
CALENDAR_FEED_RATE = env("CALENDAR_FEED_RATE", default="120/h")
# Codes checked on the public verification page per client: an employer checks a handful; the
# codes have 100 random bits, so the limit only keeps a robot from trying codes in bulk.
CERTIFICATE_VERIFY_RATE_PER_CLIENT = env("CERTIFICATE_VERIFY_RATE_PER_CLIENT", default="30/h")

# --- The programme ------------------------------------------------------------
# Stored with each applicant's consent; raise it whenever the privacy notice changes.
PRIVACY_NOTICE_VERSION = env("PRIVACY_NOTICE_VERSION", default="2026-11")
# Largest business plan an applicant may upload.
BUSINESS_PLAN_MAX_BYTES = 10 * 1024 * 1024
# A full course day in hours: the attendance form offers it for everyone the course leader left
# empty, only when asked (a field left empty is never saved).
TRAINING_DEFAULT_HOURS_PER_DAY = 6

# --- Retention of personal data -----------------------------------------------
# Drafts nobody has touched for this long are deleted, after a warning.
DRAFT_RETENTION_DAYS = env.int("DRAFT_RETENTION_DAYS", default=90)
# Rejected and withdrawn applications are deleted this long after the decision.
CLOSED_APPLICATION_RETENTION_DAYS = env.int("CLOSED_APPLICATION_RETENTION_DAYS", default=365)
# The warning e-mail goes out this many days before a purge.
PURGE_WARNING_DAYS = env.int("PURGE_WARNING_DAYS", default=14)
# An erased participant's anonymised record (entry characteristics, outcomes) is kept
# for the funder's figures this many years, then deleted too.
ANONYMISED_RETENTION_YEARS = env.int("ANONYMISED_RETENTION_YEARS", default=10)
# A declined company request is deleted, and a closed one loses its contact's name, e-mail,
# phone and free text, this many days after the decision.
COMPANY_REQUEST_RETENTION_DAYS = env.int("COMPANY_REQUEST_RETENTION_DAYS", default=365)
# A completion the mentor proposed and no coordinator confirmed completes by itself this many days later.
MENTORSHIP_COMPLETE_AFTER_DAYS = env.int("MENTORSHIP_COMPLETE_AFTER_DAYS", default=14)

# --- Languages ---------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
# Applicants' files (business plans): never under MEDIA_URL, served only through views
# that check who asks.
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# A business plan over BUSINESS_PLAN_MAX_BYTES is dropped while it arrives, not after it is on disk;
# a multipart body cut off before its closing boundary is refused (400), not stored in part;
# a file whose name is unusable ("/") reaches the form under a neutral name instead of vanishing.
FILE_UPLOAD_HANDLERS = [
    "mentoring.applications.uploads.UnusableNamesReachTheForm",
    "mentoring.applications.uploads.MultipartMustClose",
    "mentoring.applications.uploads.BusinessPlanSizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = "VästKraft"
# The page that "contact us" links to from the account pages: the home page's child with this
# slug (in any language; the reader gets the page in hers).
CONTACT_PAGE_SLUG = env("CONTACT_PAGE_SLUG", default="kontakt")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Staff sign in through allauth, which is rate-limited and offers MFA;
# Wagtail's own login form and password reset are switched off. Wagtail sends
# signed-in people without admin access to this URL too: portal.views.wagtail_admin_login
# answers them 403, where allauth's login would send them back (a redirect loop).
WAGTAILADMIN_LOGIN_URL = "/cms/login/"
# Private pages ask visitors to sign in through allauth too (see portal.views.wagtail_page_login).
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Addresses and passwords are changed under "My account" (allauth), which verifies a
# new address and asks for the current password; Wagtail's account page would not.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": env("SEARCH_CONFIG", default="swedish"),
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
# Every document is a download, PDFs too: nothing uploaded is rendered from the site's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No outside avatar service: a hash of each staff e-mail would go to a third party, and the
# admin would show broken images without the internet. Everyone gets Wagtail's own default.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Slugs in plain letters (å, ä → a, ö → o): addresses people can type, read aloud and share.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
# Wagtail's autosave of a new page can create it at the same moment as the editor's own
# "Submit for moderation" does; on a busy server the second create fails on the slug (500).
# Editors save drafts themselves instead.
WAGTAIL_AUTOSAVE_INTERVAL = 0
TAGGIT_CASE_INSENSITIVE = True

# --- Security defaults that hold everywhere -----------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Wagtail lifts this to SAMEORIGIN for its own preview frames.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): the portal's pages run scripts and styles from its own
# static files only, never inline, so an injected <script> or on*= attribute does not run.
# The two admin sites are left out: Wagtail's and Django's admin pages use inline scripts
# (and Wagtail's preview frames), and only signed-in staff reach them.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/cms/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The load balancer probes each process over plain HTTP behind the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        # One JSON object per line, for a log collector: LOG_FORMAT=json (the default in production).
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": env("LOG_FORMAT", default="plain")}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django_q": {"level": env("Q_LOG_LEVEL", default="WARNING"), "propagate": True},
        # WeasyPrint tells each step of every certificate PDF at INFO: only its warnings matter.
        "weasyprint": {"level": "WARNING", "propagate": True},
    },
}
