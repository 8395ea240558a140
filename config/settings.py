"""Settings for AI Interview Playbook, read from the environment.

Every knob has a safe local default (SQLite, the filesystem broker, the offline grader), so `make run` needs no
configuration. Production sets DATABASE_URL, REDIS_URL and, for the LLM grader, OPENAI_API_KEY; see README.md.
"""

import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from config.static import static_headers

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and env_bool("REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    SECRET_KEY = "insecure-local-development-key-change-me"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "template_partials",
    "axes",
    "playbook",
    "questions",
    "practice",
    "practice.exercises",
    "accounts",
    "assignments",
    "progress",
    "banks",
    "moderation",
    "limits",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A view that cannot reach the database answers with the 503 page (playbook/errors.py).
    "playbook.errors.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "playbook.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "playbook.middleware.TimeZoneMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "playbook.middleware.HtmxFragmentCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "limits.middleware.LimitReachedMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["template_partials.templatetags.partials"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # The embedded default: a file the web server and the worker process share. WAL and a busy timeout let the
    # worker write a grade while the web server reads.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests start real worker processes, which must see the test database: keep it in a file, not in memory.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_PREPARED_STATEMENTS", True):
    # PostgreSQL: bind parameters on the server, so psycopg prepares a query after its fifth run on a connection and
    # PostgreSQL stops re-planning the pages' hot queries. Turn it off behind PgBouncer in transaction
    # mode (unless it tracks prepared statements: max_prepared_statements), where the next transaction may land on
    # another server connection that never saw the statement. See docs/performance.md.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# RoleAwareBackend is ModelBackend that also reads whether the user is an instructor when it loads the user (see
# banks/auth.py); sign-up logs in through it too. ModelBackend stays so that sessions started with it before sign-up
# used RoleAwareBackend stay valid (those users see their role after they next log in).
# RoleAwareBackend also finds the username in any case, as sign-up compares usernames.
# AxesStandaloneBackend comes first: it refuses a login locked out by failed attempts before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "banks.auth.RoleAwareBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "practice:start"
LOGOUT_REDIRECT_URL = "playbook:home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
# The vendored browser assets (Pyodide, the editor bundle) have no hash in their names, so whitenoise would give
# them its short default max-age; their folder changes only with a new pinned version, so they are cached for a
# year (VENDOR_STATIC_MAX_AGE seconds) and marked immutable: see config/static.py.
WHITENOISE_ADD_HEADERS_FUNCTION = static_headers
# Locally static files are served from the app folders; only production runs collectstatic into STATIC_ROOT.
warnings.filterwarnings("ignore", message="No directory at")

# --- HTTPS and browser security (all off locally, where the site is plain http; on in docker-compose.yml) ----
# Behind a TLS-terminating proxy, TRUST_X_FORWARDED_PROTO tells Django which requests came in over https; only set
# it when the proxy overwrites that header (otherwise a client could claim https).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container's health check calls it over plain http
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): only this site's own scripts, styles, images and forms. Style attributes
# stay allowed (style-src-attr) for the bars and heat map whose width or colour is data; inline scripts are
# refused, and so are <style> elements except those carrying the page's nonce: the code editor (CodeMirror) writes
# its styles into one, and a page that uses `request.csp_nonce` gets a nonce in its header. CSP_REPORT_ONLY sends
# the policy as report-only, to try a change first.
CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, "'wasm-unsafe-eval'"],  # Pyodide compiles WebAssembly; no JavaScript eval
    "style-src": [SELF, NONCE],
    "style-src-attr": [UNSAFE_INLINE],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
    "base-uri": [NONE],
    "object-src": [NONE],
}
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}

