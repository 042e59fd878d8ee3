"""Signed credentials: eddsa-rdfc-2022 proofs, the DID document, offline contexts, status lists."""

import copy
import hashlib
import json
import socket
from datetime import UTC, date, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates.credentials import (
    Achievement,
    CanonicalizationError,
    ContextRefused,
    Evidence,
    Issuer,
    canonicalize,
    credential_build,
    credential_sign,
    credential_verify,
    did_document,
    did_web,
    document_loader,
    documents,
    key_generate,
    key_public_from_multibase,
    key_public_multibase,
    proof_add,
    proof_verify,
    status_entry,
    verification_method_id,
)
from certificates.credentials.documents import document_loader_make
from certificates.credentials.multibase import (
    base58_decode,
    multikey_ed25519_private_decode,
)

HOST = "congdanhoctap.example.vn"
SIGNED_AT = datetime(2025, 11, 20, 8, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return key_generate()


@pytest.fixture(scope="module")
def did(key) -> dict:
    return did_document(host=HOST, public_key=key.public_key())


def unsigned() -> dict:
    return credential_build(
        credential_id=f"https://{HOST}/xac-minh/7KQ2-M9XD",
        issuer=Issuer(id=did_web(HOST), name="Ủy ban nhân dân xã Củ Chi", url=f"https://{HOST}/"),
        achievement=Achievement(
            id=f"https://{HOST}/danh-hieu/cong-dan-hoc-tap/27553/2025",
            name="Công dân học tập năm 2025",
            description="Danh hiệu Công dân học tập của xã Củ Chi, năm 2025.",
            criteria_narrative="Đạt các tiêu chí công nhận Công dân học tập cấp xã.",
            achievement_type="Award",
        ),
        subject_name="Nguyễn Thị Hồng Nhung",
        subject_id="urn:uuid:8b0f3c0e-8f7e-4a4f-9d3e-2a4a3c1b5d6e",
        valid_from=datetime(2025, 11, 20, tzinfo=UTC),
        description="Số vào sổ: CDHT-2025-27553-000123",
        activity_end_date=date(2025, 11, 15),
        evidence=[Evidence(name="Quyết định số 123/QĐ-UBND ngày 15 tháng 11 năm 2025")],
        credential_status=status_entry(status_list_url=f"https://{HOST}/trang-thai/1", index=94567),
        valid_until=datetime(2035, 11, 20, tzinfo=UTC),
    )


@pytest.fixture(scope="module")
def signed(key) -> dict:
    return credential_sign(
        credential=unsigned(),
        private_key=key,
        verification_method=verification_method_id(host=HOST),
        created=SIGNED_AT,
    )


def leaves(node, path=()):
    """Every (path, value) of a JSON value whose value is a string, number or boolean."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from leaves(value, (*path, name))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, (*path, index))
    else:
        yield path, node


def changed(value):
    """The same value with one character (or bit, or unit) changed."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    for index in range(len(value) - 1, -1, -1):
        char = value[index]
        if char.isdigit():
            return value[:index] + str((int(char) + 1) % 10) + value[index + 1 :]
        if char.isascii() and char.isalpha():
            new = {"z": "a", "Z": "A"}.get(char, chr(ord(char) + 1))
            return value[:index] + new + value[index + 1 :]
    return value + "x"


def with_value(document, path, value):
    result = copy.deepcopy(document)
    target = result
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return result


# --- sign and verify ------------------------------------------------------------------------


def test_signed_credential_verifies(signed, did):
    assert signed["proof"] == {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2025-11-20T08:30:00Z",
        "verificationMethod": f"did:web:{HOST}#key-1",
        "proofPurpose": "assertionMethod",
        "proofValue": signed["proof"]["proofValue"],
    }
    assert signed["proof"]["proofValue"].startswith("z")
    assert len(base58_decode(signed["proof"]["proofValue"][1:])) == 64
    assert credential_verify(credential=signed, did_document=did)
    assert credential_verify(credential=json.loads(json.dumps(signed)), did_document=did)


def test_open_badges_shape(signed):
    assert signed["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert signed["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert signed["issuer"]["type"] == ["Profile"]
    subject = signed["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["achievement"]["type"] == ["Achievement"]
    assert subject["identifier"][0]["identityHash"] == "Nguyễn Thị Hồng Nhung"
    assert signed["credentialStatus"] == {
        "id": f"https://{HOST}/trang-thai/1#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": f"https://{HOST}/trang-thai/1",
    }


def test_changing_any_single_field_breaks_the_signature(signed, did):
    paths = list(leaves(signed))
    covered = {path for path, _value in paths}
    for path in (
        ("credentialSubject", "identifier", 0, "identityHash"),  # the person's name
        ("validFrom",),
        ("validUntil",),
        ("issuer", "id"),
        ("issuer", "name"),
        ("credentialSubject", "achievement", "name"),
        ("credentialStatus", "statusListIndex"),
        ("evidence", 0, "name"),
        *(("proof", name) for name in signed["proof"]),
    ):
        assert path in covered, path
    assert len(paths) == 39
    for path, value in paths:
        tampered = with_value(signed, path, changed(value))
        assert tampered != signed
        assert not credential_verify(credential=tampered, did_document=did), path


def test_removing_any_single_field_breaks_the_signature(signed, did):
    removable = [path for path, _value in leaves(signed) if isinstance(path[-1], str)]
    for path in removable:
        tampered = copy.deepcopy(signed)
        target = tampered
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
        assert not credential_verify(credential=tampered, did_document=did), path


def test_an_added_field_breaks_the_signature(signed, did):
    added = with_value(signed, ("credentialSubject", "achievement", "humanCode"), "CDHT")
    assert not credential_verify(credential=added, did_document=did)
    # A term that no context defines would drop out of the canonical form unnoticed; safe mode
    # makes it fail instead.
    undefined = with_value(signed, ("credentialSubject", "ghiChu"), "thêm vào sau")
    assert not credential_verify(credential=undefined, did_document=did)


def test_undefined_terms_cannot_be_signed(key):
    document = {**unsigned(), "ghiChu": "không có trong ngữ cảnh"}
    with pytest.raises(CanonicalizationError, match="not defined"):
        credential_sign(credential=document, private_key=key, verification_method="did:web:x#k")


def test_verification_needs_the_issuers_own_key(signed, key):
    stranger = did_document(host=HOST, public_key=key_generate().public_key())
    assert not credential_verify(credential=signed, did_document=stranger)
    other_host = did_document(host="khac.example.vn", public_key=key.public_key())
    assert not credential_verify(credential=signed, did_document=other_host)
    not_for_assertions = did_document(host=HOST, public_key=key.public_key())
    not_for_assertions["assertionMethod"] = []
    assert not credential_verify(credential=signed, did_document=not_for_assertions)
    assert not credential_verify(credential={"proof": "x"}, did_document=stranger)
    assert not credential_verify(credential=unsigned(), did_document=stranger)


def test_retired_keys_still_verify_old_credentials(signed, key):
    rotated = did_document(
        host=HOST,
        public_key=key_generate().public_key(),
        key_id="key-2",
        retired_keys={"key-1": key.public_key()},
    )
    assert credential_verify(credential=signed, did_document=rotated)


def test_verification_works_with_the_network_disabled(signed, did, monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    documents._resolver_cache.clear()  # resolve every context again, from the files
    assert credential_verify(credential=signed, did_document=did)
    assert not credential_verify(
        credential=with_value(signed, ("name",), "Giả mạo"), did_document=did
    )


def test_the_loader_serves_shipped_contexts_and_refuses_everything_else():
    for url in (
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ):
        assert "@context" in document_loader(url)["document"]
    for url in (
        "https://www.w3.org/ns/credentials/examples/v2",
        "https://evil.example/context.json",
        "http://www.w3.org/ns/credentials/v2",
    ):
        with pytest.raises(ContextRefused):
            document_loader(url)


def test_a_credential_naming_an_unknown_context_does_not_verify(signed, did, key):
    extended = copy.deepcopy(signed)
    extended["@context"].append("https://evil.example/context.json")
    assert not credential_verify(credential=extended, did_document=did)
    document = {**unsigned(), "@context": [*unsigned()["@context"], "https://x.example/c"]}
    with pytest.raises(CanonicalizationError):
        credential_sign(credential=document, private_key=key, verification_method="did:web:x#k")


# --- the published test vector of vc-di-eddsa (eddsa-rdfc-2022) -----------------------------
# W3C "Data Integrity EdDSA Cryptosuites v1.0", test vectors for eddsa-rdfc-2022: key pair,
# unsigned "Alumni Credential", proof options, and the expected canonical proof configuration,
# hash data and proofValue.

VECTOR_PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
VECTOR_SECRET = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
VECTOR_CONTEXTS = {
    "https://www.w3.org/ns/credentials/examples/v2": {
        "@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}
    }
}
VECTOR_DOCUMENT = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/ns/credentials/examples/v2",
    ],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
}
VECTOR_METHOD = f"https://vc.example/issuers/5678#{VECTOR_PUBLIC}"
VECTOR_PROOF_CANONICAL = (
    '_:c14n0 <http://purl.org/dc/terms/created> "2023-02-24T23:36:38Z"'
    "^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n"
    "_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://w3id.org/security#DataIntegrityProof> .\n"
    '_:c14n0 <https://w3id.org/security#cryptosuite> "eddsa-rdfc-2022"'
    "^^<https://w3id.org/security#cryptosuiteString> .\n"
    "_:c14n0 <https://w3id.org/security#proofPurpose> "
    "<https://w3id.org/security#assertionMethod> .\n"
    "_:c14n0 <https://w3id.org/security#verificationMethod> "
    f"<{VECTOR_METHOD}> .\n"
)
VECTOR_HASH_DATA = (
    "4c4d3890a157f8d611b13c265c2c22f39aa0a567c7c7dd9ba3e45cd579784eeb"
    "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017"
)
VECTOR_PROOF_VALUE = (
    "z21EVs3eXERqTn4acNHT9viboqgzUaQ3kTmhPT3eA8qrVPE7CrQq78WkzctnMX5W4CrzcKnHw8V6dvy5pgWYCU5e9"
)


def test_spec_vector_key_pair_decodes():
    secret = Ed25519PrivateKey.from_private_bytes(multikey_ed25519_private_decode(VECTOR_SECRET))
    assert key_public_multibase(secret.public_key()) == VECTOR_PUBLIC


def test_spec_vector_is_reproduced_exactly():
    loader = document_loader_make(VECTOR_CONTEXTS)
    secret = Ed25519PrivateKey.from_private_bytes(multikey_ed25519_private_decode(VECTOR_SECRET))
    config = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2023-02-24T23:36:38Z",
        "verificationMethod": VECTOR_METHOD,
        "proofPurpose": "assertionMethod",
        "@context": VECTOR_DOCUMENT["@context"],
    }
    canonical_config = canonicalize(config, loader=loader)
    assert canonical_config == VECTOR_PROOF_CANONICAL
    canonical_document = canonicalize(VECTOR_DOCUMENT, loader=loader)
    hash_data = (
        hashlib.sha256(canonical_config.encode()).digest()
        + hashlib.sha256(canonical_document.encode()).digest()
    )
    assert hash_data.hex() == VECTOR_HASH_DATA

    secured = proof_add(
        document=VECTOR_DOCUMENT,
        private_key=secret,
        verification_method=VECTOR_METHOD,
        created="2023-02-24T23:36:38Z",
        loader=loader,
    )
    assert secured["proof"]["proofValue"] == VECTOR_PROOF_VALUE
    assert secured == {
        **VECTOR_DOCUMENT,
        "proof": {**config_without_context(config), "proofValue": VECTOR_PROOF_VALUE},
    }
    public = key_public_from_multibase(VECTOR_PUBLIC)
    assert proof_verify(document=secured, public_key=public, loader=loader)
    altered = with_value(secured, ("credentialSubject", "alumniOf"), "The School of Exemples")
    assert not proof_verify(document=altered, public_key=public, loader=loader)


def config_without_context(config):
    return {name: value for name, value in config.items() if name != "@context"}


def test_a_vector_context_does_not_leak_into_the_strict_loader():
    canonicalize(VECTOR_DOCUMENT, loader=document_loader_make(VECTOR_CONTEXTS))
    with pytest.raises(CanonicalizationError):
        canonicalize(VECTOR_DOCUMENT)
