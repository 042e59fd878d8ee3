"""Safe intake of an H5P package (.h5p): read it, check it, describe it. No database.

``validate_package(source)`` takes bytes, a file object or a ``SpooledUpload`` and returns an
``H5PPackageInfo``, or raises ``H5PValidationError(message, code)`` whose message names the
problem in the user's language (Vietnamese source) and says what to do; ``code`` is stable, for
tests and logs.

The package is unpacked, entry by entry, into a private temporary folder that the returned
``H5PPackageInfo`` owns: its ``files`` mappings point at those copies, so storing it later needs
no second reading of the upload. ``close()`` it (or use it as a context manager) once stored;
otherwise the folder goes when the object is garbage-collected. On a refusal the folder is
already gone.

The zip-level safety (limits, paths, symlinks, file types, bounded reading) is in
``courses.h5p.archive``; this module checks what H5P needs: ``h5p.json``, every library folder's
``library.json`` (required fields, the core API it needs, its language files, its preloaded
JS/CSS files), the libraries required (recursively), and ``content/content.json``; and it refuses
SVG images that carry script.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from django.utils.translation import gettext as _

from courses.h5p.archive import (
    H5P_ALLOWED_EXTENSIONS,
    H5PLimits,
    H5PValidationError,
    SpooledUpload,
    extension,
    extract_archive,
    not_valid,
    refuse,
    spool_upload,
)
from courses.h5p.svg import svg_script_reason

__all__ = [
    "H5P_ALLOWED_EXTENSIONS",
    "PLAYER_CORE_API",
    "H5PLibraryInfo",
    "H5PLimits",
    "H5PPackageInfo",
    "H5PValidationError",
    "SpooledUpload",
    "spool_upload",
    "validate_package",
]

# H5P core's own patterns for machine names and version numbers.
MACHINE_NAME = re.compile(r"^[A-Za-z0-9_.\-]{1,255}$")
VERSION_PART = re.compile(r"^[0-9]{1,5}$")
#: What H5P core requires in every library.json.
LIBRARY_REQUIRED = (
    "title",
    "machineName",
    "majorVersion",
    "minorVersion",
    "patchVersion",
    "runnable",
)

#: The player we serve (package.json pins it) and the H5P core API its bundled core provides.
#: h5p-standalone 3.8.2 bundles H5P core's JavaScript from h5p-php-library after VA-1631
#: (``density ?? "large"``, February 2026), which came after VA-1521 raised
#: ``H5PCore::$coreApi`` to 1.28. When package.json moves h5p-standalone, update both
#: (tests/courses/test_h5p_validation.py checks that the pinned version is the one named here).
PLAYER = "h5p-standalone 3.8.2"
PLAYER_CORE_API = (1, 28)


@dataclass(frozen=True)
class H5PLibraryInfo:
    machine_name: str
    major: int
    minor: int
    patch: int
    title: str
    runnable: bool
    preloaded_js: tuple[str, ...]
    preloaded_css: tuple[str, ...]
    dependencies: tuple[tuple[str, int, int], ...]  # preloadedDependencies, in their order
    library_json: dict
    folder: str
    files: Mapping[str, Path] = field(repr=False)  # path inside the folder → unpacked copy

    @property
    def version(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    @property
    def key(self) -> str:
        """Storage key: one copy per machineName + major.minor.patch."""
        return f"{self.machine_name}-{self.version}"


@dataclass(frozen=True)
class H5PPackageInfo:
    title: str
    main_library: H5PLibraryInfo
    libraries: tuple[H5PLibraryInfo, ...]  # what the player loads, dependencies first
    h5p_json: dict
    content_json: dict
    h5p_json_bytes: bytes = field(repr=False)
    content_files: Mapping[str, Path] = field(repr=False)  # path under content/ → unpacked copy
    sha256: str = ""
    size: int = 0  # bytes uploaded
    file_count: int = 0  # files in the archive (folders not counted)
    uncompressed_bytes: int = 0
    upload: SpooledUpload | None = field(default=None, repr=False, compare=False)

    def close(self) -> None:
        """Remove the unpacked files (once the package is stored, or not wanted)."""
        if self.upload is not None:
            self.upload.close()

    def __enter__(self) -> "H5PPackageInfo":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


NOT_JSON = object()


def _json(path: Path | None, *, invalid=None):
    """The file's JSON, or ``invalid`` when it is missing or not JSON."""
    if path is None:
        return invalid
    try:
        return json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return invalid


