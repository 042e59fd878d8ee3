"""Reading an uploaded .h5p zip safely: entry counting, entry checks, bounded inflation.

The upload, already copied to a private temporary folder (``courses.h5p.intake``), is read here:
the archive's entries are counted from its central directory, stopping at the limit, before
``zipfile`` parses it; every entry's header is checked before any data is inflated (paths,
symlinks, encryption, file types, declared sizes and compression ratios); then each entry is
inflated in chunks (small ones kept in memory within a fixed budget, the rest each to its own
file in that folder), with the limits enforced on the bytes actually produced, so a header that
lies about sizes gains nothing. Never ``extractall``, never a whole package in memory.
"""

import io
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from django.utils.translation import gettext as _

from courses.h5p.intake import (
    CHUNK_BYTES,
    MB,
    H5PLimits,
    H5PValidationError,
    SpooledUpload,
    not_valid,
    refuse,
    too_big,
)

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

OS_JUNK = ("__MACOSX/",)


def extension(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[1].lower() if "." in base.lstrip(".") else ""


def is_skipped(name: str) -> bool:
    """Files H5P core never unpacks: OS junk, and names starting with '.' or '_'."""
    return name.startswith(OS_JUNK) or any(part[:1] in (".", "_") for part in name.split("/"))


def _check_ratio(name: str | None, size: int, compressed: int, limits: H5PLimits) -> None:
    """Refuse an entry (``name``) or the whole package (``None``) that unpacks huge AND extreme."""
    if size > limits.ratio_floor_bytes and size > limits.max_ratio * max(compressed, 1):
        if name is None:
            message = _(
                "Gói H5P bị nén bất thường (khi giải nén lớn gấp hơn %(ratio)s lần), "
                "có thể là tệp độc hại. Gói bị từ chối."
            ) % {"ratio": f"{limits.max_ratio:g}"}
        else:
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


def _too_many_files(limits: H5PLimits, count: int | None = None) -> H5PValidationError:
    if count is None:  # the count stopped at the limit
        message = _("Gói H5P có quá nhiều tệp: hơn %(max)s tệp, tối đa %(max)s tệp.")
        return refuse("too_many_files", message % {"max": limits.max_files})
    message = _("Gói H5P có quá nhiều tệp: %(count)s tệp, tối đa %(max)s tệp.")
    return refuse("too_many_files", message % {"count": count, "max": limits.max_files})


EOCD = struct.Struct("<4s4H2LH")  # end of central directory record
ZIP64_LOCATOR = struct.Struct("<4sLQL")
ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
CENTRAL_HEADER = struct.Struct("<4s24x3H12x")  # signature … name, extra, comment lengths …


def _not_zip() -> H5PValidationError:
    return not_valid("not_zip", _("đây không phải tệp nén .h5p (zip)"))


def _central_directory(stream, size: int) -> tuple[int, int, int]:
    """(where it starts, its size, the entry count it declares), as ``zipfile`` finds them."""
    tail_size = min(size, EOCD.size + 0xFFFF)
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = len(tail) - EOCD.size
    if at < 0:
        raise _not_zip()
    if tail[at : at + 4] != b"PK\x05\x06" or tail[-2:] != b"\0\0":
        at = tail.rfind(b"PK\x05\x06", 0, len(tail) - EOCD.size + 1)  # a zip comment follows
        if at < 0:
            raise _not_zip()
    _sig, _disk, _cd_disk, _here, count, cd_size, cd_offset, _comment = EOCD.unpack_from(tail, at)
    end = size - tail_size + at
    if count == 0xFFFF or 0xFFFFFFFF in (cd_size, cd_offset):
        stream.seek(max(end - ZIP64_LOCATOR.size, 0))
        locator = stream.read(ZIP64_LOCATOR.size)
        if len(locator) == ZIP64_LOCATOR.size and locator[:4] == b"PK\x06\x07":
            end -= ZIP64_LOCATOR.size + ZIP64_EOCD.size
            stream.seek(max(end, 0))
            record = stream.read(ZIP64_EOCD.size)
            if end < 0 or len(record) < ZIP64_EOCD.size or record[:4] != b"PK\x06\x06":
                raise _not_zip()
            count, cd_size, cd_offset = ZIP64_EOCD.unpack(record)[7:10]
    if cd_size > end:
        raise _not_zip()
    return end - cd_size, cd_size, count


def count_entries(stream, size: int, limits: H5PLimits) -> int:
    """The archive's entries, counted from its central directory; refused past the limit.

    Stops as soon as the count passes ``limits.max_files``: the declared count first, then the
    headers themselves (a record that understates the count gains nothing). Only headers are
    read, one at a time, so 400,000 entries cost no more than the limit.
    """
    start, cd_size, declared = _central_directory(stream, size)
    if declared > limits.max_files:
        raise _too_many_files(limits, declared)
    count = position = 0
    while position < cd_size:
        stream.seek(start + position)
        header = stream.read(CENTRAL_HEADER.size)
        if len(header) < CENTRAL_HEADER.size or header[:4] != b"PK\x01\x02":
            raise _not_zip()
        count += 1
        if count > limits.max_files:
            raise _too_many_files(limits)
        _sig, name, extra, comment = CENTRAL_HEADER.unpack(header)
        position += CENTRAL_HEADER.size + name + extra + comment
    return count


#: Small entries (scripts, styles, JSON, icons) stay in memory, up to this much in all; bigger
#: ones, and everything past the budget, go to a file: a package's memory cost stays bounded,
#: and the usual package of a few hundred small files costs no file system calls per entry.
SMALL_ENTRY_BYTES = 256 * 1024
IN_MEMORY_BUDGET_BYTES = 8 * MB


@dataclass(frozen=True)
class Unpacked:
    """One unpacked entry: its bytes when small (``data``), else the file holding them."""

    size: int
    data: bytes | None = field(default=None, repr=False)
    path: Path | None = None

    def read_bytes(self) -> bytes:
        return self.data if self.data is not None else self.path.read_bytes()

    def open(self):
        """A binary file object to copy it from, in chunks."""
        return io.BytesIO(self.data) if self.data is not None else self.path.open("rb")


@dataclass
class Extracted:
    files: dict[str, Unpacked]  # the files H5P uses, by name
    file_count: int  # files in the archive (folders not counted)
    inflated: int  # bytes unpacked


class _Totals:
    def __init__(self, limits: H5PLimits):
        self.limits = limits
        self.inflated = 0
        self.compressed = 0
        self.in_memory = 0


class _Discard:
    def write(self, chunk: bytes) -> None:
        pass


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, out, totals: _Totals) -> int:
    """Inflate one entry in chunks into ``out``, stopping as soon as it produces more than it
    should; returns its size."""
    limits = totals.limits
    budget = limits.max_uncompressed_bytes - totals.inflated
    compressed = totals.compressed + info.compress_size
    produced = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                produced += len(chunk)
                if produced > budget:
                    raise too_big(limits.max_uncompressed_bytes, unpacked=True)
                if produced > info.file_size:
                    problem = _("kích thước tệp “%(name)s” bị khai sai") % {"name": info.filename}
                    raise not_valid("corrupt", problem)
                _check_ratio(info.filename, produced, info.compress_size, limits)
                _check_ratio(None, totals.inflated + produced, compressed, limits)
                out.write(chunk)
    except H5PValidationError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, RuntimeError) as error:
        problem = _("tệp “%(name)s” trong gói bị hỏng") % {"name": info.filename}
        raise not_valid("corrupt", problem) from error
    totals.inflated += produced
    totals.compressed = compressed
    return produced


