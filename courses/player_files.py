"""Files for the sandboxed H5P player that cost a phone as little as possible.

- ``h5p_library_file``: one file of one library version, at an address naming the exact
  version (``/hoc/h5p-thu-vien/H5P.TrueFalse-1.6.3/…``). Library files never change for a
  version and are the libraries' own public code, so they are public and cached for a year.
- ``h5p_bundle``: a package's preloaded JavaScript or CSS, all libraries in load order in one
  response (``courses.h5p.assets``), named by the versions it holds: cached for a year too.

Text is sent gzip-compressed to browsers that accept it. Every response carries the sandbox
policy of package files and ``Access-Control-Allow-Origin: *``, because the player frame is an
opaque origin (its fonts and fetches are cross-origin requests).
"""

import functools
import gzip
import mimetypes
import posixpath
import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from courses.h5p.assets import Bundle, bundle_build, bundle_digest, library_folder
from courses.models import H5PLibrary, H5PPackage

IMMUTABLE = "public, max-age=31536000, immutable"
FILE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"
FOLDER_RE = re.compile(
    r"^(?P<name>[A-Za-z0-9._-]+)-(?P<major>\d{1,5})\.(?P<minor>\d{1,5})\.(?P<patch>\d{1,5})$"
)
TEXT_TYPES = ("text/", "application/javascript", "application/json")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
MAX_COMPRESS_BYTES = 8 * 1024 * 1024


def file_headers(response, *, cache: str):
    response["Access-Control-Allow-Origin"] = "*"  # the player frame is an opaque origin
    response["Cache-Control"] = cache
    response["Content-Security-Policy"] = FILE_CSP
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response._csp_exempt = True
    return response


def accepts_gzip(request) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSIBLE)


def body_response(request, body: bytes, content_type: str, *, cache: str, gz: bytes | None = None):
    """``body`` (gzip-compressed when the browser accepts it and it is text) with our headers."""
    if compressible(content_type) and accepts_gzip(request):
        body = gz if gz is not None else gzip.compress(body, compresslevel=6, mtime=0)
        response = HttpResponse(body, content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(body, content_type=content_type)
    if compressible(content_type):
        patch_vary_headers(response, ["Accept-Encoding"])
    return file_headers(response, cache=cache)


def stored_file_response(request, name: str, *, cache: str):
    """A stored file: read and compressed if it is small text, streamed as it is otherwise."""
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if content_type.startswith(TEXT_TYPES):
        content_type += "; charset=utf-8"
    if compressible(content_type) and default_storage.size(name) <= MAX_COMPRESS_BYTES:
        with default_storage.open(name, "rb") as handle:
            return body_response(request, handle.read(), content_type, cache=cache)
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    return file_headers(response, cache=cache)


# Headers a package's own requests may carry from the frame (SoundJS sends X-Requested-With,
# players ask for byte ranges …): the files are never read with cookies, so any well-formed
# header name may be allowed.
HEADER_NAMES_RE = re.compile(r"^[A-Za-z0-9-]{1,64}(\s*,\s*[A-Za-z0-9-]{1,64}){0,19}$")


def preflight(request) -> HttpResponse:
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


def clean_path(path: str) -> str | None:
    if "\\" in path or path.startswith("/") or "\x00" in path:
        return None
    clean = posixpath.normpath(path)
    if clean != path or clean.startswith("..") or "/../" in clean:
        return None
    return clean


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def h5p_library_file(request, folder: str, path: str):
    if request.method == "OPTIONS":
        return preflight(request)
    match = FOLDER_RE.match(folder)
    clean = clean_path(path)
    if match is None or clean is None:
        raise Http404
    library = H5PLibrary.objects.filter(
        machine_name=match["name"],
        major=int(match["major"]),
        minor=int(match["minor"]),
        patch=int(match["patch"]),
    ).first()
    if library is None or not default_storage.exists(library.storage_prefix + clean):
        raise Http404
    return stored_file_response(request, library.storage_prefix + clean, cache=IMMUTABLE)


@functools.lru_cache(maxsize=64)
def _bundle(package_id: int, digest: str, kind: str) -> tuple[Bundle, bytes] | None:
    """A package's bundle and its gzip form, built once per process (they never change)."""
    package = H5PPackage.objects.filter(pk=package_id).first()
    if package is None:
        return None
    libraries = list(package.libraries_in_load_order())
    if bundle_digest(libraries) != digest:
        return None
    bundle = bundle_build(libraries, kind)
    return bundle, gzip.compress(bundle.body, compresslevel=9, mtime=0)


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def h5p_bundle(request, package_id: int, digest: str, kind: str):
    if request.method == "OPTIONS":
        return preflight(request)
    if kind not in ("js", "css") or not re.fullmatch(r"[0-9a-f]{20}", digest):
        raise Http404
    built = _bundle(package_id, digest, kind)
    if built is None:
        raise Http404
    bundle, gz = built
    return body_response(request, bundle.body, bundle.content_type, cache=IMMUTABLE, gz=gz)


__all__ = ["h5p_bundle", "h5p_library_file", "library_folder"]
