"""Statements resource: attachments (xAPI 1.0.3 Part Three §1.5 and §2.1, Part Two §2.4.11;
xAPI 2.0 the same), each requirement as the conformance suite sends it.

PUT/POST as ``multipart/mixed``: the statements first (``application/json``), then one part per
attachment content with ``X-Experience-API-Hash`` and ``Content-Transfer-Encoding: binary``.
GET with ``attachments=true`` answers ``multipart/mixed`` with the content we hold, each once.
"""

import hashlib
import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from progress.models import Statement, XapiAttachment
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


# --- Storing ---------------------------------------------------------------------------------


def test_multipart_statement_with_attachment_is_stored_with_its_content(lrs):
    body = statement(attachment(TEXT_1))
    response = send(lrs, multipart(body, part(TEXT_1)))
    assert response.status_code == 200, response.content
    row = Statement.objects.get(statement_id=response.json()[0])
    assert row.payload["attachments"][0]["sha2"] == sha(TEXT_1)
    stored = XapiAttachment.objects.get(sha2=sha(TEXT_1))
    assert bytes(stored.content) == TEXT_1
    assert (stored.length, stored.content_type) == (len(TEXT_1), "text/plain")


def test_same_content_in_many_statements_is_kept_once(lrs):
    batch = [statement(attachment(TEXT_1)), statement(attachment(TEXT_1), attachment(TEXT_2))]
    response = send(lrs, multipart(batch, part(TEXT_1), part(TEXT_2)))
    assert response.status_code == 200, response.content
    again = send(lrs, multipart(statement(attachment(TEXT_1)), part(TEXT_1)))
    assert again.status_code == 200
    assert XapiAttachment.objects.filter(sha2=sha(TEXT_1)).count() == 1
    assert XapiAttachment.objects.count() == 2


def test_put_multipart_with_statement_id(lrs):
    statement_id = str(uuid.uuid4())
    payload = multipart(statement(attachment(TEXT_1)), part(TEXT_1))
    response = send(lrs, payload, method="PUT", params={"statementId": statement_id})
    assert response.status_code == 204, response.content
    assert Statement.objects.filter(statement_id=statement_id).exists()
    assert XapiAttachment.objects.filter(sha2=sha(TEXT_1)).exists()


def test_multipart_without_attachments_or_with_file_urls_only_is_accepted(lrs):
    assert send(lrs, multipart(statement())).status_code == 200
    by_url = attachment(TEXT_1, fileUrl="http://over.there.com/file.txt")
    assert send(lrs, multipart(statement(by_url))).status_code == 200
    assert XapiAttachment.objects.count() == 0


def test_file_url_attachment_may_also_send_its_content(lrs):
    by_url = attachment(TEXT_1, fileUrl="http://over.there.com/file.txt")
    assert send(lrs, multipart(statement(by_url), part(TEXT_1))).status_code == 200
    assert XapiAttachment.objects.filter(sha2=sha(TEXT_1)).exists()


def test_body_may_start_with_a_preamble_line_and_headers_without_spaces(lrs):
    body = json.dumps(statement(attachment(TEXT_1))).encode()
    payload = (
        b"\r\n--" + BOUNDARY.encode() + b"\r\nContent-Type:application/json\r\n\r\n" + body
        + b"\r\n--" + BOUNDARY.encode() + b"\r\nContent-Type:text/plain\r\n"
        b"Content-Transfer-Encoding:binary\r\nX-Experience-API-Hash:" + sha(TEXT_1).encode()
        + b"\r\n\r\n" + TEXT_1 + b"\r\n--" + BOUNDARY.encode() + b"--"
    )  # fmt: skip
    assert send(lrs, payload).status_code == 200


def test_quoted_boundary_with_the_specs_characters(lrs):
    boundary = "abcABC0123'()+_,-./:=?"
    payload = multipart(statement(attachment(TEXT_1)), part(TEXT_1), boundary=boundary)
    response = send(lrs, payload, boundary=f'"{boundary}"')
    assert response.status_code == 200, response.content


