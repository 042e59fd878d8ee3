"""The H5P Hub client and installing content types, against recorded answers over real HTTP
(a local stand-in for api.h5p.org; the live Hub is never asked)."""

import io
import socket

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from courses.h5p import hub
from courses.h5p.compose import h5p_package_compose
from courses.h5p.content_types import content_type_overview, hub_content_type_install
from courses.h5p.intake import H5PValidationError
from courses.h5p.services import h5p_libraries_install
from courses.models.h5p import H5PLibrary, H5PPackage
from tests.courses.h5p_helpers import SVG_OK, library_entries, make_zip, needs_fixtures
from tests.courses.hub_server import FakeHub, library_package_from_fixture, recorded_list

pytestmark = pytest.mark.django_db

TRUEFALSE = "h5p/truefalse-hello.h5p"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def fake_hub(settings, media):
    downloads = {}
    with FakeHub(recorded_list(), downloads) as server:
        settings.H5P_HUB_URL = server.url
        yield server


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def test_the_list_is_parsed_sent_with_registration_data_and_kept(fake_hub):
    types = hub.hub_content_types()
    names = [item.machine_name for item in types]
    # Malformed entries (a path as machine name, no version) are left out; sorted by title.
    assert names == [
        "H5P.DragText",
        "H5P.Blanks",
        "H5P.FutureType",
        "H5P.MultiChoice",
        "H5P.QuestionSet",
        "H5P.TrueFalse",
    ]
    truefalse = types[-1]
    assert truefalse.version == (1, 6, 1) and truefalse.core_api == (1, 19)
    assert truefalse.playable and not types[2].playable
    method, path, form = fake_hub.requests[0]
    assert (method, path) == ("POST", "/v1/content-types/")
    assert form["platform_name"] == [hub.PLATFORM_NAME]
    assert form["core_api_version"] == ["1.28"] and form["type"] == ["local"]
    hub.hub_content_types()
    assert len(fake_hub.requests) == 1  # kept for a day
    hub.hub_content_types(refresh=True)
    assert len(fake_hub.requests) == 2


def test_offline_hub_says_so_in_vietnamese(settings):
    settings.H5P_HUB_URL = _closed_port_url()
    with pytest.raises(hub.HubUnavailable) as error:
        hub.hub_content_types()
    assert "Không kết nối được H5P Hub" in error.value.message
    assert "Tải lên gói thư viện" in error.value.message
    with pytest.raises(CommandError, match="Không kết nối được H5P Hub"):
        call_command("h5p_hub_install", "--list", stdout=io.StringIO())


def test_an_answer_that_is_not_the_list_is_refused(fake_hub):
    fake_hub.listing = {"error": "maintenance"}
    with pytest.raises(hub.HubUnavailable):
        hub.hub_content_types()


def test_only_http_hub_addresses(settings):
    settings.H5P_HUB_URL = "file:///etc"
    with pytest.raises(ValueError):
        hub.hub_content_types()


@needs_fixtures
def test_install_from_the_hub_stores_the_libraries_once(fake_hub, media):
    fake_hub.downloads["H5P.TrueFalse"] = library_package_from_fixture(TRUEFALSE, "H5P.TrueFalse")
    outcome = hub_content_type_install(machine_name="H5P.TrueFalse")
    assert (outcome.status, outcome.version) == ("installed", "1.6.1")
    assert fake_hub.downloaded() == ["/v1/content-types/H5P.TrueFalse"]
    names = set(H5PLibrary.objects.values_list("machine_name", flat=True))
    assert {"H5P.TrueFalse", "H5P.Question", "H5P.JoubelUI", "FontAwesome"} <= names
    assert not any(name.startswith("H5PEditor.") for name in names)  # editor-only: not kept
    row = H5PLibrary.objects.get(machine_name="H5P.TrueFalse")
    assert default_storage.exists(row.storage_prefix + "library.json")
    assert not H5PPackage.objects.exists()  # no content in a Hub download
    count = H5PLibrary.objects.count()

    again = hub_content_type_install(machine_name="H5P.TrueFalse")
    assert again.status == "up_to_date"
    assert len(fake_hub.downloaded()) == 1 and H5PLibrary.objects.count() == count
    overview = {row.machine_name: row for row in content_type_overview(hub.hub_content_types())}
    assert overview["H5P.TrueFalse"].action == ""
    assert overview["H5P.Blanks"].action == "install"
    assert overview["H5P.FutureType"].action == "core"


