"""progress.xapi.signatures: signed statements as xAPI 1.0.3 Part Two §2.6 (and 2.0) states —
RS256/384/512 only, the payload logically equal to the statement sent, the x5c certificate's
key verifying the signature when the header has one. Through the statements resource:
tests/progress/lrs/test_statements_signed.py."""

import base64
import datetime
import hashlib
import json
import uuid

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from progress.xapi import XapiError
from progress.xapi.signatures import SIGNATURE, signature_verify, statements_equivalent
from tests.progress.lrs.attachments import ACTOR

VERB = {"id": "http://adlnet.gov/expapi/verbs/attended", "display": {"en-US": "attended"}}
HASH_OF = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def other_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def certificate(key) -> str:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Trung tâm học tập cộng đồng")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()


def jws(payload, key, alg="RS256", **header) -> bytes:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    head = b64url(json.dumps({"alg": alg, **header}).encode())
    signing_input = f"{head}.{b64url(body)}".encode()
    if alg.startswith("RS"):
        signature = key.sign(signing_input, padding.PKCS1v15(), HASH_OF[alg]())
    else:
        signature = hashlib.sha256(signing_input).digest()  # not a real HS256: refused anyway
    return signing_input + b"." + b64url(signature).encode()


def statement(**parts) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": ACTOR,
        "verb": VERB,
        "object": {"objectType": "Activity", "id": "http://www.example.com/meetings/34534"},
        **parts,
    }


def signed(original: dict, token: bytes, content_type="application/octet-stream") -> dict:
    return {
        **original,
        "attachments": [
            {
                "usageType": SIGNATURE,
                "display": {"vi": "Chữ ký"},
                "contentType": content_type,
                "length": len(token),
                "sha2": hashlib.sha256(token).hexdigest(),
            }
        ],
    }


def refused(original: dict, token: bytes, words: str):
    with pytest.raises(XapiError) as caught:
        signature_verify(original, token)
    assert caught.value.status == 400
    assert words in caught.value.message


# --- The JWS ---------------------------------------------------------------------------------


@pytest.mark.parametrize("alg", ["RS256", "RS384", "RS512"])
def test_rsa_algorithms_are_accepted(key, alg):
    original = statement()
    signature_verify(original, jws(original, key, alg))


@pytest.mark.parametrize("alg", ["HS256", "none", "ES256", "PS256"])
def test_other_algorithms_are_refused(key, alg):
    original = statement()
    refused(original, jws(original, key, alg), "must be RS256, RS384 or RS512")


def test_payload_that_is_not_json_is_refused(key):
    original = statement()
    broken = json.dumps(original).replace('"', "'", 1).encode()
    refused(original, jws(broken, key), "payload is not a JSON statement")


def test_not_a_compact_jws_is_refused(key):
    original = statement()
    refused(original, b"not a jws", "compact serialization")
    general = json.dumps({"payload": "e30", "signatures": []}).encode()
    refused(original, general, "compact serialization")
    refused(original, b"@@.e30.AA", "not base64url")


def test_x5c_certificate_must_verify_the_signature(key, other_key):
    original = statement()
    signature_verify(original, jws(original, key, x5c=[certificate(key)]))
    refused(
        original,
        jws(original, key, x5c=[certificate(other_key)]),
        "does not verify with its x5c certificate",
    )
    token = jws(original, key, x5c=[certificate(key)])
    head, payload, _sig = token.split(b".")
    tampered = head + b"." + payload + b"." + b64url(b"\x00" * 256).encode()
    refused(original, tampered, "does not verify")


def test_x5c_must_hold_an_rsa_certificate(key):
    original = statement()
    refused(original, jws(original, key, x5c=["not base64!"]), "cannot be read")
    refused(original, jws(original, key, x5c="abc"), "x5c must be a list")
    ec_key = ec.generate_private_key(ec.SECP256R1())
    refused(original, jws(original, key, x5c=[certificate(ec_key)]), "not an RSA key")


# --- Comparing the signed statement ----------------------------------------------------------


def test_payload_must_be_the_statement_sent(key):
    original = statement()
    other = {**original, "verb": {"id": "http://adlnet.gov/expapi/verbs/failed"}}
    refused(other, jws(original, key), "differs from the statement sent")
    scored = {**original, "result": {"score": {"raw": 10}}}
    refused(scored, jws({**original, "result": {"score": {"raw": 9}}}, key), "differs")


@pytest.mark.parametrize(
    ("signed_part", "sent_part"),
    [
        ({"timestamp": "2023-05-04T12:00:00-05:00"}, {"timestamp": "2023-05-04T17:00:00.000Z"}),
        ({"result": {"duration": "P1DT12H36M0.12S"}}, {"result": {"duration": "PT0.1237S"}}),
        ({}, {"authority": {"mbox": "mailto:lrs@example.org"}, "version": "1.0.3"}),
        ({"verb": {"id": VERB["id"]}}, {"verb": {**VERB, "display": {"vi": "đã dự"}}}),
        ({"actor": {"mbox": "mailto:A@Example.ORG"}}, {"actor": {"mbox": "mailto:A@example.org"}}),
        (
            {"context": {"contextActivities": {"parent": {"id": "http://e.org/c"}}}},
            {"context": {"contextActivities": {"parent": [{"id": "http://e.org/c"}]}}},
        ),
    ],
)
def test_differences_the_spec_ignores(key, signed_part, sent_part):
    base = statement()
    signed_statement = {**base, **signed_part}
    if "result" in sent_part:
        signed_statement["result"] = {"duration": "PT0.12S"}
    sent = {**base, **sent_part}
    assert statements_equivalent(signed_statement, sent)


def test_group_members_in_any_order_and_ids_in_any_case():
    members = [{"mbox": "mailto:a@example.org"}, {"mbox": "mailto:b@example.org"}]
    group = {"objectType": "Group", "member": members}
    first = statement(actor=group)
    second = {**first, "id": first["id"].upper(), "actor": {**group, "member": members[::-1]}}
    assert statements_equivalent(first, second)


def test_id_and_timestamp_added_after_signing_are_ignored_but_not_changed():
    base = statement()
    unsigned_id = {key: value for key, value in base.items() if key != "id"}
    assert statements_equivalent(unsigned_id, {**base, "timestamp": "2026-01-01T00:00:00Z"})
    assert not statements_equivalent(base, {**base, "id": str(uuid.uuid4())})
    assert not statements_equivalent(
        {**base, "timestamp": "2026-01-01T00:00:00Z"}, {**base, "timestamp": "2026-01-02T00:00Z"}
    )
    assert not statements_equivalent(base, {**base, "context": {"platform": "khác"}})
