"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C vc-di-eddsa, §3.3).

Add proof: proof options {type DataIntegrityProof, cryptosuite, created, verificationMethod,
proofPurpose}; the *proof configuration* is those options plus the document's ``@context``; the
configuration and the document (without ``proof``) are each canonicalised with RDFC-1.0 and
hashed with SHA-256; ``hashData = proofConfigHash + documentHash`` is signed with Ed25519 (pure
EdDSA, 64 bytes) and the signature is stored as ``proofValue``, multibase base58btc (``z...``).

Verify proof follows the spec's steps in order, including the ``@context`` check for a proof
that carries its own ``@context``. One proof per document (no proof sets or chains).
"""

import copy
import hashlib
import re
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .documents import DocumentLoader, canonicalize
from .multibase import multibase_base58btc_decode, multibase_base58btc_encode

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
ASSERTION_METHOD = "assertionMethod"

# XML Schema 1.1 dateTimeStamp (a dateTime with a time zone), as the spec requires of `created`.
_DATETIME_STAMP = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


class ProofError(ValueError):
    """A proof that cannot be created or checked as the cryptosuite requires."""


def xsd_datetime(moment: datetime | None = None) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` in UTC (now when ``moment`` is None; naive means UTC)."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _valid_datetime_stamp(value: object) -> bool:
    if not isinstance(value, str) or not _DATETIME_STAMP.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _proof_config(proof_options: dict, context: object) -> dict:
    """Spec §3.3.5 Proof Configuration, returning the object to canonicalise."""
    config = copy.deepcopy(proof_options)
    if config.get("type") != PROOF_TYPE or config.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("INVALID_PROOF_CONFIGURATION: not a DataIntegrityProof/eddsa-rdfc-2022")
    for key in ("created", "expires"):
        if key in config and not _valid_datetime_stamp(config[key]):
            raise ProofError(f"INVALID_PROOF_DATETIME: {key}")
    config["@context"] = copy.deepcopy(context)
    return config


def hash_data(
    *, unsecured_document: dict, proof_options: dict, loader: DocumentLoader | None = None
) -> bytes:
    """``SHA-256(canonical proof config) + SHA-256(canonical document)``: the 64 signed bytes."""
    if "@context" not in unsecured_document:
        raise ProofError("the document has no @context")
    config = _proof_config(proof_options, unsecured_document["@context"])
    canonical_config = canonicalize(config, loader=loader)
    canonical_document = canonicalize(unsecured_document, loader=loader)
    return (
        hashlib.sha256(canonical_config.encode("utf-8")).digest()
        + hashlib.sha256(canonical_document.encode("utf-8")).digest()
    )


def proof_add(
    *,
    document: dict,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime | str | None = None,
    proof_purpose: str = ASSERTION_METHOD,
    loader: DocumentLoader | None = None,
) -> dict:
    """Return a copy of ``document`` with an eddsa-rdfc-2022 ``proof``.

    Raises ProofError when the document already has a proof, and CanonicalizationError when it
    uses a context that is not shipped or a term that its contexts do not define.
    """
    if "proof" in document:
        raise ProofError("the document already has a proof (proof sets are not supported)")
    proof_options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created if isinstance(created, str) else xsd_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    data = hash_data(unsecured_document=document, proof_options=proof_options, loader=loader)
    secured = copy.deepcopy(document)
    secured["proof"] = {
        **proof_options,
        "proofValue": multibase_base58btc_encode(private_key.sign(data)),
    }
    return secured


def proof_verify(
    *,
    document: dict,
    public_key: Ed25519PublicKey,
    expected_purpose: str = ASSERTION_METHOD,
    loader: DocumentLoader | None = None,
) -> bool:
    """Spec §3.3.2 Verify Proof for a document with one proof; True only when it verifies.

    Raises CanonicalizationError / ProofError for documents that cannot be processed at all;
    :func:`certificates.credentials.credential_verify` turns those into False.
    """
    proof = document.get("proof")
    if not isinstance(proof, dict):
        return False
    if proof.get("proofPurpose") != expected_purpose:
        return False
    proof_value = proof.get("proofValue")
    if not isinstance(proof_value, str):
        return False
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    proof_options = {key: value for key, value in proof.items() if key != "proofValue"}
    try:
        proof_bytes = multibase_base58btc_decode(proof_value)
    except ValueError:
        return False
    if len(proof_bytes) != 64:
        return False
    if "@context" in proof_options:
        proof_context = proof_options["@context"]
        proof_context = proof_context if isinstance(proof_context, list) else [proof_context]
        document_context = unsecured.get("@context")
        document_context = (
            document_context if isinstance(document_context, list) else [document_context]
        )
        if document_context[: len(proof_context)] != proof_context:
            return False
        unsecured["@context"] = proof_options["@context"]
    data = hash_data(unsecured_document=unsecured, proof_options=proof_options, loader=loader)
    try:
        public_key.verify(proof_bytes, data)
    except InvalidSignature:
        return False
    return True
