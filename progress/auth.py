"""Who is speaking to the xAPI resource.

Two kinds of caller:

- the learner's browser (the lesson page's bridge): the session cookie, and therefore a CSRF
  token, exactly as Django's CsrfViewMiddleware checks it for any other view;
- a program an administrator issued credentials to (``XapiClient``): HTTP Basic ``key:secret``.
  No cookie is involved, so there is nothing to forge across sites and no CSRF token is asked
  for; the program acts as the client's linked user.

The statements view is therefore ``csrf_exempt`` and runs the middleware's check itself for
session callers (the way Django REST framework does): a decorator cannot exempt only some
requests. A request carrying an Authorization header is judged by it alone, never by the
session beside it.
"""

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone

from progress.models import XapiClient
from progress.models.clients import secret_digest
from progress.xapi import XapiError

KEY_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
# last_used_at is written at most this often per client (not on every statement).
LAST_USED_EVERY = timedelta(minutes=1)
# Compared against when the key is unknown, so both paths take the same time.
_NO_CLIENT = XapiClient(secret_hash=secret_digest("no client has this secret"))


@dataclass(frozen=True)
class XapiCaller:
    user: object
    client: XapiClient | None = None

    @property
    def authority(self) -> dict:
        """The xAPI authority vouching for statements this caller stores."""
        home = settings.XAPI_ACTIVITY_ID_BASE
        if self.client is None:
            return {
                "objectType": "Agent",
                "name": str(settings.WAGTAIL_SITE_NAME),
                "account": {"homePage": home, "name": "lrs"},
            }
        return {
            "objectType": "Agent",
            "name": self.client.name,
            "account": {"homePage": home, "name": f"xapi-client:{self.client.key}"},
        }


class _CsrfCheck(CsrfViewMiddleware):
    def _reject(self, request, reason):
        return reason  # a reason string instead of the 403 page


def csrf_reason(request) -> str | None:
    """Why Django's CSRF check refuses ``request`` (None if it passes)."""
    check = _CsrfCheck(lambda _request: None)
    check.process_request(request)
    return check.process_view(request, None, (), {})


def xapi_client_authenticate(*, key: str, secret: str) -> XapiClient | None:
    """The active client with this key and secret (whose user is active), or None."""
    client = None
    if KEY_RE.fullmatch(key):
        client = (
            XapiClient.objects.select_related("user")
            .filter(key=key, is_active=True, user__is_active=True)
            .first()
        )
    if not (client or _NO_CLIENT).secret_matches(secret) or client is None:
        return None
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at > LAST_USED_EVERY:
        XapiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
    return client


def xapi_client_create(*, name: str, user, created_by=None) -> tuple[XapiClient, str]:
    """A new active client for ``user``; returns it and its secret (shown once, never stored)."""
    client = XapiClient(name=name, user=user, created_by=created_by)
    secret = client.set_new_secret()
    client.save()
    return client, secret


def _basic_credentials(header: str) -> tuple[str, str]:
    scheme, _sep, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        raise XapiError("only HTTP Basic credentials (key:secret) are accepted", 401)
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        raise XapiError("malformed Basic credentials", 401) from None
    key, sep, secret = decoded.partition(":")
    if not sep:
        raise XapiError("malformed Basic credentials", 401)
    return key, secret


def request_client(request) -> XapiClient | None:
    """The client whose valid Basic credentials ``request`` carries, else None (no
    Authorization header, or credentials that fail); looked up once per request."""
    if not hasattr(request, "_xapi_client"):
        client = None
        header = request.headers.get("Authorization")
        if header is not None:
            try:
                key, secret = _basic_credentials(header)
            except XapiError:
                pass
            else:
                client = xapi_client_authenticate(key=key, secret=secret)
        request._xapi_client = client
    return request._xapi_client


def xapi_caller(request) -> XapiCaller:
    """The caller of an xAPI request, or XapiError (401 unknown, 403 CSRF refused)."""
    header = request.headers.get("Authorization")
    if header is not None:
        _basic_credentials(header)  # malformed: 401 with its reason
        client = request_client(request)
        if client is None:
            raise XapiError("invalid client credentials", 401)
        return XapiCaller(user=client.user, client=client)
    if not request.user.is_authenticated:
        raise XapiError("authentication required: sign in, or use client credentials", 401)
    reason = csrf_reason(request)
    if reason:
        raise XapiError(f"CSRF check failed: {reason}", 403)
    return XapiCaller(user=request.user)
