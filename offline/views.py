"""The installable app: web app manifest, icons, the service worker at the site root, the
offline page, the list of downloaded courses, and each course's offline manifest."""

import hashlib
import json
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe

from courses.models import CoursePage
from offline.icons import RED, SIZES, SVG, icon_png
from offline.selectors import course_offline_manifest

# Our own files every page needs: cached when the service worker installs (the app shell).
SHELL = (
    "css/site.css",
    "img/favicon.svg",
    "courses/lesson.js",
    "offline/app.js",
    "offline/queue.js",
    "offline/downloads.js",
    "offline/offline.css",
    "idb/umd.js",
    "workbox/workbox-window.prod.umd.js",
)
WORKBOX_MODULES = ("workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching")
WORKBOX_MODULES += ("workbox-cacheable-response",)
# Never cached by the service worker: officers' pages, the admin, accounts, personal-data
# exports, certificates, and the endpoints the queue delivers to.
NEVER_CACHE = (
    "/admin/",
    "/can-bo/",
    "/tai-khoan/",
    "/xapi/",
    "/hoc/trang-thai/",
    "/toi/du-lieu.json",
    "/toi/chung-nhan/",
    "/chung-nhan/",
    "/minh-chung/",
    "/i18n/",
    "/hoc/tai-ve/",
    "/hoc/phien/",
)


@lru_cache(maxsize=1)
def shell_revision() -> str:
    """Changes whenever one of the app shell's files does (then the worker updates)."""
    digest = hashlib.sha256()
    for path in SHELL:
        found = finders.find(path)
        if found:
            with open(found, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


@require_safe
def service_worker(request):
    if settings.DEBUG:  # files change under a development server: read them again
        shell_revision.cache_clear()
    config = {
        "revision": shell_revision(),
        "shell": [static(path) for path in SHELL],
        "offlineUrl": reverse("offline:offline_page"),
        "neverCache": NEVER_CACHE,
        "staticPrefix": static(""),
        "loginPrefix": reverse("account_login"),
        "tokenUrl": reverse("offline:session_token"),
        # The H5P player frame: /hoc/h5p/<lesson>/<block>/ (courses.player.h5p_frame).
        "framePrefix": reverse("courses:h5p_frame", args=[1, "x"]).rsplit("/", 3)[0] + "/",
        "frameTimeoutMs": 4000,
        "frameOfflineText": _("Hoạt động này chưa được tải về máy. Hãy mở lại khi có mạng."),
    }
    context = {
        "config": json.dumps(config),
        "workbox_sw": static("workbox/workbox-sw.js"),
        "workbox_prefix": static("workbox/").rstrip("/"),
        "idb": static("idb/umd.js"),
        "queue": static("offline/queue.js"),
        "modules": WORKBOX_MODULES,
    }
    response = render(request, "offline/sw.js", context, content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
@cache_control(max_age=3600)
def web_manifest(request):
    data = {
        "name": _("Công dân học tập"),
        "short_name": _("Công dân học tập"),
        "description": _(
            "Học tập suốt đời: khóa học ngắn trên điện thoại, học cả khi không có mạng."
        ),
        "lang": "vi",
        "dir": "ltr",
        "start_url": "/?nguon=ung-dung",
        "scope": "/",
        "display": "standalone",
        "background_color": "#faf6f1",
        "theme_color": RED,
        "icons": [
            {"src": reverse("offline:icon_svg"), "sizes": "any", "type": "image/svg+xml"},
            *(
                {
                    "src": reverse("offline:icon_png", args=[size]),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": "any maskable",
                }
                for size in SIZES
            ),
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
@cache_control(max_age=86400)
def icon_svg(request):
    return HttpResponse(SVG, content_type="image/svg+xml")


@require_GET
@cache_control(max_age=86400)
def icon_png_view(request, size: int):
    if size not in SIZES:
        raise Http404
    return HttpResponse(icon_png(size), content_type="image/png")


@require_GET
def offline_page(request):
    """Shown by the service worker for a page that is neither reachable nor downloaded. Cached
    once for every account on the phone, so it is rendered as for a visitor (no name)."""
    request.user = AnonymousUser()
    return render(request, "offline/offline_page.html")


@require_GET
@login_required
def downloads(request):
    """The courses downloaded on this phone: listed by the page's script from the device."""
    return render(request, "offline/downloads.html")


@require_GET
@never_cache
def course_manifest(request, course_id: int):
    """The course's offline manifest (JSON), for a signed-in learner who may view it."""
    if not (request.user.is_authenticated and request.user.is_active):
        return JsonResponse({"error": _("Hãy đăng nhập để tải khóa học về.")}, status=401)
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if not all(r.accept_request(request) for r in course.get_view_restrictions()):
        return JsonResponse({"error": _("Bạn không có quyền xem khóa học này.")}, status=403)
    return JsonResponse(course_offline_manifest(course=course, user=request.user))


@require_GET
@never_cache
def session_token(request):
    """The signed-in account's key and a fresh CSRF token, for the outbox: a downloaded page
    opened from the phone carries the token of the day it was downloaded."""
    from django.middleware.csrf import get_token

    from offline.identity import user_key

    key = user_key(request.user)
    return JsonResponse({"user": key, "csrf": get_token(request) if key else ""})
