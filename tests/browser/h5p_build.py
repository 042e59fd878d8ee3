"""Small .h5p packages made for a test from the libraries of the H5P Hub fixtures
(../shared/fixtures/h5p-hub/), with content the test writes: only the libraries the content needs
(the preloaded dependencies of its roots, recursively) go into the zip."""

import io
import json
import zipfile
from pathlib import Path

from tests.courses.builders import FIXTURES

HUB = FIXTURES / "h5p-hub"
NO_HUB = "../shared/fixtures/h5p-hub is not present (a user's own clone)"


def _libraries(archive: zipfile.ZipFile) -> dict[tuple[str, int, int], str]:
    """(machineName, major, minor) → folder, for every library folder in the archive."""
    found = {}
    for name in archive.namelist():
        folder, _slash, rest = name.partition("/")
        if rest == "library.json":
            info = json.loads(archive.read(name))
            found[(info["machineName"], int(info["majorVersion"]), int(info["minorVersion"]))] = (
                folder
            )
    return found


def _closure(archive, libraries, roots) -> list[str]:
    order, seen = [], set()

    def visit(key):
        if key in seen:
            return
        seen.add(key)
        folder = libraries[key]
        info = json.loads(archive.read(f"{folder}/library.json"))
        for dependency in info.get("preloadedDependencies", []):
            visit(
                (
                    dependency["machineName"],
                    int(dependency["majorVersion"]),
                    int(dependency["minorVersion"]),
                )
            )
        order.append(key)

    for root in roots:
        visit(root)
    return order


def hub_package(
    fixture: str,
    *,
    main: str,
    content: dict,
    roots: list[str] | None = None,
    files: dict[str, bytes] | None = None,
    extra_libraries: dict[str, bytes] | None = None,
    title: str = "Gói thử nghiệm",
) -> bytes:
    """A package whose main library is ``main`` ("H5P.CoursePresentation 1.22"), playing
    ``content`` (content.json). ``roots``: more libraries the content uses (sub-content);
    ``files``: more content files (path under content/ → bytes); ``extra_libraries``: files of
    libraries written by the test (path → bytes), whose machine names go in ``roots`` too."""
    source = zipfile.ZipFile(Path(HUB) / fixture)
    libraries = _libraries(source)
    extra = zipfile.ZipFile(io.BytesIO(_zip(extra_libraries or {})))
    libraries_extra = _libraries(extra)

    def key(text):
        name, version = text.split(" ")
        major, minor = version.split(".")
        return (name, int(major), int(minor))

    wanted = [key(main)] + [key(root) for root in roots or []]
    hub_roots = [k for k in wanted if k in libraries]
    order = _closure(source, libraries, hub_roots)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        dependencies = [
            {"machineName": name, "majorVersion": major, "minorVersion": minor}
            for name, major, minor in order + [k for k in wanted if k in libraries_extra]
        ]
        archive.writestr(
            "h5p.json",
            json.dumps(
                {
                    "title": title,
                    "language": "vi",
                    "mainLibrary": key(main)[0],
                    "embedTypes": ["div"],
                    "license": "U",
                    "preloadedDependencies": dependencies,
                }
            ),
        )
        archive.writestr("content/content.json", json.dumps(content))
        for path, data in (files or {}).items():
            archive.writestr(f"content/{path}", data)
        folders = {libraries[k] + "/" for k in order}
        for name in source.namelist():
            if name.endswith("/"):
                continue
            if any(name.startswith(folder) for folder in folders):
                archive.writestr(name, source.read(name))
        for name, data in (extra_libraries or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def hub_file(fixture: str, name: str) -> bytes:
    return zipfile.ZipFile(Path(HUB) / fixture).read(name)


def hub_content(fixture: str) -> dict:
    return json.loads(hub_file(fixture, "content/content.json"))
