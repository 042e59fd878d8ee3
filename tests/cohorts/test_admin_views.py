import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cohorts.models import Cohort, ImportPreview
from people.models import AccessLog, Role, User

pytestmark = pytest.mark.django_db

CSV = "Họ và tên,Năm sinh,Số điện thoại,Ấp\r\nLê Thị Mới,1980,0912000003,\r\n"


def _upload(client, cohort, content, name="ds.csv"):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(reverse("cohorts_import", args=[cohort.pk]), {"file": upload})


def test_a_trainer_lists_only_the_classes_they_teach(client, cohort, cu_chi, make_officer):
    Cohort.objects.create(name="Lớp của người khác", unit=cohort.unit)
    colleague = make_officer(cu_chi, role=Role.TRAINER)
    cohort.trainers.add(colleague)
    from people.services import _admin_access_sync

    _admin_access_sync(user=colleague)
    client.force_login(colleague)
    html = client.get(reverse("cohorts:index")).content.decode()
    assert cohort.name in html and "Lớp của người khác" not in html


def test_opening_a_class_is_logged(client, cohort, officer):
    from people.services import _admin_access_sync

    _admin_access_sync(user=officer)
    client.force_login(officer)
    assert client.get(reverse("cohorts:edit", args=[cohort.pk])).status_code == 200
    assert AccessLog.objects.filter(actor=officer, action="view_cohort").exists()


def test_the_form_refuses_a_trainer_of_another_area(
    client, cohort, officer, tan_an_hoi, make_officer
):
    from people.services import _admin_access_sync

    _admin_access_sync(user=officer)
    elsewhere = make_officer(tan_an_hoi, role=Role.TRAINER)
    client.force_login(officer)
    url = reverse("cohorts:edit", args=[cohort.pk])
    courses = [course.pk for course in cohort.courses.all()]
    data = {"name": cohort.name, "unit": cohort.unit.pk, "courses": courses}
    data["trainers"] = [elsewhere.pk]
    response = client.post(url, data)
    assert response.status_code == 200
    assert list(cohort.trainers.all()) != [elsewhere]


