"""Serving H5P activities to the sandboxed player frame.

The lesson page embeds ``h5p_frame`` in ``<iframe sandbox="allow-scripts">`` (no
``allow-same-origin``): the frame runs in an opaque origin, so package JavaScript cannot read our
cookies, send them, or touch the lesson page. The frame document itself is requested with the
learner's session (a navigation), so it is only served to signed-in learners; every file the
player then loads comes through ``h5p_file`` under a signed, expiring token naming the package,
because requests from the opaque origin carry no cookies.
"""

import json
import logging
import mimetypes
import posixpath
import re

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Site

from courses.extensions import activity_state_get, activity_state_save
from courses.h5p.storage import package_prefix
from courses.models import H5PPackage, LessonPage, PlayerSettings
from courses.models.player import video_file_origins
from courses.selectors import activity_iri, lesson_block, lesson_viewable_by

logger = logging.getLogger(__name__)
TOKEN_SALT = "courses.h5p.files"  # noqa: S105 (a signing salt, not a secret)
LIBRARY_DIR_RE = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)-(?P<major>\d+)\.(?P<minor>\d+)$")
YOUTUBE = {
    "script-src": ["https://www.youtube.com"],  # the IFrame Player API H5P.Video loads
    "frame-src": ["https://www.youtube.com", "https://www.youtube-nocookie.com"],
}
VIMEO = {"script-src": ["https://player.vimeo.com"], "frame-src": ["https://player.vimeo.com"]}


def frame_csp(*, player_settings: PlayerSettings | None) -> str:
    """The player frame's policy: the site's own files, plus exactly the video hosts an
    administrator allows (``PlayerSettings``); everything else stays blocked.

    'unsafe-eval': H5P.MultiChoice (through EmbeddedJS) compiles templates with eval. The
    sandbox, not the script policy, is what isolates package code, so allowing eval inside it
    costs nothing. ``base-uri 'self'``: H5P's jQuery (``$.parseHTML``, used by Course
    Presentation, Interactive Video …) gives each inert document it builds a ``<base href>``
    of the frame's own address; ``'none'`` refused that on every load.
    """
    sources = {
        "script-src": ["'self'", "'unsafe-eval'"],
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
        "frame-ancestors 'self'"
    )


FILE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"


def file_token(*, package_id: int, user_id: int) -> str:
    return signing.dumps({"p": package_id, "u": user_id}, salt=TOKEN_SALT, compress=True)


def _player_settings(request) -> PlayerSettings:
    if Site.find_for_request(request) is None:  # no site yet: the defaults
        return PlayerSettings()
    return PlayerSettings.for_request(request)


def _frame_response(request, template, context, status=200):
    response = render(request, template, context, status=status)
    response["Content-Security-Policy"] = frame_csp(
        player_settings=_player_settings(request) if status == 200 else None
    )
    response["Cache-Control"] = "private, no-store"
    response._csp_exempt = True  # our own policy above, not the site-wide one
    return response


@require_GET
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
    config = {
        "base": reverse("courses:h5p_file", args=[token, "h5p.json"]).removesuffix("/h5p.json"),
        "frameJs": static("h5p-standalone/frame.bundle.js"),
        "frameCss": static("h5p-standalone/styles/h5p.css"),
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


# Headers a package's own requests may carry from the frame (SoundJS sends X-Requested-With,
# players ask for byte ranges …): the files are public to whoever holds the token, never
# read with cookies, so any well-formed header name may be allowed.
HEADER_NAMES_RE = re.compile(r"^[A-Za-z0-9-]{1,64}(\s*,\s*[A-Za-z0-9-]{1,64}){0,19}$")


def _preflight(request) -> HttpResponse:
    """Answer the CORS preflight the opaque-origin frame sends before a non-simple request."""
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    asked = request.headers.get("Access-Control-Request-Headers", "").strip()
    if asked and HEADER_NAMES_RE.match(asked):
        response["Access-Control-Allow-Headers"] = asked
    response["Access-Control-Max-Age"] = "86400"
    response["Vary"] = "Access-Control-Request-Headers"
    response._csp_exempt = True
    return response


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def h5p_file(request, token: str, path: str):
    if request.method == "OPTIONS":
        return _preflight(request)
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=settings.H5P_FILE_URL_MAX_AGE)
    except signing.BadSignature:
        return HttpResponseForbidden("expired or invalid link")
    package = H5PPackage.objects.filter(pk=data.get("p")).first()
    if package is None:
        raise Http404
    name = _resolve(package, path)
    if name is None or not default_storage.exists(name):
        raise Http404
    content_type, _encoding = mimetypes.guess_type(name)
    response = FileResponse(
        default_storage.open(name, "rb"), content_type=content_type or "application/octet-stream"
    )
    response["Access-Control-Allow-Origin"] = "*"  # the player frame is an opaque origin
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response._csp_exempt = True
    return response


@require_POST
def activity_state(request):
    """Save the learner's resume state, sent by the lesson page's bridge (session + CSRF)."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    try:
        body = json.loads(request.body or b"{}")
        iri, state = str(body["activity"]), body["state"]
    except (ValueError, KeyError, TypeError):
        return HttpResponse(status=400)
    if not isinstance(state, str) or len(state) > 65536:
        return HttpResponse(status=400)
    activity_state_save(learner=request.user, activity_iri=iri, state=state)
    return HttpResponse(status=204)
