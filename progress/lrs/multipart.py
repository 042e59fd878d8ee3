"""``multipart/mixed`` as the statements resource speaks it (xAPI 1.0.3 Part Three §1.5.2, RFC
2046 §5.1): read a request streamed from its body, write an answer as a stream.

Reading (``multipart_read``) never holds more than one chunk plus the statements part in
memory: an attachment part is hashed while it arrives and spooled to a temporary file (in memory
up to ``SPOOL_BYTES``, on disk beyond). Limits, each refused with 413 as soon as it is crossed:
the statements part ``MAX_BODY_BYTES``, one attachment ``settings.XAPI_ATTACHMENT_MAX_BYTES``,
the whole request ``settings.XAPI_MULTIPART_MAX_BYTES``. Each attachment part must carry
``X-Experience-API-Hash`` (SHA-224/256/384/512 in hex, chosen by its length) matching the
hash of its content, and ``Content-Transfer-Encoding: binary`` if any; the first part is the
statements, ``application/json``. Which parts the statements need is ``progress.xapi.attachments``.

Writing (``multipart_answer``): the JSON first, then one part per attachment, each read from
the database only when the stream reaches it; ``HEAD`` replaces the stream by nothing.
"""

import hashlib
import json
import re
import secrets
import tempfile
from dataclasses import dataclass, field

from django.conf import settings
from django.http import StreamingHttpResponse

from progress.xapi import MAX_BODY_BYTES, XapiError

CHUNK_BYTES = 64 * 1024
SPOOL_BYTES = 1024 * 1024
MAX_HEADER_BYTES = 16 * 1024
MAX_PREAMBLE_BYTES = 64 * 1024
MAX_PARTS = 1000
DEFAULT_ATTACHMENT_MAX_BYTES = 16 * 1024 * 1024
DEFAULT_MULTIPART_MAX_BYTES = 64 * 1024 * 1024
HASHES = {56: "sha224", 64: "sha256", 96: "sha384", 128: "sha512"}
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
HEX_RE = re.compile(r"^[0-9a-fA-F]+$")
# RFC 2046 §5.1.1: 1 to 70 characters of bchars, not ending with a space.
BOUNDARY_RE = re.compile(r"^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$")
PARAM_RE = re.compile(r';\s*([A-Za-z0-9!#$%&\'*+.^_`|~-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)')


def attachment_max_bytes() -> int:
    return getattr(settings, "XAPI_ATTACHMENT_MAX_BYTES", DEFAULT_ATTACHMENT_MAX_BYTES)


def multipart_max_bytes() -> int:
    return getattr(settings, "XAPI_MULTIPART_MAX_BYTES", DEFAULT_MULTIPART_MAX_BYTES)


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB"


def media_type(value: str) -> str:
    """``type/subtype`` of a Content-Type value, lower case, without parameters."""
    return value.split(";", 1)[0].strip().lower()


def boundary_of(content_type: str) -> str:
    """The ``boundary`` parameter of a multipart Content-Type header, or XapiError (400)."""
    for name, value in PARAM_RE.findall(content_type):
        if name.lower() == "boundary":
            if value.startswith('"'):
                value = re.sub(r"\\(.)", r"\1", value[1:-1])
            if BOUNDARY_RE.fullmatch(value):
                return value
            break
    raise XapiError("multipart/mixed needs a boundary parameter (RFC 2046)")


def sha2_hex(value) -> str | None:
    """A SHA-2 digest in hex, lower case, or None when ``value`` is not one."""
    if isinstance(value, str) and len(value) in HASHES and HEX_RE.fullmatch(value):
        return value.lower()
    return None


@dataclass
class Part:
    """One attachment part: its headers (names in lower case), content spooled, SHA-2."""

    headers: dict
    sha2: str
    size: int = 0
    file: tempfile.SpooledTemporaryFile = field(default=None, repr=False)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def content(self) -> bytes:
        self.file.seek(0)
        return self.file.read()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


@dataclass
class Received:
    """A multipart request: the statements part (bytes) and the attachment parts by SHA-2."""

    statements: bytes = b""
    parts: dict = field(default_factory=dict)

    def close(self) -> None:
        for part in self.parts.values():
            part.close()


