"""Signed digital twins of certificates: Open Badges 3.0 credentials (W3C VC Data Model 2.0)
with ``eddsa-rdfc-2022`` Data Integrity proofs, a ``did:web`` issuer, and Bitstring Status List
revocation.

Framework-light: plain functions over dicts, no models and no network. Signing and verifying
canonicalise with PyLD against the contexts shipped in ``contexts/`` and nothing else.

Modules: ``openbadges`` (build/sign/verify), ``integrity`` (the cryptosuite), ``documents``
(offline loader, canonicalisation), ``keys`` (key files, DID document), ``status_list``
(revocation), ``multibase`` (encodings).
"""

from .documents import CanonicalizationError, ContextRefused, canonicalize, document_loader
from .integrity import CRYPTOSUITE, ProofError, proof_add, proof_verify, xsd_datetime
from .keys import (
    SigningKeyError,
    did_document,
    did_public_key,
    did_web,
    key_generate,
    key_private_from_settings,
    key_private_load,
    key_private_pem,
    key_private_write,
    key_public_from_multibase,
    key_public_multibase,
    verification_method_id,
)
from .openbadges import (
    Achievement,
    Evidence,
    Issuer,
    credential_build,
    credential_sign,
    credential_verify,
    issuer_id,
)
from .status_list import (
    MIN_SIZE,
    StatusListError,
    status_entry,
    status_list_bits,
    status_list_capacity,
    status_list_credential,
    status_list_decode,
    status_list_encode,
    status_list_is_set,
)

__all__ = [
    "CRYPTOSUITE",
    "MIN_SIZE",
    "Achievement",
    "CanonicalizationError",
    "ContextRefused",
    "Evidence",
    "Issuer",
    "ProofError",
    "SigningKeyError",
    "StatusListError",
    "canonicalize",
    "credential_build",
    "credential_sign",
    "credential_verify",
    "did_document",
    "did_public_key",
    "did_web",
    "document_loader",
    "issuer_id",
    "key_generate",
    "key_private_from_settings",
    "key_private_load",
    "key_private_pem",
    "key_private_write",
    "key_public_from_multibase",
    "key_public_multibase",
    "proof_add",
    "proof_verify",
    "status_entry",
    "status_list_bits",
    "status_list_capacity",
    "status_list_credential",
    "status_list_decode",
    "status_list_encode",
    "status_list_is_set",
    "verification_method_id",
    "xsd_datetime",
]