# --- E-mail (password reset) ----------------------------------------------------------------------------------
# Without EMAIL_HOST mails are printed on the console (the embedded default); with it they go out over SMTP.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT_SECONDS", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "AI Interview Playbook <noreply@localhost>")
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_SECONDS", 60 * 60 * 3)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- Celery -------------------------------------------------------------------------------------------------
# REDIS_URL selects Redis; without it a real worker runs on kombu's filesystem transport (the embedded default).
REDIS_URL = env_str("REDIS_URL")
BROKER_DIR = Path(env_str("BROKER_DIR", str(VAR_DIR / "broker")))
# How long a publish (a submit, an import upload) waits for the broker before giving up: kombu retries a refused
# connection until this runs out, so it is what a web worker loses per request while Redis is down.
CELERY_BROKER_CONNECTION_TIMEOUT = env_float("BROKER_CONNECT_TIMEOUT_SECONDS", 0.5)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # A task whose worker died (SIGKILL, lost machine) is redelivered after the visibility timeout; it must be longer
    # than the longest grading attempt plus its retry countdown.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("BROKER_VISIBILITY_TIMEOUT", 600),
        "unacked_restore_interval": env_int("BROKER_RESTORE_INTERVAL_SECONDS", 10),
        "unacked_restore_throttle": 1,
        # A publish tries the broker once (kombu otherwise sleeps and retries for 2 s), bounded by the connect
        # timeout; a Redis that accepts the connection but stops answering must not hang a publish either. The
        # worker's own connection keeps retrying (broker_connection_retry).
        "max_retries": 0,
        "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
        "socket_timeout": env_float("BROKER_SOCKET_TIMEOUT_SECONDS", 5),
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT = "config.broker:Transport"  # writes each message whole (config/broker.py)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down must not hang a candidate's submit: try once, then leave the answer queued for the sweep.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Cache: rate-limit windows shared by every web worker -----------------------------------------------------
# Redis when REDIS_URL is set, else a table in the database (created by a migration): never process memory, so a
# limit holds across gunicorn workers and machines.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("CACHE_REDIS_URL", REDIS_URL),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "playbook_cache"}}

# --- Abuse and cost limits (docs/limits-and-accounts.md) -----------------------------------------------------
# Per user, counted from the rows already stored (answers, sessions) over the last minute and the last 24 hours.
ANSWERS_PER_MINUTE = env_int("ANSWERS_PER_MINUTE", 10)
ANSWERS_PER_DAY = env_int("ANSWERS_PER_DAY", 300)
SESSIONS_PER_MINUTE = env_int("SESSIONS_PER_MINUTE", 10)
SESSIONS_PER_DAY = env_int("SESSIONS_PER_DAY", 100)
# "Grade again" on a failed answer, at most this many times per answer.
GRADING_MAX_REGRADES = env_int("GRADING_MAX_REGRADES", 3)
# US dollars of LLM grading over the last 24 hours, summed from the cost recorded on grades. Past either budget,
# answers are graded by the offline grader and the grade says why. 0 spends nothing on the LLM.
LLM_BUDGET_PER_USER_DAILY_USD = env_float("LLM_BUDGET_PER_USER_DAILY_USD", 0.50)
LLM_BUDGET_SITE_DAILY_USD = env_float("LLM_BUDGET_SITE_DAILY_USD", 10.00)
# Per client IP address, in fixed windows kept in the cache.
SIGNUPS_PER_IP_PER_HOUR = env_int("SIGNUPS_PER_IP_PER_HOUR", 10)
LOGINS_PER_IP_PER_MINUTE = env_int("LOGINS_PER_IP_PER_MINUTE", 30)
PASSWORD_RESETS_PER_IP_PER_HOUR = env_int("PASSWORD_RESETS_PER_IP_PER_HOUR", 5)
# How many reverse proxies in front of the app append to X-Forwarded-For (0: use the connection's address).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Log-in lockout (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username from one IP address,
# that pair (only) is refused for LOGIN_COOLOFF_MINUTES; the lock always expires, and more tries do not extend it.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_float("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "limits.windows.client_ip"
# Case-folded, as log-in ignores case: "ALICE" and "alice" share one count of failures.
AXES_USERNAME_CALLABLE = "banks.auth.login_attempt_username"
AXES_VERBOSE = False

