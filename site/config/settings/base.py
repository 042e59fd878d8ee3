"""Settings shared by every profile (dev, test, production).

Everything that differs between machines comes from the environment:

- ``DATABASE_URL``  — default: a SQLite file in ``var/`` (the embedded default);
- ``REDIS_URL``     — if set: channels-redis for websockets and a Redis cache;
- ``SECRET_KEY``    — generated for development, required in production;
- ``MEDIA_ROOT`` / ``STATIC_ROOT`` — local folders in ``var/`` by default.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(env_str("VAR_DIR") or BASE_DIR / "var")
SITE_DIR = BASE_DIR / "site"

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    # Our apps first so their templates override third-party ones.
    "people",
    "cms",
    "courses",
    "progress",
    "certificates",
    "cohorts",
    "programme",
    "offline",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    # Runtime
    "channels",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "people.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "people.middleware.AdminCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "people.context_processors.shell",
            ],
        },
    },
]

# --- Database: embedded SQLite by default, PostgreSQL via DATABASE_URL -------------------------
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the ASGI server and a task worker share the file safely.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer and cache when REDIS_URL is set, in-memory otherwise -----------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # Redis faults: logged, retried, never a failed handshake (config.channel_layer).
            "BACKEND": "config.channel_layer.TolerantRedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_connect_timeout": 0.5,
                        "socket_keepalive": True,
                        "health_check_interval": 5,
                    }
                ],
                "prefix": env_str("REDIS_PREFIX", "cdht"),
            },
        }
    }
    CACHES = {
        "default": {
            # Redis down or hung: misses within REDIS_TIMEOUT (0.3 s), logged (config.cache).
            "BACKEND": "config.cache.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("REDIS_PREFIX", "cdht"),
        }
    }
    # Sessions read from Redis, written to both: no session query per request. Only with a
    # cache every process shares (a local-memory one would keep a logged-out session alive in
    # other processes).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks (Wagtail 8 uses django-tasks) --------------------------------------------
# Development and tests run a task at once, in the process that queues it. Production queues
# tasks in the database (django-tasks-db; settings/production.py) for `manage.py db_worker`.
# TASKS_BACKEND overrides either (a dotted backend path).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# --- Accounts ----------------------------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
# Django's and allauth's backends, keeping signed-in users between requests (people.auth_backends).
AUTHENTICATION_BACKENDS = [
    "people.auth_backends.ModelBackend",
    "people.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Citizens land on their learning page; officers and trainers on their work (people.adapters).
LOGIN_REDIRECT_URL = "learning:my_learning"
ACCOUNT_SIGNUP_REDIRECT_URL = "people:dashboard"  # a new account completes its information
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"phone", "email"}
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1*", "password2*"]
ACCOUNT_FORMS = {"login": "people.forms.LoginForm", "signup": "people.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# SMS go through one backend (people.notifications.sms). The default writes them to the log and
# is no gateway; SMS_BACKEND names a provider's class (README, "SMS gateway"). With a gateway,
# phone numbers are verified and forgotten passwords can be reset by an SMS code.
SMS_BACKEND = env_str("SMS_BACKEND", "people.notifications.sms.LogSmsBackend")
SMS_GATEWAY_ENABLED = env_bool(
    "SMS_GATEWAY", SMS_BACKEND != "people.notifications.sms.LogSmsBackend"
)
# Email is verified when one is given; phones when an SMS gateway exists.
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_PHONE_VERIFICATION_ENABLED = SMS_GATEWAY_ENABLED
ACCOUNT_LOGOUT_ON_GET = False
# A signed-in person who opens the log-in page may sign in as someone else (and Wagtail, which
# sends people without admin access to the log-in page, does not loop).
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Công dân học tập] "
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, kept explicit so a reviewer sees them.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    # Ours (people.recovery): SMS reset codes per IP and per phone; wrong reset codes per IP.
    "reset_password_sms": "5/m/ip,3/h/key",
    "reset_password_code": "20/m/ip",
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Công dân học tập <no-reply@localhost>")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Officer-assisted accounts: the one-time activation code's life and attempts.
ACTIVATION_CODE_TTL_HOURS = env_int("ACTIVATION_CODE_TTL_HOURS", 72)
ACTIVATION_CODE_MAX_ATTEMPTS = 5
# A password reset code: handed over by an officer (hours) or sent by SMS (minutes).
RESET_CODE_TTL_HOURS = env_int("RESET_CODE_TTL_HOURS", 24)
RESET_SMS_CODE_TTL_MINUTES = 15

# --- Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "ngon_ngu"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or VAR_DIR / "static")
STATICFILES_DIRS = [
    SITE_DIR / "static",
    ("h5p-standalone", BASE_DIR / "node_modules" / "h5p-standalone" / "dist"),
    # The offline app (offline/): IndexedDB wrapper and Workbox, served from their packages.
    ("idb", BASE_DIR / "node_modules" / "idb" / "build"),
    *(
        ("workbox", BASE_DIR / "node_modules" / package / "build")
        for package in (
            "workbox-sw",
            "workbox-window",
            "workbox-core",
            "workbox-routing",
            "workbox-strategies",
            "workbox-precaching",
            "workbox-cacheable-response",
        )
    ),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Wagtail -----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Công dân học tập"
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # passwords are handled by allauth pages
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No Gravatar: it would send a hash of every officer's email to a third party (and the admin's
# content security policy blocks the image anyway). Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Security that holds in every profile ------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content security policy for the public site. The Wagtail admin gets a wider one
# (people.middleware.AdminCSPMiddleware) because its editors need inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO"},
        "people.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

PROGRAMME_NAME = _("Công dân học tập")

# allauth warns when no login method is a required sign-up field; our sign-up form requires a
# phone number *or* an email address (people.forms.SignupForm.clean), which it cannot express.
SILENCED_SYSTEM_CHECKS = ["account.W001"]

# --- Learning activities --------------------------------------------------------------------
# Stable base of xAPI activity IRIs (keep it when the site moves, or old statements orphan).
XAPI_ACTIVITY_ID_BASE = env_str("XAPI_ACTIVITY_ID_BASE", "https://congdanhoctap.hcm.vn")
# Statements with attachments (multipart/mixed, progress.lrs.multipart): one attachment's content
# at most (kept in the database, once per SHA-2), and a whole request at most; beyond, 413.
XAPI_ATTACHMENT_MAX_BYTES = env_int("XAPI_ATTACHMENT_MAX_BYTES", 16 * 1024 * 1024)
XAPI_MULTIPART_MAX_BYTES = env_int("XAPI_MULTIPART_MAX_BYTES", 64 * 1024 * 1024)
# Signed addresses of a package's files for the sandboxed player frame: the same for a learner
# and a package within one period (so their browser keeps the files), valid until the next ends.
H5P_FILE_TOKEN_PERIOD = env_int("H5P_FILE_TOKEN_PERIOD", 7 * 24 * 3600)
# The H5P content-type Hub (courses.h5p.hub); the demo asks it only with DEMO_H5P_HUB=1.
H5P_HUB_URL = env_str("H5P_HUB_URL", "https://api.h5p.org/v1")
H5P_DEMO_FROM_HUB = env_bool("DEMO_H5P_HUB", False)

# --- CMS ---------------------------------------------------------------------------------------
# Slugs are ASCII: cms folds Vietnamese letters ("Đăng ký" → dang-ky) on the server
# (cms.models.mixins.VietnameseSlugMixin) and in the admin's slug widget (cms.slugs).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Every uploaded image needs a description, used as its alt text.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.forms.AltTextImageForm"
# Responsive renditions (AVIF, WebP, JPEG): a little lighter than Wagtail's defaults for phones.
WAGTAILIMAGES_AVIF_QUALITY = 60
WAGTAILIMAGES_WEBP_QUALITY = 75
WAGTAILIMAGES_JPEG_QUALITY = 80
# Vietnamese needs no stemming; "simple" keeps PostgreSQL full text in step with SQLite's FTS5.
# After changing it on a live PostgreSQL database, run `manage.py update_index`.
WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "simple"
# Anonymous views of outreach pages are served from the cache (cms.cache); 0 turns it off.
CMS_PAGE_CACHE_SECONDS = env_int("CMS_PAGE_CACHE_SECONDS", 600)
MIDDLEWARE = [*MIDDLEWARE, "cms.cache.AnonymousPageCacheMiddleware"]
# Video blocks play from YouTube's privacy-enhanced (no-cookie) domain.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] = [
    *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"],
    "https://www.youtube-nocookie.com",
]
# /bench/bare/, a bare Django view for bench/pages.py only: never set it on a real server.
BENCH_BARE_VIEW = env_str("BENCH_BARE_VIEW").lower() in {"1", "true", "yes", "on"}

# --- Certificates ---
# The public address printed in QR codes and credentials (verification pages, did:web issuer).
# Production refuses to start without it; `make run` sets it to http://$(HOST):$(PORT).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Who issues course certificates of learners with no commune on record: the platform's
# operator (for communes, their Hội Khuyến học), and the place written before the date.
CERTIFICATE_OPERATOR_NAME = env_str(
    "CERTIFICATE_OPERATOR_NAME", "Hội Khuyến học Thành phố Hồ Chí Minh"
)
CERTIFICATE_OPERATOR_PLACE = env_str("CERTIFICATE_OPERATOR_PLACE", "Thành phố Hồ Chí Minh")
# The Ed25519 key that signs every credential: outside the repository and the database,
# readable by its owner only. Development and tests create it on first use; production never
# does (issuing stops with a clear error until the key file is in place).
CERTIFICATE_SIGNING_KEY_FILE = Path(
    env_str("CERTIFICATE_SIGNING_KEY_FILE") or VAR_DIR / "keys" / "issuer-ed25519.pem"
)
CERTIFICATE_SIGNING_KEY_AUTOCREATE = not env_str("DJANGO_SETTINGS_MODULE").endswith(".production")
# Failed lookups (unknown codes, credential files that do not check out) per IP address per 10
# minutes on the public verification pages; valid lookups are never limited.
CERTIFICATE_VERIFY_MISS_RATE = env_int("CERTIFICATE_VERIFY_MISS_RATE", 30)
