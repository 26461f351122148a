"""Settings for Kansrijke Ontmoetingen, read from the environment with safe local defaults.

Every value a deployment may change comes from an environment variable; without any of them
the platform runs on one machine with its state in the data directory (``./var`` or
``ONTMOETINGEN_DATA_DIR``): an SQLite database, generated secret key, mails as files.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = BASE_DIR / "ontmoetingen"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("ONTMOETINGEN_DATA_DIR") or "var").resolve()


def _secret_key() -> str:
    """The key from SECRET_KEY, or one generated once and kept in the data directory."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)

# Where people send questions about privacy and accessibility (the statements name it).
PRIVACY_CONTACT_EMAIL = os.environ.get(
    "PRIVACY_CONTACT_EMAIL", "kansrijke-ontmoetingen@example.org"
)
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
HTTPS = SITE_URL.startswith("https://")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    "ontmoetingen.core",
    "ontmoetingen.accounts",
    "ontmoetingen.regions",
    "ontmoetingen.directory",
    "ontmoetingen.coalitions",
    "ontmoetingen.monitor",
    "ontmoetingen.events",
    "ontmoetingen.toolkit",
    "ontmoetingen.glossary",
    "ontmoetingen.questions",
    "ontmoetingen.encounters",
    "ontmoetingen.tracks",
    "ontmoetingen.newsletter",
    "ontmoetingen.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "axes",
    # two-step verification for the project team (accounts/mfa.py)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    # serves its bundled Swagger UI from the static files (no CDN)
    "ninja",
]

MIDDLEWARE = [
    "ontmoetingen.core.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # before WhiteNoise, so static files carry the policy too ("headers on every response")
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # after WhiteNoise (which serves its own precompressed static files), before anything that
    # reads the body; CSRF tokens are masked per response, which defeats BREACH-style guessing
    "ontmoetingen.core.compression.HtmlGZipMiddleware",
    # a cached page for an anonymous visitor is served here, without the middleware below
    # (core/pagecache.py: the headers they add are learnt and replayed)
    "ontmoetingen.core.pagecache.EarlyPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "ontmoetingen.core.middleware.RequestSizeMiddleware",
    "ontmoetingen.core.middleware.NulByteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ontmoetingen.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ontmoetingen.core.middleware.IdleTimeoutMiddleware",
    "ontmoetingen.accounts.middleware.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ontmoetingen.core.middleware.BusyDatabaseMiddleware",
    "ontmoetingen.core.middleware.RateLimitMiddleware",
    "axes.middleware.AxesMiddleware",
    # last: on a hit every middleware above still adds its headers (core/pagecache.py)
    "ontmoetingen.core.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "ontmoetingen.core.context_processors.site",
            ],
            "builtins": ["ontmoetingen.core.templatetags.ui"],
        },
    }
]

# --- database -------------------------------------------------------------------------------
SQLITE_OPTIONS = {
    # Writers queue on the database lock instead of failing half-way: IMMEDIATE takes the
    # write lock at BEGIN, so a read-then-write (capacity check) cannot interleave.
    "transaction_mode": "IMMEDIATE",
    "timeout": float(os.environ.get("SQLITE_TIMEOUT", "20")),
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA busy_timeout=20000;"
    ),
}
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
    else:
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
        DATABASES["default"]["TEST"] = {"NAME": f"test_ontmoetingen_{os.getpid()}"}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "db.sqlite3"),
            "OPTIONS": dict(SQLITE_OPTIONS),
            # reuse connections: opening SQLite and running the PRAGMAs costs more than a page
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            # one test database per process, so parallel test runs never share a file
            "TEST": {"NAME": str(DATA_DIR / f"test-db-{os.getpid()}.sqlite3")},
        }
    }
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache, sessions ------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # A database cache is shared by every process (rate limits, glossary), unlike locmem.
    CACHES = {
        "default": {
            "BACKEND": "ontmoetingen.core.cache.AtomicDatabaseCache",
            "LOCATION": "ontmoetingen_cache",
            # whole pages live here too (core/pagecache.py); Django's default of 300 is too few
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Full-page cache for anonymous visitors (core/pagecache.py, docs/caching.md).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "30"))
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", str(24 * 60 * 60)))
# Filters and results of the list pages as HTML under the same versions (core/fragments.py).
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", True)
FRAGMENT_CACHE_TIMEOUT = int(os.environ.get("FRAGMENT_CACHE_TIMEOUT", str(24 * 60 * 60)))