class _Reader:
    """The body as a stream with one lookahead buffer; counts what it read against a limit."""

    def __init__(self, stream, limit: int):
        self.stream, self.limit = stream, limit
        self.buffer = bytearray(b"\r\n")  # so a body starting with --boundary is a delimiter
        self.read_total = 0
        self.eof = False

    def more(self) -> bool:
        if self.eof:
            return False
        chunk = self.stream.read(CHUNK_BYTES)
        if not chunk:
            self.eof = True
            return False
        self.read_total += len(chunk)
        if self.read_total > self.limit:
            raise XapiError(f"request larger than {size_text(self.limit)}", 413)
        self.buffer += chunk
        return True

    def until(self, marker: bytes, limit: int, what: str) -> bytes:
        """Everything before ``marker`` (consumed with it); at most ``limit`` bytes."""
        start = 0
        while True:
            index = self.buffer.find(marker, start)
            if index >= 0:
                data = bytes(self.buffer[:index])
                del self.buffer[: index + len(marker)]
                return data
            if len(self.buffer) > limit:
                raise XapiError(f"multipart {what} too long or malformed")
            start = max(0, len(self.buffer) - len(marker) + 1)
            if not self.more():
                raise XapiError(f"multipart body ends inside the {what}")

    def stream_until(self, marker: bytes, sink, at_end="before its closing boundary") -> None:
        """Feed ``sink`` everything before ``marker`` (consumed with it), chunk by chunk."""
        keep = len(marker) - 1
        while True:
            index = self.buffer.find(marker)
            if index >= 0:
                sink(bytes(self.buffer[:index]))
                del self.buffer[: index + len(marker)]
                return
            if len(self.buffer) > keep:
                sink(bytes(self.buffer[:-keep] if keep else self.buffer))
                del self.buffer[: len(self.buffer) - keep]
            if not self.more():
                raise XapiError(f"multipart body ends {at_end}")

    def after_delimiter(self) -> bool:
        """After a boundary: True if another part follows, False after the closing one."""
        while len(self.buffer) < 2 and self.more():
            pass
        if self.buffer[:2] == b"--":
            return False
        line = self.until(b"\r\n", 1024, "boundary line")
        if line.strip(b" \t"):
            raise XapiError("multipart boundary line has trailing characters")
        return True


def _headers(raw: bytes) -> dict:
    headers = {}
    if not raw:
        return headers
    for line in raw.split(b"\r\n"):
        name, colon, value = line.partition(b":")
        if not colon or not name.strip():
            raise XapiError("multipart part header is malformed")
        try:
            headers[name.strip().decode("ascii").lower()] = value.strip().decode("utf-8")
        except UnicodeDecodeError:
            raise XapiError("multipart part header is not ASCII or UTF-8") from None
    return headers


def _part_headers(reader: _Reader) -> dict:
    while len(reader.buffer) < 2 and reader.more():
        pass
    if reader.buffer[:2] == b"\r\n":  # no headers at all
        del reader.buffer[:2]
        return {}
    return _headers(reader.until(b"\r\n\r\n", MAX_HEADER_BYTES, "part headers"))


def _statements_part(reader: _Reader, delimiter: bytes) -> bytes:
    headers = _part_headers(reader)
    if media_type(headers.get("content-type", "")) != "application/json":
        raise XapiError("the first part of a multipart/mixed body must be application/json")
    chunks, size = [], 0

    def sink(data: bytes) -> None:
        nonlocal size
        size += len(data)
        if size > MAX_BODY_BYTES:
            raise XapiError(f"statements part larger than {MAX_BODY_BYTES // 1024} KB", 413)
        chunks.append(data)

    reader.stream_until(delimiter, sink)
    return b"".join(chunks)


