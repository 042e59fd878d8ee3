"""Statements resource: signed statements (xAPI 1.0.3 Part Two §2.6, 2.0 the same) sent as the
ADL conformance suite sends them — the JWS as a multipart part, 400 for a malformed one."""

import json

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from progress.models import Statement, XapiAttachment
from tests.progress.lrs.attachments import URL, multipart, part, send
from tests.progress.xapi.test_signatures import certificate, jws, signed, statement


@pytest.fixture(scope="module")
def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def post_signed(lrs, original: dict, token: bytes, content_type="application/octet-stream"):
    body = signed(original, token, content_type)
    return send(lrs, multipart(body, part(token, content_type)))


@pytest.mark.parametrize("alg", ["RS256", "RS384", "RS512"])
def test_signed_statement_is_stored_with_its_signature(lrs, key, alg):
    original = statement()
    token = jws(original, key, alg, x5c=[certificate(key)])
    response = post_signed(lrs, original, token)
    assert response.status_code == 200, response.content
    assert Statement.objects.filter(statement_id=original["id"]).exists()
    assert bytes(XapiAttachment.objects.get().content) == token


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda o, k: (jws(o, k, "HS256"), "application/octet-stream"), "RS256, RS384 or RS512"),
        (lambda o, k: (jws(o, k), "text/plain; charset=ascii"), "must be application/octet-stream"),
        (lambda o, k: (jws(b"{'id': 1}", k), "application/octet-stream"), "not a JSON statement"),
        (lambda o, k: (jws({**o, "verb": {"id": "http://e.org/v"}}, k), "application/octet-stream"),
         "differs from the statement sent"),
    ],
)  # fmt: skip
def test_malformed_signature_is_refused_with_400(lrs, key, make, words):
    original = statement()
    token, content_type = make(original, key)
    response = post_signed(lrs, original, token, content_type)
    assert response.status_code == 400, response.content
    assert words in response.json()["error"]
    assert not Statement.objects.filter(statement_id=original["id"]).exists()
    assert XapiAttachment.objects.count() == 0


def test_signature_must_come_as_a_part(lrs, key):
    original = statement()
    body = signed(original, jws(original, key))
    body["attachments"][0]["fileUrl"] = "https://example.org/signature.jws"
    response = lrs.call("POST", URL, body=body)
    assert response.status_code == 400
    assert "signature must be sent as a part" in response.json()["error"]
    response = send(lrs, multipart(body))
    assert response.status_code == 400
    assert "signature must be sent as a part" in response.json()["error"]


def test_conformance_suite_body_shape(lrs, key):
    """As the ADL suite's signStatement builds it: a leading CRLF, headers without spaces."""
    original = statement()
    token = jws(original, key)
    body = signed(original, token)
    boundary = "-------------1234567"
    payload = b"".join(
        [
            f"\r\n--{boundary}\r\nContent-Type:application/json\r\n\r\n".encode(),
            json.dumps(body).encode(),
            f"\r\n--{boundary}\r\nContent-Type:application/octet-stream\r\n"
            f"Content-Transfer-Encoding:binary\r\nX-Experience-API-Hash:"
            f"{body['attachments'][0]['sha2']}\r\n\r\n".encode(),
            token,
            f"\r\n--{boundary}--".encode(),
        ]
    )
    assert send(lrs, payload, boundary=boundary).status_code == 200


def test_put_signed_statement_takes_its_id_from_the_parameter(lrs, key):
    original = statement()
    token = jws(original, key)
    body = signed(original, token)
    del body["id"]  # the statement id comes as statementId, as the signed payload has it
    payload = multipart(body, part(token, "application/octet-stream"))
    response = send(lrs, payload, method="PUT", params={"statementId": original["id"]})
    assert response.status_code == 204, response.content
    other = send(lrs, payload, method="PUT", params={"statementId": statement()["id"]})
    assert other.status_code == 400
    assert "differs from the statement sent" in other.json()["error"]
