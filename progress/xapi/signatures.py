"""Signed statements (xAPI 1.0.3 Part Two §2.6; xAPI 2.0 the same): ``signature_verify``.

A signature is a JWS (RFC 7515, compact serialization) sent as an attachment with usageType
``SIGNATURE`` and contentType ``application/octet-stream``. The LRS checks that it is well
formed, not who signed: the algorithm is RS256, RS384 or RS512; the payload is a JSON statement
logically equivalent to the statement received (``statements_equivalent``); when the header
carries ``x5c``, the signature verifies with the first certificate's RSA key. Anything else is a
malformed signature: XapiError (400). RSA verification is ``cryptography``'s.
"""

import base64
import binascii
import json
import re
from datetime import UTC
from decimal import Decimal

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from progress.xapi.values import XapiError, json_parse, timestamp_parse

SIGNATURE = "http://adlnet.gov/expapi/attachments/signature"
ALGORITHMS = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}
MAX_JWS_BYTES = 256 * 1024
B64URL_RE = re.compile(r"^[A-Za-z0-9_-]*$")
# What the LRS may set or change, so a difference there never breaks a signature
# (§2.3.1 Statement Immutability, "Statement Comparison Requirements").
LRS_SET = ("authority", "stored", "version", "attachments")
SECONDS_RE = re.compile(r"(\d+(?:[.,]\d+)?)S$")
ROOT = "<statement>"