def _attachment_part(reader: _Reader, delimiter: bytes, limit: int) -> Part:
    headers = _part_headers(reader)
    declared = headers.get("x-experience-api-hash")
    if declared is None:
        raise XapiError("each attachment part needs an X-Experience-API-Hash header")
    sha2 = sha2_hex(declared)
    if sha2 is None:
        raise XapiError("X-Experience-API-Hash must be a SHA-2 digest in hex")
    encoding = headers.get("content-transfer-encoding")
    if encoding is not None and encoding.lower() != "binary":
        raise XapiError("attachment parts must use Content-Transfer-Encoding: binary")
    spool = tempfile.SpooledTemporaryFile(SPOOL_BYTES)  # noqa: SIM115 - Received.close() closes it
    part = Part(headers=headers, sha2=sha2, file=spool)
    digest = hashlib.new(HASHES[len(sha2)])

    def sink(data: bytes) -> None:
        part.size += len(data)
        if part.size > limit:
            raise XapiError(f"attachment larger than {size_text(limit)}", 413)
        digest.update(data)
        part.file.write(data)

    try:
        reader.stream_until(delimiter, sink)
    except XapiError:
        part.close()
        raise
    if digest.hexdigest() != sha2:
        part.close()
        raise XapiError(f"attachment content does not match its X-Experience-API-Hash {sha2}")
    return part


def multipart_read(stream, content_type: str, *, limit: int | None = None) -> Received:
    """Read a ``multipart/mixed`` statements request from ``stream`` (a file-like object).

    Returns the statements part and every attachment part whose content matches its declared
    hash (a repeated hash is kept once). Raises XapiError: 400 for a malformed body, a missing
    or mismatching hash, another transfer encoding; 413 past a size limit. The caller closes
    the result (temporary files)."""
    delimiter = b"\r\n--" + boundary_of(content_type).encode("ascii")
    reader = _Reader(stream, multipart_max_bytes() if limit is None else limit)
    received = Received()
    try:
        reader.stream_until(delimiter, _preamble_sink(), "without its boundary")
        if not reader.after_delimiter():
            raise XapiError("multipart/mixed body has no statements part")
        received.statements = _statements_part(reader, delimiter)
        each = attachment_max_bytes()
        while reader.after_delimiter():
            if len(received.parts) >= MAX_PARTS:
                raise XapiError(f"at most {MAX_PARTS} attachment parts per request", 413)
            part = _attachment_part(reader, delimiter, each)
            if part.sha2 in received.parts:
                part.close()  # SHOULD be sent once; a repeat adds nothing
            else:
                received.parts[part.sha2] = part
    except BaseException:
        received.close()
        raise
    return received


def _preamble_sink():
    size = 0

    def sink(data: bytes) -> None:
        nonlocal size
        size += len(data)
        if size > MAX_PREAMBLE_BYTES:
            raise XapiError("multipart/mixed body does not start with its boundary")

    return sink


# --- Answers -------------------------------------------------------------------------------


class MultipartResponse(StreamingHttpResponse):
    """A streamed ``multipart/mixed`` answer. Assigning ``content`` (as a HEAD answer does)
    replaces the stream, so nothing is read from the database for it."""

    @property
    def content(self):
        raise AttributeError("a streamed answer has no content; use streaming_content")

    @content.setter
    def content(self, value):
        self.streaming_content = [value]


def multipart_answer(data, parts: list[tuple[str, str]], load) -> MultipartResponse:
    """``data`` as JSON in the first part, then for each (sha2, content type) of ``parts`` a
    binary part whose content is ``load(sha2)``, called when the stream reaches it."""
    boundary = secrets.token_hex(16)
    dash = f"--{boundary}\r\n".encode("ascii")

    def stream():
        yield dash + b"Content-Type: application/json\r\n\r\n"
        yield json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        for sha2, content_type in parts:
            content_type = CONTROL_RE.sub("", content_type) or "application/octet-stream"
            head = (
                f"\r\n--{boundary}\r\nContent-Type: {content_type}\r\n"
                f"Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: {sha2}\r\n\r\n"
            )
            yield head.encode("utf-8")
            yield load(sha2)
        yield f"\r\n--{boundary}--\r\n".encode("ascii")

    return MultipartResponse(stream(), content_type=f"multipart/mixed; boundary={boundary}")
