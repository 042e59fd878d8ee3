"""Open Badges 3.0 ``OpenBadgeCredential`` (a W3C VC Data Model 2.0 credential): build, sign,
verify.

Pure functions over dicts; the issuing glue (models, tasks, views) decides ids and URLs:
``credential_id`` is normally the public verification URL of the certificate, the issuer is the
site's ``did:web`` and the achievement id is a stable URL per recognition kind / course.
"""

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .documents import CREDENTIALS_V2, OPEN_BADGES_V3, CanonicalizationError, ContextRefused
from .integrity import ProofError, proof_add, proof_verify, xsd_datetime
from .keys import did_public_key

OB_CONTEXT = [CREDENTIALS_V2, OPEN_BADGES_V3]


@dataclass(frozen=True, slots=True)
class Issuer:
    """The issuing body as an Open Badges ``Profile``; ``id`` is its DID (``did:web:<host>``)."""

    id: str
    name: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Achievement:
    """What was achieved: "Công dân học tập" of a commune and year, or one course.

    ``achievement_type`` is from the Open Badges vocabulary (``Award``, ``Certificate``,
    ``Course``, ...).
    """

    id: str
    name: str
    description: str
    criteria_narrative: str
    achievement_type: str = "Certificate"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Supporting evidence, e.g. the recognition decision ("Quyết định số ... ngày ...")."""

    name: str
    description: str | None = None
    id: str | None = None


def credential_build(
    *,
    credential_id: str,
    issuer: Issuer,
    achievement: Achievement,
    subject_name: str,
    valid_from: datetime,
    name: str | None = None,
    description: str | None = None,
    subject_id: str | None = None,
    activity_end_date: date | None = None,
    evidence: Sequence[Evidence] = (),
    credential_status: dict | None = None,
    valid_until: datetime | None = None,
) -> dict:
    """An unsigned OpenBadgeCredential.

    The learner has no DID: they are named through an ``IdentityObject`` (identityType
    ``name``, plaintext, as on the paper certificate); ``subject_id`` adds an ``id`` when there
    is one. ``credential_status`` is a :func:`status_entry` for revocation.
    """
    issuer_profile = {"id": issuer.id, "type": ["Profile"], "name": issuer.name}
    if issuer.url:
        issuer_profile["url"] = issuer.url
    subject: dict = {"type": ["AchievementSubject"]}
    if subject_id:
        subject["id"] = subject_id
    subject["identifier"] = [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": subject_name,
        }
    ]
    if activity_end_date:
        subject["activityEndDate"] = activity_end_date.isoformat()
    subject["achievement"] = {
        "id": achievement.id,
        "type": ["Achievement"],
        "achievementType": achievement.achievement_type,
        "name": achievement.name,
        "description": achievement.description,
        "criteria": {"narrative": achievement.criteria_narrative},
    }
    credential: dict = {
        "@context": list(OB_CONTEXT),
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name or achievement.name,
        "issuer": issuer_profile,
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": subject,
    }
    if description:
        credential["description"] = description
    if valid_until:
        credential["validUntil"] = xsd_datetime(valid_until)
    if evidence:
        credential["evidence"] = [_evidence(item) for item in evidence]
    if credential_status:
        credential["credentialStatus"] = copy.deepcopy(credential_status)
    return credential


def _evidence(item: Evidence) -> dict:
    entry: dict = {"type": ["Evidence"], "name": item.name}
    if item.id:
        entry["id"] = item.id
    if item.description:
        entry["description"] = item.description
    return entry


def credential_sign(
    *,
    credential: dict,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime | None = None,
) -> dict:
    """A signed copy: an eddsa-rdfc-2022 ``DataIntegrityProof`` for ``assertionMethod``.

    Raises CanonicalizationError for a credential that uses a context we do not ship or a term
    its contexts do not define (it would otherwise sit outside the signature).
    """
    return proof_add(
        document=credential,
        private_key=private_key,
        verification_method=verification_method,
        created=created,
    )


def issuer_id(credential: dict) -> str | None:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def credential_verify(*, credential: dict, did_document: dict) -> bool:
    """True when the credential's proof verifies with a key of the issuer's DID document.

    Offline: only ``did_document`` and the shipped contexts are used. Checks that the issuer is
    the DID document's subject, that the proof's verification method is one of its assertion
    keys, and the eddsa-rdfc-2022 signature over the whole credential. Validity dates and
    revocation (status list) are the caller's to check. Never raises on bad input: False.
    """
    try:
        proof = credential.get("proof")
        if not isinstance(proof, dict):
            return False
        method = proof.get("verificationMethod")
        issuer = issuer_id(credential)
        if not isinstance(method, str) or issuer is None or issuer != did_document.get("id"):
            return False
        public_key = did_public_key(did_document, method)
        if public_key is None:
            return False
        return proof_verify(document=credential, public_key=public_key)
    except (CanonicalizationError, ContextRefused, ProofError, ValueError, KeyError, TypeError,
            AttributeError):  # fmt: skip
        return False
