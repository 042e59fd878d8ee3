"""Helpers for the H5P tests: the shared fixture folder, and zips built in memory."""

import io
import json
import stat
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = (ROOT / "../shared/fixtures").resolve()
H5P_FIXTURES = FIXTURES / "h5p"
VALID_FIXTURES = [
    "truefalse-hello.h5p",
    "multichoice.h5p",
    "questionset.h5p",
    "blanks.h5p",
    "dragtext.h5p",
]
needs_fixtures = pytest.mark.skipif(
    not FIXTURES.is_dir(), reason="../shared/fixtures is not present (a user's own clone)"
)

SVG_OK = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<rect width="10" height="10" fill="#c00"/></svg>'
)


def fixture_bytes(name: str) -> bytes:
    return (H5P_FIXTURES / name).read_bytes()


def make_zip(entries: dict, *, symlinks: dict | None = None) -> bytes:
    """A zip of ``entries`` (name → bytes or str; None makes a folder entry)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            if data is None:
                archive.writestr(zipfile.ZipInfo(name.rstrip("/") + "/"), b"")
            else:
                archive.writestr(name, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3  # Unix, so the mode in external_attr counts
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()


def library_entries(name: str, major: int, minor: int, patch: int, deps=(), body="") -> dict:
    folder = f"{name}-{major}.{minor}"
    script = f"{name.lower().replace('.', '-')}.js"
    meta = {
        "title": name,
        "machineName": name,
        "majorVersion": major,
        "minorVersion": minor,
        "patchVersion": patch,
        "runnable": 1,
        "preloadedJs": [{"path": script}],
        "preloadedCss": [{"path": "style.css"}],
        "preloadedDependencies": [
            {"machineName": d[0], "majorVersion": d[1], "minorVersion": d[2]} for d in deps
        ],
    }
    return {
        f"{folder}/library.json": json.dumps(meta),
        f"{folder}/{script}": f"/* {name} {major}.{minor}.{patch} {body} */ var x = 1;",
        f"{folder}/style.css": ".h5p-x { color: red; }",
    }


def minimal_package(title: str = "Xin chào", content: dict | None = None) -> dict:
    """A small valid package: H5P.Hello 1.0 needs H5P.Shared 1.2 (entries, to tweak)."""
    h5p_json = {
        "title": title,
        "language": "vi",
        "mainLibrary": "H5P.Hello",
        "embedTypes": ["div"],
        "preloadedDependencies": [
            {"machineName": "H5P.Hello", "majorVersion": "1", "minorVersion": "0"},
            {"machineName": "H5P.Shared", "majorVersion": "1", "minorVersion": "2"},
        ],
    }
    entries = {
        "h5p.json": json.dumps(h5p_json),
        "content/": None,
        "content/content.json": json.dumps(content or {"text": title}),
        "content/images/logo.svg": SVG_OK,
    }
    entries |= library_entries("H5P.Hello", 1, 0, 3, deps=[("H5P.Shared", 1, 2)])
    entries |= library_entries("H5P.Shared", 1, 2, 5)
    return entries


def fixture_entries(name: str) -> dict:
    """The entries of a fixture package, to tweak and zip again."""
    with zipfile.ZipFile(H5P_FIXTURES / name) as archive:
        return {
            info.filename: None if info.is_dir() else archive.read(info)
            for info in archive.infolist()
        }


def stored_files(root: Path) -> list[str]:
    if not root.exists():
        return []
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
