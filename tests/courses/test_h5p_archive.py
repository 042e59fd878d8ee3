"""Zip-level intake (courses.h5p.archive), through validate_package: limits, entry counting,
compression ratios, bounded reading, memory, and the temporary folder."""

import io
import os
import struct
import tempfile
import tracemalloc
import zipfile

import pytest

from courses.h5p.validation import H5PLimits, H5PValidationError, validate_package
from tests.courses.h5p_helpers import make_zip, minimal_package

MB = 1024 * 1024


def refused(data) -> H5PValidationError:
    with pytest.raises(H5PValidationError) as caught:
        validate_package(data)
    return caught.value


# --- limits -----------------------------------------------------------------------------------


def test_limits_have_defaults_and_follow_settings(settings):
    for name in ("MAX_UPLOAD_BYTES", "MAX_UNCOMPRESSED_BYTES", "MAX_FILES", "MAX_RATIO"):
        if hasattr(settings, f"H5P_{name}"):
            delattr(settings, f"H5P_{name}")
    assert H5PLimits.from_settings() == H5PLimits(50 * MB, 200 * MB, 2000, 100)
    settings.H5P_MAX_FILES = 12
    assert H5PLimits.from_settings().max_files == 12


def test_not_a_zip():
    error = refused(b"<?php system($_GET['c']); ?>")
    assert error.code == "not_zip"
    assert "không phải tệp nén" in error.message


def test_an_empty_upload_is_not_a_zip():
    assert refused(b"").code == "not_zip"


def test_upload_over_the_size_limit(settings):
    settings.H5P_MAX_UPLOAD_BYTES = 4096
    entries = minimal_package() | {"content/noise.bin.txt": os.urandom(8192)}
    error = refused(make_zip(entries))
    assert error.code == "too_big"
    assert "quá lớn" in error.message


def test_upload_with_a_declared_size_over_the_limit_is_not_read(settings):
    settings.H5P_MAX_UPLOAD_BYTES = 4096

    class Huge(io.BytesIO):
        size = 10 * 4096

        def read(self, *args):
            raise AssertionError("a file declared too big must not be read")

    assert refused(Huge()).code == "too_big"


def test_uncompressed_size_over_the_limit(settings):
    settings.H5P_MAX_UNCOMPRESSED_BYTES = 100_000
    entries = minimal_package() | {"content/video.mp4": os.urandom(150_000)}
    error = refused(make_zip(entries))
    assert error.code == "too_big_uncompressed"
    assert "giải nén quá lớn" in error.message


def test_too_many_files_with_the_default_limit():
    entries = minimal_package() | {f"content/images/{n}.png": b"x" for n in range(2000)}
    error = refused(make_zip(entries))
    assert error.code == "too_many_files"
    assert "quá nhiều tệp" in error.message and "2000" in error.message


def test_zip_bomb_ratio():
    entries = minimal_package() | {"content/zeros.txt": b"\0" * (20 * MB)}
    error = refused(make_zip(entries))
    assert error.code == "zip_bomb"
    assert "content/zeros.txt" in error.message


def test_small_files_that_compress_well_are_fine():
    entries = minimal_package() | {"content/blank.txt": b" " * 20_000}
    assert "blank.txt" in validate_package(make_zip(entries)).content_files


