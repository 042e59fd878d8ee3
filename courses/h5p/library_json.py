"""An H5P library folder's ``library.json``: its required fields, the H5P core API it needs,
its preloaded files and dependencies, and its language files — as H5P core checks them.

Used by ``courses.h5p.validation``; raises ``H5PValidationError`` with a Vietnamese message.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.utils.translation import gettext as _

from courses.h5p.archive import Unpacked, extension
from courses.h5p.intake import not_valid, refuse

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
    files: Mapping[str, Unpacked] = field(repr=False)  # path inside the folder → unpacked copy

    @property
    def version(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    @property
    def key(self) -> str:
        """Storage key: one copy per machineName + major.minor.patch."""
        return f"{self.machine_name}-{self.version}"


NOT_JSON = object()


def read_json(path: Unpacked | None, *, invalid=None):
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


def dependency_list(items, where: str) -> tuple[tuple[str, int, int], ...]:
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


def _check_language_files(folder: str, files: dict[str, Unpacked]) -> None:
    for path in sorted(files):
        directory, _slash, base = path.rpartition("/")
        parsed = directory == "language" and extension(base) == "json"
        if parsed and read_json(files[path], invalid=NOT_JSON) is NOT_JSON:
            raise not_valid(
                "invalid_language_json",
                _("tệp ngôn ngữ %(folder)s/%(path)s không đúng định dạng JSON")
                % {"folder": folder, "path": path},
            )


def parse_library(folder: str, files: dict[str, Unpacked]) -> H5PLibraryInfo:
    if "library.json" not in files:
        raise not_valid(
            "missing_library_json",
            _("thư mục thư viện “%(folder)s” thiếu tệp library.json") % {"folder": folder},
        )
    meta = read_json(files["library.json"])
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
        dependencies=dependency_list(meta.get("preloadedDependencies"), f"{folder}/library.json"),
        library_json=meta,
        folder=folder,
        files=MappingProxyType(files),
    )
