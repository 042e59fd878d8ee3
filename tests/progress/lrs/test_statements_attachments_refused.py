"""Statements resource: attachments refused (xAPI 1.0.3 Part Three §1.5 and §2.1, Part Two
§2.4.11), each requirement as the conformance suite sends it: a missing, extra or mismatched
part, a wrong hash, encoding or content type, a broken boundary, a body over the limits."""

import json

import pytest

from progress.models import Statement, XapiAttachment
from tests.progress.lrs.attachments import (
    BOUNDARY,
    TEXT_1,
    TEXT_2,
    TEXT_3,
    URL,
    attachment,
    multipart,
    part,
    send,
    sha,
    statement,
)

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
