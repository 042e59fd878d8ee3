"""progress.xapi.attachments: which content a statements request must carry (xAPI 1.0.3 Part
Three §1.5.1–1.5.2, Part Two §2.4.11): a fileUrl on every attachment of an application/json
request; in multipart/mixed, a part for each attachment without one and no part left over."""

import hashlib

import pytest

from progress.xapi import XapiError
from progress.xapi.attachments import attachments_match, attachments_urls_required

CONTENT = b"here is a simple attachment"
SHA = hashlib.sha256(CONTENT).hexdigest()


class FakePart:
    def __init__(self, content=CONTENT, content_type="text/plain"):
        self.content_type, self._content = content_type, content

    def content(self):
        return self._content


def attachment(**extra) -> dict:
    base = {
        "usageType": "http://example.com/attachment-usage/test",
        "display": {"vi": "Tệp"},
        "contentType": "text/plain",
        "length": len(CONTENT),
        "sha2": SHA,
    }
    return {**base, **extra}


def statement(*attachments) -> dict:
    return {"verb": {"id": "http://e.org/v"}, "object": {"id": "http://e.org/a"}} | (
        {"attachments": list(attachments)} if attachments else {}
    )


def error(call, *args) -> str:
    with pytest.raises(XapiError) as caught:
        call(*args)
    assert caught.value.status == 400
    return caught.value.message


def test_json_statements_without_attachments_pass_unchanged():
    body = [statement(), statement()]
    assert attachments_urls_required(body) is body


def test_json_attachment_needs_a_file_url_and_the_message_says_where():
    body = [statement(), statement(attachment(fileUrl="http://e.org/f"), attachment())]
    assert error(attachments_urls_required, body).startswith(
        "statement [1]: attachments[1].fileUrl: is required"
    )


def test_sub_statement_attachments_count_too():
    sub = {"objectType": "SubStatement", **statement(attachment())}
    body = {**statement(), "object": sub}
    assert "object.attachments[0].fileUrl" in error(attachments_urls_required, body)
    attachments_match(body, {SHA: FakePart()})


def test_multipart_parts_match_attachments_in_any_case():
    attachments_match(statement(attachment(sha2=SHA.upper())), {SHA: FakePart()})


def test_multipart_missing_and_extra_parts():
    assert "has no fileUrl and no part" in error(attachments_match, statement(attachment()), {})
    extra = {SHA: FakePart(), "ab" * 32: FakePart()}
    assert f"{'ab' * 32} is not an attachment" in error(
        attachments_match, statement(attachment()), extra
    )


def test_part_content_type_compared_without_parameters():
    declared = statement(attachment(contentType="Text/Plain; charset=ascii"))
    attachments_match(declared, {SHA: FakePart(content_type="text/plain")})
    attachments_match(declared, {SHA: FakePart(content_type="")})  # SHOULD, not MUST
    assert "Content-Type image/png" in error(
        attachments_match, declared, {SHA: FakePart(content_type="image/png")}
    )


def test_invalid_attachment_objects_are_left_to_validation():
    body = statement({"sha2": 12345, "fileUrl": "x"}, "not an object")
    attachments_urls_required(body)
    attachments_match(body, {})
