"""Editors add H5P activities (README: "Editors build courses in the admin"): the data migration
courses/0008 gives Wagtail's "Editors" group the snippet's permissions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models.h5p import H5PActivity
from people.models import Role
from people.services import role_assign
from tests.courses.builders import H5P_FIXTURES, NO_FIXTURES
from tests.factories import CommuneFactory, UserFactory

pytestmark = pytest.mark.django_db

INLINE = {
    "competence_targets-TOTAL_FORMS": "0",
    "competence_targets-INITIAL_FORMS": "0",
    "competence_targets-MIN_NUM_FORMS": "0",
    "competence_targets-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def editor(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    user = UserFactory()
    role_assign(user=user, role=Role.EDITOR, unit=CommuneFactory(), by=None)
    user.refresh_from_db()
    client.force_login(user)
    return user


def test_the_editors_group_holds_the_h5p_activity_permissions(editor):
    for codename in ("add_h5pactivity", "change_h5pactivity", "view_h5pactivity"):
        assert editor.has_perm(f"courses.{codename}"), codename


def test_an_editor_sees_the_h5p_menu_and_the_add_form(client, editor):
    add = reverse("wagtailsnippets_courses_h5pactivity:add")
    index = reverse("wagtailsnippets_courses_h5pactivity:list")
    assert index in client.get(reverse("wagtailadmin_home")).content.decode()  # the menu item
    assert client.get(index).status_code == 200
    response = client.get(add)
    assert response.status_code == 200
    assert 'name="package_file"' in response.content.decode()


@pytest.mark.skipif(not H5P_FIXTURES.exists(), reason=NO_FIXTURES)
def test_an_editor_uploads_a_fixture_package_through_the_admin(client, editor):
    data = (H5P_FIXTURES / "truefalse-hello.h5p").read_bytes()
    response = client.post(
        reverse("wagtailsnippets_courses_h5pactivity:add"),
        {
            **INLINE,
            "title": "Câu hỏi Đúng/Sai của biên tập viên",
            "pass_mark": 80,
            "package_file": SimpleUploadedFile("bai.h5p", data, content_type="application/zip"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = H5PActivity.objects.get()
    assert activity.title == "Câu hỏi Đúng/Sai của biên tập viên"
    assert activity.package.uploaded_by == editor
    assert activity.package.main_library.machine_name == "H5P.TrueFalse"
    edit = client.get(reverse("wagtailsnippets_courses_h5pactivity:edit", args=[activity.pk]))
    assert edit.status_code == 200