# --- Grading ------------------------------------------------------------------------------------------------
# Answers still queued after this long (for instance because the broker was down at submit) are re-enqueued by
# the sweep. A worker renews its claim on the answer every GRADING_HEARTBEAT_SECONDS while it grades; a claim not
# renewed for GRADING_CLAIM_TIMEOUT_SECONDS (the worker died) is taken over by the next sweep.
GRADING_SWEEP_INTERVAL_SECONDS = env_float("GRADING_SWEEP_INTERVAL_SECONDS", 10)
GRADING_STALE_AFTER_SECONDS = env_float("GRADING_STALE_AFTER_SECONDS", 60)
GRADING_CLAIM_TIMEOUT_SECONDS = env_float("GRADING_CLAIM_TIMEOUT_SECONDS", 20)
# At least three heartbeats fit in a claim timeout, so one late beat never hands a live grading to another worker.
GRADING_HEARTBEAT_SECONDS = min(env_float("GRADING_HEARTBEAT_SECONDS", 5), GRADING_CLAIM_TIMEOUT_SECONDS / 3)
ANSWER_MAX_CHARS = env_int("ANSWER_MAX_CHARS", 20_000)
ANSWER_MIN_CHARS = 1
PRACTICE_MAX_QUESTIONS = 10
# Answer texts older than this many days are blanked (scores and verdicts are kept) by `purge_old_answer_texts`
# and a daily beat task. 0 keeps them forever.
ANSWER_RETENTION_DAYS = env_int("ANSWER_RETENTION_DAYS", 0)

# --- Coding exercises (run in the candidate's browser, never on the server) ------------------------------------
# A run (visible or hidden tests) that takes longer is stopped: its Web Worker is terminated and a new one started.
EXERCISE_RUN_SECONDS = env_int("EXERCISE_RUN_SECONDS", 10)
EXERCISE_CODE_MAX_CHARS = env_int("EXERCISE_CODE_MAX_CHARS", 20_000)

# --- Question imports (moderation) ---------------------------------------------------------------------------
# Files over IMPORT_MAX_UPLOAD_BYTES are refused before they are read; a row whose text is longer than
# IMPORT_MAX_ROW_CHARS is refused on its own, except a Reddit or X post: its own text (title, body and the poster's
# comments) is read up to IMPORT_MAX_ROW_CHARS and the rest is left, with a warning. Near-duplicates: rapidfuzz
# token_set_ratio at or above the threshold after normalisation (see moderation/dedupe.py).
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 10_000_000)
IMPORT_MAX_ROW_CHARS = env_int("IMPORT_MAX_ROW_CHARS", 20_000)
IMPORT_NEAR_DUPLICATE_THRESHOLD = env_int("IMPORT_NEAR_DUPLICATE_THRESHOLD", 90)
IMPORT_CLAIM_TIMEOUT_SECONDS = env_float("IMPORT_CLAIM_TIMEOUT_SECONDS", 600)
# With OPENAI_API_KEY set, the LLM also reads imported posts (classification and extraction) and drafts rubrics in
# moderation, falling back to the offline rules when a call fails.

# --- Bank files (banks) ----------------------------------------------------------------------------------------
# A bank file up to BANK_FILE_SYNC_MAX_BYTES is imported inside the request (about a second for 100 questions);
# a larger one (up to the 2 MB upload limit) is imported by a worker while the page shows its progress.
BANK_FILE_SYNC_MAX_BYTES = env_int("BANK_FILE_SYNC_MAX_BYTES", 204_800)  # 200 KB

# --- LLM grader ---------------------------------------------------------------------------------------------
# With OPENAI_API_KEY set, answers are graded by an OpenAI-compatible chat-completions server (OpenAI, vLLM,
# Ollama: set OPENAI_BASE_URL); without it, by the offline grader.
OPENAI_API_KEY = env_str("OPENAI_API_KEY")
OPENAI_BASE_URL = env_str("OPENAI_BASE_URL") or None
OPENAI_MODEL = env_str("OPENAI_MODEL", "gpt-4o-mini")
OPENAI_TIMEOUT_SECONDS = env_float("OPENAI_TIMEOUT_SECONDS", 30)
OPENAI_TEMPERATURE = env_float("OPENAI_TEMPERATURE", 0)
GRADING_MAX_RETRIES = env_int("GRADING_MAX_RETRIES", 5)
GRADING_RETRY_BASE_SECONDS = env_float("GRADING_RETRY_BASE_SECONDS", 2)
GRADING_RETRY_MAX_SECONDS = env_float("GRADING_RETRY_MAX_SECONDS", 120)
# US dollars per million tokens (input, output). A model not listed is costed with OPENAI_PRICE_DEFAULT.
OPENAI_PRICES = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
}
OPENAI_PRICE_DEFAULT = (
    env_float("OPENAI_PRICE_INPUT_PER_MILLION", 0.0),
    env_float("OPENAI_PRICE_OUTPUT_PER_MILLION", 0.0),
)
