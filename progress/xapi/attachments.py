"""Which attachment content a statements request must carry (xAPI 1.0.3 Part Three §1.5,
Part Two §2.4.11 and §2.6; xAPI 2.0 the same), checked on the statements as received.

- ``application/json``: every attachment has a ``fileUrl`` (``attachments_urls_required``).
- ``multipart/mixed`` (``attachments_match``): every attachment without a ``fileUrl`` has a
  part whose SHA-2 is its ``sha2``; every part is the content of some attachment, with the same
  media type when the part names one.
- Either way, a signature attachment (usageType ``SIGNATURE``) has contentType
  ``application/octet-stream`` and its JWS arrives as a part; it is verified
  (``progress.xapi.signatures``).

Malformed attachment objects are left to ``statement_validate`` (same 400). ``parts`` map a
lower-case SHA-2 to an object with ``content_type`` and ``content()``
(``progress.lrs.multipart.Part``).
"""

import re

from progress.xapi.signatures import SIGNATURE, signature_verify
from progress.xapi.values import XapiError

OCTET_STREAM = "application/octet-stream"
SHA2_RE = re.compile(r"^(?:[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128})$")


def _media_type(value) -> str:
    return value.split(";", 1)[0].strip().lower() if isinstance(value, str) else ""


def _sha2(value) -> str | None:
    return value.lower() if isinstance(value, str) and SHA2_RE.fullmatch(value) else None


def _statements(body) -> list:
    return body if isinstance(body, list) else [body]


def attachments_of(statement) -> list[tuple[str, dict]]:
    """(where, attachment object) for a statement's attachments and its SubStatement's."""
    found = []
    if not isinstance(statement, dict):
        return found
    for prefix, holder in (("", statement), ("object.", statement.get("object"))):
        items = holder.get("attachments") if isinstance(holder, dict) else None
        if isinstance(items, list):
            found.extend(
                (f"{prefix}attachments[{index}]", item)
                for index, item in enumerate(items)
                if isinstance(item, dict)
            )
    return found


def _where(body, index: int) -> str:
    return f"statement [{index}]: " if isinstance(body, list) else ""


def _signatures(statement: dict) -> list[tuple[str, dict]]:
    items = statement.get("attachments")
    if not isinstance(items, list):
        return []
    return [
        (f"attachments[{index}]", item)
        for index, item in enumerate(items)
        if isinstance(item, dict) and item.get("usageType") == SIGNATURE
    ]


def attachments_urls_required(body):
    """An ``application/json`` request's ``body``, returned once every attachment has a fileUrl
    (XapiError 400). Costs two dictionary lookups per statement when none has attachments."""
    for index, statement in enumerate(_statements(body)):
        if not isinstance(statement, dict):
            continue
        sub = statement.get("object")
        if "attachments" not in statement and not (isinstance(sub, dict) and "attachments" in sub):
            continue
        where = _where(body, index)
        for path, _attachment in _signatures(statement):
            raise XapiError(
                f"{where}{path}: a signature must be sent as a part of a multipart/mixed request"
            )
        for path, attachment in attachments_of(statement):
            if "fileUrl" not in attachment:
                raise XapiError(
                    f"{where}{path}.fileUrl: is required in an application/json request; "
                    "send the attachment's content as multipart/mixed"
                )
    return body


def attachments_match(body, parts: dict) -> None:
    """A ``multipart/mixed`` request: its ``parts`` are exactly the content the statements'
    attachments need, and every signature verifies. XapiError (400) otherwise."""
    declared: dict[str, set] = {}
    for index, statement in enumerate(_statements(body)):
        where = _where(body, index)
        for path, attachment in attachments_of(statement):
            sha2 = _sha2(attachment.get("sha2"))
            if sha2 is not None:
                declared.setdefault(sha2, set()).add(_media_type(attachment.get("contentType")))
            if "fileUrl" not in attachment and (sha2 is None or sha2 not in parts):
                raise XapiError(
                    f"{where}{path}: has no fileUrl and no part with X-Experience-API-Hash "
                    "equal to its sha2"
                )
    for sha2, part in parts.items():
        if sha2 not in declared:
            raise XapiError(
                f"the part with X-Experience-API-Hash {sha2} is not an attachment of the statements"
            )
        media_type = _media_type(part.content_type)
        if media_type and media_type not in declared[sha2]:
            raise XapiError(
                f"the part with X-Experience-API-Hash {sha2} has Content-Type {media_type[:80]}, "
                "not its attachment's contentType"
            )
    for index, statement in enumerate(_statements(body)):
        if isinstance(statement, dict):
            _signatures_check(statement, parts, _where(body, index))


def _signatures_check(statement: dict, parts: dict, where: str) -> None:
    for path, attachment in _signatures(statement):
        if _media_type(attachment.get("contentType")) != OCTET_STREAM:
            raise XapiError(f"{where}{path}.contentType: a signature must be {OCTET_STREAM}")
        part = parts.get(_sha2(attachment.get("sha2")) or "")
        if part is None:
            raise XapiError(
                f"{where}{path}: a signature must be sent as a part of the request, not by fileUrl"
            )
        try:
            signature_verify(statement, part.content())
        except XapiError as error:
            raise XapiError(f"{where}{path}: {error.message}") from None