def _version(value) -> int | None:
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    return int(text) if VERSION_PART.match(text) else None


def _dependency_list(items, where: str) -> tuple[tuple[str, int, int], ...]:
    if items is None:
        return ()
    bad = not_valid(
        "invalid_dependencies",
        _("danh sách thư viện phụ thuộc trong %(file)s sai") % {"file": where},
    )
    if not isinstance(items, list):
        raise bad
    result = []
    for item in items:
        if not isinstance(item, dict):
            raise bad
        name = item.get("machineName")
        major, minor = _version(item.get("majorVersion")), _version(item.get("minorVersion"))
        if not isinstance(name, str) or not MACHINE_NAME.match(name) or None in (major, minor):
            raise bad
        result.append((name, major, minor))
    return tuple(result)


def _asset_paths(items, folder: str, kind: str) -> tuple[str, ...]:
    if items is None:
        return ()
    paths = []
    for item in items if isinstance(items, list) else [None]:
        path = item.get("path") if isinstance(item, dict) else None
        if not isinstance(path, str) or not path or ".." in path.split("/") or path[0] == "/":
            raise not_valid(
                "invalid_library_json",
                _("danh sách tệp %(kind)s trong %(folder)s/library.json sai")
                % {"kind": kind, "folder": folder},
            )
        paths.append(path.removeprefix("./"))
    return tuple(paths)


def _core_api(meta: dict, folder: str) -> tuple[int, int] | None:
    core = meta.get("coreApi")
    if not core:
        return None
    version = (
        (_version(core.get("majorVersion")), _version(core.get("minorVersion")))
        if isinstance(core, dict)
        else (None, None)
    )
    if None in version:
        raise not_valid(
            "invalid_library_json",
            _("mục “coreApi” trong %(folder)s/library.json sai") % {"folder": folder},
        )
    return version


def _check_core_api(meta: dict, folder: str, name: str, version: str) -> None:
    """Refuse a library that needs a newer H5P core than the player's (as H5P core does)."""
    required = _core_api(meta, folder)
    if required is None or required <= PLAYER_CORE_API:
        return
    message = _(
        "Thư viện %(library)s %(version)s trong gói cần lõi H5P phiên bản %(required)s trở lên, "
        "nhưng trình phát H5P của hệ thống (%(player)s) chỉ có lõi phiên bản %(core)s. "
        "Hãy đề nghị quản trị viên cập nhật trình phát H5P (gói h5p-standalone trong "
        "package.json) lên bản có lõi H5P %(required)s, hoặc xuất lại bài bằng công cụ soạn bài "
        "dùng phiên bản thư viện cũ hơn."
    ) % {
        "library": name,
        "version": version,
        "required": "{}.{}".format(*required),
        "player": PLAYER,
        "core": "{}.{}".format(*PLAYER_CORE_API),
    }
    raise refuse("core_api_too_new", message, reexport=False)


def _check_language_files(folder: str, files: dict[str, Path]) -> None:
    for path in sorted(files):
        directory, _slash, base = path.rpartition("/")
        parsed = directory == "language" and extension(base) == "json"
        if parsed and _json(files[path], invalid=NOT_JSON) is NOT_JSON:
            raise not_valid(
                "invalid_language_json",
                _("tệp ngôn ngữ %(folder)s/%(path)s không đúng định dạng JSON")
                % {"folder": folder, "path": path},
            )


