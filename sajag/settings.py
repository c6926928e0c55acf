"""Sajag settings: one file, every deploy-dependent value from an environment variable.

Environment variables (all optional; the defaults suit a laptop demo, not production):

SAJAG_DEBUG          "1" turns on Django's debug mode. Default off.
SAJAG_SECRET_KEY     required when SAJAG_DEBUG is off and SAJAG_ENV=production.
SAJAG_ENV            "development" (default) or "production"; production refuses to start
                     without a real secret key and allowed hosts.
SAJAG_ALLOWED_HOSTS  comma-separated host names. Default: localhost, 127.0.0.1.
DATABASE_URL         e.g. postgres://user@127.0.0.1:5432/sajag. Default: SQLite file
                     var/sajag.sqlite3 in the project folder.
SAJAG_MEDIA_ROOT     where uploaded files live. Default: var/media.
SAJAG_TODAY          ISO date (YYYY-MM-DD) that the app treats as "today" — the demo clock,
                     so that a demo of an October campaign can be shown in any month.
                     Empty (default): the real date.
SAJAG_TIME_ZONE      Default Asia/Kolkata.
SAJAG_STATIC_ROOT    where collectstatic puts files. Default: var/static.
SAJAG_SPOOL_DIR      where each server worker appends its short-link visits before they are
                     counted in the database. Default: var/spool.
SAJAG_VISIT_FLUSH_SECONDS  how often visits are written to the database. Default 1.
SAJAG_FONT_DIR       where the print font's static weights are cut (from its PyPI package).
                     Default: var/fonts.
SAJAG_CHROMIUM       the Chromium that prints PDFs and PNG previews. Default: the first of
                     chromium, chromium-browser, google-chrome on the PATH.
SAJAG_EMAIL_HOST     SMTP server for the daily digests (with SAJAG_EMAIL_PORT, default 587,
                     SAJAG_EMAIL_USER, SAJAG_EMAIL_PASSWORD, SAJAG_EMAIL_FROM). Unset: the
                     digests are written to the console.
SAJAG_SMS_BACKEND    "console" (default) or "http": the JSON gateway at SAJAG_SMS_URL with
                     SAJAG_SMS_TOKEN, SAJAG_SMS_SENDER and SAJAG_SMS_TEMPLATE (DLT template id).
SAJAG_ESCALATE_AFTER_DAYS  overdue work this many days late also goes to the officer above
                     (twice as late: to the state nodal officer). Default 3.
SAJAG_PROXY_COUNT    reverse proxies in front of the app (1 behind nginx): the client's address
                     is then taken from X-Forwarded-For, for rate limits and sign-in lockouts —
                     only on requests that come from SAJAG_PROXY_ADDRESSES (default 127.0.0.1
                     and ::1: nginx on the same machine; bind the app server to loopback).
SAJAG_CACHE_URL      the cache every worker shares (rate limits): redis://127.0.0.1:6379/1 in
                     production. Unset: a table in the database (shared too, slower).
SAJAG_LOGIN_FAILURES, SAJAG_LOCKOUT_MINUTES  failed sign-ins before a lockout (5) and its
                     length (15 minutes).
SAJAG_TASKS          "database" (default): background work (imports, bill files, kits, reports,
                     digests) goes on the task queue in the database and runs in separate
                     worker processes (manage.py worker). "immediate": it runs at once in the
                     process that asked (for tests and one-off scripts; never for the web).
SAJAG_TASK_WORKERS   task workers `make serve` / `python -m sajag.serve` starts beside the web
                     server (default 1); 0 where they run as their own service (systemd).
SAJAG_JOB_HEARTBEAT_SECONDS  how often a worker marks its running job alive (default 5).
SAJAG_JOB_STALE_SECONDS  a job whose worker on another machine has not beaten for this long is
                     recovered: retried where safe, else failed with the reason (default 120).
                     A worker on the same machine is known dead at once by its process.
SAJAG_IMPORT_SECONDS  the longest a worker spends reading one spreadsheet before refusing it
                     (default 120); size, rows and columns are bounded as well.
SAJAG_RATE_PUBLIC_PAGES, SAJAG_RATE_SHORT_LINKS  requests per client per minute on the citizen
                     pages (120) and the short-link redirect (60); 0 turns a limit off.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}")


def _env_date(name: str) -> dt.date | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a date like 2026-10-21, not {value!r}") from exc


SAJAG_ENV = os.environ.get("SAJAG_ENV", "development").strip() or "development"
if SAJAG_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"SAJAG_ENV must be 'development' or 'production', not {SAJAG_ENV!r}")

DEBUG = _env_bool("SAJAG_DEBUG", False)
SECRET_KEY = os.environ.get("SAJAG_SECRET_KEY", "")
if not SECRET_KEY:
    if SAJAG_ENV == "production":
        raise ImproperlyConfigured("SAJAG_SECRET_KEY must be set in production")
    SECRET_KEY = "sajag-development-only-key-not-for-production"  # noqa: S105

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("SAJAG_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
    if h.strip()
]

SAJAG_TODAY = _env_date("SAJAG_TODAY")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "sajag.core",
    "sajag.geo",
    "sajag.accounts",
    "sajag.campaigns",
    "sajag.activities",
    "sajag.public",
    "sajag.reach",
    "sajag.links",
    "sajag.materials",
    "sajag.reports",
    "sajag.reminders",
    "sajag.api",
    "axes",
]

MIDDLEWARE = [
    "sajag.core.caching.PrivateWhenPersonal",  # first in, last out: sees every cookie set
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "sajag.security.SecurityHeadersMiddleware",
    "sajag.security.PublicRateLimitMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sajag.urls"
WSGI_APPLICATION = "sajag.wsgi.application"
ASGI_APPLICATION = "sajag.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sajag" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sajag.accounts.context_processors.sajag",
            ],
            "builtins": ["sajag.core.templatetags.numbers"],
        },
    }
]

VAR_DIR = BASE_DIR / "var"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'sajag.sqlite3'}",
        # In production each app-server thread keeps its connection for a minute (checked
        # before reuse): opening a PostgreSQL connection per request cost more than the page.
        conn_max_age=int(os.environ.get("SAJAG_DB_CONN_MAX_AGE", "60" if SAJAG_ENV == "production" else "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once when two officers save together.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL;"
    # Take the write lock when a transaction begins, so that two officers saving the same
    # report are serialised and the second sees the first's version (optimistic concurrency).
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out sign-in before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "campaigns:dashboard"
LOGOUT_REDIRECT_URL = "public:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Hindi first: the citizen site and officers' screens open in Hindi; English is one click away
# (URLs under /en/). The choice lives in the URL, so no cookie is needed to remember it.
LANGUAGE_CODE = "hi"
LANGUAGES = [("hi", _("Hindi")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "sajag" / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("SAJAG_TIME_ZONE", "Asia/Kolkata")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("SAJAG_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [
    BASE_DIR / "sajag" / "static",
    # Front-end packages installed from the npm registry (package.json); never copied in.
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("SAJAG_MEDIA_ROOT", VAR_DIR / "media"))

# Uploads: evidence files are checked by content (activities/evidence.py) with their own limit;
# Django keeps larger uploads on disk instead of in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background work: one task queue (Django's tasks API through the django-tasks backport, with the
# database backend of django-tasks-db), run by `manage.py worker` processes, never by the web.
SAJAG_TASKS = os.environ.get("SAJAG_TASKS", "database").strip() or "database"
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if SAJAG_TASKS not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"SAJAG_TASKS must be 'database' or 'immediate', not {SAJAG_TASKS!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[SAJAG_TASKS], "QUEUES": ["default"]}}


def _env_seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    try:
        seconds = float(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number of seconds, not {value!r}") from exc
    if not 0 < seconds < 86400:
        raise ImproperlyConfigured(f"{name} must be between 0 and 86400 seconds, not {value!r}")
    return seconds


SAJAG_JOB_HEARTBEAT_SECONDS = _env_seconds("SAJAG_JOB_HEARTBEAT_SECONDS", 5)
SAJAG_JOB_STALE_SECONDS = _env_seconds("SAJAG_JOB_STALE_SECONDS", 120)
SAJAG_IMPORT_SECONDS = _env_seconds("SAJAG_IMPORT_SECONDS", 120)
if SAJAG_JOB_STALE_SECONDS < 3 * SAJAG_JOB_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured(
        "SAJAG_JOB_STALE_SECONDS must be at least three heartbeats (SAJAG_JOB_HEARTBEAT_SECONDS), "
        "or live jobs would be taken for dead"
    )

# Short-link visits: appended to a spool per worker, written to the database every second
# (sajag/links/counter.py).
SAJAG_SPOOL_DIR = Path(os.environ.get("SAJAG_SPOOL_DIR", VAR_DIR / "spool"))
# The address printed on materials and encoded in QR codes (short links are <this>/l/<code>).
SAJAG_PUBLIC_URL = os.environ.get("SAJAG_PUBLIC_URL", "http://127.0.0.1:8000")
SAJAG_VISIT_FLUSH_SECONDS = float(os.environ.get("SAJAG_VISIT_FLUSH_SECONDS", "1"))
# Daily digests (sajag/reminders): email by SMTP when configured, else to the console.
if os.environ.get("SAJAG_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["SAJAG_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("SAJAG_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("SAJAG_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("SAJAG_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = EMAIL_PORT == 587
    EMAIL_USE_SSL = EMAIL_PORT == 465
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("SAJAG_EMAIL_FROM", "sajag@localhost")
SAJAG_SMS_BACKEND = os.environ.get("SAJAG_SMS_BACKEND", "console")
SAJAG_SMS_URL = os.environ.get("SAJAG_SMS_URL", "")
SAJAG_SMS_TOKEN = os.environ.get("SAJAG_SMS_TOKEN", "")
SAJAG_SMS_SENDER = os.environ.get("SAJAG_SMS_SENDER", "")
SAJAG_SMS_TEMPLATE = os.environ.get("SAJAG_SMS_TEMPLATE", "")
SAJAG_ESCALATE_AFTER_DAYS = int(os.environ.get("SAJAG_ESCALATE_AFTER_DAYS", "3"))
# Printed materials (sajag/core/printer.py): Chromium prints, with the font cut here.
SAJAG_FONT_DIR = Path(os.environ.get("SAJAG_FONT_DIR", VAR_DIR / "fonts"))
SAJAG_CHROMIUM = os.environ.get("SAJAG_CHROMIUM", "")

# Sign-in: after SAJAG_LOGIN_FAILURES failed attempts for one username from one client, that
# pair is locked for SAJAG_LOCKOUT_MINUTES; every sign-in, failure and sign-out is logged
# (django-axes: AccessLog, AccessFailureLog, in the admin).
AXES_FAILURE_LIMIT = int(os.environ.get("SAJAG_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("SAJAG_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Behind the reverse proxy the client is the last address it appended, believed only from the
# proxy itself (sajag/core/ratelimit.py, docs/deploy.md): a lockout is per (user, real client).
AXES_CLIENT_IP_CALLABLE = "sajag.core.ratelimit.request_address"
SAJAG_PROXY_COUNT = int(os.environ.get("SAJAG_PROXY_COUNT", "0"))
SAJAG_PROXY_ADDRESSES = frozenset(
    a.strip() for a in os.environ.get("SAJAG_PROXY_ADDRESSES", "127.0.0.1,::1").split(",") if a.strip()
)

# One cache for every worker process, so that a limit of 60 a minute is 60 however many
# workers answer: Redis in production, a database table otherwise (made by a migration).
SAJAG_CACHE_URL = os.environ.get("SAJAG_CACHE_URL", "").strip()
if SAJAG_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": SAJAG_CACHE_URL,
            "KEY_PREFIX": "sajag",
        }
    }
elif SAJAG_CACHE_URL:
    raise ImproperlyConfigured(f"SAJAG_CACHE_URL must be a redis:// address, not {SAJAG_CACHE_URL!r}")
else:
    # Every client of a minute has an entry: far more than Django's default 300 before culling.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sajag_cache",
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        }
    }
# Public endpoints, per client per minute (0 turns a limit off, e.g. for a load test).
SAJAG_RATE_PUBLIC_PAGES = int(os.environ.get("SAJAG_RATE_PUBLIC_PAGES", "120"))
SAJAG_RATE_SHORT_LINKS = int(os.environ.get("SAJAG_RATE_SHORT_LINKS", "60"))
SAJAG_RATE_SCAM_CHECKS = int(os.environ.get("SAJAG_RATE_SCAM_CHECKS", "30"))  # the check form's POST
SAJAG_RATE_SCAM_API = int(os.environ.get("SAJAG_RATE_SCAM_API", "60"))  # POST /api/scamcheck/
# Screenshots read per client per minute (each takes Tesseract a second or more of one core), and
# at most this many read at once in each server process; more are told to try again in a minute.
SAJAG_RATE_SCAM_SCREENSHOTS = int(os.environ.get("SAJAG_RATE_SCAM_SCREENSHOTS", "10"))  # CGNAT: many share one
SAJAG_OCR_AT_ONCE = int(os.environ.get("SAJAG_OCR_AT_ONCE", "1"))
# How long a browser, or nginx in front, may keep a citizen page (sajag/core/caching.py); the
# progress figures are recomputed at most this often too, and at once when a record changes.
SAJAG_PUBLIC_CACHE_SECONDS = int(os.environ.get("SAJAG_PUBLIC_CACHE_SECONDS", "60"))

SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

if SAJAG_ENV == "production":
    if not os.environ.get("SAJAG_ALLOWED_HOSTS"):
        raise ImproperlyConfigured("SAJAG_ALLOWED_HOSTS must be set in production")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("SAJAG_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SAJAG_LOG_LEVEL", "WARNING")},
}