# --- accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# AxesBackend is Django's ModelBackend with the lockout check in front of it.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The project team, coordinators and staff are logged out after this long without a request
# (core.middleware.IdleTimeoutMiddleware); other sessions last SESSION_COOKIE_AGE (14 days).
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(60 * 60)))
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:mine"
LOGOUT_REDIRECT_URL = "core:home"

# A person who deletes their account can cancel within this many days; then it is erased.
ACCOUNT_DELETION_GRACE_DAYS = int(os.environ.get("ACCOUNT_DELETION_GRACE_DAYS", "14"))
# The project team and superusers verify a code from an app after their password (accounts/mfa.py).
# Only the demo turns it off (``ontmoetingen demo`` without --mfa); check --deploy warns (core.W002).
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)
OTP_TOTP_ISSUER = "Kansrijke Ontmoetingen"

AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Lock the combination of account and real client address (see core/security.py): five typos by
# colleagues behind one office address never lock out the sixth, nor anyone behind the proxy.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "ontmoetingen.core.security.login_client_ip"
AXES_USERNAME_CALLABLE = "ontmoetingen.core.security.login_username"
# A lockout lasts the cool-off time from the last counted failure; failures while locked out do
# not extend it (otherwise anyone who knows an address can keep that person out).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# --- language, time -------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

# --- static and uploaded files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
PRIVATE_MEDIA_ROOT = DATA_DIR / "private"
# collectstatic writes every file under a name with a hash of its content (the manifest maps
# the names) plus gzip and brotli copies; WhiteNoise serves the hashed names with
# "Cache-Control: max-age=<10 years>, public, immutable" and the right copy per Accept-Encoding.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "ontmoetingen.core.staticfiles.StaticFilesStorage"},
}
# the app directories themselves only while developing (they bypass the compressed copies)
WHITENOISE_USE_FINDERS = DEBUG
# only the hashed names are linked; compressing the plain copies too would double collectstatic
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
# source maps are large and only fetched by developer tools: not worth brotli at level 11
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# Whole request bodies (files included) larger than this are refused before they are read;
# views may accept less (core.http.max_body, e.g. the toolkit proposal).
MAX_REQUEST_BODY_BYTES = int(os.environ.get("MAX_REQUEST_BODY_BYTES", str(30 * 1024 * 1024)))

# --- mail -----------------------------------------------------------------------------------
# Code sends mail through Django as usual; the backend below only puts each message on the task
# queue after the transaction commits. The worker delivers it with MAIL_DELIVERY_BACKEND.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    MAIL_DELIVERY_BACKEND = _email["EMAIL_BACKEND"]
    if MAIL_DELIVERY_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
        # the same SMTP backend, with the bounce address as envelope sender (MAIL_BOUNCE_ADDRESS)
        MAIL_DELIVERY_BACKEND = "ontmoetingen.core.mail_smtp.EmailBackend"
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH") or str(DATA_DIR / "mail")
else:
    MAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
EMAIL_BACKEND = "ontmoetingen.core.mail.QueuedEmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Kansrijke Ontmoetingen <noreply@kansrijke-ontmoetingen.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Envelope sender (MAIL FROM, becomes the Return-Path): where bounces and complaints go. Empty:
# the From address. Set it to a mailbox someone reads (or a bounce processor).
MAIL_BOUNCE_ADDRESS = os.environ.get("MAIL_BOUNCE_ADDRESS", "")
# Every SMTP socket operation (connect, each command, the DATA transfer) gives up after this
# many seconds, so a hanging mail server costs one attempt, never a worker (docs/mail.md).
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "20"))
if EMAIL_URL and _email.get("EMAIL_TIMEOUT"):  # smtp://...?timeout=10
    EMAIL_TIMEOUT = float(_email["EMAIL_TIMEOUT"])
# Attempts per message (a 5xx answer fails at once); waits between them double from the base
# delay up to the maximum.
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "5"))
MAIL_RETRY_BASE_SECONDS = float(os.environ.get("MAIL_RETRY_BASE_SECONDS", "30"))
MAIL_RETRY_MAX_SECONDS = float(os.environ.get("MAIL_RETRY_MAX_SECONDS", "3600"))
# While one attempt holds a message (status "sending"), no other attempt may start it; after
# this many seconds the attempt counts as dead (its worker was killed) and the message is free.
MAIL_SENDING_LEASE_SECONDS = float(
    os.environ.get("MAIL_SENDING_LEASE_SECONDS", str(EMAIL_TIMEOUT * 5))
)
# The domain in generated Message-IDs (empty: the domain of DEFAULT_FROM_EMAIL).
MAIL_MESSAGE_ID_DOMAIN = os.environ.get("MAIL_MESSAGE_ID_DOMAIN", "")