def _b64url(text: str, what: str) -> bytes:
    if not B64URL_RE.fullmatch(text):
        raise XapiError(f"signature: the JWS {what} is not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise XapiError(f"signature: the JWS {what} is not base64url") from None


def _jws_parts(jws: bytes) -> tuple[dict, bytes, bytes, bytes]:
    """(header, payload, signature, signing input) of a compact JWS, or XapiError."""
    if len(jws) > MAX_JWS_BYTES:
        raise XapiError("signature: the JWS is too large")
    try:
        text = jws.decode("ascii").strip()
    except UnicodeDecodeError:
        raise XapiError("signature: the JWS must use the compact serialization") from None
    pieces = text.split(".")
    if len(pieces) != 3:
        raise XapiError("signature: the JWS must use the compact serialization")
    header_raw = _b64url(pieces[0], "header")
    try:
        header = json.loads(header_raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise XapiError("signature: the JWS header is not JSON") from None
    if not isinstance(header, dict):
        raise XapiError("signature: the JWS header is not a JSON object")
    payload = _b64url(pieces[1], "payload")
    signature = _b64url(pieces[2], "signature")
    return header, payload, signature, f"{pieces[0]}.{pieces[1]}".encode("ascii")


def _certificate_key(header: dict) -> rsa.RSAPublicKey:
    chain = header["x5c"]
    if not isinstance(chain, list) or not chain or not isinstance(chain[0], str):
        raise XapiError("signature: x5c must be a list of base64 certificates")
    try:
        certificate = x509.load_der_x509_certificate(base64.b64decode(chain[0], validate=True))
    except (binascii.Error, ValueError):
        raise XapiError("signature: the first x5c certificate cannot be read") from None
    key = certificate.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise XapiError("signature: the x5c certificate's key is not an RSA key")
    return key


def signature_verify(statement: dict, jws: bytes) -> None:
    """Check the JWS ``jws`` signing ``statement`` (as received); XapiError (400) if malformed."""
    header, payload, signature, signing_input = _jws_parts(jws)
    algorithm = header.get("alg")
    if algorithm not in ALGORITHMS:
        raise XapiError("signature: the JWS algorithm must be RS256, RS384 or RS512")
    if header.get("crit") is not None:
        raise XapiError("signature: critical JWS header parameters are not supported")
    try:
        signed = json_parse(payload)
    except XapiError:
        raise XapiError("signature: the JWS payload is not a JSON statement") from None
    if not isinstance(signed, dict):
        raise XapiError("signature: the JWS payload is not a JSON statement")
    if not statements_equivalent(signed, statement):
        raise XapiError("signature: the signed statement differs from the statement sent")
    if "x5c" in header:
        key = _certificate_key(header)
        try:
            key.verify(signature, signing_input, padding.PKCS1v15(), ALGORITHMS[algorithm]())
        except InvalidSignature:
            raise XapiError("signature: the JWS does not verify with its x5c certificate") from None


# --- Statement comparison ------------------------------------------------------------------


def statements_equivalent(signed: dict, received: dict) -> bool:
    """Whether the signed statement and the received one are logically the same: properties
    the LRS sets are left out (and id/timestamp when the signed one lacks them), timestamps
    compare as instants, durations to 0.01 s, UUIDs and e-mail domains without case, Group
    members in any order, Verb display and Activity definitions are not part of a statement,
    an omitted objectType is its default."""
    left, right = dict(signed), dict(received)
    for key in LRS_SET:
        left.pop(key, None)
        right.pop(key, None)
    for key in ("id", "timestamp"):
        if key not in left:
            right.pop(key, None)
    try:
        return _normal(left, ROOT) == _normal(right, ROOT)
    except (TypeError, ValueError, AttributeError, KeyError, XapiError):
        return False  # one of them is not a valid statement at all


def _agent(value) -> dict:
    out = {key: _normal(item, key) for key, item in value.items()}
    out.setdefault("objectType", "Agent")
    if isinstance(out.get("mbox"), str) and "@" in out["mbox"]:
        local, _, domain = out["mbox"].rpartition("@")
        out["mbox"] = f"{local}@{domain.lower()}"
    if isinstance(out.get("member"), list):
        out["member"] = sorted(out["member"], key=lambda m: json.dumps(m, sort_keys=True))
    return out


def _object(value) -> dict:
    kind = value.get("objectType", "Activity")
    if kind in ("Agent", "Group"):
        return _agent(value)
    if kind == "SubStatement":
        out = _normal(value, ROOT)
    else:
        out = {key: _normal(item, key) for key, item in value.items() if key != "definition"}
    if kind == "StatementRef" and isinstance(out.get("id"), str):
        out["id"] = out["id"].lower()
    out["objectType"] = kind
    return out


def _duration(value: str) -> str:
    """Seconds truncated (not rounded) to hundredths."""
    match = SECONDS_RE.search(value)
    if not match:
        return value
    seconds = Decimal(match[1].replace(",", "."))
    truncated = seconds.quantize(Decimal("0.01"), rounding="ROUND_DOWN").normalize()
    return value[: match.start(1)] + f"{truncated:f}S"


def _normal(value, key: str):
    """``value`` (found under ``key``) in a form where equivalent statements are equal."""
    if key == ROOT and isinstance(value, dict):
        out = {}
        for name, item in value.items():
            if name == "id" and isinstance(item, str):
                out[name] = item.lower()
            elif name in ("actor", "authority"):
                out[name] = _agent(item)
            elif name == "object":
                out[name] = _object(item)
            elif name == "verb":
                out[name] = {k: v for k, v in item.items() if k != "display"}
            elif name in ("timestamp", "stored"):
                out[name] = timestamp_parse(item, name).astimezone(UTC).isoformat()
            else:
                out[name] = _normal(item, name)
        return out
    if key in ("instructor", "team"):
        return _agent(value)
    if key == "contextActivities" and isinstance(value, dict):
        return {
            kind: [_object(item) for item in (items if isinstance(items, list) else [items])]
            for kind, items in value.items()
        }
    if key == "statement" or key == "object":
        return _object(value) if isinstance(value, dict) else value
    if key == "registration" and isinstance(value, str):
        return value.lower()
    if key == "duration" and isinstance(value, str):
        return _duration(value)
    if isinstance(value, dict):
        if key == "extensions":
            return value
        return {name: _normal(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_normal(item, key) for item in value]
    return value
