"""The administrators' page "Dạng bài H5P": who may open it, the Hub list and install button
(against a stand-in Hub), the offline message, and library packages uploaded for offline sites."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from courses.models.h5p import H5PLibrary
from people.models import Role
from people.services import role_assign
from tests.courses.h5p_helpers import library_entries, make_zip, needs_fixtures
from tests.courses.hub_server import FakeHub, library_package_from_fixture, recorded_list
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/h5p/dang-bai/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _admin_user(unit, role=Role.ADMINISTRATOR):
    user = UserFactory()
    role_assign(user=user, role=role, unit=unit, by=None)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def admin_client(places, client):
    client.login(username=_admin_user(places.city).username, password=PASSWORD)
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_only_administrators_open_it(places, client):
    assert reverse("courses_h5p_content_types") == URL
    editor = _admin_user(places.city, role=Role.EDITOR)
    client.login(username=editor.username, password=PASSWORD)
    assert client.get(URL).status_code in (302, 403)
    library = make_zip(library_entries("H5P.Demo", 1, 0, 0))
    upload = SimpleUploadedFile("lib.h5p", library)
    assert client.post(URL, {"action": "upload", "package": upload}).status_code in (302, 403)
    assert not H5PLibrary.objects.exists()
    home = client.get("/admin/").content.decode()
    assert URL not in home


def test_the_page_lists_installed_types_without_asking_the_hub(admin_client, media):
    response = admin_client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dạng bài H5P" in page and "Chưa có danh sách từ H5P Hub" in page
    assert "Tải lên gói thư viện" in page
    assert URL in admin_client.get("/admin/").content.decode()  # in the Settings menu


def test_offline_the_page_says_so(admin_client):
    response = admin_client.post(URL, {"action": "refresh"}, follow=True)
    assert "Không kết nối được H5P Hub" in _messages(response)


def test_changes_need_the_csrf_token(places):
    client = Client(enforce_csrf_checks=True)
    client.login(username=_admin_user(places.city).username, password=PASSWORD)
    assert client.post(URL, {"action": "refresh"}).status_code == 403


@needs_fixtures
def test_install_from_the_hub_with_the_button(admin_client, media, settings):
    downloads = {
        "H5P.TrueFalse": library_package_from_fixture("h5p/truefalse-hello.h5p", "H5P.TrueFalse")
    }
    with FakeHub(recorded_list(), downloads) as hub:
        settings.H5P_HUB_URL = hub.url
        response = admin_client.post(URL, {"action": "refresh"}, follow=True)
        assert "Đã tải danh sách 6 dạng bài" in _messages(response)
        page = response.content.decode()
        assert "True/False Question" in page and "Cần trình phát H5P mới hơn" in page
        response = admin_client.post(
            URL, {"action": "install", "machine_name": "H5P.TrueFalse"}, follow=True
        )
    assert "Đã cài H5P.TrueFalse phiên bản 1.6.1." in _messages(response)
    assert H5PLibrary.objects.filter(machine_name="H5P.TrueFalse").exists()
    assert "Bản mới nhất" in response.content.decode()
    bad = admin_client.post(URL, {"action": "install", "machine_name": "../x"}, follow=True)
    assert "không hợp lệ" in _messages(bad)


def test_upload_a_library_package(admin_client, media):
    upload = SimpleUploadedFile("lib.h5p", make_zip(library_entries("H5P.Demo", 1, 0, 2)))
    response = admin_client.post(URL, {"action": "upload", "package": upload}, follow=True)
    assert "Đã cài từ gói thư viện: H5P.Demo 1.0.2" in _messages(response)
    assert "H5P.Demo" in response.content.decode()


def test_a_bad_upload_is_refused_in_vietnamese_and_nothing_stored(admin_client, media):
    upload = SimpleUploadedFile("lib.h5p", b"not a zip")
    response = admin_client.post(URL, {"action": "upload", "package": upload})
    assert response.status_code == 400
    assert "không phải gói H5P hợp lệ" in response.content.decode()
    assert not H5PLibrary.objects.exists()
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]
