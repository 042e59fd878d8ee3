"""Learner record, exports, joining a course, course reports and officer-entered evidence."""

import io
import json

import pytest
from openpyxl import load_workbook

from courses.models import Competence
from people.models import AccessLog, Role
from progress.models import CompetenceEvidence, Enrolment
from tests.courses.builders import course_build, quiz_block
from tests.progress.test_completion import RIGHT, block_id_of, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_with_quiz(db):
    course, (lesson,) = course_build(lessons=[[quiz_block()]])
    return course, lesson


def test_joining_a_course_twice_keeps_one_enrolment(
    client, make_citizen, cu_chi_hamlet, course_with_quiz
):
    course, lesson = course_with_quiz
    citizen = make_citizen(cu_chi_hamlet)
    client.force_login(citizen.user)
    for _ in range(2):
        response = client.post(f"/khoa-hoc-tham-gia/{course.pk}/")
        assert response.status_code == 302 and response["Location"] == lesson.url
    assert Enrolment.objects.filter(learner=citizen.user, course=course).count() == 1
    page = client.get(course.url).content.decode()
    assert "Chưa bắt đầu" in page and "Tham gia khóa học" not in page


def test_my_learning_shows_progress_results_and_competence(client, make_citizen, cu_chi_hamlet):
    block = quiz_block(title="Ôn tập an toàn")
    block["value"]["competences"] = [
        {"competence": Competence.objects.get(code="4.1").pk, "level": 1}
    ]
    _course, (lesson,) = course_build(lessons=[[block]], title="An toàn số")
    citizen = make_citizen(cu_chi_hamlet)
    client.force_login(citizen.user)
    submit(client, lesson, block["id"], RIGHT)
    html = client.get("/toi/hoc-tap/").content.decode()
    assert "An toàn số" in html and "Ôn tập an toàn" in html
    assert 'value="1"' in html  # the safety domain's meter moved to level 1
    data = json.loads(client.get("/toi/hoc-tap.json").content)
    assert data["courses"][0]["completed_at"] is not None
    assert data["activities"][0]["passed"] is True
    assert data["digital_competence"]["domains"]["An toàn"] == 1
    csv_text = client.get("/toi/hoc-tap.csv").content.decode("utf-8-sig")
    assert "An toàn số" in csv_text
    assert client.get("/toi/hoc-tap.pdf").status_code == 404


def test_reports_are_scoped_to_the_officers_area(
    client, make_officer, make_citizen, cu_chi, tan_an_hoi, cu_chi_hamlet, tan_an_hoi_hamlet,
    course_with_quiz,
):  # fmt: skip
    course, lesson = course_with_quiz
    ours = make_citizen(cu_chi_hamlet, user__full_name="Người Củ Chi")
    theirs = make_citizen(tan_an_hoi_hamlet, user__full_name="Người Tân An Hội")
    for citizen in (ours, theirs):
        client.force_login(citizen.user)
        submit(client, lesson, block_id_of(lesson), RIGHT)
    officer = make_officer(cu_chi, role=Role.TRAINER)
    client.force_login(officer)
    page = client.get(f"/can-bo/tien-do/{course.pk}/").content.decode()
    assert "Người Củ Chi" in page and "Người Tân An Hội" not in page
    export = client.get(f"/can-bo/tien-do/{course.pk}/?xuat=xlsx")
    book = load_workbook(io.BytesIO(b"".join(export.streaming_content)))
    names = [row[0] for row in book.active.iter_rows(values_only=True)]
    assert names[1:] == ["Người Củ Chi"]
    assert AccessLog.objects.filter(actor=officer, action="export_course_report").exists()
    completed = client.get(f"/can-bo/tien-do/{course.pk}/?trang_thai=not_started").content.decode()
    assert "Người Củ Chi" not in completed


def test_citizens_cannot_open_reports(client, make_citizen, cu_chi_hamlet):
    client.force_login(make_citizen(cu_chi_hamlet).user)
    assert client.get("/can-bo/tien-do/").status_code == 403


def test_officer_records_outside_evidence_only_in_their_area(
    client, make_officer, make_citizen, cu_chi, cu_chi_hamlet, tan_an_hoi_hamlet
):
    officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    ours, theirs = make_citizen(cu_chi_hamlet), make_citizen(tan_an_hoi_hamlet)
    client.force_login(officer)
    competence = Competence.objects.get(code="2.3")
    data = {"competences": [competence.pk], "level": 2, "certificate": "Bình dân học vụ số 12/2025"}
    response = client.post(f"/can-bo/nguoi-dan/{ours.pk}/nang-luc-so/", data)
    assert response.status_code == 302
    evidence = CompetenceEvidence.objects.get(learner=ours.user)
    assert evidence.verified_by == officer and evidence.level == 2 and evidence.source == "officer"
    assert client.post(f"/can-bo/nguoi-dan/{theirs.pk}/nang-luc-so/", data).status_code == 404
    assert not CompetenceEvidence.objects.filter(learner=theirs.user).exists()


def test_my_learning_exports_show_local_dates(
    client, make_citizen, cu_chi_hamlet, course_with_quiz
):
    from datetime import UTC, datetime

    course, _lesson = course_with_quiz
    citizen = make_citizen(cu_chi_hamlet)
    Enrolment.objects.create(
        learner=citizen.user,
        course=course,
        enrolled_at=datetime(2025, 8, 31, 13, 0, tzinfo=UTC),  # 20:00 local on 31 August
        completed_at=datetime(2025, 8, 31, 17, 30, tzinfo=UTC),  # 00:30 local on 1 September
    )
    client.force_login(citizen.user)
    text = client.get("/toi/hoc-tap.csv").content.decode("utf-8-sig")
    assert "31/08/2025 20:00" in text and "01/09/2025 00:30" in text
    assert "+00:00" not in text and "T13:00" not in text
    data = json.loads(client.get("/toi/hoc-tap.json").content)
    assert data["courses"][0]["completed_at"] == "2025-09-01T00:30:00+07:00"
