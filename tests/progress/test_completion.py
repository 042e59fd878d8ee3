"""Attempts, activity results, course completion, competence evidence — through the real
statement path (quiz submissions and xAPI statements)."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Competence, H5PPackage
from courses.selectors import activity_iri, lesson_activities
from progress.models import ActivityResult, Attempt, CompetenceEvidence, Enrolment, Statement
from progress.selectors import competence_profile
from progress.services import statement_record
from progress.signals import competence_changed, course_completed
from tests.courses.builders import course_build, quiz_block
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = {"q0": "0", "q1": "true", "q2": ["0", "1"]}
WRONG = {"q0": "1", "q1": "false", "q2": ["2"]}


def submit(client, lesson, block_id, answers):
    url = f"{lesson.url}kiem-tra/{block_id}/"
    return client.post(url, answers, HTTP_ACCEPT="application/json")


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def two_quiz_course(db):
    course, (first, second) = course_build(lessons=[[quiz_block()], [quiz_block()]])
    return course, first, second


def block_id_of(lesson):
    return next(block.id for block in lesson.body if block.block_type == "quiz")


def test_a_passed_quiz_records_attempt_result_and_progress(client, learner, two_quiz_course):
    course, first, _second = two_quiz_course
    response = submit(client, first, block_id_of(first), RIGHT)
    assert response.status_code == 200 and response.json()["passed"] is True
    attempt = Attempt.objects.get(learner=learner)
    assert attempt.passed and attempt.verified and attempt.scaled == 1.0
    result = ActivityResult.objects.get(learner=learner)
    assert result.passed and result.attempts == 1 and result.course_id == course.pk
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    assert enrolment.started_at is not None and enrolment.completed_at is None
    assert (enrolment.passed_count, enrolment.required_count, enrolment.percent) == (1, 2, 50)


def test_course_completes_once_when_every_required_activity_is_passed(
    client, learner, two_quiz_course, django_capture_on_commit_callbacks
):
    course, first, second = two_quiz_course
    completed = []

    def on_completed(sender, learner, course, enrolment, **kwargs):
        completed.append((learner.pk, course.pk))

    course_completed.connect(on_completed)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            submit(client, first, block_id_of(first), RIGHT)
            submit(client, second, block_id_of(second), WRONG)
        assert Enrolment.objects.get(learner=learner).completed_at is None
        with django_capture_on_commit_callbacks(execute=True):
            submit(client, second, block_id_of(second), RIGHT)
            submit(client, second, block_id_of(second), RIGHT)  # passing again changes nothing
            submit(client, first, block_id_of(first), RIGHT)
    finally:
        course_completed.disconnect(on_completed)
    assert completed == [(learner.pk, course.pk)]
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.completed_at is not None and enrolment.percent == 100
    assert Attempt.objects.filter(learner=learner).count() == 5


@pytest.mark.parametrize(
    ("grading", "sequence", "expected"),
    [
        ("best", [RIGHT, WRONG], 1.0),
        ("last", [RIGHT, WRONG], 0.0),
        ("first", [WRONG, RIGHT], 0.0),
        ("best", [WRONG, RIGHT, WRONG], 1.0),
    ],
)
def test_grading_method_decides_the_activity_result(client, learner, grading, sequence, expected):
    block = quiz_block()
    block["value"]["grading"] = grading
    _course, (lesson,) = course_build(lessons=[[block]])
    for answers in sequence:
        submit(client, lesson, block["id"], answers)
    result = ActivityResult.objects.get(learner=learner)
    assert result.scaled == expected
    assert result.attempts == len(sequence)
    assert Attempt.objects.filter(learner=learner).count() == len(sequence)


def test_a_forged_quiz_statement_is_scored_by_the_key_not_by_its_claims(learner, two_quiz_course):
    _course, first, _second = two_quiz_course
    iri = activity_iri(lesson_id=first.pk, block_id=block_id_of(first))
    statement = {
        "id": str(uuid.uuid4()),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": iri},
        "result": {
            "response": '{"0":["1"],"1":["false"],"2":["2"]}',
            "score": {"scaled": 1.0, "raw": 3, "max": 3},
            "success": True,
            "completion": True,
        },
    }
    stored, created = statement_record(learner=learner, statement=statement)
    assert created and stored.checked_scaled == 0.0 and stored.success is False
    assert not ActivityResult.objects.get(learner=learner).passed


def test_statements_without_a_gradable_answer_complete_nothing(learner, two_quiz_course):
    _course, first, _second = two_quiz_course
    iri = activity_iri(lesson_id=first.pk, block_id=block_id_of(first))
    for verb in ("completed", "passed"):
        statement_record(
            learner=learner,
            statement={
                "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
                "object": {"id": iri},
                "result": {"success": True, "completion": True, "score": {"scaled": 1}},
            },
        )
    assert not ActivityResult.objects.filter(learner=learner, passed=True).exists()
    assert Enrolment.objects.filter(learner=learner, completed_at__isnull=False).count() == 0


def test_passing_records_competence_evidence_and_moves_the_profile(
    client, learner, django_capture_on_commit_callbacks
):
    competence = Competence.objects.get(code="4.2")
    block = quiz_block()
    block["value"]["competences"] = [{"competence": competence.pk, "level": 2}]
    _course, (lesson,) = course_build(lessons=[[block]], track="digital")
    before = competence_profile(learner=learner)
    assert all(d.level == 0 for d in before.domains)
    changed = []
    competence_changed.connect(
        lambda sender, learner, competence_ids, **kw: changed.append(competence_ids),
        weak=False,
        dispatch_uid="t",
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            submit(client, lesson, block["id"], RIGHT)
    finally:
        competence_changed.disconnect(dispatch_uid="t")
    assert changed == [[competence.pk]]
    evidence = CompetenceEvidence.objects.get(learner=learner)
    assert (evidence.competence, evidence.level, evidence.source) == (competence, 2, "activity")
    after = competence_profile(learner=learner)
    safety = next(d for d in after.domains if d.code == "4")
    assert safety.level == 2 and after.indicator5_score > before.indicator5_score


def test_recording_costs_the_same_queries_whatever_the_history(
    learner, two_quiz_course, monkeypatch
):
    # Process caches re-read the shared generation once a second; inserting the history can take
    # longer than that on PostgreSQL + Redis. Hold their clock still: this test counts the queries
    # a statement costs against its history, not cache refreshes (tests/people/test_caching.py).
    import time

    still = time.monotonic()
    monkeypatch.setattr("people.caching.time.monotonic", lambda: still)
    _course, first, _second = two_quiz_course
    activity = lesson_activities(lesson=first)[0]

    def record():
        statement = {
            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
            "object": {"id": activity.iri},
            "result": {"response": '{"0":["0"],"1":["true"],"2":["0","1"]}'},
        }
        with CaptureQueriesContext(connection) as queries:
            statement_record(learner=learner, statement=statement)
        return len(queries)

    record()  # warm up: creates the result and enrolment rows
    with_little_history = record()
    Statement.objects.bulk_create(
        Statement(
            learner=learner, verb="http://adlnet.gov/expapi/verbs/answered",
            activity_iri=activity.iri, payload={}, lesson_id=first.pk,
        )
        for _ in range(1000)
    )  # fmt: skip
    with_long_history = record()
    assert with_long_history == with_little_history


def test_recording_locks_in_one_query_and_saves_the_result_with_the_attempt(
    learner, two_quiz_course
):
    """PostgreSQL: the enrolment and activity result are locked by the query of the statement's
    INSERT (three statements), the attempt's INSERT carries the result's UPDATE; elsewhere one
    query each."""
    _course, first, _second = two_quiz_course
    activity = lesson_activities(lesson=first)[0]
    statement = {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": activity.iri},
        "result": {"response": '{"0":["0"],"1":["true"],"2":["0","1"]}'},
    }
    statement_record(learner=learner, statement=dict(statement))  # creates the locked rows
    with CaptureQueriesContext(connection) as queries:
        statement_record(learner=learner, statement=dict(statement))
    locks = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    saves = [q["sql"] for q in queries if 'progress_activityresult" SET' in q["sql"]]
    if connection.vendor == "postgresql":
        assert len(locks) == 1 and locks[0].count("FOR UPDATE") == 2
        assert locks[0].startswith('INSERT INTO "progress_statement"')
        assert len(saves) == 1 and saves[0].startswith('INSERT INTO "progress_attempt"')
    else:
        assert len(saves) == 1 and saves[0].startswith("UPDATE")
    result = ActivityResult.objects.get(learner=learner, activity_iri=activity.iri)
    assert result.attempts == 2 and result.passed
    assert Attempt.objects.filter(learner=learner, activity_iri=activity.iri).count() == 2


def _question_set_lesson():
    from tests.courses.builders import H5P_FIXTURES, h5p_activity_from_fixture, h5p_block

    if not H5P_FIXTURES.exists():
        pytest.skip("../shared/fixtures is not present (a user's own clone)")
    activity = h5p_activity_from_fixture("questionset.h5p", pass_mark=100)
    block = h5p_block(activity)
    _course, (lesson,) = course_build(lessons=[[block]])
    return lesson, block["id"], activity.package.content_json


def _child(iri, sub_id, library, response):
    return {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": f"{iri}?subContentId={sub_id}"},
        "context": {"contextActivities": {"parent": [{"id": iri}]}},
        "result": {"response": response, "score": {"scaled": 1}, "success": True},
    }


@pytest.mark.parametrize(
    ("blank", "verdict", "raw"), [("Norway", "checked", 5), ("Sweden", "rejected", 3)]
)
def test_question_set_answers_are_checked_and_the_set_is_graded_from_them(
    learner, settings, tmp_path, blank, verdict, raw
):
    settings.MEDIA_ROOT = str(tmp_path)
    lesson, block_id, content = _question_set_lesson()
    iri = activity_iri(lesson_id=lesson.pk, block_id=block_id)
    blanks = [q for q in content["questions"] if q["library"].startswith("H5P.Blanks")]
    assert blanks
    for question in blanks:
        stored, _ = statement_record(
            learner=learner, statement=_child(iri, question["subContentId"], "Blanks", blank)
        )
        assert stored.verification == verdict
        assert stored.checked_scaled == (1.0 if verdict == "checked" else 0.0)
    stored, _ = statement_record(learner=learner, statement=_question_set_completed(iri))
    # Every question of the fixture's set is graded (Drag and Drop and Mark the Words too), so
    # the set's own result is built from the answers: the questions left unanswered count as
    # left empty (its Drag and Drop, its MultiChoices whose right answer is "none" and a blank
    # Drag and Drop earn their point: 3 of 14, plus the two blanks when right), never the 4 of 4
    # the player claims.
    assert (stored.verification, stored.checked_raw, stored.checked_max) == ("rejected", raw, 14)
    result = ActivityResult.objects.get(learner=learner, activity_iri=iri)
    assert (result.scaled, result.passed) == (round(raw / 14, 4), False)


def _question_set_completed(iri):
    return {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": iri},
        "result": {"score": {"scaled": 1, "raw": 4, "max": 4}, "success": True, "completion": True},
    }


def test_a_question_set_drawing_a_random_pool_stays_unverified(learner, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    lesson, block_id, content = _question_set_lesson()
    package = H5PPackage.objects.get()
    package.content_json = {**content, "poolSize": 3}  # which 3 questions were shown is unknown
    package.save()
    iri = activity_iri(lesson_id=lesson.pk, block_id=block_id)
    stored, _ = statement_record(learner=learner, statement=_question_set_completed(iri))
    assert stored.verification == "unverified"
    assert not ActivityResult.objects.filter(learner=learner, activity_iri=iri).exists()
