"""Bitstring Status List v1.0: the encoded list bit by bit, and the signed list credential."""

import base64
import copy
import gzip

import pytest

from certificates.credentials import (
    MIN_SIZE,
    StatusListError,
    credential_verify,
    did_document,
    did_web,
    key_generate,
    status_list_bits,
    status_list_credential,
    status_list_decode,
    status_list_encode,
    status_list_is_set,
    verification_method_id,
)

HOST = "congdanhoctap.example.vn"


def raw_bits(encoded: str) -> bytes:
    """Decode independently of the module: multibase 'u', base64url without padding, GZIP."""
    assert encoded.startswith("u")
    body = encoded[1:]
    assert "=" not in body and "+" not in body and "/" not in body
    compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    assert compressed[:2] == b"\x1f\x8b"  # a GZIP member (RFC 1952)
    return gzip.decompress(compressed)


@pytest.mark.parametrize("index", [0, 1, 7, 8, 9, 4242, 94567, 131071])
def test_revoking_k_sets_exactly_bit_k(index):
    bits = raw_bits(status_list_encode({index}))
    assert len(bits) * 8 == MIN_SIZE
    expected = bytearray(MIN_SIZE // 8)
    expected[index // 8] = 0x80 >> (index % 8)  # bit 0 is the first byte's most significant bit
    assert bits == bytes(expected)
    assert status_list_decode(status_list_encode({index})) == {index}


def test_revoking_one_more_flips_only_its_bit():
    base = {3, 17, 1000, 131070}
    before = raw_bits(status_list_encode(base))
    for index in (0, 7, 8, 131071):
        after = raw_bits(status_list_encode(base | {index}))
        flipped = [
            byte * 8 + bit
            for byte in range(len(before))
            if before[byte] != after[byte]
            for bit in range(8)
            if (before[byte] ^ after[byte]) & (0x80 >> bit)
        ]
        assert flipped == [index]
        assert status_list_is_set(status_list_encode(base | {index}), index)
        assert not status_list_is_set(status_list_encode(base), index)


def test_status_list_round_trip_and_limits():
    revoked = {0, 5, 99, 65536, 131071}
    encoded = status_list_encode(revoked)
    assert status_list_decode(encoded) == revoked
    assert status_list_encode(revoked) == encoded  # deterministic
    assert status_list_decode(status_list_encode(set(), size=MIN_SIZE * 2)) == set()
    with pytest.raises(ValueError):
        status_list_encode({MIN_SIZE})
    with pytest.raises(ValueError):
        status_list_encode(set(), size=1024)
    short = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(100))).decode().rstrip("=")
    with pytest.raises(StatusListError, match="LENGTH"):
        status_list_decode(short)
    with pytest.raises(StatusListError):
        status_list_decode(encoded[1:])  # no multibase prefix
    with pytest.raises(StatusListError):
        status_list_is_set(encoded, MIN_SIZE)


def test_the_specs_example_list_decodes():
    # The empty 16 KiB list of the Bitstring Status List v1.0 examples.
    example = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
    assert len(status_list_bits(example)) * 8 == MIN_SIZE
    assert status_list_decode(example) == set()


def test_status_list_credential_is_signed_and_readable():
    key = key_generate()
    did = did_document(host=HOST, public_key=key.public_key())
    url = f"https://{HOST}/trang-thai/1"
    credential = status_list_credential(
        url=url,
        issuer=did_web(HOST),
        revoked_indexes={94567, 12},
        private_key=key,
        verification_method=verification_method_id(host=HOST),
    )
    assert credential["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = credential["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    assert subject["id"] == f"{url}#list"
    assert credential_verify(credential=credential, did_document=did)
    assert status_list_decode(subject["encodedList"]) == {94567, 12}
    forged = copy.deepcopy(credential)
    forged["credentialSubject"]["encodedList"] = status_list_encode({1})
    assert not credential_verify(credential=forged, did_document=did)
