"""Settings for the test suite: fast hashing, no real mail, fixed secret."""

import os

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-any-real-deployment-0123456789"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# No "*": config.asgi's AllowedHostsOriginValidator reads this list, and tests check that a
# websocket from a foreign origin is refused.
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
# Rate limits would make tests that log in many times flaky; a dedicated test turns them on.
ACCOUNT_RATE_LIMITS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", "/tmp/cdht-test-media")  # noqa: S108
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The suite never reaches the live H5P Hub: tests that need one start a stand-in and point here.
H5P_HUB_URL = "http://127.0.0.1:9/v1"
H5P_DEMO_FROM_HUB = False

# A file, not SQLite's shared in-memory database: browser tests run a live server in another
# thread, and a shared in-memory database locks whole tables between the two.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One file per test process, so parallel runs in one checkout never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}  # noqa: F405
