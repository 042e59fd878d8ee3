"""What the lesson page's offline queue relies on from the server: a record delivered again
(a retry after a lost answer, a queue replayed after a drop) is a success and is stored once;
resume states delivered out of order keep the latest by the device's time; a quiz answered
offline is checked on the server when it arrives."""

import json
import uuid

import pytest

from courses.selectors import activity_iri
from progress.models import ActivityState, Attempt, Enrolment, Statement
from tests.courses.builders import course_build, quiz_block
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = {"q0": "0", "q1": "true", "q2": ["0", "1"]}
STATE_URL = "/hoc/trang-thai/"


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def quiz_course(db):
    course, (lesson,) = course_build(lessons=[[quiz_block()]])
    block_id = next(b.id for b in lesson.body if b.block_type == "quiz")
    return course, lesson, block_id


def test_a_statement_sent_again_with_its_id_answers_success_and_is_stored_once(
    client, learner, quiz_course
):
    _course, lesson, block_id = quiz_course
    statement = {
        "id": str(uuid.uuid4()),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": activity_iri(lesson_id=lesson.pk, block_id=block_id)},
        "timestamp": "2026-12-07T03:00:00Z",
    }
    headers = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}
    answers = [
        client.post(
            "/xapi/statements", json.dumps(statement), "application/json", **headers
        ).status_code
        for _ in range(3)
    ]
    assert answers == [200, 200, 200]
    assert Statement.objects.filter(statement_id=statement["id"]).count() == 1


def _state(client, iri, state, at):
    body = {"activity": iri, "state": state, "at": at}
    return client.post(STATE_URL, json.dumps(body), content_type="application/json")


def test_resume_states_delivered_out_of_order_keep_the_latest_by_device_time(client, learner):
    iri = "https://congdanhoctap.hcm.vn/hoat-dong/offline"
    assert _state(client, iri, "bước 2", "2026-12-07T03:00:02Z").status_code == 204
    assert _state(client, iri, "bước 1", "2026-12-07T03:00:01Z").status_code == 204  # late
    assert _state(client, iri, "bước 2", "2026-12-07T03:00:02Z").status_code == 204  # again
    row = ActivityState.objects.get(learner=learner, activity_iri=iri)
    assert row.state == "bước 2"
    assert _state(client, iri, "bước 3", "2026-12-07T03:00:03Z").status_code == 204
    assert ActivityState.objects.get(pk=row.pk).state == "bước 3"


def test_a_first_state_delivered_late_does_not_win_over_a_later_one(client, learner):
    iri = "https://congdanhoctap.hcm.vn/hoat-dong/offline-2"
    _state(client, iri, "cũ", "2026-12-07T03:00:01Z")
    _state(client, iri, "mới", "2026-12-07T03:00:05Z")
    _state(client, iri, "giữa", "2026-12-07T03:00:03Z")
    assert ActivityState.objects.get(learner=learner, activity_iri=iri).state == "mới"


def test_a_state_from_a_clock_in_the_future_counts_as_now(client, learner):
    iri = "https://congdanhoctap.hcm.vn/hoat-dong/offline-3"
    _state(client, iri, "đồng hồ sai", "2099-01-01T00:00:00Z")
    _state(client, iri, "sau đó", None)  # no device time: now
    assert ActivityState.objects.get(learner=learner, activity_iri=iri).state == "sau đó"


def test_a_quiz_answered_offline_is_checked_on_arrival_and_stored_once(
    client, learner, quiz_course
):
    course, lesson, block_id = quiz_course
    submission = str(uuid.uuid4())
    form = {**RIGHT, "submission_id": submission, "answered_at": "2026-12-07T02:00:00+07:00"}
    url = f"{lesson.url}kiem-tra/{block_id}/"
    first = client.post(url, form, HTTP_ACCEPT="application/json")
    again = client.post(url, form, HTTP_ACCEPT="application/json")
    assert first.status_code == again.status_code == 200
    assert first.json()["passed"] is True and again.json() == first.json()
    stored = Statement.objects.get(statement_id=submission)
    assert stored.payload["timestamp"].startswith("2026-12-06T19:00:00")  # the device's time
    assert Attempt.objects.filter(learner=learner).count() == 1
    assert Enrolment.objects.get(learner=learner, course=course).completed_at is not None


def test_the_quiz_answer_key_is_not_in_the_lesson_page(client, learner, quiz_course):
    _course, lesson, _block_id = quiz_course
    html = client.get(lesson.url).content.decode()
    assert "is_correct" not in html and "Đúng vậy." not in html  # an option's feedback


def test_a_quiz_delivered_after_the_session_expired_asks_for_a_login(client, quiz_course):
    _course, lesson, block_id = quiz_course
    url = f"{lesson.url}kiem-tra/{block_id}/"
    response = client.post(url, RIGHT, HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert Statement.objects.count() == 0
