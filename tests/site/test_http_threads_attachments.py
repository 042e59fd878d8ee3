"""config.http_threads: statements with attachments (multipart/mixed) go through the long-lived
threads with their own limit, read into a temporary file and replayed in chunks: an attachment
far over the JSON body limit is stored whole; a body over the multipart limit is cut and
refused (413) with nothing stored; GET attachments=true streams the content back."""

import base64
import hashlib
import json

import pytest
from asgiref.sync import sync_to_async
from asgiref.testing import ApplicationCommunicator

from config.http_threads import SPOOL_CHUNK
from progress.auth import xapi_client_create
from progress.models import Statement, XapiAttachment
from progress.xapi import MAX_BODY_BYTES
from tests.factories import UserFactory
from tests.progress.lrs.attachments import (
    BOUNDARY,
    attachment,
    multipart,
    part,
    statement,
)
from tests.site.test_asgi_http import _request, _scope, application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
CONTENT = bytes(range(256)) * 4096  # 1 MB, four times the JSON body limit


@sync_to_async
def _headers() -> list:
    owner = UserFactory(full_name="Ứng dụng đính kèm")
    client, secret = xapi_client_create(name="Ứng dụng thử", user=owner)
    token = base64.b64encode(f"{client.key}:{secret}".encode())
    return [
        (b"authorization", b"Basic " + token),
        (b"content-type", f"multipart/mixed; boundary={BOUNDARY}".encode()),
        (b"x-experience-api-version", b"1.0.3"),
    ]


def _chunks(body: bytes, size: int = 100_000) -> list[bytes]:
    """``body`` in pieces, as a phone sends it."""
    return [body[i : i + size] for i in range(0, len(body), size)]


async def test_large_attachment_passes_the_threads_and_comes_back_streamed():
    headers = await _headers()
    body = multipart(statement(attachment(CONTENT, "image/png")), part(CONTENT, "image/png"))
    assert len(body) > 4 * MAX_BODY_BYTES and len(body) > 8 * SPOOL_CHUNK
    response = await _request("POST", "/xapi/statements", _chunks(body), headers)
    assert response["status"] == 200, response["body"][:300]
    statement_id = json.loads(response["body"])[0]
    stored = await XapiAttachment.objects.aget(sha2=hashlib.sha256(CONTENT).hexdigest())
    assert bytes(stored.content) == CONTENT
    scope = _scope("GET", "/xapi/statements", headers[:1] + headers[2:])
    scope["query_string"] = f"statementId={statement_id}&attachments=true".encode()
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await communicator.receive_output(timeout=10)
    assert start["status"] == 200
    assert dict(start["headers"])[b"content-type"].startswith(b"multipart/mixed; boundary=")
    received, messages = b"", 0
    while True:
        message = await communicator.receive_output(timeout=10)
        received += message.get("body", b"")
        messages += 1
        if not message.get("more_body"):
            break
    assert CONTENT in received
    assert f'"id":"{statement_id}"'.encode() in received
    assert messages > 2  # streamed in parts, not one chunk


async def test_body_over_the_multipart_limit_is_cut_and_refused():
    headers = await _headers()
    head = multipart(statement(attachment(CONTENT)), part(b"", hash_="ab" * 32))
    head = head[: -len(BOUNDARY) - 8]  # the attachment part is open: endless content follows
    block = CONTENT * 4
    chunks = [head] + [block] * 20  # 80 MB in all, over the default limit of 64 MB
    response = await _request("POST", "/xapi/statements", chunks, headers)
    assert response["status"] == 413, response["body"][:300]
    assert not await Statement.objects.aexists()
    assert not await XapiAttachment.objects.aexists()


async def test_body_announced_over_the_limit_is_refused_unread():
    headers = await _headers()
    announced = [(b"content-length", str(70 * 1024 * 1024).encode())]
    scope = _scope("POST", "/xapi/statements", headers + announced)
    communicator = ApplicationCommunicator(application, scope)
    # Only the first bytes are ever sent: the answer must not wait for the rest.
    await communicator.send_input({"type": "http.request", "body": b"--x", "more_body": True})
    start = await communicator.receive_output(timeout=10)
    assert start["status"] == 413
    body = await communicator.receive_output(timeout=10)
    assert b"body larger than 64 MB" in body["body"]
    await communicator.wait(timeout=10)