def _parse_library(folder: str, files: dict[str, Path]) -> H5PLibraryInfo:
    if "library.json" not in files:
        raise not_valid(
            "missing_library_json",
            _("thư mục thư viện “%(folder)s” thiếu tệp library.json") % {"folder": folder},
        )
    meta = _json(files["library.json"])
    if not isinstance(meta, dict):
        raise not_valid(
            "invalid_library_json",
            _("tệp %(folder)s/library.json không đúng định dạng JSON") % {"folder": folder},
        )
    for key in LIBRARY_REQUIRED:
        if meta.get(key) is None or meta.get(key) == "":
            raise not_valid(
                "incomplete_library_json",
                _("tệp %(folder)s/library.json thiếu mục “%(key)s”")
                % {"folder": folder, "key": key},
            )
    name = meta.get("machineName")
    major, minor, patch = (
        _version(meta.get(key)) for key in ("majorVersion", "minorVersion", "patchVersion")
    )
    if not isinstance(name, str) or not MACHINE_NAME.match(name) or None in (major, minor, patch):
        raise not_valid(
            "invalid_library_json",
            _("tệp %(folder)s/library.json sai hoặc thiếu tên, phiên bản thư viện")
            % {"folder": folder},
        )
    title, runnable = meta["title"], meta["runnable"]
    if not isinstance(title, str) or not title.strip() or runnable not in (0, 1, "0", "1"):
        raise not_valid(
            "invalid_library_json",
            _("tệp %(folder)s/library.json có tên thư viện hoặc mục “runnable” sai")
            % {"folder": folder},
        )
    if folder not in (name, f"{name}-{major}.{minor}"):
        raise not_valid(
            "invalid_library_json",
            _("thư mục “%(folder)s” không khớp thư viện %(name)s %(major)s.%(minor)s")
            % {"folder": folder, "name": name, "major": major, "minor": minor},
        )
    _check_core_api(meta, folder, name, f"{major}.{minor}.{patch}")
    _check_language_files(folder, files)
    js = _asset_paths(meta.get("preloadedJs"), folder, "JS")
    css = _asset_paths(meta.get("preloadedCss"), folder, "CSS")
    for path in (*js, *css):
        if path not in files:
            raise not_valid(
                "missing_preloaded_file",
                _("thư viện %(name)s cần tệp “%(path)s” nhưng gói không có tệp này")
                % {"name": name, "path": path},
            )
    return H5PLibraryInfo(
        machine_name=name,
        major=major,
        minor=minor,
        patch=patch,
        title=title.strip()[:255],
        runnable=runnable in (1, "1"),
        preloaded_js=js,
        preloaded_css=css,
        dependencies=_dependency_list(meta.get("preloadedDependencies"), f"{folder}/library.json"),
        library_json=meta,
        folder=folder,
        files=MappingProxyType(files),
    )


def _load_order(roots, index: dict) -> tuple[H5PLibraryInfo, ...]:
    """Depth-first, dependencies before dependents, each library once (cycles cut)."""

    def get(key) -> H5PLibraryInfo:
        if key not in index:
            raise not_valid(
                "missing_library",
                _("thiếu thư viện %(name)s %(major)s.%(minor)s")
                % {"name": key[0], "major": key[1], "minor": key[2]},
            )
        return index[key]

    order: list[H5PLibraryInfo] = []
    done: set = set()
    for root in roots:
        if root in done:
            continue
        stack, active = [(get(root), 0)], {root}
        while stack:
            library, position = stack[-1]
            if position < len(library.dependencies):
                stack[-1] = (library, position + 1)
                dependency = library.dependencies[position]
                if dependency not in done and dependency not in active:
                    stack.append((get(dependency), 0))
                    active.add(dependency)
            else:
                stack.pop()
                key = (library.machine_name, library.major, library.minor)
                active.discard(key)
                done.add(key)
                order.append(library)
    return tuple(order)


