"""W3C Bitstring Status List v1.0: revocation of issued credentials.

Each credential gets an index in a list; the list is a bitstring whose bit *i* is 1 when the
credential at index *i* is revoked. Bit 0 is the most significant (leftmost) bit of the first
byte. ``encodedList`` is the bitstring GZIP-compressed, base64url-encoded without padding, with
the multibase prefix ``u``. The list is at least 131,072 bits (16 KiB) so that one revocation
says little about who was revoked.
"""

import gzip
import io
from collections.abc import Iterable
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .documents import CREDENTIALS_V2
from .integrity import xsd_datetime
from .multibase import multibase_base64url_decode, multibase_base64url_encode
from .openbadges import credential_sign

MIN_SIZE = 131_072
REVOCATION = "revocation"
# A status list grows only by issuing; the decoder refuses absurd sizes (a "zip bomb").
MAX_SIZE = 16 * 1024 * 1024 * 8


class StatusListError(ValueError):
    """An encodedList that is not a valid Bitstring Status List."""


def status_list_capacity(used: int) -> int:
    """How many entries a list needs when ``used`` of them are given out: at least MIN_SIZE, and
    never more than half full, so that a random free index is found in a few draws and a
    revoked bit still hides among many unused ones. Grows in steps of MIN_SIZE."""
    if used < 0:
        raise ValueError("a count of entries is not negative")
    return MIN_SIZE * (used // (MIN_SIZE // 2) + 1)


def status_list_encode(revoked_indexes: Iterable[int], size: int = MIN_SIZE) -> str:
    """``u`` + base64url(gzip(bitstring)), bit ``i`` set for every revoked index."""
    if size < MIN_SIZE or size % 8:
        raise ValueError(f"size must be a multiple of 8 and at least {MIN_SIZE}")
    bits = bytearray(size // 8)
    for index in revoked_indexes:
        if not 0 <= index < size:
            raise ValueError(f"index {index} is outside the list (size {size})")
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same list always encodes to the same text (stable signatures and ETags).
    return multibase_base64url_encode(gzip.compress(bytes(bits), mtime=0))


def status_list_bits(encoded_list: str) -> bytes:
    """The raw bitstring of an ``encodedList``; raises StatusListError."""
    try:
        compressed = multibase_base64url_decode(encoded_list)
        with gzip.GzipFile(fileobj=io.BytesIO(compressed)) as stream:
            bits = stream.read(MAX_SIZE // 8 + 1)
    except (ValueError, OSError, EOFError) as error:
        raise StatusListError(f"not a GZIP, base64url, multibase encodedList: {error}") from error
    if len(bits) > MAX_SIZE // 8:
        raise StatusListError("status list too large")
    if len(bits) * 8 < MIN_SIZE:
        raise StatusListError(f"STATUS_LIST_LENGTH_ERROR: fewer than {MIN_SIZE} bits")
    return bits


def status_list_decode(encoded_list: str) -> set[int]:
    """The set of indexes whose bit is 1; raises StatusListError."""
    bits = status_list_bits(encoded_list)
    return {
        byte_index * 8 + bit
        for byte_index, byte in enumerate(bits)
        if byte
        for bit in range(8)
        if byte & (0x80 >> bit)
    }


def status_list_is_set(encoded_list: str, index: int) -> bool:
    """Whether the credential at ``index`` is revoked; raises StatusListError when out of range."""
    bits = status_list_bits(encoded_list)
    if not 0 <= index < len(bits) * 8:
        raise StatusListError(f"STATUS_LIST_LENGTH_ERROR: index {index} outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_entry(*, status_list_url: str, index: int) -> dict:
    """The ``credentialStatus`` of a credential at ``index`` of the list at ``status_list_url``."""
    if index < 0:
        raise ValueError("a status list index is not negative")
    return {
        "id": f"{status_list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": REVOCATION,
        "statusListIndex": str(index),
        "statusListCredential": status_list_url,
    }


def status_list_credential(
    *,
    url: str,
    issuer: str,
    revoked_indexes: Iterable[int],
    private_key: Ed25519PrivateKey,
    verification_method: str,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    size: int = MIN_SIZE,
) -> dict:
    """A signed ``BitstringStatusListCredential`` published at ``url`` (revocation purpose).

    Sign it again after each revocation; verifiers check it with ``credential_verify`` like any
    credential of ours, then read the bit at the entry's ``statusListIndex``.
    """
    credential = {
        "@context": [CREDENTIALS_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": REVOCATION,
            "encodedList": status_list_encode(revoked_indexes, size),
        },
    }
    if valid_until:
        credential["validUntil"] = xsd_datetime(valid_until)
    return credential_sign(
        credential=credential,
        private_key=private_key,
        verification_method=verification_method,
        created=valid_from,
    )
