"""A ZIP archive written as a stream of chunks, for StreamingHttpResponse.

``zipfile`` writes to any object with ``write``: on one that cannot seek or tell, it puts each
entry's sizes in a data descriptor after the data, so the archive never needs rewinding. Only
one entry is in memory at a time.
"""

import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime


class _Pipe:
    """Collects what zipfile writes until the generator hands it on (no seek, no tell)."""

    def __init__(self):
        self._chunks: list[bytes] = []

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def zip_stream(entries: Iterable[tuple[str, datetime, Callable[[], bytes]]]) -> Iterator[bytes]:
    """Yield a ZIP of ``entries`` — (name, modified, read) with ``read()`` giving the bytes —
    one chunk per entry, then the central directory. PDFs are already compressed: stored."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for name, modified, read in entries:
            info = zipfile.ZipInfo(name, date_time=modified.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, read())
            yield pipe.take()
    yield pipe.take()
