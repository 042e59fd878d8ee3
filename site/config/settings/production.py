"""Production: refuses to start with an insecure configuration.

Required: ``SECRET_KEY`` (50+ characters, not a development key), ``ALLOWED_HOSTS``, ``DEBUG``
off, ``SITE_URL`` (the public address in QR codes, share links and the did:web issuer).
Turns on HTTPS-only cookies, HSTS and the content security policy (set in base).
Recommended: ``DATABASE_URL`` (PostgreSQL), ``REDIS_URL``, object storage for media.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str
from config.settings.base import *  # noqa: F403

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

_problems = []
if DEBUG:
    _problems.append("DEBUG must be off in production.")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("django-insecure", "test-only", "dev")):
    _problems.append("SECRET_KEY must be set to a random value of at least 50 characters.")
if len(set(SECRET_KEY)) < 5:
    _problems.append("SECRET_KEY is not random enough.")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    _problems.append("ALLOWED_HOSTS must list the site's host names (no '*').")
# No fallback: a default would print 127.0.0.1 in every QR code and make the credentials'
# issuer did:web:127.0.0.1%3A8000, which no one can verify and which cannot be changed later.
SITE_URL = env_str("SITE_URL").rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in {"http", "https"} or not _site.hostname or _site.path or _site.query:
    _problems.append(
        "SITE_URL must be the site's public address, scheme and host only "
        "(e.g. https://congdanhoctap.example.vn)."
    )
WAGTAILADMIN_BASE_URL = SITE_URL
if _problems:
    raise ImproperlyConfigured("Refusing to start: " + " ".join(_problems))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a commitment that is slow to undo (hstspreload.org), so it stays opt-in and
    # `check --deploy` (which CI runs with --fail-level WARNING) must not fail for its absence.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405
# PostgreSQL connections come from psycopg's pool, one pool per worker process, shared by its
# HTTP threads (config.asgi) and websocket handlers: opening a connection per request costs more
# than the request, and the pool bounds how many each process holds. DB_POOL=off opens per request.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_POOL", True):  # noqa: F405
    # Faults: a pooled connection is checked before use (none left dead by a restart is handed
    # out); a request waits at most DB_POOL_TIMEOUT s for one (then /xapi/ answers 503), and a
    # failing reconnection gives up after 2 s so the next request tries again at once (psycopg's
    # backoff alone waited up to 16 s after the database returned).
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 2  # noqa: F405
    DATABASES["default"]["OPTIONS"]["pool"] = {  # noqa: F405
        "min_size": env_int("DB_POOL_MIN", 2),
        "max_size": env_int("DB_POOL_MAX", 16),
        "timeout": env_int("DB_POOL_TIMEOUT", 2),
        "reconnect_timeout": 2,
    }
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
# Background work (certificates, Wagtail's index updates) waits in the database for
# `manage.py db_worker` processes; run at least one beside the web workers.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
