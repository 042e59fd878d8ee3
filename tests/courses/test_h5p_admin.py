"""The "Hoạt động H5P" snippet in the Wagtail admin: upload a package or re-use one."""

import tempfile
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import Competence
from courses.models.h5p import H5PActivity, H5PLibrary, H5PPackage
from tests.courses.h5p_helpers import make_zip, minimal_package, stored_files
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_courses_h5pactivity:add"
EDIT = "wagtailsnippets_courses_h5pactivity:edit"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


# The competence rows are an inline formset: every POST carries its management form.
INLINE = {
    "competence_targets-TOTAL_FORMS": "0",
    "competence_targets-INITIAL_FORMS": "0",
    "competence_targets-MIN_NUM_FORMS": "0",
    "competence_targets-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def admin_client(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    client.user = user
    post = client.post

    def post_with_inline(path, data=None, **kwargs):
        return post(path, {**INLINE, **(data or {})}, **kwargs)

    client.post = post_with_inline
    return client


def upload(entries: dict, name: str = "bai.h5p") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, make_zip(entries), content_type="application/zip")


def test_the_form_offers_an_upload_and_the_existing_packages(admin_client, media):
    response = admin_client.get(reverse(ADD))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gói H5P (.h5p)" in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="package"' in html and 'name="pass_mark"' in html


def test_uploading_a_package_creates_the_activity(admin_client, media):
    response = admin_client.post(
        reverse(ADD),
        {"title": "Câu hỏi Đúng/Sai", "pass_mark": 70, "package_file": upload(minimal_package())},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = H5PActivity.objects.get()
    assert activity.title == "Câu hỏi Đúng/Sai" and activity.pass_mark == 70
    assert activity.package.uploaded_by == admin_client.user
    assert stored_files(media)


def test_a_refused_upload_shows_the_message_and_saves_nothing(admin_client, media):
    entries = minimal_package()
    del entries["h5p.json"]
    response = admin_client.post(
        reverse(ADD), {"title": "Bài lỗi", "pass_mark": 80, "package_file": upload(entries)}
    )
    assert response.status_code == 200
    assert "thiếu tệp h5p.json" in response.content.decode()
    assert not H5PActivity.objects.exists()
    assert not H5PPackage.objects.exists() and not H5PLibrary.objects.exists()
    assert stored_files(media) == []


def test_other_errors_check_the_file_but_store_nothing(admin_client, media):
    response = admin_client.post(
        reverse(ADD), {"title": "", "pass_mark": 80, "package_file": upload(minimal_package())}
    )
    assert response.status_code == 200
    assert not H5PPackage.objects.exists()
    assert stored_files(media) == []


def test_an_existing_package_can_be_reused(admin_client, media):
    admin_client.post(
        reverse(ADD),
        {"title": "Bài một", "pass_mark": 80, "package_file": upload(minimal_package())},
    )
    package = H5PPackage.objects.get()
    response = admin_client.post(
        reverse(ADD), {"title": "Bài hai", "package": package.pk, "pass_mark": 90}
    )
    assert response.status_code == 302
    assert H5PActivity.objects.filter(package=package).count() == 2
    assert H5PPackage.objects.count() == 1


def test_a_package_or_an_upload_is_required(admin_client, media):
    response = admin_client.post(reverse(ADD), {"title": "Bài trống", "pass_mark": 80})
    assert response.status_code == 200
    assert "Hãy chọn một gói H5P đã tải lên" in response.content.decode()
    assert not H5PActivity.objects.exists()


def test_pass_mark_is_a_percentage(admin_client, media):
    response = admin_client.post(
        reverse(ADD), {"title": "Bài", "pass_mark": 120, "package_file": upload(minimal_package())}
    )
    assert response.status_code == 200
    assert not H5PActivity.objects.exists() and not H5PPackage.objects.exists()


def test_editing_with_a_new_upload_replaces_the_package(admin_client, media):
    admin_client.post(
        reverse(ADD), {"title": "Bài", "pass_mark": 80, "package_file": upload(minimal_package())}
    )
    activity = H5PActivity.objects.get()
    old = activity.package
    response = admin_client.post(
        reverse(EDIT, args=[activity.pk]),
        {
            "title": "Bài",
            "pass_mark": 80,
            "package": old.pk,
            "package_file": upload(minimal_package("Bài mới")),
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.package != old and activity.package.title == "Bài mới"


def test_the_listing_shows_activities(admin_client, media):
    admin_client.post(
        reverse(ADD),
        {"title": "Bài nghe", "pass_mark": 80, "package_file": upload(minimal_package())},
    )
    response = admin_client.get(reverse("wagtailsnippets_courses_h5pactivity:list"), {"q": "nghe"})
    assert response.status_code == 200
    assert "Bài nghe" in response.content.decode()


@pytest.fixture
def intake_tmp(tmp_path, monkeypatch):
    """Where intake unpacks uploads: a folder of the test's own, to see that nothing stays."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_an_invalid_competence_row_stores_nothing(admin_client, media, intake_tmp):
    competence = Competence.objects.get(code="4.2")
    response = admin_client.post(
        reverse(ADD),
        {
            "title": "Bài",
            "pass_mark": 80,
            "package_file": upload(minimal_package()),
            "competence_targets-TOTAL_FORMS": "1",
            "competence_targets-0-competence": competence.pk,
            "competence_targets-0-level": "99",
        },
    )
    assert response.status_code == 200
    assert not H5PActivity.objects.exists()
    assert not H5PPackage.objects.exists() and not H5PLibrary.objects.exists()
    assert stored_files(media) == []
    assert list(intake_tmp.iterdir()) == []


def test_a_valid_competence_row_is_saved_with_the_upload(admin_client, media, intake_tmp):
    competence = Competence.objects.get(code="4.2")
    response = admin_client.post(
        reverse(ADD),
        {
            "title": "Bài",
            "pass_mark": 80,
            "package_file": upload(minimal_package()),
            "competence_targets-TOTAL_FORMS": "1",
            "competence_targets-0-competence": competence.pk,
            "competence_targets-0-level": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = H5PActivity.objects.get()
    assert activity.competence_targets.get().level == 2
    assert stored_files(media)
    assert list(intake_tmp.iterdir()) == []


def test_each_upload_is_unpacked_once(admin_client, media, monkeypatch):
    data = upload(minimal_package())
    opened = []
    real_init = zipfile.ZipFile.__init__

    def counting_init(self, *args, **kwargs):
        opened.append(args[0] if args else kwargs.get("file"))
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting_init)
    response = admin_client.post(
        reverse(ADD), {"title": "Bài", "pass_mark": 80, "package_file": data}
    )
    assert response.status_code == 302
    assert len(opened) == 1


def test_a_failure_after_storing_removes_the_package_files(admin_client, media, monkeypatch):
    from wagtail.admin.forms import WagtailAdminModelForm

    def failing_save(self, commit=True):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(WagtailAdminModelForm, "save", failing_save)
    admin_client.raise_request_exception = True
    with pytest.raises(RuntimeError):
        admin_client.post(
            reverse(ADD),
            {"title": "Bài", "pass_mark": 80, "package_file": upload(minimal_package())},
        )
    assert not H5PPackage.objects.exists()
    assert stored_files(media) == []
