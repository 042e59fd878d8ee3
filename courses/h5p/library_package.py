"""A library package: an .h5p that brings content types (libraries), with or without content.

This is what the H5P Hub sends for a content type (``h5p.json`` and the library folders, no
``content/``), and what an administrator of an offline site uploads to install content types.
H5P core accepts such packages when it installs libraries (``H5PValidator::isValidPackage`` with
``$skipContent``): ``content/`` is not needed and, if present, not used; ``h5p.json`` is not needed.

The archive and every library folder are checked exactly as for a package with content
(``courses.h5p.intake``, ``courses.h5p.archive``, ``courses.h5p.library_json``: limits, paths,
file types, required ``library.json`` fields, the core API, language files, preloaded files,
SVGs). What is kept: the runnable libraries (the content types) and the libraries they load,
dependencies first; editor-only libraries are checked but not kept, as for uploads with content.
A dependency the package does not bring is reported in ``missing``: it may be installed already
(the install service decides). No database here.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from courses.h5p.archive import Unpacked, extract_archive
from courses.h5p.intake import H5PLimits, SpooledUpload, not_valid, spool_upload
from courses.h5p.library_json import H5PLibraryInfo, read_json
from courses.h5p.validation import check_svgs, library_index, load_order


@dataclass(frozen=True)
class H5PLibraryPackageInfo:
    libraries: tuple[H5PLibraryInfo, ...]  # what to keep, dependencies first
    runnable: tuple[H5PLibraryInfo, ...]  # the content types it brings
    missing: frozenset  # (machineName, major, minor) needed but not in the package
    sha256: str = ""
    size: int = 0
    upload: SpooledUpload | None = field(default=None, repr=False, compare=False)

    def close(self) -> None:
        if self.upload is not None:
            self.upload.close()

    def __enter__(self) -> "H5PLibraryPackageInfo":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _check_optional_h5p_json(files: Mapping[str, Unpacked]) -> None:
    if "h5p.json" in files and not isinstance(read_json(files["h5p.json"]), dict):
        raise not_valid("invalid_h5p_json", _("tệp h5p.json không đúng định dạng JSON"))


def validate_library_package(
    source, *, limits: H5PLimits | None = None, only: frozenset[str] | None = None
) -> H5PLibraryPackageInfo:
    """Check a library package (bytes, file object or ``SpooledUpload``); see the module
    docstring. ``only``: keep just these content types (machine names) and what they load.
    Raises ``H5PValidationError`` (Vietnamese message, stable code); then nothing is left on
    disk. The result owns the unpacked copy until ``close()``."""
    limits = limits or H5PLimits.from_settings()
    upload = (
        source
        if isinstance(source, SpooledUpload)
        else spool_upload(source, max_bytes=limits.max_upload_bytes)
    )
    try:
        extracted = extract_archive(upload, limits)
        upload.path.unlink()
        files = {
            name: payload
            for name, payload in extracted.files.items()
            if not name.startswith("content/")  # content is not used to install libraries
        }
        _check_optional_h5p_json(files)
        check_svgs(files)
        index = library_index(files)
        if not index:
            raise not_valid(
                "no_libraries",
                _("gói không có thư viện H5P nào (thư mục có tệp library.json)"),
            )
        runnable = [
            key for key in sorted(index) if index[key].runnable and (only is None or key[0] in only)
        ]
        if only is not None and not runnable:
            raise not_valid(
                "no_libraries",
                _("gói không có dạng bài %(names)s") % {"names": ", ".join(sorted(only))},
            )
        missing: set = set()
        libraries = load_order(runnable or sorted(index), index, missing)
        return H5PLibraryPackageInfo(
            libraries=libraries,
            runnable=tuple(index[key] for key in runnable),
            missing=frozenset(missing),
            sha256=upload.sha256,
            size=upload.size,
            upload=upload,
        )
    except BaseException:
        upload.close()
        raise
