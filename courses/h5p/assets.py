"""A package's player assets in two responses: its libraries' preloaded JavaScript and CSS, each
concatenated in load order ("aggregation", as H5P's own integrations do it).

Library files never change for a version (``h5p/libraries/<name>-<major>.<minor>.<patch>/``), so
a bundle is named by the exact versions it holds and cached for a year. In the CSS, every
``url()`` is rewritten to the library file's own stable address (``library_file_url``), and each
``@font-face`` keeps one source only — WOFF2 where the library ships it, else WOFF, else the
first — so a phone never downloads the EOT, TTF and SVG copies it cannot use.
"""

import hashlib
import posixpath
import re
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.urls import reverse

# Bump when the way bundles are built changes: their addresses change with it.
BUNDLE_FORMAT = "2"
URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", re.I)
FONT_FACE_RE = re.compile(r"@font-face\s*\{[^}]*\}", re.I)
SRC_RE = re.compile(r"\bsrc\s*:[^;}]*;?", re.I)
FORMAT_RANK = {"woff2": 0, "woff": 1, "truetype": 2, "opentype": 2}
EXTENSION_RANK = {".woff2": 0, ".woff": 1, ".ttf": 2, ".otf": 2}


def library_folder(library) -> str:
    """The stable folder name of one library version: ``H5P.TrueFalse-1.6.3``."""
    return f"{library.machine_name}-{library.major}.{library.minor}.{library.patch}"


def library_file_url(library, path: str) -> str:
    return reverse("courses:h5p_library_file", args=[library_folder(library), path])


def bundle_digest(libraries) -> str:
    text = BUNDLE_FORMAT + "|" + ",".join(library_folder(library) for library in libraries)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def bundle_url(package, libraries, kind: str) -> str:
    """The address of a package's ``kind`` ("js" or "css") bundle; changes with its versions."""
    digest = bundle_digest(libraries)
    return reverse("courses:h5p_bundle", args=[package.pk, digest, kind])


@dataclass(frozen=True)
class Bundle:
    body: bytes
    content_type: str


def _read(name: str) -> str | None:
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read().decode("utf-8", errors="replace")
    except (FileNotFoundError, OSError):
        return None


def _clean(path: str) -> str | None:
    path = path.split("?", 1)[0].split("#", 1)[0]
    if not path or "\\" in path or path.startswith("/"):
        return None
    clean = posixpath.normpath(path)
    return None if clean.startswith("..") or clean == "." else clean


def _font_source_rank(url: str, hint: str) -> int:
    if hint:
        return FORMAT_RANK.get(hint.lower(), 9)
    return EXTENSION_RANK.get(posixpath.splitext(url.split("?", 1)[0])[1].lower(), 9)


def _best_font_src(block: str) -> str:
    """``block`` (one @font-face rule) with its sources cut to the one a phone should load."""
    candidates = []
    for declaration in SRC_RE.findall(block):
        for match in re.finditer(
            r"""url\(\s*(['"]?)([^'")]+)\1\s*\)(?:\s*format\(\s*['"]?([\w-]+)['"]?\s*\))?""",
            declaration,
            re.I,
        ):
            url, hint = match[2], match[3] or ""
            rank = _font_source_rank(url, hint)
            if rank < 9:
                candidates.append((rank, url, hint))
    if not candidates:
        return block
    _rank, url, hint = min(candidates, key=lambda c: c[0])
    fmt = hint or {0: "woff2", 1: "woff", 2: "truetype"}[_rank]
    body = SRC_RE.sub("", block)
    return body.replace("{", f'{{src: url("{url}") format("{fmt}");', 1)


def css_rewrite(css: str, *, library, path: str) -> str:
    """Rewrite one library stylesheet for the bundle: one font source per face, and every
    relative ``url()`` to the stable address of the file it names (data: URLs untouched)."""
    css = FONT_FACE_RE.sub(lambda m: _best_font_src(m[0]), css)
    folder = posixpath.dirname(path)

    def absolute(match: re.Match) -> str:
        target = match[2].strip()
        if target.startswith(("data:", "#")) or re.match(r"^[a-z][a-z0-9+.-]*:|^//", target, re.I):
            return match[0]
        resolved = _clean(posixpath.join(folder, target))
        if resolved is None:
            return "url()"
        suffix = target[len(target.split("?", 1)[0].split("#", 1)[0]) :]
        return f'url("{library_file_url(library, resolved)}{suffix}")'

    return URL_RE.sub(absolute, css)


def bundle_build(libraries, kind: str) -> Bundle:
    """The concatenated preloaded files of ``libraries`` (in load order) for ``kind``."""
    parts = []
    for library in libraries:
        files = library.preloaded_js if kind == "js" else library.preloaded_css
        for entry in files:
            path = _clean(entry.get("path", "") if isinstance(entry, dict) else str(entry))
            text = _read(library.storage_prefix + path) if path else None
            if text is None:
                continue
            label = f"/* {library_folder(library)}/{path} */\n"
            if kind == "js":
                parts.append(label + text + "\n;\n")
            else:
                parts.append(label + css_rewrite(text, library=library, path=path) + "\n")
    if kind == "js":
        return Bundle("".join(parts).encode(), "text/javascript; charset=utf-8")
    return Bundle("".join(parts).encode(), "text/css; charset=utf-8")
