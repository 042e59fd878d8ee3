"""Anonymous page cache for the outreach pages (home, article list, articles, programme pages).

``AnonymousPageCacheMiddleware`` sits last in MIDDLEWARE (inside sessions, CSRF, language and
authentication). For a GET from a visitor with no session and no pending messages, it answers
from Django's cache without routing or rendering. A response is stored only when:

- it comes from a ``cms.models.CmsPage`` (``response.cms_cacheable``: not a preview, no view
  restrictions), with status 200 and HTML;
- the visitor is anonymous and the response sets no cookie;
- after the CSRF tokens of ``{% csrf_token %}`` inputs are replaced by a placeholder, nothing in
  the page is a CSRF token or secret of that visitor (checked by unmasking every token-shaped
  string). On a hit the placeholder becomes the new visitor's own token (``get_token``), and
  CsrfViewMiddleware sets their cookie as usual.

Logged-in views are never cached and get ``Cache-Control: private, no-cache…``.

The key is scheme + host + language + path + the query parameters that change what our pages
show (``RENDER_PARAMS``); others — ``fbclid``, ``utm_*``, ``zarsrc`` from Facebook and Zalo
links — are left out of the key and scrubbed from the stored copy, so shared links are served
from the cache too. Invalidation: every entry carries the "generation" it was made in
(``people.caching.generation_current``, the helper every app's caches share);
``pages_changed`` (connected to publish, unpublish, page save/delete/move, category, image and
document changes in ``cms.receivers``) starts a new generation (``cache_invalidate``, at once and
when the transaction commits), so the next view renders afresh.
With several server processes the cache must be shared (Redis: REDIS_URL) for that to reach all.
"""

import hashlib
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import constant_time_compare
from django.utils.html import escape

from people.caching import cache_invalidate, generation_current, generation_from, generation_keys

CACHE_NAME = "cms:pages"
KEY_PREFIX = "cms:page:"
RENDER_PARAMS = frozenset({"chuyen_muc", "the", "trang"})
CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = "cms-csrf-placeholder"
TOKEN_SHAPED = re.compile(rf"(?<![A-Za-z0-9])[A-Za-z0-9]{{{CSRF_TOKEN_LENGTH}}}(?![A-Za-z0-9])")
SKIPPED_HEADERS = {"set-cookie", "content-length", "x-page-cache"}


def pages_changed(**kwargs) -> None:
    """Start a new cache generation: every stored page is stale from now on."""
    cache_invalidate(name=CACHE_NAME)


def _clean_query(request) -> str:
    pairs = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name in RENDER_PARAMS
        for value in values
    )
    return urlencode(pairs)


def page_cache_key(request) -> str:
    raw = "|".join(
        [
            request.scheme,
            request.get_host(),
            translation.get_language() or "",
            # A new day is a new page: windows open and close (the registration call on home).
            timezone.localdate().isoformat(),
            request.path,
            _clean_query(request),
        ]
    )
    return KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _contains_csrf_secret(request, content: str) -> bool:
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return False
    if secret in content:
        return True
    return any(
        constant_time_compare(_unmask_cipher_token(token), secret)
        for token in TOKEN_SHAPED.findall(content)
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def eligible(request) -> bool:
        return (
            request.method == "GET"
            and getattr(settings, "CMS_PAGE_CACHE_SECONDS", 0) > 0
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(("/admin/", "/documents/"))
            and not request.user.is_authenticated
        )

    def __call__(self, request):
        if not self.eligible(request):
            response = self.get_response(request)
            if getattr(response, "cms_cacheable", False) and request.user.is_authenticated:
                add_never_cache_headers(response)
            return response
        key = page_cache_key(request)
        found = cache.get_many([*generation_keys(name=CACHE_NAME), key])
        generation, entry = generation_from(name=CACHE_NAME, found=found), found.get(key)
        if generation is not None and entry is not None and entry["generation"] == generation:
            return self.from_entry(request, entry)
        response = self.get_response(request)
        if getattr(response, "cms_cacheable", False):
            generation = generation or generation_current(name=CACHE_NAME)
            stored = self.store(request, response, key, generation)
            response["X-Page-Cache"] = "miss" if stored else "skip"
        return response

    @staticmethod
    def from_entry(request, entry) -> HttpResponse:
        content = entry["content"]
        if entry["csrf"]:
            content = content.replace(PLACEHOLDER, get_token(request))
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def store(request, response, key: str, generation: str) -> bool:
        """Store ``response`` under ``key`` if it is safe to show to every anonymous visitor."""
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or request.user.is_authenticated
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return False
        content = response.content.decode(response.charset)
        extra = {name for name in request.GET if name not in RENDER_PARAMS}
        if extra:
            # Tracking parameters show up only where the page echoes its own address (the
            # language switch's "next"): put the clean address there, then make sure none is
            # left anywhere.
            clean = request.path + (f"?{_clean_query(request)}" if _clean_query(request) else "")
            content = content.replace(escape(request.get_full_path()), escape(clean))
            if any(f"{name}=" in content for name in extra):
                return False
        content, count = CSRF_INPUT.subn(rf"\g<1>{PLACEHOLDER}\g<2>", content)
        if _contains_csrf_secret(request, content):
            return False
        headers = [(n, v) for n, v in response.items() if n.lower() not in SKIPPED_HEADERS]
        entry = {
            "generation": generation,
            "status": response.status_code,
            "headers": headers,
            "content": content,
            "csrf": count > 0,
        }
        cache.set(key, entry, settings.CMS_PAGE_CACHE_SECONDS)
        return True
