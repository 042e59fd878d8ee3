"""H5P packages: safe intake (validation), storage of libraries and content, ingestion service.

- ``courses.h5p.intake`` — the refusal (``H5PValidationError``), the limits, and the upload
  spooled to a private temporary folder.
- ``courses.h5p.archive`` — the zip: entries counted from the central directory, each entry
  checked, then unpacked one by one beside the spooled upload.
- ``courses.h5p.library_json`` — a library folder's ``library.json`` (required fields, core API,
  language files).
- ``courses.h5p.validation`` — bytes or a file in, a package description (owning its unpacked
  copy until ``close()``) or ``H5PValidationError(message, code)`` out; no database.
- ``courses.h5p.svg`` — does an SVG carry script?
- ``courses.h5p.storage`` — writes libraries once (machineName + major.minor.patch) and each
  package's content under its own prefix through Django's storage API, all or nothing.
- ``courses.h5p.services`` — ``h5p_package_ingest(*, file, uploaded_by)`` (check and store) and
  ``h5p_package_save(*, info, uploaded_by)`` (store what was checked already).

See README.md beside this file for why this is our own module and not ``pyh5p``.
"""
