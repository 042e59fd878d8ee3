"""ASGI entry point: HTTP goes to Django's WSGI handler on a fixed pool of threads, websockets
through Channels.

Run with Uvicorn (``make serve``) or Daphne; never ``runserver`` in production. ``site/`` and the
repository root are put on ``sys.path`` first (see manage.py).

Why HTTP does not go through Django's own ASGI handler: every view and middleware here is
synchronous. Django's ASGI handler runs each request in a new thread (asgiref's
ThreadSensitiveContext), hops between that thread and the event loop around the middleware, and
gives each new thread a new database connection. a2wsgi instead hands the request to one of
``HTTP_THREADS`` long-lived threads (default 4) that keep their database connections: on the
statements benchmark this took a third off the server's CPU per request. The event loop still
owns the sockets, so slow clients cost no thread until their request has arrived, and
websockets (Channels) are untouched.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for entry in (str(ROOT), str(ROOT / "site")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

from django.core.wsgi import get_wsgi_application  # noqa: E402

django_wsgi_app = get_wsgi_application()

from a2wsgi import WSGIMiddleware  # noqa: E402
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from config.env import env_int  # noqa: E402
from config.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": WSGIMiddleware(django_wsgi_app, workers=env_int("HTTP_THREADS", 4)),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
