"""Settings for AI Interview Playbook, read from the environment.

Every knob has a safe local default (SQLite, the filesystem broker, the offline grader), so `make run` needs no
configuration. Production sets DATABASE_URL, REDIS_URL and, for the LLM grader, OPENAI_API_KEY; see README.md.
"""

import os
import warnings
from pathlib import Path

import dj_database_url
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
    "template_partials",
    "playbook",
    "questions",
    "practice",
    "practice.exercises",
    "accounts",
    "assignments",
    "progress",
    "banks",
    "moderation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# RoleAwareBackend is ModelBackend that also reads whether the user is an instructor when it loads the user (see
# banks/auth.py); ModelBackend stays for sessions started by name with it (sign-up).
AUTHENTICATION_BACKENDS = ["banks.auth.RoleAwareBackend", "django.contrib.auth.backends.ModelBackend"]
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

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

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
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # A task whose worker died (SIGKILL, lost machine) is redelivered after the visibility timeout; it must be longer
    # than the longest grading attempt plus its retry countdown.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("BROKER_VISIBILITY_TIMEOUT", 600),
        "unacked_restore_interval": env_int("BROKER_RESTORE_INTERVAL_SECONDS", 10),
        "unacked_restore_throttle": 1,
    }
else:
    CELERY_BROKER_URL = "filesystem://"
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
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down must not hang a candidate's submit: try once, then leave the answer queued for the sweep.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Grading ------------------------------------------------------------------------------------------------
# Answers still queued after this long (for instance because the broker was down at submit) are re-enqueued by
# the sweep, and an answer claimed by a worker that died is reclaimed after GRADING_CLAIM_TIMEOUT_SECONDS.
GRADING_SWEEP_INTERVAL_SECONDS = env_float("GRADING_SWEEP_INTERVAL_SECONDS", 30)
GRADING_STALE_AFTER_SECONDS = env_float("GRADING_STALE_AFTER_SECONDS", 60)
GRADING_CLAIM_TIMEOUT_SECONDS = env_float("GRADING_CLAIM_TIMEOUT_SECONDS", 300)
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
# IMPORT_MAX_ROW_CHARS is refused on its own. Near-duplicates: rapidfuzz token_set_ratio at or above the threshold
# after normalisation (see moderation/dedupe.py).
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 10_000_000)
IMPORT_MAX_ROW_CHARS = env_int("IMPORT_MAX_ROW_CHARS", 20_000)
IMPORT_NEAR_DUPLICATE_THRESHOLD = env_int("IMPORT_NEAR_DUPLICATE_THRESHOLD", 90)
IMPORT_CLAIM_TIMEOUT_SECONDS = env_float("IMPORT_CLAIM_TIMEOUT_SECONDS", 600)

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
