"""Statements resource: attachments (xAPI 1.0.3 Part Three §1.5 and §2.1, Part Two §2.4.11;
xAPI 2.0 the same), each requirement as the conformance suite sends it.

PUT/POST as ``multipart/mixed``: the statements first (``application/json``), then one part per
attachment content with ``X-Experience-API-Hash`` and ``Content-Transfer-Encoding: binary``.
GET with ``attachments=true`` answers ``multipart/mixed`` with the content we hold, each once.
What is refused: test_statements_attachments_refused.
"""

import hashlib
import json
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from progress.models import Statement, XapiAttachment
from tests.progress.lrs.attachments import (
    BOUNDARY,
    TEXT_1,
    TEXT_2,
    URL,
    attachment,
    multipart,
    parse_multipart,
    part,
    send,
    sha,
    statement,
)

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