@needs_fixtures
def test_a_newer_patch_on_the_hub_is_an_update_and_new_content_uses_it(fake_hub, media):
    fake_hub.downloads["H5P.TrueFalse"] = library_package_from_fixture(TRUEFALSE, "H5P.TrueFalse")
    hub_content_type_install(machine_name="H5P.TrueFalse")
    fake_hub.listing["contentTypes"][0]["version"]["patch"] = 2
    fake_hub.downloads["H5P.TrueFalse"] = library_package_from_fixture(
        TRUEFALSE, "H5P.TrueFalse", patch_bump=1
    )
    hub.hub_content_types(refresh=True)
    assert content_type_overview(hub.hub_content_types())[-1].action == "update"
    out = io.StringIO()
    call_command("h5p_hub_install", "--update", stdout=out)
    assert "H5P.TrueFalse 1.6.2: đã cập nhật." in out.getvalue()
    patches = H5PLibrary.objects.filter(machine_name="H5P.TrueFalse").values_list(
        "patch", flat=True
    )
    assert sorted(patches) == [1, 2]  # each version kept once; the older one stays for its users
    h5p_json = {
        "title": "Câu hỏi",
        "mainLibrary": "H5P.TrueFalse",
        "preloadedDependencies": [
            {"machineName": "H5P.TrueFalse", "majorVersion": 1, "minorVersion": 6}
        ],
    }
    package = h5p_package_compose(h5p_json=h5p_json, content_json={"question": "<p>?</p>"})
    assert package.main_library.patch == 2


def test_a_type_needing_a_newer_core_is_refused_before_downloading(fake_hub):
    with pytest.raises(H5PValidationError) as error:
        hub_content_type_install(machine_name="H5P.FutureType")
    assert error.value.code == "core_api_too_new" and "lõi H5P 1.99" in error.value.message
    assert fake_hub.downloaded() == []
    with pytest.raises(H5PValidationError, match="không có dạng bài"):
        hub_content_type_install(machine_name="H5P.Nothing")


@needs_fixtures
def test_a_hostile_download_is_refused_and_nothing_stored(fake_hub, media):
    fake_hub.downloads["H5P.TrueFalse"] = library_package_from_fixture(
        TRUEFALSE, "H5P.TrueFalse", svg=b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>'
    )
    with pytest.raises(H5PValidationError) as error:
        hub_content_type_install(machine_name="H5P.TrueFalse")
    assert error.value.code == "svg_script"
    assert not H5PLibrary.objects.exists()
    assert not media.exists() or not [path for path in media.rglob("*") if path.is_file()]


def test_a_missing_hub_download_is_reported(fake_hub):
    with pytest.raises(hub.HubUnavailable):
        hub_content_type_install(machine_name="H5P.Blanks")  # the stand-in answers 404


def test_library_package_upload_needs_its_dependencies(media):
    library = library_entries("H5P.Demo", 1, 0, 2, deps=[("H5P.Needed", 1, 0)])
    package = make_zip({**library, "H5P.Demo-1.0/icon.svg": SVG_OK})
    with pytest.raises(H5PValidationError) as error:
        h5p_libraries_install(file=package)
    assert error.value.code == "missing_library" and "H5P.Needed 1.0" in error.value.message
    assert not H5PLibrary.objects.exists()
    needed = library_entries("H5P.Needed", 1, 0, 0)
    needed["H5P.Needed-1.0/library.json"] = needed["H5P.Needed-1.0/library.json"].replace(
        '"runnable": 1', '"runnable": 0'
    )
    result = h5p_libraries_install(file=make_zip({**needed, **library}))
    assert [str(row) for row in result.content_types] == ["H5P.Demo 1.0.2"]
    assert [row.machine_name for row in result.created] == ["H5P.Needed", "H5P.Demo"]
    # Once installed, the dependency need not come again.
    newer = library_entries("H5P.Demo", 1, 0, 3, deps=[("H5P.Needed", 1, 0)])
    assert [str(r) for r in h5p_libraries_install(file=make_zip(newer)).created] == [
        "H5P.Demo 1.0.3"
    ]


def test_the_command_installs_an_uploaded_library_package(media, tmp_path):
    path = tmp_path / "lib.h5p"
    path.write_bytes(make_zip(library_entries("H5P.Demo", 1, 0, 2)))
    out = io.StringIO()
    call_command("h5p_hub_install", "--file", str(path), stdout=out)
    assert "H5P.Demo 1.0.2" in out.getvalue()
    with pytest.raises(CommandError, match="Tệp tải lên không phải gói H5P hợp lệ"):
        path.write_bytes(b"not a zip")
        call_command("h5p_hub_install", "--file", str(path), stdout=out)


def test_compose_names_libraries_that_are_not_installed(media):
    h5p_json = {
        "title": "x",
        "mainLibrary": "H5P.Blanks",
        "preloadedDependencies": [
            {"machineName": "H5P.Blanks", "majorVersion": 1, "minorVersion": 12}
        ],
    }
    with pytest.raises(H5PValidationError) as error:
        h5p_package_compose(h5p_json=h5p_json, content_json={})
    assert error.value.code == "library_not_installed" and "H5P.Blanks 1.12" in error.value.message
    assert not H5PPackage.objects.exists()
