"""Serving H5P activities to the sandboxed player frame.

The frame document is sandboxed by its own response: ``Content-Security-Policy: sandbox
allow-scripts`` (no ``allow-same-origin``), so it runs in an opaque origin and package
JavaScript cannot read our cookies, send them, or touch the lesson page. The lesson page embeds
it without a ``sandbox`` attribute at first, because browsers give a frame sandboxed by its
attribute no service worker, and a downloaded course must open its activities offline the
first time (issue 15); it adds ``sandbox="allow-scripts"`` once the frame has loaded, before it
hands the frame any package file, so every later navigation of the frame is sandboxed by the
attribute as well. The frame's own scripts and style are inline (allowed by their hashes), as
an opaque-origin document's requests never reach the service worker. The frame document
itself is requested with the learner's session (a navigation), so it is only served to
signed-in learners; every file the player then loads comes without cookies:

- the libraries' code, as one JavaScript and one CSS bundle per package and single library files,
  at public addresses naming the exact library versions (``courses.player_files``);
- the package's own files (``h5p.json``, ``content/…``) through ``h5p_file`` under a token
  signed for one learner and one package, the same for every view within a period
  (``H5P_FILE_TOKEN_PERIOD``), so the learner's browser can keep them.

Chromium never caches what an opaque-origin frame fetches itself, so the frame asks the lesson
page (``lesson.js``, same origin, an ordinary cache) to fetch these addresses for it — only
these, without cookies — and runs what it gets from ``blob:`` URLs.
"""

import base64
import functools
import hashlib
import json
import logging
import posixpath
import re
import time
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Site

from courses.extensions import activity_state_get, activity_state_save
from courses.h5p.assets import bundle_url, library_file_url, library_folder
from courses.h5p.storage import package_prefix
from courses.models import H5PPackage, LessonPage, PlayerSettings
from courses.models.player import video_file_origins
from courses.player_files import preflight, stored_file_response
from courses.player_l10n import h5p_l10n
from courses.selectors import activity_iri, lesson_block, lesson_viewable_by

logger = logging.getLogger(__name__)
TOKEN_SALT = "courses.h5p.files"  # noqa: S105 (a signing salt, not a secret)
LIBRARY_DIR_RE = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)-(?P<major>\d+)\.(?P<minor>\d+)$")
YOUTUBE = {
    "script-src": ["https://www.youtube.com"],  # the IFrame Player API H5P.Video loads
    "frame-src": ["https://www.youtube.com", "https://www.youtube-nocookie.com"],
}
VIMEO = {"script-src": ["https://player.vimeo.com"], "frame-src": ["https://player.vimeo.com"]}
# The frame's own files, written into its document: the storage shim runs first, in <head>.
FRAME_INLINE = {
    "style": "courses/h5p-frame.css",
    "shim": "courses/h5p-storage-shim.js",
    "player": "courses/h5p-frame.js",
}
FRAME_SANDBOX = "sandbox allow-scripts"


@functools.lru_cache(maxsize=1)
def frame_inline() -> dict:
    """{"style"|"shim"|"player": text} and "hashes": the CSP sources of the two scripts."""
    texts = {}
    for key, path in FRAME_INLINE.items():
        found = finders.find(path)
        if not found:
            raise RuntimeError(f"static file {path} is missing")
        with open(found, encoding="utf-8") as handle:
            text = handle.read()
        if "</" in text and ("</script" in text.lower() or "</style" in text.lower()):
            raise RuntimeError(f"{path} cannot be written inline")
        texts[key] = text
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(texts[k].encode()).digest()).decode() + "'"
        for k in ("shim", "player")
    ]
    return {**texts, "hashes": hashes}


