"""Multibase and multicodec encodings used by Data Integrity proofs and Multikey keys.

Only what the project needs, written out so that no extra package is pinned for ~40 lines:

- base58btc (the Bitcoin alphabet), multibase prefix ``z``: proof values and Multikey keys;
- base64url without padding, multibase prefix ``u``: Bitstring Status List ``encodedList``;
- the multicodec headers of Ed25519 keys: ``ed25519-pub`` (0xed, varint ``ed 01``) and
  ``ed25519-priv`` (0x1300, varint ``80 26``).
"""

import base64

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {char: value for value, char in enumerate(BASE58_ALPHABET)}

ED25519_PUB_HEADER = b"\xed\x01"
ED25519_PRIV_HEADER = b"\x80\x26"


def base58_encode(data: bytes) -> str:
    """Bitcoin base58: each leading zero byte becomes a leading ``1``."""
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(BASE58_ALPHABET[remainder])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(digits))


def base58_decode(text: str) -> bytes:
    """Inverse of :func:`base58_encode`; raises ValueError on a character outside the alphabet."""
    number = 0
    for char in text:
        try:
            number = number * 58 + _BASE58_INDEX[char]
        except KeyError:
            raise ValueError(f"not a base58btc character: {char!r}") from None
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase_base58btc_encode(data: bytes) -> str:
    return "z" + base58_encode(data)


def multibase_base58btc_decode(text: str) -> bytes:
    if not text.startswith("z"):
        raise ValueError("multibase value is not base58btc (no 'z' prefix)")
    return base58_decode(text[1:])


def multibase_base64url_encode(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def multibase_base64url_decode(text: str) -> bytes:
    if not text.startswith("u"):
        raise ValueError("multibase value is not base64url (no 'u' prefix)")
    body = text[1:]
    if "=" in body:
        raise ValueError("base64url in multibase has no padding")
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))


def multikey_ed25519_public_encode(raw: bytes) -> str:
    """``publicKeyMultibase`` of a Multikey: ``z`` + base58btc(``ed 01`` + 32 key bytes)."""
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return multibase_base58btc_encode(ED25519_PUB_HEADER + raw)


def multikey_ed25519_public_decode(text: str) -> bytes:
    data = multibase_base58btc_decode(text)
    if not data.startswith(ED25519_PUB_HEADER) or len(data) != 34:
        raise ValueError("not an ed25519-pub Multikey")
    return data[2:]


def multikey_ed25519_private_decode(text: str) -> bytes:
    """The 32-byte seed of a ``secretKeyMultibase`` (``ed25519-priv``, as in the spec vectors)."""
    data = multibase_base58btc_decode(text)
    if not data.startswith(ED25519_PRIV_HEADER) or len(data) != 34:
        raise ValueError("not an ed25519-priv Multikey")
    return data[2:]
