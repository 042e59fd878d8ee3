"""The issuer's Ed25519 key and its ``did:web`` DID document.

The private key lives in a PEM file (PKCS#8) outside the repository and outside the database; its
path comes from the ``CERTIFICATE_SIGNING_KEY_FILE`` setting (or is passed in). The public half is
published as a Multikey in ``did.json``, which the site serves at ``/.well-known/did.json`` so
that anyone can resolve ``did:web:<host>`` and check a credential without asking us.
"""

import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .multibase import multikey_ed25519_public_decode, multikey_ed25519_public_encode

KEY_FILE_SETTING = "CERTIFICATE_SIGNING_KEY_FILE"
DEFAULT_KEY_ID = "key-1"
DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]


class SigningKeyError(Exception):
    """The signing key file is missing, unreadable, too open or not an Ed25519 key."""


def key_generate() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def key_private_pem(private_key: Ed25519PrivateKey, *, password: bytes | None = None) -> bytes:
    """PKCS#8 PEM, encrypted with ``password`` when one is given."""
    encryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def key_private_write(private_key: Ed25519PrivateKey, path: str | Path) -> Path:
    """Write a new key file readable by its owner only (0600); refuses to overwrite one
    (FileExistsError). The file appears whole or not at all: it is written under a temporary
    name beside it and then linked into place, so a process reading it meanwhile never sees
    it half-written."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key_private_pem(private_key))
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)  # atomic; fails if the key exists
    finally:
        temporary.unlink(missing_ok=True)
    return path


def key_private_load(path: str | Path, *, password: bytes | None = None) -> Ed25519PrivateKey:
    """Load the Ed25519 private key from a PEM file; raises SigningKeyError.

    A file that group or others may read is refused: the key signs every certificate.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
        data = path.read_bytes()
    except OSError as error:
        raise SigningKeyError(f"cannot read the signing key file {path}: {error}") from error
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SigningKeyError(f"the signing key file {path} must be readable by its owner only")
    try:
        key = serialization.load_pem_private_key(data, password=password)
    except (ValueError, TypeError) as error:
        raise SigningKeyError(f"{path} is not a usable PEM private key: {error}") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{path} holds a {type(key).__name__}, not an Ed25519 key")
    return key


def key_private_from_settings() -> Ed25519PrivateKey:
    """The key named by ``settings.CERTIFICATE_SIGNING_KEY_FILE``; raises SigningKeyError."""
    from django.conf import settings  # the rest of this module needs no Django

    path = getattr(settings, KEY_FILE_SETTING, None)
    if not path:
        raise SigningKeyError(f"settings.{KEY_FILE_SETTING} is not set")
    return key_private_load(path)


def key_public_multibase(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return multikey_ed25519_public_encode(raw)


def key_public_from_multibase(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(multikey_ed25519_public_decode(text))


def did_web(host: str) -> str:
    """``did:web`` of a host; a port's colon is percent-encoded (``localhost%3A8000``)."""
    host = host.strip().lower()
    if not host or "/" in host:
        raise ValueError(f"not a bare host name: {host!r}")
    return "did:web:" + quote(host, safe=".-")


def verification_method_id(*, host: str, key_id: str = DEFAULT_KEY_ID) -> str:
    return f"{did_web(host)}#{key_id}"


def did_document(
    *,
    host: str,
    public_key: Ed25519PublicKey,
    key_id: str = DEFAULT_KEY_ID,
    retired_keys: Mapping[str, Ed25519PublicKey] | None = None,
) -> dict:
    """The DID document for ``did:web:<host>``, served as ``/.well-known/did.json``.

    ``public_key`` is the current signing key (``#key_id``). ``retired_keys`` {key id: key} keep
    credentials signed before a key rotation verifiable: they stay listed as assertion methods.
    """
    did = did_web(host)
    keys = {key_id: public_key, **(retired_keys or {})}
    methods = [
        {
            "id": f"{did}#{kid}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key_public_multibase(key),
        }
        for kid, key in keys.items()
    ]
    return {
        "@context": list(DID_CONTEXTS),
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def did_public_key(did_document: dict, verification_method: str) -> Ed25519PublicKey | None:
    """The key a DID document authorises for assertions under ``verification_method``, or None.

    The method must belong to the document's DID (id and controller), be listed (by reference
    or embedded) under ``assertionMethod``, and be an Ed25519 Multikey.
    """
    did = did_document.get("id")
    if not isinstance(did, str) or not verification_method.startswith(did + "#"):
        return None
    listed = [
        entry if isinstance(entry, str) else entry.get("id")
        for entry in did_document.get("assertionMethod", [])
        if isinstance(entry, str | dict)
    ]
    if verification_method not in listed:
        return None
    candidates = [
        *did_document.get("verificationMethod", []),
        *(entry for entry in did_document.get("assertionMethod", []) if isinstance(entry, dict)),
    ]
    for method in candidates:
        if not isinstance(method, dict) or method.get("id") != verification_method:
            continue
        if method.get("type") != "Multikey" or method.get("controller") != did:
            return None
        try:
            return key_public_from_multibase(method.get("publicKeyMultibase", ""))
        except ValueError:
            return None
    return None