def frame_csp(*, player_settings: PlayerSettings | None) -> str:
    """The player frame's policy: the site's own files, plus exactly the video hosts an
    administrator allows (``PlayerSettings``); everything else stays blocked.

    'unsafe-eval': H5P.MultiChoice (through EmbeddedJS) compiles templates with eval. The
    sandbox, not the script policy, is what isolates package code, so allowing eval inside it
    costs nothing; ``blob:`` for the same reason: the frame runs the player's files, fetched
    through the lesson page's cache, from blob: URLs. ``base-uri 'self'``: H5P's jQuery
    (``$.parseHTML``, used by Course
    Presentation, Interactive Video …) gives each inert document it builds a ``<base href>``
    of the frame's own address; ``'none'`` refused that on every load. The hashes: the frame's
    own two inline scripts. ``sandbox allow-scripts``: the policy itself sandboxes the frame
    (opaque origin, no top navigation, no pop-ups), whoever embeds or serves it, the service
    worker's downloaded copy included.
    """
    sources = {
        "script-src": ["'self'", "'unsafe-eval'", "blob:", *frame_inline()["hashes"]],
        "media-src": ["'self'", "blob:"],
        "frame-src": [],
    }
    if player_settings is not None:
        providers = ((player_settings.allow_youtube, YOUTUBE), (player_settings.allow_vimeo, VIMEO))
        for directive, values in [i for on, hosts in providers if on for i in hosts.items()]:
            sources[directive] += values
        try:
            sources["media-src"] += video_file_origins(player_settings.video_file_hosts)
        except ValidationError:  # a line saved before the rule existed: allow none of them
            logger.warning("PlayerSettings.video_file_hosts is not valid; no host allowed")
    frame_src = " ".join(sources["frame-src"]) or "'none'"
    return (
        f"default-src 'none'; script-src {' '.join(sources['script-src'])}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        f"media-src {' '.join(sources['media-src'])}; frame-src {frame_src}; "
        "font-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'self'; "
        f"frame-ancestors 'self'; {FRAME_SANDBOX}"
    )


