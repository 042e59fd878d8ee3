"""Checking a credential file someone uploads, offline: the signature against our DID document,
then its bit in our revocation list. No network, and never an exception for bad input."""

import contextlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from certificates.credentials import (
    StatusListError,
    credential_verify,
    issuer_id,
    status_list_is_set,
)
from certificates.issuing import signing
from certificates.issuing.codes import code_normalise
from certificates.models import Certificate

MAX_BYTES = 64 * 1024  # one of our credentials is about 3 KB


@dataclass
class CredentialCheck:
    """The outcome: ``valid`` only when the signature is ours and the credential not revoked."""

    valid: bool
    message: str
    signature_ok: bool = False
    revoked: bool = False
    name: str = ""
    achievement: str = ""
    issuer_name: str = ""
    register: str = ""
    valid_from: datetime | None = None
    certificate: Certificate | None = None


def credential_parse(raw: bytes) -> dict | None:
    """The JSON object in ``raw``, or None (too large, not UTF-8, not JSON, not an object)."""
    if len(raw) > MAX_BYTES:
        return None
    try:
        value = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _facts(credential: dict) -> dict:
    subject = credential.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    identifiers = subject.get("identifier")
    name = ""
    if isinstance(identifiers, list) and identifiers and isinstance(identifiers[0], dict):
        name = _text(identifiers[0].get("identityHash"))
    achievement = subject.get("achievement")
    issuer = credential.get("issuer")
    valid_from = None
    with contextlib.suppress(ValueError):
        valid_from = datetime.fromisoformat(_text(credential.get("validFrom")))  # "Z" ok in 3.11
    return {
        "name": name,
        "achievement": _text(achievement.get("name")) if isinstance(achievement, dict) else "",
        "issuer_name": _text(issuer.get("name")) if isinstance(issuer, dict) else "",
        "register": _text(credential.get("description")).removeprefix("Số vào sổ: "),
        "valid_from": valid_from,
    }


def _certificate_of(credential: dict) -> Certificate | None:
    """Our certificate named by the credential's id (its verification URL)."""
    credential_id = _text(credential.get("id"))
    prefix = signing.absolute(reverse("issued:verify"))
    if not credential_id.startswith(prefix):
        return None
    code = code_normalise(credential_id[len(prefix) :].strip("/"))
    return Certificate.objects.filter(code=code).first() if code else None


def _revoked(credential: dict) -> bool | None:
    """True/False from our status list; None when the credential names no entry of it."""
    status = credential.get("credentialStatus")
    if not isinstance(status, dict):
        return None
    if status.get("statusListCredential") != signing.status_list_url():
        return None
    try:
        index = int(status.get("statusListIndex"))
        encoded = signing.status_list_current()["credentialSubject"]["encodedList"]
        return status_list_is_set(encoded, index)
    except (TypeError, ValueError, KeyError, StatusListError):
        return None


def credential_check(credential: dict) -> CredentialCheck:
    facts = _facts(credential)
    if issuer_id(credential) != signing.issuer_did():
        return CredentialCheck(
            valid=False,
            message=_(
                "Tệp này không do hệ thống Công dân học tập cấp (tổ chức cấp khác), nên không "
                "xác minh được ở đây."
            ),
            **facts,
        )
    did = signing.did_document_current()
    verified = credential_verify(credential=credential, did_document=did)
    if not verified:
        return CredentialCheck(
            valid=False,
            message=_(
                "Chữ ký số không khớp: nội dung tệp đã bị sửa hoặc tệp bị hỏng. Hãy tải lại tệp "
                "từ trang “Giấy chứng nhận của tôi” của người được cấp."
            ),
            **facts,
        )
    certificate = _certificate_of(credential)
    revoked = _revoked(credential)
    if revoked is None:
        return CredentialCheck(
            valid=False,
            signature_ok=True,
            message=_("Chữ ký đúng, nhưng tệp không ghi vị trí trong danh sách thu hồi."),
            certificate=certificate,
            **facts,
        )
    if revoked:
        return CredentialCheck(
            valid=False,
            signature_ok=True,
            revoked=True,
            message=_("Chữ ký đúng, nhưng giấy chứng nhận này đã bị thu hồi."),
            certificate=certificate,
            **facts,
        )
    return CredentialCheck(
        valid=True,
        signature_ok=True,
        message=_("Hợp lệ: chữ ký số đúng và giấy chứng nhận chưa bị thu hồi."),
        certificate=certificate,
        **facts,
    )
