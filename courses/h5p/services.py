"""Writes about H5P packages. Keyword-only functions named ``<entity>_<action>``."""

import hashlib

from django.db import IntegrityError

from courses.h5p.storage import package_store
from courses.h5p.validation import H5PLimits, read_upload, validate_package
from courses.models.h5p import H5PPackage


def h5p_package_ingest(*, file, uploaded_by) -> H5PPackage:
    """Check an uploaded .h5p and store it; the same upload gives back the same package.

    ``file``: an uploaded file, any binary file object or bytes. ``uploaded_by``: the editor
    (a user, or ``None``).

    Returns the ``H5PPackage``: the existing one when a package with the same SHA-256 is already
    stored (also when an identical upload wins a race with this one), else a new one whose
    libraries are shared with earlier packages where machineName + version match.

    Raises ``H5PValidationError`` (message for the editor, stable ``code``) when intake refuses
    the file; then nothing is stored, in the database or in storage. A storage backend error
    propagates, likewise leaving nothing behind.
    """
    limits = H5PLimits.from_settings()
    data = read_upload(file, max_bytes=limits.max_upload_bytes)
    digest = hashlib.sha256(data).hexdigest()
    existing = H5PPackage.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    info = validate_package(data, limits=limits)
    try:
        return package_store(info=info, uploaded_by=uploaded_by).package
    except IntegrityError:
        existing = H5PPackage.objects.filter(sha256=digest).first()
        if existing is None:
            raise
        return existing
