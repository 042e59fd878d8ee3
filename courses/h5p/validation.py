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

The zip-level safety is in ``courses.h5p.intake`` (limits, the spooled upload) and
``courses.h5p.archive`` (paths, symlinks, file types, bounded reading); this module checks what
H5P needs: ``h5p.json``, every library folder's ``library.json`` (required fields, the core API
it needs, its language files, its preloaded JS/CSS files), the libraries required (recursively),
and ``content/content.json``; and it refuses SVG images that carry script.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.utils.translation import gettext as _

from courses.h5p.archive import H5P_ALLOWED_EXTENSIONS, Unpacked, extension, extract_archive
from courses.h5p.intake import (
    H5PLimits,
    H5PValidationError,
    SpooledUpload,
    not_valid,
    refuse,
    spool_upload,
)
from courses.h5p.library_json import (
    PLAYER_CORE_API,
    H5PLibraryInfo,
    dependency_list,
    parse_library,
    read_json,
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


@dataclass(frozen=True)
class H5PPackageInfo:
    title: str
    main_library: H5PLibraryInfo
    libraries: tuple[H5PLibraryInfo, ...]  # what the player loads, dependencies first
    h5p_json: dict
    content_json: dict
    h5p_json_bytes: bytes = field(repr=False)
    content_files: Mapping[str, Unpacked] = field(repr=False)  # path under content/ → unpacked copy
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


def load_order(roots, index: dict, missing: set | None = None) -> tuple[H5PLibraryInfo, ...]:
    """Depth-first, dependencies before dependents, each library once (cycles cut).

    A dependency not in ``index`` refuses the package, unless ``missing`` is given: it is then
    added to that set and left out (a library package may rely on libraries installed before).
    """

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
                if missing is not None and dependency not in index:
                    missing.add(dependency)
                elif dependency not in done and dependency not in active:
                    stack.append((get(dependency), 0))
                    active.add(dependency)
            else:
                stack.pop()
                key = (library.machine_name, library.major, library.minor)
                active.discard(key)
                done.add(key)
                order.append(library)
    return tuple(order)


def _parse_h5p_json(path: Unpacked | None) -> dict:
    if path is None:
        raise not_valid("missing_h5p_json", _("thiếu tệp h5p.json"))
    meta = read_json(path)
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


def check_svgs(files: Mapping[str, Unpacked]) -> None:
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


def _content_files(files: Mapping[str, Unpacked]) -> dict[str, Unpacked]:
    """The files under content/, by their path inside it."""
    return {
        name.removeprefix("content/"): payload
        for name, payload in files.items()
        if name.startswith("content/") and name != "content/"
    }


def library_index(files: Mapping[str, Unpacked]) -> dict[tuple, H5PLibraryInfo]:
    """Every library folder at the root (all but content/), checked, by (name, major, minor)."""
    folders: dict[str, dict[str, Unpacked]] = {}
    for name, payload in files.items():
        top, _slash, rest = name.partition("/")
        if top != "content" and rest:
            folders.setdefault(top, {})[rest] = payload
    index = {}
    for folder in sorted(folders):
        library = parse_library(folder, folders[folder])
        key = (library.machine_name, library.major, library.minor)
        if key in index:
            raise not_valid(
                "invalid_library_json",
                _("thư viện %(name)s có hai bản") % {"name": library.machine_name},
            )
        index[key] = library
    return index


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
    roots = dependency_list(h5p_json["preloadedDependencies"], "h5p.json")
    main_key = next((key for key in roots if key[0] == h5p_json["mainLibrary"]), None)
    if main_key is None:
        raise not_valid(
            "invalid_h5p_json",
            _("thư viện chính %(name)s không có trong danh sách thư viện của h5p.json")
            % {"name": h5p_json["mainLibrary"]},
        )
    if "content/content.json" not in files:
        raise not_valid("missing_content_json", _("thiếu tệp content/content.json"))
    content_json = read_json(files["content/content.json"])
    if not isinstance(content_json, dict):
        raise not_valid(
            "invalid_content_json", _("tệp content/content.json không đúng định dạng JSON")
        )

    check_svgs(files)
    index = library_index(files)
    libraries = load_order(roots, index)

    return H5PPackageInfo(
        title=h5p_json["title"].strip()[:255],
        main_library=index[main_key],
        libraries=libraries,
        h5p_json=h5p_json,
        content_json=content_json,
        h5p_json_bytes=files["h5p.json"].read_bytes(),
        content_files=MappingProxyType(_content_files(files)),
        sha256=upload.sha256,
        size=upload.size,
        file_count=extracted.file_count,
        uncompressed_bytes=extracted.inflated,
        upload=upload,
    )
