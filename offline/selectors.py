"""What a learner's phone downloads to study a course without a connection.

``course_offline_manifest`` lists every URL the course needs — its page, its lesson pages, the
images and documents in them, each H5P activity's frame, the player and every package and
library file (through the player's own URL helpers, so the list follows the player's URLs) —
with sizes where the server knows them, and a version that changes whenever a page of the
course is published, unpublished or moved, or an activity's package changes.
"""

import hashlib
import os
import posixpath
import re
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.db.models import Max
from django.templatetags.static import static
from django.urls import reverse
from wagtail.models import Page

from courses.h5p.assets import bundle_url, library_file_url
from courses.h5p.storage import package_prefix
from courses.models import CoursePage, LessonPage
from courses.player import file_token

# A lesson page's HTML is rendered for the learner, so its size is only known once fetched;
# the download shows this estimate for it in the total (and the real size after).
PAGE_BYTES_ESTIMATE = 40_000
PLAYER_FILES = ("h5p-standalone/frame.bundle.js", "h5p-standalone/styles/h5p.css")
# The player's fonts and images a lesson needs offline, named in its stylesheet: the icon fonts
# and the upright text faces (italic and extra-bold faces are left to the network).
PLAYER_CSS = "h5p-standalone/styles/h5p.css"
PLAYER_ASSET_RE = re.compile(r"""url\(\s*['"]?\.\./([^'")?#]+)""")
PLAYER_ASSETS_SKIPPED = ("italic", "extrabold", "hub-publish")
# Part of every course's version: raised when the downloaded player frame must be fetched again
# (3: the frame sandboxes itself and carries its scripts, so it opens offline the first time;
# the player's fonts are downloaded).
PLAYER_FRAME_VERSION = 3


@lru_cache(maxsize=1)
def player_assets() -> tuple[tuple[str, int | None], ...]:
    """(static path, size) of each font and image the player's stylesheet names and a lesson
    uses (the frame fetches the fonts it uses through the lesson page, so offline only from the
    phone)."""
    found = finders.find(PLAYER_CSS)
    if not found:
        return ()
    with open(found, encoding="utf-8") as handle:
        names = sorted(set(PLAYER_ASSET_RE.findall(handle.read())))
    folder = posixpath.dirname(posixpath.dirname(PLAYER_CSS))
    assets = []
    for name in names:
        if any(word in name.lower() for word in PLAYER_ASSETS_SKIPPED):
            continue
        path = f"{folder}/{name}"
        file = finders.find(path)
        assets.append((path, os.path.getsize(file) if file else None))
    return tuple(assets)


def _walk(prefix: str) -> list[tuple[str, int]]:
    """(relative path, size) of every file stored under ``prefix``."""
    found, stack = [], [""]
    while stack:
        folder = stack.pop()
        try:
            dirs, files = default_storage.listdir(prefix + folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        stack.extend(f"{folder}{name}/" for name in dirs)
        for name in files:
            path = folder + name
            found.append((path, default_storage.size(prefix + path)))
    return sorted(found)


def _package_files(package, *, user) -> list[dict]:
    """Every file the player asks for an H5P package, at the player's own addresses: the
    package's files under the learner's token (courses.player.file_token), its libraries'
    JS and CSS bundles and each library file at its versioned public address
    (courses.h5p.assets). The lesson page fetches them for the frame, through the service
    worker, so a downloaded copy serves them offline."""
    token = file_token(package_id=package.pk, user_id=user.pk)
    items = [
        {"url": reverse("courses:h5p_file", args=[token, path]), "size": size, "kind": "h5p"}
        for path, size in _walk(package_prefix(package.sha256))
        if path == "h5p.json" or path.startswith("content/")
    ]
    libraries = list(package.libraries_in_load_order())
    bundled = {"js": 0, "css": 0}  # a bundle is its libraries' files one after the other
    files = []
    for library in libraries:
        for path, size in _walk(library.storage_prefix):
            kind = path.rsplit(".", 1)[-1]
            if kind in bundled:
                bundled[kind] += size or 0
            elif not path.endswith(("library.json", "semantics.json")):  # never asked for
                files.append({"url": library_file_url(library, path), "size": size, "kind": "h5p"})
    for kind in ("js", "css"):
        url = bundle_url(package, libraries, kind)
        items.append({"url": url, "size": bundled[kind] or None, "kind": "h5p"})
    return items + files


def _block_items(lesson: LessonPage, block, *, user) -> list[dict]:
    kind = block.block_type
    if kind == "image" and block.value.get("image"):
        rendition = block.value["image"].get_rendition("width-800")
        return [{"url": rendition.url, "size": rendition.file.size, "kind": "image"}]
    if kind == "document" and block.value:
        return [{"url": block.value.url, "size": block.value.get_file_size() or 0, "kind": "doc"}]
    if kind == "h5p" and block.value.get("activity"):
        frame = reverse("courses:h5p_frame", args=[lesson.pk, block.id])
        items = [{"url": frame, "size": PAGE_BYTES_ESTIMATE // 4, "kind": "frame"}]
        return items + _package_files(block.value["activity"].package, user=user)
    return []


def course_version(*, course: CoursePage) -> str:
    """Changes when any page of the course is (un)published or moved, or its content is."""
    pages = Page.objects.descendant_of(course, inclusive=True)
    facts = pages.aggregate(
        published=Max("last_published_at"), changed=Max("latest_revision_created_at")
    )
    live = ",".join(str(pk) for pk in pages.live().order_by("path").values_list("pk", flat=True))
    text = f"{course.pk}|{facts['published']}|{facts['changed']}|{live}|{PLAYER_FRAME_VERSION}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def course_offline_manifest(*, course: CoursePage, user) -> dict:
    """The course's offline manifest for ``user`` (who must be allowed to view it)."""
    items = [{"url": course.url, "size": PAGE_BYTES_ESTIMATE, "kind": "page"}]
    for path in PLAYER_FILES:
        found = finders.find(path)
        size = os.path.getsize(found) if found else None
        items.append({"url": static(path), "size": size, "kind": "player"})
    for path, size in player_assets():
        items.append({"url": static(path), "size": size, "kind": "player"})
    lessons = list(course.lessons().specific())
    for lesson in lessons:
        items.append({"url": lesson.url, "size": PAGE_BYTES_ESTIMATE, "kind": "page"})
        for block in lesson.body:
            items.extend(_block_items(lesson, block, user=user))
    seen, unique = set(), []
    for item in items:
        if item["url"] not in seen:
            seen.add(item["url"])
            unique.append(item)
    return {
        "course": course.pk,
        "title": course.title,
        "url": course.url,
        "version": course_version(course=course),
        "lessons": len(lessons),
        "bytes": sum(item["size"] or 0 for item in unique),
        "files": unique,
    }
