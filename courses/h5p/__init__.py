"""H5P packages: safe intake (validation), storage of libraries and content, ingestion service.

- ``courses.h5p.validation`` — pure: bytes or a file in, a package description or
  ``H5PValidationError(message, code)`` out; no disk, no database.
- ``courses.h5p.svg`` — does an SVG carry script?
- ``courses.h5p.storage`` — writes libraries once (machineName + major.minor.patch) and each
  package's content under its own prefix through Django's storage API, all or nothing.
- ``courses.h5p.services`` — ``h5p_package_ingest(*, file, uploaded_by)``.

See README.md beside this file for why this is our own module and not ``pyh5p``.
"""
