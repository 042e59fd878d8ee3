"""Store a validated H5P package through Django's storage API (``default_storage``), all or nothing.

Layout (any storage backend: the local file system by default, S3-compatible by settings):

    h5p/libraries/<machineName>-<major>.<minor>.<patch>/…   one copy per library version
    h5p/packages/<sha256>/h5p.json, content/…                one folder per distinct upload

A library is written only by the ingest that creates its ``H5PLibrary`` row; every later
package that needs the same version reuses it. Rows are created inside one transaction and
every file written is recorded: if anything fails, the files written so far are deleted
(before the transaction lets go of its rows, so a concurrent ingest waiting on the same library
cannot see half a library) and the transaction rolls back. Files are copied in chunks from
the package's unpacked copies (``H5PPackageInfo``), never read whole into memory.
"""

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage, default_storage
from django.db import transaction

from courses.h5p.archive import Unpacked
from courses.h5p.validation import H5PLibraryInfo, H5PPackageInfo
from courses.models.h5p import H5PLibrary, H5PPackage, H5PPackageLibrary

logger = logging.getLogger(__name__)

LIBRARIES_ROOT = "h5p/libraries"
PACKAGES_ROOT = "h5p/packages"


class H5PStorageError(Exception):
    """The storage backend did not keep a file under the name it was given."""


def library_prefix(library: H5PLibraryInfo) -> str:
    return f"{LIBRARIES_ROOT}/{library.key}/"


def package_prefix(sha256: str) -> str:
    return f"{PACKAGES_ROOT}/{sha256}/"


class StorageWriter:
    """Writes files under exact names and remembers them, so that ``undo()`` can remove them."""

    def __init__(self, storage: Storage | None = None):
        self.storage = storage or default_storage
        self.written: list[str] = []
        self.bytes_written = 0

    def put(self, name: str, data: bytes | Unpacked) -> None:
        """Write ``data`` (bytes, or an unpacked entry, copied in chunks) under exactly ``name``."""
        if self.storage.exists(name):  # a leftover: replace it rather than get "name_x7Yz.js"
            self.storage.delete(name)
        if isinstance(data, Unpacked):
            with data.open() as source:
                saved = self.storage.save(name, File(source, name=name))
            size = data.size
        else:
            saved, size = self.storage.save(name, ContentFile(data)), len(data)
        self.written.append(saved)
        if saved != name:
            raise H5PStorageError(f"storage saved {name!r} as {saved!r}")
        self.bytes_written += size

    def undo(self) -> None:
        for name in reversed(self.written):
            try:
                self.storage.delete(name)
            except Exception:  # keep deleting the rest; the log says what is left behind
                logger.exception("H5P storage: could not delete %s after a failed ingest", name)
        self.written.clear()
        self.bytes_written = 0


@dataclass(frozen=True)
class StoreResult:
    package: H5PPackage
    bytes_written: int
    libraries_written: int
    libraries_reused: int
    writer: StorageWriter | None = None

    def discard(self) -> None:
        """Delete the files this call wrote: for a caller whose enclosing transaction failed."""
        if self.writer is not None:
            self.writer.undo()


def package_store(
    *, info: H5PPackageInfo, uploaded_by=None, storage: Storage | None = None
) -> StoreResult:
    """Create the rows and write the files for a validated package, all or nothing.

    Raises ``django.db.IntegrityError`` when a package with the same SHA-256 already exists
    (the caller, ``h5p_package_ingest``, returns that one), or whatever the storage backend
    raises; in every case nothing written by this call is left behind.
    """
    writer = StorageWriter(storage)
    try:
        with transaction.atomic():
            try:
                return _store(info, uploaded_by, writer)
            except BaseException:
                writer.undo()
                raise
    except BaseException:
        writer.undo()  # the commit itself failed: the files must go too
        raise


def _library_rows(libraries) -> tuple[dict[str, H5PLibrary], list[H5PLibraryInfo]]:
    """The rows for these library versions (created where missing) and the new ones."""
    rows: dict[str, H5PLibrary] = {}
    new: list[H5PLibraryInfo] = []
    for library in libraries:
        row, created = H5PLibrary.objects.get_or_create(
            machine_name=library.machine_name,
            major=library.major,
            minor=library.minor,
            patch=library.patch,
            defaults={
                "title": library.title,
                "runnable": library.runnable,
                "preloaded_js": list(library.preloaded_js),
                "preloaded_css": list(library.preloaded_css),
                "library_json": library.library_json,
                "storage_prefix": library_prefix(library),
            },
        )
        rows[library.key] = row
        if created:
            new.append(library)
    return rows, new


def _write_libraries(new: list[H5PLibraryInfo], writer: StorageWriter) -> None:
    for library in new:
        for path in sorted(library.files):
            writer.put(library_prefix(library) + path, library.files[path])


@dataclass(frozen=True)
class LibrariesStoreResult:
    libraries: tuple[H5PLibrary, ...]  # in the order given (dependencies first)
    created: tuple[H5PLibrary, ...]  # versions that were not installed before


def libraries_store(*, libraries, storage: Storage | None = None) -> LibrariesStoreResult:
    """Install library versions (``H5PLibraryInfo``, dependencies first) with no package: the
    rows and files of the versions not installed yet, all or nothing (as ``package_store``).
    A version already installed is left as it is: files are immutable per version."""
    writer = StorageWriter(storage)
    try:
        with transaction.atomic():
            try:
                rows, new = _library_rows(libraries)
                _write_libraries(new, writer)
            except BaseException:
                writer.undo()
                raise
    except BaseException:
        writer.undo()
        raise
    return LibrariesStoreResult(
        libraries=tuple(rows[library.key] for library in libraries),
        created=tuple(rows[library.key] for library in new),
    )


def _store(info: H5PPackageInfo, uploaded_by, writer: StorageWriter) -> StoreResult:
    rows, new = _library_rows(info.libraries)
    # The package row first: it claims the SHA-256, so an identical upload racing this one
    # fails here, before either has written a file the other would then delete.
    prefix = package_prefix(info.sha256)
    package = H5PPackage.objects.create(
        title=info.title,
        main_library=rows[info.main_library.key],
        h5p_json=info.h5p_json,
        content_json=info.content_json,
        storage_prefix=prefix,
        sha256=info.sha256,
        size=info.size,
        file_count=info.file_count,
        uploaded_by=uploaded_by if getattr(uploaded_by, "pk", None) else None,
    )
    _write_libraries(new, writer)
    writer.put(prefix + "h5p.json", info.h5p_json_bytes)
    for path in sorted(info.content_files):
        writer.put(f"{prefix}content/{path}", info.content_files[path])
    H5PPackageLibrary.objects.bulk_create(
        H5PPackageLibrary(package=package, library=rows[library.key], position=position)
        for position, library in enumerate(info.libraries)
    )
    return StoreResult(
        package=package,
        bytes_written=writer.bytes_written,
        libraries_written=len(new),
        libraries_reused=len(info.libraries) - len(new),
        writer=writer,
    )
