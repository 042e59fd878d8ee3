"""Lesson completion: its own record and signal, through the real statement path."""

import pytest

from progress.models import LessonCompletion
from progress.signals import lesson_completed
from tests.courses.builders import course_build, quiz_block
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = {"q0": "0", "q1": "true", "q2": ["0", "1"]}
WRONG = {"q0": "1", "q1": "false", "q2": ["2"]}


def submit(client, lesson, block_id, answers):
    return client.post(f"{lesson.url}kiem-tra/{block_id}/", answers, HTTP_ACCEPT="application/json")


@pytest.fixture
def heard():
    calls = []

    def receiver(sender, learner, lesson_id, course, completion, **kwargs):
        calls.append((learner.pk, lesson_id, course.pk if course else None, completion.pk))

    lesson_completed.connect(receiver)
    yield calls
    lesson_completed.disconnect(receiver)


def test_a_lesson_completes_once_when_all_its_required_activities_are_passed(
    client, heard, django_capture_on_commit_callbacks
):
    first_quiz, second_quiz, optional = quiz_block(), quiz_block(), quiz_block(required=False)
    other = quiz_block()
    course, (lesson, next_lesson) = course_build(
        lessons=[[first_quiz, optional, second_quiz], [other]]
    )
    learner = UserFactory()
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, lesson, first_quiz["id"], RIGHT)
        submit(client, lesson, second_quiz["id"], WRONG)
    assert not LessonCompletion.objects.exists() and heard == []

    with django_capture_on_commit_callbacks(execute=True):
        submit(client, lesson, second_quiz["id"], RIGHT)
        submit(client, lesson, second_quiz["id"], RIGHT)  # passing again changes nothing
        submit(client, lesson, first_quiz["id"], WRONG)  # nor does a later failure
    completion = LessonCompletion.objects.get()
    assert (completion.learner_id, completion.lesson_id, completion.course_id) == (
        learner.pk, lesson.pk, course.pk,
    )  # fmt: skip
    assert heard == [(learner.pk, lesson.pk, course.pk, completion.pk)]
    assert not LessonCompletion.objects.filter(lesson_id=next_lesson.pk).exists()


def test_the_optional_activity_alone_completes_nothing(client, heard):
    optional = quiz_block(required=False)
    _course, (lesson,) = course_build(lessons=[[optional]])
    client.force_login(UserFactory())
    submit(client, lesson, optional["id"], RIGHT)
    assert not LessonCompletion.objects.exists() and heard == []


def test_the_result_remembers_whether_the_first_try_passed(client):
    failed_first, passed_first = quiz_block(), quiz_block()
    _course, (lesson,) = course_build(lessons=[[failed_first, passed_first]])
    learner = UserFactory()
    client.force_login(learner)
    submit(client, lesson, failed_first["id"], WRONG)
    submit(client, lesson, failed_first["id"], RIGHT)
    submit(client, lesson, passed_first["id"], RIGHT)
    submit(client, lesson, passed_first["id"], WRONG)
    from progress.models import ActivityResult

    results = {r.activity_iri.rsplit("/", 1)[1]: r for r in ActivityResult.objects.all()}
    assert results[failed_first["id"]].first_try_passed is False
    assert results[failed_first["id"]].passed is True
    assert results[passed_first["id"]].first_try_passed is True
