"""Writes about H5P packages. Keyword-only functions named ``<entity>_<action>``."""

from dataclasses import dataclass

from django.db import IntegrityError
from django.utils.translation import gettext as _

from courses.h5p.library_package import validate_library_package
from courses.h5p.storage import StoreResult, libraries_store, package_store
from courses.h5p.validation import (
    H5PLimits,
    H5PPackageInfo,
    H5PValidationError,
    spool_upload,
    validate_package,
)
from courses.models.h5p import H5PLibrary, H5PPackage


def h5p_package_ingest(*, file, uploaded_by) -> H5PPackage:
    """Check an uploaded .h5p and store it; the same upload gives back the same package.

    ``file``: an uploaded file, any binary file object or bytes. ``uploaded_by``: the editor
    (a user, or ``None``).

    Returns the ``H5PPackage``: the existing one when a package with the same SHA-256 is already
    stored (also when an identical upload wins a race with this one; the upload is then not
    unpacked at all), else a new one whose libraries are shared with earlier packages where
    machineName + version match.

    Raises ``H5PValidationError`` (message for the editor, stable ``code``) when intake refuses
    the file; then nothing is stored, in the database or in storage, and nothing is left in the
    temporary folder. A storage backend error propagates, likewise leaving nothing behind.
    """
    limits = H5PLimits.from_settings()
    with spool_upload(file, max_bytes=limits.max_upload_bytes) as upload:
        existing = H5PPackage.objects.filter(sha256=upload.sha256).first()
        if existing is not None:
            return existing
        with validate_package(upload, limits=limits) as info:
            return h5p_package_save(info=info, uploaded_by=uploaded_by).package


def h5p_package_save(*, info: H5PPackageInfo, uploaded_by) -> StoreResult:
    """Store a package ``validate_package`` has already checked (each upload is checked once).

    Returns a ``StoreResult`` whose ``package`` is the existing one when the same SHA-256 is
    already stored (nothing written then), else the new one; ``discard()`` deletes the files it
    wrote, for a caller whose enclosing transaction fails afterwards. The unpacked copies in
    ``info`` stay until the caller closes it.
    """
    existing = H5PPackage.objects.filter(sha256=info.sha256).first()
    if existing is None:
        try:
            return package_store(info=info, uploaded_by=uploaded_by)
        except IntegrityError:
            existing = H5PPackage.objects.filter(sha256=info.sha256).first()
            if existing is None:
                raise
    return StoreResult(
        package=existing,
        bytes_written=0,
        libraries_written=0,
        libraries_reused=existing.libraries.count(),
    )


@dataclass(frozen=True)
class LibrariesInstallResult:
    content_types: tuple[H5PLibrary, ...]  # the runnable libraries the package brought
    created: tuple[H5PLibrary, ...]  # library versions installed by this call


def _newest(machine_name: str, major: int, minor: int) -> H5PLibrary | None:
    return (
        H5PLibrary.objects.filter(machine_name=machine_name, major=major, minor=minor)
        .order_by("-patch")
        .first()
    )


def h5p_libraries_install(*, file, only: frozenset[str] | None = None) -> LibrariesInstallResult:
    """Install the content types a library package brings (an H5P Hub download, or an upload
    by an administrator of an offline site); see ``courses.h5p.library_package``.

    Library versions already installed are kept as they are; a newer patch is installed beside
    the older one (new packages then use it, see ``h5p_package_compose``). Raises
    ``H5PValidationError`` when intake refuses the file, or when it needs a library that it does
    not bring and that is not installed; then nothing is stored. ``only``: install just these
    content types (machine names) of the package, and what they load.
    """
    with validate_library_package(file, only=only) as info:
        absent = sorted(key for key in info.missing if _newest(*key) is None)
        if absent:
            names = ", ".join(f"{name} {major}.{minor}" for name, major, minor in absent)
            raise H5PValidationError(
                _(
                    "Gói thư viện cần %(names)s nhưng gói không có và hệ thống chưa cài. "
                    "Hãy cài các thư viện này trước (hoặc dùng gói đầy đủ tải từ H5P Hub), "
                    "rồi thử lại."
                )
                % {"names": names},
                "missing_library",
            )
        stored = libraries_store(libraries=info.libraries)
        runnable = {library.key for library in info.runnable}
        return LibrariesInstallResult(
            content_types=tuple(
                row
                for row, library in zip(stored.libraries, info.libraries, strict=True)
                if library.key in runnable
            ),
            created=stored.created,
        )