def _period_of(now: float | None) -> int:
    return int((time.time() if now is None else now) // settings.H5P_FILE_TOKEN_PERIOD)


def file_token(*, package_id: int, user_id: int, now: float | None = None) -> str:
    """The token in a learner's addresses of a package's files: the same for every view within
    one period of ``H5P_FILE_TOKEN_PERIOD`` seconds (so the browser keeps the files), accepted
    until the end of the next period."""
    data = {"p": package_id, "u": user_id, "t": _period_of(now)}
    return signing.Signer(salt=TOKEN_SALT).sign_object(data, compress=True)


def file_token_read(token: str, *, now: float | None = None) -> dict | None:
    """The token's {"p": package id, "u": learner id} if it is genuine, current and its learner
    still active; else None."""
    try:
        data = signing.Signer(salt=TOKEN_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict) or _period_of(now) - data.get("t", -10) not in (0, 1):
        return None
    if not get_user_model().objects.filter(pk=data.get("u"), is_active=True).exists():
        return None
    return data


def _player_settings(request) -> PlayerSettings:
    if Site.find_for_request(request) is None:  # no site yet: the defaults
        return PlayerSettings()
    return PlayerSettings.for_request(request)


def _frame_response(request, template, context, status=200):
    if settings.DEBUG:  # files change under a development server: read them again
        frame_inline.cache_clear()
    inline = frame_inline()
    context = {**context, **{k: mark_safe(inline[k]) for k in FRAME_INLINE}}  # noqa: S308
    response = render(request, template, context, status=status)
    response["Content-Security-Policy"] = frame_csp(
        player_settings=_player_settings(request) if status == 200 else None
    )
    response["Cache-Control"] = "private, no-store"
    response._csp_exempt = True  # our own policy above, not the site-wide one
    return response


@require_GET
@gzip_page  # the frame's facts (library folders, strings) compress well; sent on every view
@xframe_options_sameorigin
def h5p_frame(request, lesson_id: int, block_id: str):
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None:
        raise Http404
    if not lesson_viewable_by(lesson=lesson, user=request.user):
        return _frame_response(
            request,
            "courses/h5p_frame_message.html",
            {"message": _("Hãy đăng nhập để làm hoạt động này.")},
            status=403,
        )
    block = lesson_block(lesson=lesson, block_id=block_id)
    if block is None or block.block_type != "h5p" or block.value["activity"] is None:
        raise Http404
    package = block.value["activity"].package
    iri = activity_iri(lesson_id=lesson.pk, block_id=block_id)
    token = file_token(package_id=package.pk, user_id=request.user.pk)
    base = reverse("courses:h5p_file", args=[token, "h5p.json"]).removesuffix("/h5p.json")
    libraries = list(package.libraries_in_load_order())
    main = package.main_library
    config = {
        "base": base,
        "contentJson": base + "/content/content.json",
        "library": f"{main.machine_name} {main.major}.{main.minor}",
        "coreJs": static("h5p-standalone/frame.bundle.js"),
        "coreCss": static("h5p-standalone/styles/h5p.css"),
        "bundleJs": bundle_url(package, libraries, "js"),
        "bundleCss": bundle_url(package, libraries, "css"),
        "urlLibraries": library_file_url(main, "x").rsplit("/", 2)[0],
        "libraryDirectories": {
            f"{lib.machine_name}-{lib.major}.{lib.minor}": library_folder(lib) for lib in libraries
        },
        "l10n": h5p_l10n(),
        "iri": iri,
        "block": block_id,
        "parentOrigin": f"{request.scheme}://{request.get_host()}",
        "state": activity_state_get(learner=request.user, activity_iri=iri),
        "failText": _("Không tải được hoạt động. Hãy tải lại trang."),
    }
    return _frame_response(request, "courses/h5p_frame.html", {"config": config})


def _resolve(package: H5PPackage, path: str) -> str | None:
    """Map a URL path inside the player's view of a package to a storage name, or None."""
    if "\\" in path or path.startswith("/") or "\x00" in path:
        return None
    clean = posixpath.normpath(path)
    if clean != path or clean.startswith("..") or "/../" in clean:
        return None
    if clean == "h5p.json" or clean.startswith("content/"):
        return package_prefix(package.sha256) + clean
    if clean.startswith("libraries/"):
        parts = clean.split("/", 2)
        if len(parts) != 3:
            return None
        match = LIBRARY_DIR_RE.match(parts[1])
        if not match:
            return None
        library = package.libraries.filter(
            machine_name=match["name"], major=int(match["major"]), minor=int(match["minor"])
        ).first()
        if library is None:
            return None
        return library.storage_prefix + parts[2]
    return None


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def h5p_file(request, token: str, path: str):
    if request.method == "OPTIONS":
        return preflight(request)
    data = file_token_read(token)
    if data is None:
        return HttpResponseForbidden("expired or invalid link")
    package = H5PPackage.objects.filter(pk=data.get("p")).first()
    if package is None:
        raise Http404
    name = _resolve(package, path)
    if name is None or not default_storage.exists(name):
        raise Http404
    # The learner's own copy: kept by their browser while the address lasts, never shared.
    cache = f"private, max-age={settings.H5P_FILE_TOKEN_PERIOD}"
    return stored_file_response(request, name, cache=cache)


def client_time(value) -> datetime | None:
    """The device's ISO 8601 time of a save (with a time zone), or None when absent/invalid."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else None


@require_POST
def activity_state(request):
    """Save the learner's resume state, sent by the lesson page's queue (session + CSRF).

    ``{"activity": iri, "state": "…", "at": "<ISO time on the device>"}``: saves made offline
    arrive late and may be sent twice; the state with the latest ``at`` is kept (204 either
    way, so a repeated delivery is a success)."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    try:
        body = json.loads(request.body or b"{}")
        iri, state = str(body["activity"]), body["state"]
    except (ValueError, KeyError, TypeError):
        return HttpResponse(status=400)
    if not isinstance(state, str) or len(state) > 65536:
        return HttpResponse(status=400)
    at = client_time(body.get("at"))
    activity_state_save(learner=request.user, activity_iri=iri, state=state, at=at)
    return HttpResponse(status=204)