def test_attachment_without_declared_content_type_parameters_matches_its_media_type(lrs):
    declared = attachment(TEXT_1, content_type="text/plain; charset=ascii")
    assert send(lrs, multipart(statement(declared), part(TEXT_1))).status_code == 200


def test_sha512_attachment(lrs):
    declared = {**attachment(TEXT_1), "sha2": hashlib.sha512(TEXT_1).hexdigest()}
    payload = multipart(statement(declared), part(TEXT_1, hash_=declared["sha2"]))
    assert send(lrs, payload).status_code == 200


def test_large_binary_attachment_is_streamed_whole(lrs):
    content = bytes(range(256)) * 8192 + b"\r\n--" + b"-" * 20  # 2 MB, looks like a boundary
    payload = multipart(statement(attachment(content, "image/png")), part(content, "image/png"))
    response = send(lrs, payload)
    assert response.status_code == 200, response.content
    assert bytes(XapiAttachment.objects.get(sha2=sha(content)).content) == content


# --- Refusals --------------------------------------------------------------------------------


def refused(response, words: str, status=400):
    assert response.status_code == status, response.content
    assert words in response.json()["error"]
    assert XapiAttachment.objects.count() == 0


def test_json_request_needs_a_file_url_for_every_attachment(lrs):
    response = lrs.call("POST", URL, body=statement(attachment(TEXT_1)))
    refused(response, "attachments[0].fileUrl: is required in an application/json request")
    by_url = attachment(TEXT_1, fileUrl="http://over.there.com/file.txt")
    assert lrs.call("POST", URL, body=statement(by_url)).status_code == 200


def test_multipart_form_data_is_refused(lrs):
    payload = multipart(statement(attachment(TEXT_1)), part(TEXT_1))
    response = lrs.call(
        "POST", URL, body=payload, content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )
    refused(response, "Content-Type must be application/json or multipart/mixed")


def test_missing_part_for_attachment_without_file_url(lrs):
    body = statement(attachment(TEXT_1), attachment(TEXT_2))
    response = send(lrs, multipart(body, part(TEXT_1)))
    refused(response, "attachments[1]: has no fileUrl and no part")
    assert Statement.objects.count() == 0


def test_extra_part_no_statement_references(lrs):
    body = statement(attachment(TEXT_1), attachment(TEXT_2))
    response = send(lrs, multipart(body, part(TEXT_1), part(TEXT_2), part(TEXT_3)))
    refused(response, f"X-Experience-API-Hash {sha(TEXT_3)} is not an attachment")
    assert Statement.objects.count() == 0


def test_part_without_hash_header(lrs):
    response = send(lrs, multipart(statement(attachment(TEXT_1)), part(TEXT_1, hash_=False)))
    refused(response, "needs an X-Experience-API-Hash header")


def test_part_whose_content_does_not_match_its_hash(lrs):
    body = statement(attachment(TEXT_1))
    response = send(lrs, multipart(body, part(TEXT_2, hash_=sha(TEXT_1))))
    refused(response, "does not match its X-Experience-API-Hash")
    assert Statement.objects.count() == 0


def test_part_hash_not_matching_the_statement(lrs):
    other = "b018994f8bbe0f08992a65c48c8c8c56f09e9baceaa6227ed85c90ae52b73c89"
    response = send(lrs, multipart(statement(attachment(TEXT_1)), part(TEXT_1, hash_=other)))
    refused(response, "does not match")


def test_other_transfer_encoding_is_refused_and_none_means_binary(lrs):
    body = statement(attachment(TEXT_1))
    response = send(lrs, multipart(body, part(TEXT_1, encoding="base64")))
    refused(response, "Content-Transfer-Encoding: binary")
    assert send(lrs, multipart(body, part(TEXT_1, encoding=None))).status_code == 200


def test_first_part_must_be_json(lrs):
    payload = multipart(statement(attachment(TEXT_1)), part(TEXT_1), first_type="text/plain")
    refused(send(lrs, payload), "first part of a multipart/mixed body must be application/json")


