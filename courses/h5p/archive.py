"""Reading an uploaded .h5p zip safely, in memory: limits, entry checks, bounded inflation.

Every entry's header is checked before any data is inflated (paths, symlinks, encryption, file
types, declared sizes and compression ratios); then each entry is read in chunks with the limits
enforced on the bytes actually produced, so a header that lies about sizes gains nothing. Never
``extractall``, never the disk. Limits come from Django settings (``H5P_MAX_*``) with the
defaults in ``H5PLimits``.
"""

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from types import MappingProxyType

from django.conf import settings
from django.utils.translation import gettext as _

MB = 1024 * 1024

#: File types H5P core accepts by default (h5p-php-library, h5p.classes.php): "content" is
#: H5PCore::$defaultContentWhitelist, allowed everywhere; "library_extras" is
#: $defaultLibraryWhitelistExtras, allowed in addition inside library folders only.
# fmt: off
H5P_ALLOWED_EXTENSIONS = MappingProxyType({
    "content": frozenset({
        "json", "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "svg", "eot", "ttf", "woff",
        "woff2", "otf", "webm", "mp4", "ogg", "mp3", "m4a", "wav", "txt", "pdf", "rtf", "doc",
        "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "xml", "csv", "diff", "patch",
        "swf", "md", "textile", "vtt", "webvtt",
    }),
    "library_extras": frozenset({"js", "css"}),
})
# fmt: on

#: The compression ratio is only judged for entries bigger than this: a few kilobytes of
#: whitespace legitimately compress 100:1 and are harmless.
RATIO_FLOOR_BYTES = 64 * 1024
CHUNK_BYTES = 64 * 1024
OS_JUNK = ("__MACOSX/",)


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

    @classmethod
    def from_settings(cls) -> "H5PLimits":
        return cls(
            max_upload_bytes=getattr(settings, "H5P_MAX_UPLOAD_BYTES", cls.max_upload_bytes),
            max_uncompressed_bytes=getattr(
                settings, "H5P_MAX_UNCOMPRESSED_BYTES", cls.max_uncompressed_bytes
            ),
            max_files=getattr(settings, "H5P_MAX_FILES", cls.max_files),
            max_ratio=getattr(settings, "H5P_MAX_RATIO", cls.max_ratio),
        )


def _mb(size: float) -> str:
    return f"{size / MB:.0f}" if size >= MB else f"{size / MB:.2f}"


def _too_big(limit: int, *, unpacked: bool) -> H5PValidationError:
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


def read_upload(source, *, max_bytes: int) -> bytes:
    """The uploaded bytes (from bytes or a file object), read no further than ``max_bytes`` + 1."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        if (getattr(source, "size", None) or 0) > max_bytes:
            raise _too_big(max_bytes, unpacked=False)
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big(max_bytes, unpacked=False)
    return data


def extension(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[1].lower() if "." in base.lstrip(".") else ""


def is_skipped(name: str) -> bool:
    """Files H5P core never unpacks: OS junk, and names starting with '.' or '_'."""
    return name.startswith(OS_JUNK) or any(part[:1] in (".", "_") for part in name.split("/"))


def _check_ratio(name: str, size: int, compressed: int, limits: H5PLimits) -> None:
    if size > RATIO_FLOOR_BYTES and size > limits.max_ratio * max(compressed, 1):
        message = _(
            "Tệp “%(name)s” trong gói bị nén bất thường (gấp hơn %(ratio)s lần), "
            "có thể là tệp độc hại. Gói bị từ chối."
        ) % {"name": name, "ratio": f"{limits.max_ratio:g}"}
        raise refuse("zip_bomb", message, reexport=False)


def _check_entry(info: zipfile.ZipInfo, limits: H5PLimits) -> None:
    """Everything that can be judged from an entry's header, before reading it."""
    name = info.filename
    parts = name.rstrip("/").split("/")
    if (
        not name
        or "\x00" in name
        or "\\" in name
        or name.startswith("/")
        or re.match(r"^[A-Za-z]:", name)
        or any(part in ("", ".", "..") for part in parts)
    ):
        message = _(
            "Gói H5P có đường dẫn không an toàn: “%(name)s” (đường dẫn tuyệt đối hoặc có “..”)."
        )
        raise refuse("unsafe_path", message % {"name": name})
    if stat.S_ISLNK(info.external_attr >> 16):
        message = _("Gói H5P có liên kết tượng trưng (symlink), không được phép: “%(name)s”.")
        raise refuse("symlink", message % {"name": name})
    if info.flag_bits & 0x1:
        message = _("Gói H5P có tệp được đặt mật khẩu: “%(name)s”.")
        raise refuse("encrypted", message % {"name": name})
    if info.is_dir():
        return
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        problem = _("tệp “%(name)s” dùng kiểu nén không hỗ trợ") % {"name": name}
        raise not_valid("unsupported_compression", problem)
    _check_ratio(name, info.file_size, info.compress_size, limits)
    suffix = extension(name)
    if is_skipped(name) and not suffix:
        return  # .DS_Store, .gitignore: never stored
    allowed = H5P_ALLOWED_EXTENSIONS["content"]
    if "/" in name and not name.startswith("content/"):
        allowed = allowed | H5P_ALLOWED_EXTENSIONS["library_extras"]
    if suffix not in allowed:
        message = _(
            "Gói H5P có tệp “%(name)s”: loại tệp %(ext)s không được phép trong gói H5P. "
            "Hãy bỏ tệp này khỏi bài, xuất lại gói rồi thử lại."
        ) % {"name": name, "ext": f".{suffix}" if suffix else _("(không có đuôi)")}
        raise refuse("bad_extension", message, reexport=False)


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, limits) -> bytes:
    """Inflate one entry in chunks, stopping as soon as it produces more than it should."""
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                out += chunk
                if len(out) > budget:
                    raise _too_big(limits.max_uncompressed_bytes, unpacked=True)
                if len(out) > info.file_size:
                    problem = _("kích thước tệp “%(name)s” bị khai sai") % {"name": info.filename}
                    raise not_valid("corrupt", problem)
                _check_ratio(info.filename, len(out), info.compress_size, limits)
    except H5PValidationError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError) as error:
        problem = _("tệp “%(name)s” trong gói bị hỏng") % {"name": info.filename}
        raise not_valid("corrupt", problem) from error
    return bytes(out)


def read_archive(data: bytes, limits: H5PLimits) -> tuple[dict[str, bytes], int, int]:
    """(the files H5P uses, by name; the number of files; the bytes inflated)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise not_valid("not_zip", _("đây không phải tệp nén .h5p (zip)")) from error
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_files:
            message = _("Gói H5P có quá nhiều tệp: %(count)s tệp, tối đa %(max)s tệp.")
            raise refuse("too_many_files", message % {"count": len(infos), "max": limits.max_files})
        names = set()
        for info in infos:
            _check_entry(info, limits)
            name = info.filename.rstrip("/")
            if name in names:
                problem = _("tệp “%(name)s” xuất hiện hai lần") % {"name": info.filename}
                raise not_valid("duplicate", problem)
            names.add(name)
        if sum(info.file_size for info in infos) > limits.max_uncompressed_bytes:
            raise _too_big(limits.max_uncompressed_bytes, unpacked=True)
        files: dict[str, bytes] = {}
        total = count = 0
        for info in infos:
            if info.is_dir():
                continue
            count += 1
            payload = _read_entry(archive, info, limits.max_uncompressed_bytes - total, limits)
            total += len(payload)
            if not is_skipped(info.filename):
                files[info.filename] = payload
    return files, count, total
