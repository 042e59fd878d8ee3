"""Intake of an uploaded .h5p before its zip is read: the refusal (``H5PValidationError``), the
limits (``H5PLimits``, from Django settings ``H5P_MAX_*``) and the upload copied in chunks to a
private temporary folder (``spool_upload``, hashing it on the way). Reading the zip itself is
``courses.h5p.archive``.
"""

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

MB = 1024 * 1024
CHUNK_BYTES = 64 * 1024


class H5PValidationError(Exception):
    """An upload refused at intake. ``message`` is for the editor; ``code`` is stable."""

    def __init__(self, message: str, code: str, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.detail = detail  # technical detail for logs (English), never shown to editors


def refuse(code: str, message: str, *, reexport: bool = True) -> H5PValidationError:
    """An error whose message ends, unless told otherwise, with "export it again and retry"."""
    if reexport:
        advice = _("Hãy xuất lại gói từ công cụ soạn bài và thử lại.")
        message = f"{message} {advice}"
    return H5PValidationError(message, code)


def not_valid(code: str, problem: str) -> H5PValidationError:
    """The usual refusal: "Tệp tải lên không phải gói H5P hợp lệ: <problem>. Hãy xuất lại…"."""
    message = _("Tệp tải lên không phải gói H5P hợp lệ: %(problem)s.") % {"problem": problem}
    return refuse(code, message)


@dataclass(frozen=True)
class H5PLimits:
    max_upload_bytes: int = 50 * MB
    max_uncompressed_bytes: int = 200 * MB
    max_files: int = 2000
    max_ratio: float = 100.0
    #: The compression ratio is judged only when an entry, or the whole package, unpacks to more
    #: than this: plain images and blank space legitimately compress about 1000:1 (a 3 MB
    #: one-colour BMP is ~3 KB deflated), so only a huge AND extreme expansion is a bomb.
    ratio_floor_bytes: int = 16 * MB

    @classmethod
    def from_settings(cls) -> "H5PLimits":
        return cls(
            max_upload_bytes=getattr(settings, "H5P_MAX_UPLOAD_BYTES", cls.max_upload_bytes),
            max_uncompressed_bytes=getattr(
                settings, "H5P_MAX_UNCOMPRESSED_BYTES", cls.max_uncompressed_bytes
            ),
            max_files=getattr(settings, "H5P_MAX_FILES", cls.max_files),
            max_ratio=getattr(settings, "H5P_MAX_RATIO", cls.max_ratio),
            ratio_floor_bytes=getattr(settings, "H5P_RATIO_FLOOR_BYTES", cls.ratio_floor_bytes),
        )


def _mb(size: float) -> str:
    return f"{size / MB:.0f}" if size >= MB else f"{size / MB:.2f}"


def too_big(limit: int, *, unpacked: bool) -> H5PValidationError:
    if unpacked:
        message = _("Gói H5P khi giải nén quá lớn: tối đa %(max)s MB.")
    else:
        message = _("Gói H5P quá lớn: tối đa %(max)s MB.")
    advice = _("Hãy giảm dung lượng ảnh, video trong bài, xuất lại gói rồi thử lại.")
    return refuse(
        "too_big_uncompressed" if unpacked else "too_big",
        f"{message % {'max': _mb(limit)}} {advice}",
        reexport=False,
    )


@dataclass
class SpooledUpload:
    """An upload copied to a private temporary folder, with its size and SHA-256.

    The folder also receives the unpacked entries; ``close()`` (or leaving a ``with`` block, or
    the object being garbage-collected) removes it with everything in it.
    """

    folder: tempfile.TemporaryDirectory = field(repr=False)
    path: Path
    size: int
    sha256: str

    @property
    def root(self) -> Path:
        return Path(self.folder.name)

    def close(self) -> None:
        self.folder.cleanup()

    def __enter__(self) -> "SpooledUpload":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def spool_upload(source, *, max_bytes: int) -> SpooledUpload:
    """Copy the upload (bytes or a file object) to disk in chunks, no further than ``max_bytes``."""
    if not isinstance(source, bytes | bytearray | memoryview):
        if (getattr(source, "size", None) or 0) > max_bytes:
            raise too_big(max_bytes, unpacked=False)
        if hasattr(source, "seek"):
            source.seek(0)
    where = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)  # Django's place for big uploads
    folder = tempfile.TemporaryDirectory(prefix="h5p-intake-", dir=where)
    path = Path(folder.name) / "upload.h5p"
    digest, size = hashlib.sha256(), 0
    try:
        with path.open("wb") as out:
            if isinstance(source, bytes | bytearray | memoryview):
                chunks = [source]
            else:
                chunks = iter(lambda: source.read(CHUNK_BYTES), b"")
            for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise too_big(max_bytes, unpacked=False)
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        folder.cleanup()
        raise
    return SpooledUpload(folder=folder, path=path, size=size, sha256=digest.hexdigest())