def test_statements_split_over_two_parts_are_refused(lrs):
    body = statement(attachment(TEXT_1))
    second = b"Content-Type: application/json\r\n\r\n" + json.dumps(body).encode()
    refused(send(lrs, multipart(body, second, part(TEXT_1))), "X-Experience-API-Hash header")


def test_part_content_type_must_match_the_attachment(lrs):
    response = send(lrs, multipart(statement(attachment(TEXT_1)), part(TEXT_1, "image/png")))
    refused(response, "has Content-Type image/png, not its attachment's contentType")


def test_boundary_missing_from_header_or_body(lrs):
    payload = multipart(statement(attachment(TEXT_1)), part(TEXT_1))
    refused(send(lrs, payload, boundary=None), "needs a boundary parameter")
    head = f"--{BOUNDARY}\r\nContent-Type: application/json\r\n\r\n".encode()
    no_second_boundary = (
        head + json.dumps(statement(attachment(TEXT_1))).encode() + b"\r\n" + part(TEXT_1)
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )  # fmt: skip
    refused(send(lrs, no_second_boundary), "not valid JSON")
    refused(send(lrs, payload, boundary="another-boundary"), "ends without its boundary")


def test_unterminated_body_is_refused(lrs):
    payload = multipart(statement(attachment(TEXT_1)), part(TEXT_1))
    cut = payload[: payload.rindex(b"\r\n--")]
    refused(send(lrs, cut), "ends before its closing boundary")


def test_attachment_over_the_size_limit_is_refused_with_413(lrs, settings):
    settings.XAPI_ATTACHMENT_MAX_BYTES = 1024
    content = b"x" * 1025
    payload = multipart(statement(attachment(content)), part(content))
    refused(send(lrs, payload), "attachment larger than 1 KB", status=413)
    assert Statement.objects.count() == 0


def test_request_over_the_size_limit_is_refused_before_reading(lrs, settings):
    settings.XAPI_MULTIPART_MAX_BYTES = 4096
    content = b"x" * 5000
    payload = multipart(statement(attachment(content)), part(content))
    refused(send(lrs, payload), "body larger than 4 KB", status=413)


class Unbounded:
    """A body that never ends (a hostile client): read() hands out chunks forever."""

    def __init__(self, head: bytes):
        self.head, self.served = head, 0

    def read(self, size=-1):
        if self.head:
            chunk, self.head = self.head, b""
        else:
            chunk = b"x" * (size if size and size > 0 else 65536)
        self.served += len(chunk)
        return chunk


def test_endless_body_is_cut_at_the_limit(settings):
    from progress.lrs.multipart import multipart_read
    from progress.xapi import XapiError

    settings.XAPI_MULTIPART_MAX_BYTES = 1024 * 1024
    settings.XAPI_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    head = multipart(statement(attachment(TEXT_1)))[: -len(BOUNDARY) - 6]
    head += f"\r\n--{BOUNDARY}\r\nX-Experience-API-Hash: {sha(TEXT_1)}\r\n\r\n".encode()
    stream = Unbounded(head)
    with pytest.raises(XapiError) as caught:
        multipart_read(stream, f"multipart/mixed; boundary={BOUNDARY}")
    assert caught.value.status == 413
    assert stream.served <= 1024 * 1024 + 65536


def test_learner_session_may_send_attachments(browser):
    payload = multipart(statement(attachment(TEXT_1)), part(TEXT_1))
    response = send(browser, payload)
    assert response.status_code == 200, response.content


# --- Reading back ----------------------------------------------------------------------------


