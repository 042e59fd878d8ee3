"""Statements with attachments in the LRS tests: the statement and its attachment objects, the
parts of a ``multipart/mixed`` body, sending one, and reading one back."""

import hashlib
import json

from tests.progress.lrs.conftest import ACTIVITY

URL = "/xapi/statements"
BOUNDARY = "-------314159265358979323846"
ACTOR = {"objectType": "Agent", "mbox": "mailto:nguoi.hoc@example.org"}
VERB = {"id": "http://adlnet.gov/expapi/verbs/attended", "display": {"vi": "đã dự"}}
TEXT_1 = b"here is a simple attachment"
TEXT_2 = b"here is another simple attachment\x00\xff with bytes"
TEXT_3 = b"a third attachment nobody asked for"


def sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def attachment(content: bytes, content_type="text/plain", **extra) -> dict:
    return {
        "usageType": "http://example.com/attachment-usage/test",
        "display": {"vi": "Tệp đính kèm"},
        "contentType": content_type,
        "length": len(content),
        "sha2": sha(content),
        **extra,
    }


def statement(*attachments, **parts) -> dict:
    body = {"actor": ACTOR, "verb": VERB, "object": {"id": ACTIVITY}, **parts}
    if attachments:
        body["attachments"] = list(attachments)
    return body


def part(content: bytes, content_type="text/plain", *, hash_=None, encoding="binary") -> bytes:
    lines = [f"Content-Type: {content_type}"]
    if encoding is not None:
        lines.append(f"Content-Transfer-Encoding: {encoding}")
    if hash_ is not False:
        lines.append(f"X-Experience-API-Hash: {hash_ or sha(content)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + content


def multipart(body, *parts: bytes, first_type="application/json", boundary=BOUNDARY) -> bytes:
    head = f"Content-Type: {first_type}\r\n\r\n".encode()
    chunks = [head + json.dumps(body).encode(), *parts]
    out = b"".join(b"--" + boundary.encode() + b"\r\n" + chunk + b"\r\n" for chunk in chunks)
    return out + b"--" + boundary.encode() + b"--\r\n"


def send(lrs, payload: bytes, *, method="POST", params=None, boundary=BOUNDARY, **extra):
    content_type = f"multipart/mixed; boundary={boundary}" if boundary else "multipart/mixed"
    return lrs.call(method, URL, params, body=payload, content_type=content_type, **extra)


def parse_multipart(response) -> list[tuple[dict, bytes]]:
    """The parts of a multipart/mixed answer: (headers, content)."""
    content_type = response["Content-Type"]
    assert content_type.startswith("multipart/mixed; boundary=")
    boundary = content_type.split("boundary=", 1)[1].encode()
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"--" + boundary + b"\r\n")
    assert raw.endswith(b"\r\n--" + boundary + b"--\r\n")
    body = raw[len(boundary) + 4 : -(len(boundary) + 8)]
    parts = []
    for chunk in body.split(b"\r\n--" + boundary + b"\r\n"):
        head, _, content = chunk.partition(b"\r\n\r\n")
        headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n"))
        parts.append((headers, content))
    return parts
