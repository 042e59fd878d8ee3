"""HTTP through config.asgi.application: Django's WSGI handler on a2wsgi's long-lived threads.

The pages, the request body (also when it arrives in pieces), the database work and the response
headers all pass through the adapter as they do through the test client."""

import base64
import json
import uuid

import pytest
from asgiref.sync import sync_to_async
from asgiref.testing import ApplicationCommunicator
from channels.testing import HttpCommunicator

from config.asgi import application
from progress.auth import xapi_client_create
from progress.models import Statement
from tests.factories import UserFactory

XAPI = "/xapi/statements"
HOST = [(b"host", b"localhost")]


async def _request(method: str, path: str, chunks: list[bytes], headers: list) -> dict:
    """Send the body in ``chunks`` (ASGI ``more_body``); the status, headers and whole body."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "headers": [*HOST, *headers], "client": ("127.0.0.1", 50000),
        "server": ("localhost", 80),
    }  # fmt: skip
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
    return {"status": start["status"], "headers": dict(start["headers"]), "body": body}


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_page_is_served_with_djangos_headers():
    communicator = HttpCommunicator(application, "GET", "/tai-khoan/login/", headers=HOST)
    response = await communicator.get_response(timeout=10)
    assert response["status"] == 200
    headers = dict(response["headers"])
    assert headers[b"content-type"].startswith(b"text/html")
    assert headers[b"x-frame-options"] == b"DENY"
    assert b"<form" in response["body"]


def _client_credentials() -> tuple[bytes, object]:
    learner = UserFactory(full_name="Lê Văn Tải")
    client, secret = xapi_client_create(name="Ứng dụng thử", user=learner)
    token = base64.b64encode(f"{client.key}:{secret}".encode())
    return b"Basic " + token, learner


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_statement_sent_in_pieces_is_read_whole_and_stored():
    authorization, learner = await sync_to_async(_client_credentials)()
    statement_id = str(uuid.uuid4())
    body = json.dumps(
        {
            "id": statement_id,
            "actor": {"mbox": "mailto:someone@example.org"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
            "object": {"id": "http://example.org/activities/trang-tin"},
        }
    ).encode()
    headers = [
        (b"authorization", authorization), (b"content-type", b"application/json"),
        (b"x-experience-api-version", b"1.0.3"), (b"content-length", str(len(body)).encode()),
    ]  # fmt: skip
    middle = len(body) // 2
    response = await _request("POST", XAPI, [body[:middle], b"", body[middle:]], headers)
    assert response["status"] == 200, response["body"]
    assert json.loads(response["body"]) == [statement_id]
    assert response["headers"][b"x-experience-api-version"] == b"1.0.3"
    stored = await Statement.objects.aget(statement_id=statement_id)
    assert stored.learner_id == learner.pk  # the actor sent is replaced by the caller's learner


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_an_unauthenticated_post_is_refused_and_writes_nothing():
    headers = [(b"content-type", b"application/json"), (b"x-experience-api-version", b"1.0.3")]
    response = await _request("POST", XAPI, [b'{"verb": {}}'], headers)
    assert response["status"] == 401
    assert await Statement.objects.acount() == 0