def test_get_with_attachments_true_answers_multipart_with_each_content_once(lrs):
    batch = [statement(attachment(TEXT_1), attachment(TEXT_2)), statement(attachment(TEXT_1))]
    ids = send(lrs, multipart(batch, part(TEXT_1), part(TEXT_2))).json()
    response = lrs.call("GET", URL, {"statementId": ids[0], "attachments": "true"})
    assert response.status_code == 200
    (head, content), *attached = parse_multipart(response)
    assert head["Content-Type"] == "application/json"
    assert json.loads(content)["id"] == ids[0]
    assert [(h["X-Experience-API-Hash"], c) for h, c in attached] == [
        (sha(TEXT_1), TEXT_1),
        (sha(TEXT_2), TEXT_2),
    ]
    assert all(h["Content-Transfer-Encoding"] == "binary" for h, _c in attached)
    assert response["X-Experience-API-Consistent-Through"]
    listing = lrs.call("GET", URL, {"attachments": "true"})
    (head, content), *attached = parse_multipart(listing)
    assert {s["id"] for s in json.loads(content)["statements"]} == set(ids)
    assert sorted(h["X-Experience-API-Hash"] for h, _c in attached) == sorted(
        [sha(TEXT_1), sha(TEXT_2)]
    )


def test_get_attachments_leaves_out_content_we_do_not_hold(lrs):
    by_url = attachment(TEXT_1, fileUrl="http://over.there.com/file.txt")
    statement_id = lrs.call("POST", URL, body=statement(by_url)).json()[0]
    response = lrs.call("GET", URL, {"statementId": statement_id, "attachments": "true"})
    parts = parse_multipart(response)
    assert len(parts) == 1
    assert json.loads(parts[0][1])["attachments"][0]["fileUrl"] == by_url["fileUrl"]


def test_get_attachments_false_or_absent_is_plain_json(lrs):
    ids = send(lrs, multipart(statement(attachment(TEXT_1)), part(TEXT_1))).json()
    for params in ({"statementId": ids[0]}, {"statementId": ids[0], "attachments": "false"}):
        response = lrs.call("GET", URL, params)
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["attachments"][0]["sha2"] == sha(TEXT_1)
    assert lrs.call("GET", URL, {"attachments": "false"}).json()["statements"]


def test_more_pages_keep_the_attachments_format(lrs):
    for content in (TEXT_1, TEXT_2):
        assert (
            send(lrs, multipart(statement(attachment(content)), part(content))).status_code == 200
        )
    first = lrs.call("GET", URL, {"attachments": "true", "limit": "1"})
    (_head, content), (part_head, _c) = parse_multipart(first)
    more = json.loads(content)["more"]
    assert part_head["X-Experience-API-Hash"] == sha(TEXT_2)  # newest first
    second = lrs.call("GET", more)
    (_head, content), (part_head, _c) = parse_multipart(second)
    assert part_head["X-Experience-API-Hash"] == sha(TEXT_1)


def test_head_with_attachments_has_headers_and_no_body(lrs):
    ids = send(lrs, multipart(statement(attachment(TEXT_1)), part(TEXT_1))).json()
    response = lrs.call("HEAD", URL, {"statementId": ids[0], "attachments": "true"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("multipart/mixed; boundary=")
    assert b"".join(response.streaming_content) == b""


def test_caller_gets_only_attachments_of_statements_it_may_read(lrs, browser, make_lrs):
    ids = send(lrs, multipart(statement(attachment(TEXT_1)), part(TEXT_1))).json()
    mine = make_lrs(scopes=("statements/read/mine",))
    response = mine.call("GET", URL, {"statementId": ids[0], "attachments": "true"})
    assert response.status_code == 404
    listing = mine.call("GET", URL, {"attachments": "true"})
    parts = parse_multipart(listing)
    assert len(parts) == 1 and json.loads(parts[0][1])["statements"] == []


def test_plain_json_post_costs_no_extra_query(lrs):
    lrs.call("POST", URL, body=statement())  # warm caches (client, verbs)
    with CaptureQueriesContext(connection) as plain:
        assert lrs.call("POST", URL, body=statement()).status_code == 200
    with CaptureQueriesContext(connection) as by_url:
        by_url_body = statement(attachment(TEXT_1, fileUrl="http://over.there.com/file.txt"))
        assert lrs.call("POST", URL, body=by_url_body).status_code == 200
    assert not any("xapiattachment" in q["sql"] for q in plain.captured_queries)
    assert len(by_url.captured_queries) == len(plain.captured_queries)
