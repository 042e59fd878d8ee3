"""HTTP through config.asgi.application: pages on Django's ASGI handler, the xAPI resource on
long-lived threads (config.http_threads) with its body read first in the event loop.

The request body (in pieces, chunked, too large, or abandoned), the database work and the
response headers pass through as they do through the test client."""

import base64
import json
import uuid

import pytest
from asgiref.testing import ApplicationCommunicator
from channels.testing import HttpCommunicator

from config.asgi import application
from progress.auth import xapi_client_create
from progress.models import Statement
from tests.factories import UserFactory

XAPI = "/xapi/statements"
HOST = [(b"host", b"localhost")]
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


def _scope(method: str, path: str, headers: list) -> dict:
    return {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "headers": [*HOST, *headers], "client": ("127.0.0.1", 50000),
        "server": ("localhost", 80),
    }  # fmt: skip


async def _request(method: str, path: str, chunks: list[bytes], headers: list) -> dict:
    """Send the body in ``chunks`` (ASGI ``more_body``); the status, headers and whole body."""
    scope = _scope(method, path, headers)
    communicator = ApplicationCommunicator(application, scope)
    for index, chunk in enumerate(chunks):
        more = index < len(chunks) - 1
        await communicator.send_input({"type": "http.request", "body": chunk, "more_body": more})
    start = await communicator.receive_output(timeout=10)
    body = b""
    while True:
        message = await communicator.receive_output(timeout=10)
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await communicator.wait(timeout=10)
    headers = {name.lower(): value for name, value in start["headers"]}
    return {"status": start["status"], "headers": headers, "body": body}


async def test_a_page_is_served_with_djangos_headers():
    communicator = HttpCommunicator(application, "GET", "/tai-khoan/login/", headers=HOST)
    response = await communicator.get_response(timeout=10)
    assert response["status"] == 200
    headers = {name.lower(): value for name, value in response["headers"]}
    assert headers[b"content-type"].startswith(b"text/html")
    assert headers[b"x-frame-options"] == b"DENY"
    assert b"<form" in response["body"]


@pytest.fixture
def credentials(transactional_db) -> tuple[bytes, object]:
    """(Authorization header of an xAPI client, its learner)."""
    learner = UserFactory(full_name="Lê Văn Tải")
    client, secret = xapi_client_create(name="Ứng dụng thử", user=learner)
    token = base64.b64encode(f"{client.key}:{secret}".encode())
    return b"Basic " + token, learner


def _json_headers(authorization: bytes) -> list:
    return [
        (b"authorization", authorization), (b"content-type", b"application/json"),
        (b"x-experience-api-version", b"1.0.3"),
    ]  # fmt: skip


def _statement_body(statement_id: str) -> bytes:
    return json.dumps(
        {
            "id": statement_id,
            "actor": {"mbox": "mailto:someone@example.org"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
            "object": {"id": "http://example.org/activities/trang-tin"},
        }
    ).encode()


@pytest.mark.parametrize("announced", [True, False], ids=["content-length", "chunked"])
async def test_a_statement_sent_in_pieces_is_read_whole_and_stored(announced, credentials):
    authorization, learner = credentials
    statement_id = str(uuid.uuid4())
    body = _statement_body(statement_id)
    headers = _json_headers(authorization)
    if announced:
        headers.append((b"content-length", str(len(body)).encode()))
    middle = len(body) // 2
    response = await _request("POST", XAPI, [body[:middle], b"", body[middle:]], headers)
    assert response["status"] == 200, response["body"]
    assert json.loads(response["body"]) == [statement_id]
    assert response["headers"][b"x-experience-api-version"] == b"1.0.3"
    stored = await Statement.objects.aget(statement_id=statement_id)
    assert stored.learner_id == learner.pk  # the actor sent is replaced by the caller's learner


async def test_an_unauthenticated_post_is_refused_and_writes_nothing():
    headers = [(b"content-type", b"application/json"), (b"x-experience-api-version", b"1.0.3")]
    response = await _request("POST", XAPI, [b'{"verb": {}}'], headers)
    assert response["status"] == 401
    assert await Statement.objects.acount() == 0


async def test_a_body_over_the_limit_is_refused_unread_and_writes_nothing(credentials):
    authorization, _learner = credentials
    headers = _json_headers(authorization)
    piece = b" " * (64 * 1024)
    response = await _request(
        "POST", XAPI, [piece] * 5 + [_statement_body(str(uuid.uuid4()))], headers
    )
    assert response["status"] == 413
    assert await Statement.objects.acount() == 0


async def test_a_client_that_leaves_mid_body_gets_nothing_stored(credentials):
    authorization, _learner = credentials
    headers = _json_headers(authorization)
    communicator = ApplicationCommunicator(application, _scope("POST", XAPI, headers))
    body = _statement_body(str(uuid.uuid4()))
    await communicator.send_input({"type": "http.request", "body": body[:40], "more_body": True})
    await communicator.send_input({"type": "http.disconnect"})
    await communicator.wait(timeout=10)
    assert await communicator.receive_nothing()
    assert await Statement.objects.acount() == 0


async def test_a_query_with_raw_non_ascii_bytes_is_answered_not_a_server_error(credentials):
    authorization, _learner = credentials
    headers = [(b"authorization", authorization), (b"x-experience-api-version", b"1.0.3")]
    scope = {**_scope("GET", XAPI, headers), "query_string": "verb=ộ&limit=5".encode()}
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await communicator.receive_output(timeout=10)
    body = await communicator.receive_output(timeout=10)
    await communicator.wait(timeout=10)
    assert start["status"] == 400  # "ộ" is not an IRI: the resource's own answer
    assert b"verb" in body["body"]
