"""The issuer's key file, its did:web DID document, and the multibase encodings they use."""

import json
import os

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates.credentials import (
    SigningKeyError,
    did_document,
    did_public_key,
    did_web,
    key_generate,
    key_private_from_settings,
    key_private_load,
    key_private_pem,
    key_private_write,
    key_public_multibase,
)
from certificates.credentials.multibase import base58_decode, base58_encode

HOST = "congdanhoctap.example.vn"


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return key_generate()


@pytest.fixture(scope="module")
def did(key) -> dict:
    return did_document(host=HOST, public_key=key.public_key())


def test_did_document_round_trip(key, did):
    assert did["id"] == f"did:web:{HOST}"
    method = did["verificationMethod"][0]
    assert method == {
        "id": f"did:web:{HOST}#key-1",
        "type": "Multikey",
        "controller": f"did:web:{HOST}",
        "publicKeyMultibase": method["publicKeyMultibase"],
    }
    assert did["assertionMethod"] == [method["id"]]
    multikey = base58_decode(method["publicKeyMultibase"][1:])
    assert multikey[:2] == b"\xed\x01" and len(multikey) == 34
    assert method["publicKeyMultibase"].startswith("z6Mk")
    served = json.loads(json.dumps(did))  # as /.well-known/did.json would carry it
    found = did_public_key(served, f"did:web:{HOST}#key-1")
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    assert found.public_bytes(*raw) == key.public_key().public_bytes(*raw)
    assert did_public_key(served, f"did:web:{HOST}#key-9") is None
    assert did_public_key(served, "did:web:khac.example.vn#key-1") is None


def test_did_web_encodes_a_port():
    assert did_web("localhost:8000") == "did:web:localhost%3A8000"
    with pytest.raises(ValueError):
        did_web("example.vn/path")


def test_key_file_round_trip(tmp_path, key):
    path = key_private_write(key, tmp_path / "signing.pem")
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    loaded = key_private_load(path)
    assert key_public_multibase(loaded.public_key()) == key_public_multibase(key.public_key())
    with pytest.raises(FileExistsError):
        key_private_write(key, path)


def test_key_file_problems_are_refused(tmp_path, key):
    with pytest.raises(SigningKeyError, match="cannot read"):
        key_private_load(tmp_path / "missing.pem")
    open_file = tmp_path / "open.pem"
    open_file.write_bytes(key_private_pem(key))
    os.chmod(open_file, 0o644)
    with pytest.raises(SigningKeyError, match="owner only"):
        key_private_load(open_file)
    ec_file = tmp_path / "ec.pem"
    ec_pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    ec_file.write_bytes(ec_pem)
    os.chmod(ec_file, 0o600)
    with pytest.raises(SigningKeyError, match="not an Ed25519"):
        key_private_load(ec_file)


def test_key_from_settings(tmp_path, key, settings):
    settings.CERTIFICATE_SIGNING_KEY_FILE = str(key_private_write(key, tmp_path / "k.pem"))
    loaded = key_private_from_settings()
    assert key_public_multibase(loaded.public_key()) == key_public_multibase(key.public_key())
    settings.CERTIFICATE_SIGNING_KEY_FILE = ""
    with pytest.raises(SigningKeyError, match="not set"):
        key_private_from_settings()


def test_base58_keeps_leading_zeros():
    for data in (b"", b"\0", b"\0\0\x01", bytes(range(40)), b"\xff" * 33):
        assert base58_decode(base58_encode(data)) == data
    assert base58_encode(b"hello world") == "StV1DL6CwTryKyV"


def test_racing_writers_and_readers_never_see_a_half_written_key(tmp_path):
    import contextlib
    import threading

    for round_number in range(20):
        path = tmp_path / f"race-{round_number}.pem"
        start, loaded, errors = threading.Barrier(8), [], []

        def writer_then_reader(path=path, start=start, loaded=loaded, errors=errors):
            start.wait()
            with contextlib.suppress(FileExistsError):
                key_private_write(key_generate(), path)
            try:
                loaded.append(key_public_multibase(key_private_load(path).public_key()))
            except SigningKeyError as error:
                errors.append(error)

        threads = [threading.Thread(target=writer_then_reader) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [] and len(set(loaded)) == 1 and len(loaded) == 8
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"race-{n}.pem" for n in range(20))  # no temporary files left
