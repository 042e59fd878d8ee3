"""Writes about H5P packages. Keyword-only functions named ``<entity>_<action>``."""

from django.db import IntegrityError

from courses.h5p.storage import StoreResult, package_store
from courses.h5p.validation import H5PLimits, H5PPackageInfo, spool_upload, validate_package
from courses.models.h5p import H5PPackage


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