# --- background tasks -----------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker writes a heartbeat every quarter of this lease; a RUNNING task whose worker has not
# been seen for a whole lease is put back in the queue (core.workers, docs/mail.md).
TASK_WORKER_LEASE_SECONDS = float(os.environ.get("TASK_WORKER_LEASE_SECONDS", "60"))
# A task whose worker died this many times is marked failed instead of run again.
TASK_MAX_CLAIMS = int(os.environ.get("TASK_MAX_CLAIMS", "5"))
# The scheduler's round; every scheduler must use the same one (periods are counted from it).
SCHEDULER_INTERVAL_SECONDS = int(os.environ.get("SCHEDULER_INTERVAL_SECONDS", "300"))

# --- security -------------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # health checks of the proxy and the container platform come over plain HTTP
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Number of reverse proxies in front of the app servers (for the client address in rate limits).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Abuse limits (core/ratelimit.py): name -> (attempts, per seconds), counted in the shared cache.
# The per-address ceilings sit well above a real burst: 60 colleagues behind one office address
# registering for one meeting within a minute all get in.
RATE_LIMITS = {
    "registration_email": (10, 60 * 60),  # registrations of one e-mail address, any event
    "registration_event_address": (100, 10 * 60),  # for one event from one client address
    "registration_address": (300, 60 * 60),  # from one client address, all events
    "password_reset_account": (3, 60 * 60),  # reset mails for one e-mail address
    "password_reset_address": (30, 60 * 60),  # reset requests from one client address
    "theme_proposal_hour": (5, 60 * 60),  # theme proposals per account
    "theme_proposal_day": (15, 24 * 60 * 60),
    "toolkit_proposal_hour": (5, 60 * 60),  # toolkit proposals per account
    "toolkit_proposal_day": (10, 24 * 60 * 60),
}
# Counting waits at most this long for a busy database; then the attempt passes uncounted.
RATE_LIMIT_LOCK_WAIT_SECONDS = float(os.environ.get("RATE_LIMIT_LOCK_WAIT_SECONDS", "0.25"))

# Personal data (core/privacy.py): registrations are anonymised this many days after the event
# (the consent text says the same), links in mails work until this many days after the event.
PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("PERSONAL_DATA_RETENTION_DAYS", "183"))
# Pages behind personal links (no login) that show personal data: never cached.
NO_STORE_PATH_PREFIXES = ["/agenda/aanmelding/", "/vragen/status/", "/beheer/check-in/", "/mijn/"]
REGISTRATION_LINK_DAYS_AFTER_EVENT = int(os.environ.get("REGISTRATION_LINK_DAYS_AFTER_EVENT", "30"))

# --- logging --------------------------------------------------------------------------------
# One line per request and per task (core/logs.py, core/request_log.py) with the request id;
# LOG_FORMAT=json writes one JSON object per line. LOG_REQUESTS=0 / LOG_TASKS=0 silence those
# lines (the demo does, and prints a summary instead).
LOG_FORMAT = "json" if os.environ.get("LOG_FORMAT", "").lower() == "json" else "text"
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"()": "ontmoetingen.core.logs.TextFormatter"},
        "json": {"()": "ontmoetingen.core.logs.JsonFormatter"},
    },
    "filters": {
        "request_id": {"()": "ontmoetingen.core.logs.RequestIdFilter"},
        "library_task_lines": {"()": "ontmoetingen.core.logs.LibraryTaskLinesFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "library_task_lines"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # the request line replaces Django's own 4xx/5xx request warnings (errors stay)
        "django.request": {"level": "ERROR"},
        "ontmoetingen.requests": {
            "level": LOG_LEVEL if env_bool("LOG_REQUESTS", True) else "WARNING"
        },
        "ontmoetingen.tasks": {"level": LOG_LEVEL if env_bool("LOG_TASKS", True) else "WARNING"},
    },
}

# --- the platform ---------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50
PAGE_SIZE = 25
CSRF_FAILURE_VIEW = "ontmoetingen.core.views.csrf_failure"

# Django's widgets render with Jinja2 (see core/renderers.py): much faster for big selects.
FORM_RENDERER = "ontmoetingen.core.renderers.FastFormRenderer"
