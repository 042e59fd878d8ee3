"""Which learner the phone's offline data belongs to, without naming them.

Queued records, cached pages and downloaded courses on the phone are keyed by ``user_key``: an
HMAC of the user id, so a shared phone keeps each account's data apart, and nothing on the
device (cache names, IndexedDB rows) reveals an account id.
"""

import hashlib
import hmac

from django.conf import settings


def user_key(user) -> str:
    """16 hex characters naming ``user`` on their devices ("" for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    message = f"offline-user:{user.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:16]