def test_upload_preview_confirm(client, cohort, officer):
    from people.services import _admin_access_sync

    _admin_access_sync(user=officer)
    client.force_login(officer)
    response = _upload(client, cohort, CSV.encode("utf-16"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lê Thị Mới" in html and "Người mới" in html
    assert not User.objects.filter(phone="+84912000003").exists()
    token = ImportPreview.objects.get().token
    url = reverse("cohorts_import", args=[cohort.pk])
    refused = client.post(url, {"token": token})  # no consent ticked
    assert "đồng ý" in refused.content.decode()
    done = client.post(url, {"token": token, "consent": "on"})
    assert User.objects.get(phone="+84912000003") in cohort.members.all()
    assert "Mã kích hoạt" in done.content.decode()


def test_wrong_files_get_a_vietnamese_message_and_nothing_is_kept(client, cohort, officer):
    from people.services import _admin_access_sync

    _admin_access_sync(user=officer)
    client.force_login(officer)
    html = _upload(client, cohort, b"\xd0\xcf\x11\xe0", name="ds.xls").content.decode()
    assert "Excel 97" in html
    assert not ImportPreview.objects.exists()


def test_another_communes_trainer_cannot_open_the_import(client, cohort, tan_an_hoi, make_officer):
    other = make_officer(tan_an_hoi, role=Role.TRAINER)
    from people.services import _admin_access_sync

    _admin_access_sync(user=other)
    client.force_login(other)
    assert client.get(reverse("cohorts_import", args=[cohort.pk])).status_code == 404


def test_the_template_is_an_xlsx_with_the_expected_header(client, trainer):
    from people.services import _admin_access_sync

    _admin_access_sync(user=trainer)
    client.force_login(trainer)
    response = client.get(reverse("cohorts_import_template"))
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.active[1]][:3] == ["Họ và tên", "Năm sinh", "Số điện thoại"]


def test_sessions_are_offered_only_for_classes_one_manages(client, cohort, trainer, cu_chi):
    from cohorts.models import Cohort, Session
    from people.services import _admin_access_sync

    other = Cohort.objects.create(name="Lớp khác", unit=cohort.unit)
    _admin_access_sync(user=trainer)
    client.force_login(trainer)
    form = client.get(reverse("cohort_sessions:add")).context["form"]
    assert list(form.fields["cohort"].queryset) == [cohort]
    data = {"cohort": other.pk, "title": "Buổi 1", "starts_at": "2026-12-10 08:00"}
    client.post(reverse("cohort_sessions:add"), data)
    assert not Session.objects.exists()


def _officer_client(client, officer):
    from people.services import _admin_access_sync

    _admin_access_sync(user=officer)
    client.force_login(officer)
    return client


def test_a_double_click_on_confirm_enrols_once(client, cohort, officer):
    _officer_client(client, officer)
    _upload(client, cohort, CSV.encode())
    token = ImportPreview.objects.get().token
    url = reverse("cohorts_import", args=[cohort.pk])
    client.post(url, {"token": token, "consent": "on"})
    counts = (User.objects.count(), cohort.members.count())
    second = client.post(url, {"token": token, "consent": "on"})
    assert second.status_code == 200
    assert "đã được ghi danh lúc" in second.content.decode()
    assert (User.objects.count(), cohort.members.count()) == counts == (counts[0], 1)


def test_a_hundred_thousand_rows_get_a_message_and_nothing_is_kept(client, cohort, officer):
    _officer_client(client, officer)
    content = "Họ và tên,Năm sinh,Số điện thoại\r\n" + "Lê Văn A,1980,0912000003\r\n" * 100_000
    html = _upload(client, cohort, content.encode()).content.decode()
    assert "hơn 10.000 dòng" in html and "Chưa có gì được ghi" in html
    assert not ImportPreview.objects.exists()


def test_the_progress_of_ones_own_upload_can_be_followed(
    client, cohort, officer, tan_an_hoi, make_officer
):
    _officer_client(client, officer)
    upload = io.BytesIO(CSV.encode())
    upload.name = "ds.csv"
    url = reverse("cohorts_import", args=[cohort.pk])
    client.post(url, {"file": upload, "job": "viec-cua-toi-1"})
    status_url = reverse("cohorts_import_status", args=[cohort.pk])
    status = client.get(status_url, {"job": "viec-cua-toi-1"}).json()
    assert status == {"phase": "check", "done": 1, "total": 1}
    assert client.get(status_url, {"job": "viec-khac-1234"}).json() == {}
    token = ImportPreview.objects.get().token
    client.post(url, {"token": token, "consent": "on", "job": "viec-cua-toi-2"})
    assert client.get(status_url, {"job": "viec-cua-toi-2"}).json()["phase"] == "enrol"

    colleague = make_officer(cohort.unit.parent, role=Role.COMMUNE_OFFICER)
    _officer_client(client, colleague)  # the same class, another person: not their job
    assert client.get(status_url, {"job": "viec-cua-toi-1"}).json() == {}
    _officer_client(client, make_officer(tan_an_hoi, role=Role.COMMUNE_OFFICER))
    assert client.get(status_url, {"job": "viec-cua-toi-1"}).status_code == 404


def test_the_page_carries_a_progress_bar_for_both_steps(client, cohort, officer):
    _officer_client(client, officer)
    page = client.get(reverse("cohorts_import", args=[cohort.pk])).content.decode()
    assert "data-import-progress" in page and "cohorts/import.js" in page
    assert 'name="job"' in page
    preview = _upload(client, cohort, CSV.encode()).content.decode()
    assert preview.count("data-import-progress") == 1 and 'name="job"' in preview