def _parse_h5p_json(path: Path | None) -> dict:
    if path is None:
        raise not_valid("missing_h5p_json", _("thiếu tệp h5p.json"))
    meta = _json(path)
    if not isinstance(meta, dict):
        raise not_valid("invalid_h5p_json", _("tệp h5p.json không đúng định dạng JSON"))
    for key in ("title", "mainLibrary", "preloadedDependencies"):
        value = meta.get(key)
        if not value or (isinstance(value, str) and not value.strip()):
            raise not_valid(
                "incomplete_h5p_json", _("tệp h5p.json thiếu mục “%(key)s”") % {"key": key}
            )
    if not isinstance(meta["title"], str) or not isinstance(meta["mainLibrary"], str):
        raise not_valid("invalid_h5p_json", _("tệp h5p.json có tên bài hoặc thư viện chính sai"))
    return meta


def validate_package(source, *, limits: H5PLimits | None = None) -> H5PPackageInfo:
    """Check an uploaded .h5p (bytes, file object or ``SpooledUpload``) and describe it; see the
    module docstring. Each upload needs this once: the result carries what storing needs.

    Raises ``H5PValidationError`` for the first problem found; then nothing is left on disk.
    """
    limits = limits or H5PLimits.from_settings()
    if isinstance(source, SpooledUpload):
        upload = source
    else:
        upload = spool_upload(source, max_bytes=limits.max_upload_bytes)
    try:
        return _describe(upload, limits)
    except BaseException:
        upload.close()
        raise


def _describe(upload: SpooledUpload, limits: H5PLimits) -> H5PPackageInfo:
    extracted = extract_archive(upload, limits)
    upload.path.unlink()  # everything needed is unpacked beside it
    files = extracted.files

    h5p_json = _parse_h5p_json(files.get("h5p.json"))
    roots = _dependency_list(h5p_json["preloadedDependencies"], "h5p.json")
    main_key = next((key for key in roots if key[0] == h5p_json["mainLibrary"]), None)
    if main_key is None:
        raise not_valid(
            "invalid_h5p_json",
            _("thư viện chính %(name)s không có trong danh sách thư viện của h5p.json")
            % {"name": h5p_json["mainLibrary"]},
        )
    if "content/content.json" not in files:
        raise not_valid("missing_content_json", _("thiếu tệp content/content.json"))
    content_json = _json(files["content/content.json"])
    if not isinstance(content_json, dict):
        raise not_valid(
            "invalid_content_json", _("tệp content/content.json không đúng định dạng JSON")
        )

    for name, path in files.items():
        if extension(name) == "svg" and (reason := svg_script_reason(path.read_bytes())):
            error = refuse(
                "svg_script",
                _(
                    "Gói H5P có ảnh SVG chứa mã chạy được (script): “%(name)s”. "
                    "Hãy thay ảnh này bằng ảnh PNG hoặc SVG không có mã, rồi thử lại."
                )
                % {"name": name},
                reexport=False,
            )
            error.detail = reason
            raise error

    folders: dict[str, dict[str, Path]] = {}
    content_files: dict[str, Path] = {}
    for name, payload in files.items():
        top, _slash, rest = name.partition("/")
        if top == "content" and rest:
            content_files[rest] = payload
        elif rest:
            folders.setdefault(top, {})[rest] = payload
    index = {}
    for folder in sorted(folders):
        library = _parse_library(folder, folders[folder])
        key = (library.machine_name, library.major, library.minor)
        if key in index:
            raise not_valid(
                "invalid_library_json",
                _("thư viện %(name)s có hai bản") % {"name": library.machine_name},
            )
        index[key] = library
    libraries = _load_order(roots, index)

    return H5PPackageInfo(
        title=h5p_json["title"].strip()[:255],
        main_library=index[main_key],
        libraries=libraries,
        h5p_json=h5p_json,
        content_json=content_json,
        h5p_json_bytes=files["h5p.json"].read_bytes(),
        content_files=MappingProxyType(content_files),
        sha256=upload.sha256,
        size=upload.size,
        file_count=extracted.file_count,
        uncompressed_bytes=extracted.inflated,
        upload=upload,
    )
