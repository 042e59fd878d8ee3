"""config.http_threads: learners' resume-state saves are served on the long-lived threads like
xAPI statements, with their own body limit (a state of the largest size the player may save
passes; beyond the limit the body is cut and refused, nothing saved)."""

import json

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from config.http_threads import STATE_BODY_BYTES
from progress.models import ActivityState
from tests.factories import UserFactory
from tests.site.test_asgi_http import _request

STATE_PATH = "/hoc/trang-thai/"
CSRF = "a" * 32
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@sync_to_async
def _signed_in_headers() -> tuple[list, object]:
    learner = UserFactory()
    session = SessionStore()
    session[SESSION_KEY] = str(learner.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = learner.get_session_auth_hash()
    session.create()
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={CSRF}"
    )
    headers = [
        (b"cookie", cookie.encode()), (b"x-csrftoken", CSRF.encode()),
        (b"content-type", b"application/json"),
    ]  # fmt: skip
    return headers, learner


async def test_a_largest_state_is_saved_through_the_threads():
    headers, learner = await _signed_in_headers()
    state = "\x01" * 65536  # the longest state; each character escaped as \u0001 in JSON
    body = json.dumps({"activity": "https://example.org/hoat-dong/1", "state": state}).encode()
    assert 256 * 1024 < len(body) < STATE_BODY_BYTES
    response = await _request("POST", STATE_PATH, [body[:1000], body[1000:]], headers)
    assert response["status"] == 204, response["body"][:300]
    stored = await ActivityState.objects.aget(learner=learner)
    assert stored.state == state


async def test_a_body_over_the_limit_is_refused_and_nothing_saved():
    headers, learner = await _signed_in_headers()
    body = json.dumps({"activity": "x", "state": "y" * STATE_BODY_BYTES}).encode()
    response = await _request("POST", STATE_PATH, [body], headers)
    assert response["status"] == 400
    assert not await ActivityState.objects.filter(learner=learner).aexists()