def _unpack(archive, info, folder: Path, index: int, totals: _Totals) -> Unpacked | None:
    """The entry unpacked in memory or to ``folder/<index>``; ``None`` for what H5P skips."""
    if is_skipped(info.filename):
        _inflate(archive, info, _Discard(), totals)
        return None
    small = info.file_size <= SMALL_ENTRY_BYTES
    if small and totals.in_memory + info.file_size <= IN_MEMORY_BUDGET_BYTES:
        buffer = io.BytesIO()
        size = _inflate(archive, info, buffer, totals)  # never past the declared size
        totals.in_memory += size
        return Unpacked(size=size, data=buffer.getvalue())
    path = folder / str(index)
    with path.open("wb") as out:
        size = _inflate(archive, info, out, totals)
    return Unpacked(size=size, path=path)


def extract_archive(upload: SpooledUpload, limits: H5PLimits) -> Extracted:
    """Check the spooled archive and unpack the files H5P uses beside it, one by one."""
    with upload.path.open("rb") as stream:
        count_entries(stream, upload.size, limits)
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
            raise _not_zip() from error
        with archive:
            infos = archive.infolist()
            if len(infos) > limits.max_files:  # zipfile found more than the headers we counted
                raise _too_many_files(limits, len(infos))
            names = set()
            for info in infos:
                _check_entry(info, limits)
                name = info.filename.rstrip("/")
                if name in names:
                    problem = _("tệp “%(name)s” xuất hiện hai lần") % {"name": info.filename}
                    raise not_valid("duplicate", problem)
                names.add(name)
            declared = sum(info.file_size for info in infos)
            if declared > limits.max_uncompressed_bytes:
                raise too_big(limits.max_uncompressed_bytes, unpacked=True)
            _check_ratio(None, declared, sum(info.compress_size for info in infos), limits)
            folder = upload.root / "files"
            folder.mkdir()
            files: dict[str, Unpacked] = {}
            totals, count = _Totals(limits), 0
            for index, info in enumerate(infos):
                if info.is_dir():
                    continue
                count += 1
                if unpacked := _unpack(archive, info, folder, index, totals):
                    files[info.filename] = unpacked
    return Extracted(files=files, file_count=count, inflated=totals.inflated)
