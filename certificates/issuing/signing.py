"""The site's signing key, its DID document and the revocation status list.

The key file is ``settings.CERTIFICATE_SIGNING_KEY_FILE`` (never in the repository or the
database). Development and test settings create it on first use
(``CERTIFICATE_SIGNING_KEY_AUTOCREATE``); production never does, and issuing stops with
:class:`SigningKeyError` and a message saying what to do.
"""

import contextlib
import threading
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from certificates.credentials import (
    MIN_SIZE,
    SigningKeyError,
    did_document,
    did_web,
    key_generate,
    key_private_from_settings,
    key_private_write,
    status_list_capacity,
    status_list_credential,
    verification_method_id,
)
from people.caching import cache_invalidate, generation_current

STATUS_LIST_ID = 1
STATUS_LIST_CACHE_KEY = "certificates:status-list:1"
STATUS_LIST_CACHE_NAME = "certificates:status-list"  # its generation: people.caching
STATUS_LIST_CACHE_SECONDS = 24 * 3600  # replaced on every revocation anyway
_lock = threading.Lock()
_loaded: dict[tuple[str, float], Ed25519PrivateKey] = {}

__all__ = ["SigningKeyError"]


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def site_host() -> str:
    """``congdanhoctap.hcm.vn`` (with ``:port`` when SITE_URL has one)."""
    return urlsplit(site_url()).netloc


def absolute(path: str) -> str:
    return site_url() + path


def issuer_did() -> str:
    return did_web(site_host())


def verification_method() -> str:
    return verification_method_id(host=site_host())


def _key_path() -> Path:
    path = getattr(settings, "CERTIFICATE_SIGNING_KEY_FILE", None)
    if not path:
        raise SigningKeyError("settings.CERTIFICATE_SIGNING_KEY_FILE is not set")
    return Path(path)


def signing_key() -> Ed25519PrivateKey:
    """The Ed25519 private key; raises SigningKeyError (missing, unreadable, too open).

    Loaded once per process and file version; created first when the settings allow it.
    """
    path = _key_path()
    if not path.exists() and getattr(settings, "CERTIFICATE_SIGNING_KEY_AUTOCREATE", False):
        with _lock:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):  # another process made it: use theirs
                key_private_write(key_generate(), path)
    try:
        stamp = (str(path), path.stat().st_mtime)
    except OSError as error:
        raise SigningKeyError(
            f"Thiếu khóa ký giấy chứng nhận: không đọc được {path} ({error}). Tạo khóa bằng "
            "certificates.credentials.key_private_write (quyền 0600) hoặc đặt "
            "CERTIFICATE_SIGNING_KEY_FILE trỏ tới khóa đã có, rồi chạy "
            "`manage.py certificates_issue_pending`."
        ) from error
    key = _loaded.get(stamp)
    if key is None:
        key = key_private_from_settings()
        with _lock:
            _loaded.clear()
            _loaded[stamp] = key
    return key


def did_document_current() -> dict:
    """The site's DID document (served at /.well-known/did.json)."""
    return did_document(host=site_host(), public_key=signing_key().public_key())


def status_list_url() -> str:
    return absolute(reverse("issued:status_list", args=[STATUS_LIST_ID]))


def status_list_size(highest_index: int) -> int:
    """At least MIN_SIZE bits, and enough to hold ``highest_index`` (steps of MIN_SIZE)."""
    return max(MIN_SIZE, (highest_index // MIN_SIZE + 1) * MIN_SIZE)


def status_list_build() -> dict:
    """The signed BitstringStatusListCredential for every certificate issued so far: as long
    as the capacity indexes are drawn from (``status_indexes``), and never shorter than the
    highest index in use."""
    from certificates.models import Certificate

    totals = Certificate.objects.aggregate(used=Count("pk"), highest=Max("status_index"))
    size = max(status_list_capacity(totals["used"]), status_list_size(totals["highest"] or 0))
    revoked = list(
        Certificate.objects.filter(revoked_at__isnull=False).values_list("status_index", flat=True)
    )
    key = signing_key()
    return status_list_credential(
        url=status_list_url(),
        issuer=issuer_did(),
        revoked_indexes=revoked,
        private_key=key,
        verification_method=verification_method(),
        valid_from=timezone.now(),
        size=size,
    )


def status_list_current() -> dict:
    """The status list credential, from the cache; signed again after each revocation.

    The cached copy is filed under a generation that each revocation replaces after it commits,
    so a list built from the database before that commit can never be served after it.
    """
    key = f"{STATUS_LIST_CACHE_KEY}:{generation_current(name=STATUS_LIST_CACHE_NAME)}"
    credential = cache.get(key)
    if credential is None:
        credential = status_list_build()
        cache.set(key, credential, STATUS_LIST_CACHE_SECONDS)
    return credential


def status_list_forget() -> None:
    """Call after a revocation commits: the next request signs a fresh list."""
    cache_invalidate(name=STATUS_LIST_CACHE_NAME)
