"""Development: the embedded default (SQLite, in-memory channel layer, local media).

A secret key is generated once into ``var/secret_key`` so sessions survive restarts.
"""

import secrets

from config.settings.base import *  # noqa: F403
from config.settings.base import VAR_DIR

DEBUG = True


def _dev_secret_key() -> str:
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = SECRET_KEY or _dev_secret_key()  # noqa: F405

# Serve static files straight from the apps and node_modules, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