def _lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size of ``name`` in its local and central headers."""
    raw = bytearray(data)
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := raw.find(signature, start)) != -1:
            if raw[start + name_at : start + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", raw, start + size_at, size)
            start += 4
    return bytes(raw)


def test_a_lying_header_does_not_bypass_the_limits(settings):
    settings.H5P_MAX_UNCOMPRESSED_BYTES = 100_000
    entries = minimal_package() | {"content/clip.mp4": os.urandom(400_000)}
    data = _lie_about_size(make_zip(entries), "content/clip.mp4", 1000)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("content/clip.mp4").file_size == 1000
    assert refused(data).code in {"corrupt", "too_big_uncompressed"}


# --- counting entries before reading them --------------------------------------------------------


def _understate_count(data: bytes, count: int) -> bytes:
    """Rewrite the entry count in the end-of-central-directory record."""
    raw = bytearray(data)
    at = raw.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", raw, at + 8, count, count)
    return bytes(raw)


@pytest.fixture
def zip_opened(monkeypatch):
    """How many times ``zipfile`` parsed an archive (the stdlib, watched, not replaced)."""
    opened = []
    real_init = zipfile.ZipFile.__init__

    def counting_init(self, *args, **kwargs):
        opened.append(1)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting_init)
    return opened


def test_too_many_entries_are_refused_from_the_end_record_before_zipfile_parses(
    settings, zip_opened
):
    settings.H5P_MAX_FILES = 50
    data = make_zip(minimal_package() | {f"content/{n}.txt": b"" for n in range(60)})
    zip_opened.clear()
    error = refused(data)
    assert error.code == "too_many_files"
    assert "quá nhiều tệp" in error.message and "50" in error.message
    assert zip_opened == []


def test_an_understated_entry_count_is_caught_while_counting_headers(settings, zip_opened):
    settings.H5P_MAX_FILES = 50
    data = make_zip(minimal_package() | {f"content/{n}.txt": b"" for n in range(60)})
    data = _understate_count(data, 10)
    zip_opened.clear()
    error = refused(data)
    assert error.code == "too_many_files"
    assert "hơn 50 tệp" in error.message
    assert zip_opened == []


def test_a_package_at_the_limit_is_accepted(settings):
    entries = minimal_package() | {f"content/{n}.txt": b"" for n in range(10)}
    settings.H5P_MAX_FILES = len(entries)
    assert validate_package(make_zip(entries)).file_count == len(entries) - 1  # one folder


def test_a_zip_with_a_comment_and_zip64_extra_fields_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in minimal_package().items():
            if data is not None:
                with archive.open(name, "w", force_zip64=True) as out:
                    out.write(data.encode() if isinstance(data, str) else data)
        archive.comment = b"xuat tu Lumi " * 100
    assert validate_package(buffer.getvalue()).title == "Xin chào"


# --- compression ratio: huge AND extreme --------------------------------------------------------


def _plain_bmp(width: int, height: int) -> bytes:
    pixels = bytes((0xE0, 0xF0, 0xFF)) * width * height
    header = struct.pack("<2sIHHI", b"BM", 54 + len(pixels), 0, 0, 54)
    dib = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return header + dib + pixels


def test_a_plain_3_mb_bmp_is_accepted():
    bmp = _plain_bmp(1024, 1024)
    data = make_zip(minimal_package() | {"content/images/nen.bmp": bmp})
    assert len(data) < 40_000  # ~1000:1
    info = validate_package(data)
    assert info.content_files["images/nen.bmp"].read_bytes() == bmp


def test_many_small_entries_that_together_expand_extremely_are_refused(settings):
    settings.H5P_RATIO_FLOOR_BYTES = 2 * MB
    zeros = {f"content/z{n}.txt": b"\0" * 60_000 for n in range(50)}  # 3 MB, each under 64 KB
    error = refused(make_zip(minimal_package() | zeros))
    assert error.code == "zip_bomb"
    assert "Gói H5P bị nén bất thường" in error.message


# --- memory and the temporary folder --------------------------------------------------------------


@pytest.fixture
def intake_tmp(tmp_path, monkeypatch):
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _write_package(path, video_bytes: int) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in minimal_package().items():
            if data is not None:
                archive.writestr(name, data)
        with archive.open("content/video.mp4", "w") as out:
            for _chunk in range(video_bytes // MB):
                out.write(os.urandom(MB))


def test_a_package_is_never_held_whole_in_memory(tmp_path, intake_tmp):
    package = tmp_path / "video.h5p"
    _write_package(package, 12 * MB)
    tracemalloc.start()
    try:
        with package.open("rb") as upload, validate_package(upload) as info:
            peak = tracemalloc.get_traced_memory()[1]
            assert info.content_files["video.mp4"].size == 12 * MB
    finally:
        tracemalloc.stop()
    assert peak < 2 * MB, f"{peak / MB:.1f} MB allocated at the peak"
    assert list(intake_tmp.iterdir()) == []


@pytest.mark.parametrize(
    "entries",
    [
        minimal_package() | {"content/a.exe": b"MZ"},
        {k: v for k, v in minimal_package().items() if k != "h5p.json"},
        minimal_package() | {"content/zeros.txt": b"\0" * (20 * MB)},
    ],
)
def test_a_refused_package_leaves_nothing_in_the_temporary_folder(entries, intake_tmp):
    refused(make_zip(entries))
    assert list(intake_tmp.iterdir()) == []


def test_the_zip64_end_record_count_is_read(zip_opened):
    entries = minimal_package() | {f"content/e/{n}": b"" for n in range(65_600)}
    data = make_zip(entries)
    assert zipfile.ZipFile(io.BytesIO(data)).infolist()  # a real zip64 archive
    zip_opened.clear()
    error = refused(data)
    assert error.code == "too_many_files"
    assert f"{len(entries)} tệp" in error.message
    assert zip_opened == []


def test_small_entries_stay_in_memory_only_within_the_budget(intake_tmp):
    noise = {f"content/images/{n}.png": os.urandom(200_000) for n in range(60)}  # 12 MB
    with validate_package(make_zip(minimal_package() | noise)) as info:
        kept = [info.content_files[f"images/{n}.png"] for n in range(60)]
        in_memory = sum(entry.size for entry in kept if entry.data is not None)
        on_disk = [entry for entry in kept if entry.path is not None]
        assert 0 < in_memory <= 8 * MB and on_disk
        assert all(entry.path.stat().st_size == 200_000 for entry in on_disk)
        assert kept[-1].read_bytes() == noise["content/images/59.png"]
    assert list(intake_tmp.iterdir()) == []
