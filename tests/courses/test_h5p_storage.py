"""Storing H5P packages: libraries once per version, all or nothing, idempotent uploads."""

import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from courses.h5p import services, storage
from courses.h5p.services import h5p_package_ingest
from courses.h5p.storage import package_store
from courses.h5p.validation import H5PValidationError, validate_package
from courses.models.h5p import H5PLibrary, H5PPackage, H5PPackageLibrary
from tests.courses.h5p_helpers import (
    SVG_OK,
    fixture_bytes,
    library_entries,
    make_zip,
    minimal_package,
    needs_fixtures,
    stored_files,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    """A media folder of this test's own; default_storage follows MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def editor():
    return UserFactory()


def nothing_stored(media) -> bool:
    return (
        stored_files(media) == []
        and not H5PPackage.objects.exists()
        and not H5PLibrary.objects.exists()
        and not H5PPackageLibrary.objects.exists()
    )


def test_ingest_stores_libraries_once_and_content_under_the_package(media, editor):
    package = h5p_package_ingest(file=make_zip(minimal_package()), uploaded_by=editor)

    assert package.title == "Xin chào"
    assert package.uploaded_by == editor
    assert package.main_library.machine_name == "H5P.Hello"
    assert [str(lib) for lib in package.libraries_in_load_order()] == [
        "H5P.Shared 1.2.5",
        "H5P.Hello 1.0.3",
    ]
    prefix = f"h5p/packages/{package.sha256}/"
    assert package.storage_prefix == prefix
    assert stored_files(media) == sorted(
        [
            "h5p/libraries/H5P.Hello-1.0.3/h5p-hello.js",
            "h5p/libraries/H5P.Hello-1.0.3/library.json",
            "h5p/libraries/H5P.Hello-1.0.3/style.css",
            "h5p/libraries/H5P.Shared-1.2.5/h5p-shared.js",
            "h5p/libraries/H5P.Shared-1.2.5/library.json",
            "h5p/libraries/H5P.Shared-1.2.5/style.css",
            f"{prefix}h5p.json",
            f"{prefix}content/content.json",
            f"{prefix}content/images/logo.svg",
        ]
    )
    assert default_storage.open(f"{prefix}content/images/logo.svg").read() == SVG_OK
    hello = H5PLibrary.objects.get(machine_name="H5P.Hello")
    assert hello.preloaded_js == ["h5p-hello.js"] and hello.preloaded_css == ["style.css"]
    assert hello.storage_prefix == "h5p/libraries/H5P.Hello-1.0.3/"
    assert hello.runnable is True


def test_a_second_package_reuses_the_libraries_it_shares(media):
    first = package_store(info=validate_package(make_zip(minimal_package("Bài một"))))
    entries = minimal_package("Bài hai")
    entries |= library_entries("H5P.Hello", 1, 0, 4, deps=[("H5P.Shared", 1, 2)], body="newer")
    second = package_store(info=validate_package(make_zip(entries)))

    assert (first.libraries_written, first.libraries_reused) == (2, 0)
    assert (second.libraries_written, second.libraries_reused) == (1, 1)  # Shared 1.2.5 reused
    assert H5PLibrary.objects.filter(machine_name="H5P.Shared").count() == 1
    assert first.package.libraries.get(machine_name="H5P.Shared") == (
        second.package.libraries.get(machine_name="H5P.Shared")
    )
    assert sum(1 for name in stored_files(media) if "H5P.Shared" in name) == 3


@needs_fixtures
def test_truefalse_and_multichoice_share_their_common_libraries(media, editor):
    truefalse = h5p_package_ingest(file=fixture_bytes("truefalse-hello.h5p"), uploaded_by=editor)
    multichoice = h5p_package_ingest(file=fixture_bytes("multichoice.h5p"), uploaded_by=editor)

    keys = {lib.id: f"{lib.machine_name}-{lib.version}" for lib in H5PLibrary.objects.all()}
    shared = set(truefalse.libraries.values_list("id", flat=True)) & set(
        multichoice.libraries.values_list("id", flat=True)
    )
    assert {keys[pk] for pk in shared} == {
        "FontAwesome-4.5.4",
        "H5P.Transition-1.0.4",
        "Tether-1.0.2",
        "Drop-1.0.2",
        "H5P.FontIcons-1.0.6",
    }
    assert len(keys) == truefalse.libraries.count() + multichoice.libraries.count() - len(shared)

    # Each shared library's files are stored exactly once: the same names as in the package,
    # no second copy and no renamed duplicate.
    stored = stored_files(media)
    with zipfile.ZipFile(io.BytesIO(fixture_bytes("multichoice.h5p"))) as archive:
        for pk in shared:
            library = H5PLibrary.objects.get(pk=pk)
            folder = f"{library.machine_name}-{library.major}.{library.minor}/"
            expected = sorted(
                library.storage_prefix + info.filename.removeprefix(folder)
                for info in archive.infolist()
                if info.filename.startswith(folder) and not info.is_dir()
            )
            assert [name for name in stored if name.startswith(library.storage_prefix)] == expected


def test_identical_upload_is_idempotent(media, editor):
    data = make_zip(minimal_package())
    first = h5p_package_ingest(file=data, uploaded_by=editor)
    before = stored_files(media)
    again = h5p_package_ingest(
        file=SimpleUploadedFile("lan-hai.h5p", data, content_type="application/zip"),
        uploaded_by=UserFactory(),
    )
    assert again.pk == first.pk
    assert again.uploaded_by == editor
    assert H5PPackage.objects.count() == 1
    assert stored_files(media) == before


def test_storing_the_same_package_twice_fails_before_writing_anything(media):
    info = validate_package(make_zip(minimal_package()))
    package_store(info=info)
    before = stored_files(media)
    with pytest.raises(IntegrityError):
        package_store(info=info)
    assert stored_files(media) == before  # the loser of a race deletes nothing of the winner's


def test_ingest_returns_the_winner_of_a_race_with_an_identical_upload(media, monkeypatch):
    data = make_zip(minimal_package())
    winner = h5p_package_ingest(file=data, uploaded_by=None)

    manager = H5PPackage._default_manager
    lookups = []

    class NotYetCommitted:
        """The first look-up misses, as it would while the winner's transaction is open."""

        def filter(self, **kwargs):
            lookups.append(kwargs)
            return manager.none() if len(lookups) == 1 else manager.filter(**kwargs)

    monkeypatch.setattr(services, "H5PPackage", SimpleNamespace(objects=NotYetCommitted()))
    assert h5p_package_ingest(file=data, uploaded_by=None).pk == winner.pk
    assert len(lookups) == 2  # it missed, validated, lost the insert, then found the winner


def test_a_refused_upload_stores_nothing(media, editor):
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(H5PValidationError):
        h5p_package_ingest(
            file=make_zip(minimal_package() | {"content/x.svg": svg}), uploaded_by=editor
        )
    assert nothing_stored(media)


def test_a_storage_failure_midway_leaves_nothing(media, editor, monkeypatch):
    real_put = storage.StorageWriter.put

    def put(self, name, data):
        if len(self.written) == 4:
            raise OSError("disk full")
        real_put(self, name, data)

    monkeypatch.setattr(storage.StorageWriter, "put", put)
    with pytest.raises(OSError, match="disk full"):
        h5p_package_ingest(file=make_zip(minimal_package()), uploaded_by=editor)
    assert nothing_stored(media)


def test_a_database_failure_after_writing_leaves_nothing(media, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(H5PPackageLibrary.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        h5p_package_ingest(file=make_zip(minimal_package()), uploaded_by=None)
    assert nothing_stored(media)


def test_a_failure_keeps_libraries_stored_by_earlier_packages(media, monkeypatch):
    h5p_package_ingest(file=make_zip(minimal_package("Bài một")), uploaded_by=None)
    before = stored_files(media)
    libraries = list(H5PLibrary.objects.values_list("pk", flat=True))

    entries = minimal_package("Bài hai")
    entries |= library_entries("H5P.Hello", 1, 0, 9, deps=[("H5P.Shared", 1, 2)])
    monkeypatch.setattr(H5PPackageLibrary.objects, "bulk_create", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        h5p_package_ingest(file=make_zip(entries), uploaded_by=None)

    assert stored_files(media) == before
    assert list(H5PLibrary.objects.values_list("pk", flat=True)) == libraries
    assert H5PPackage.objects.count() == 1
