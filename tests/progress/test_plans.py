"""Lesson plans (progress.plans) stay warm: only a change to a course's content rebuilds them,
and only that course's. A rebuild shows as database queries; a kept plan costs none."""

import pytest
from django.contrib.auth.signals import user_logged_in
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from progress.plans import lesson_plan
from progress.resume import activity_state_save
from tests.courses.builders import course_build, quiz_block
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def queries_for_plan(lesson) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert lesson_plan(lesson.pk) is not None
    return len(queries)


@pytest.fixture
def two_courses():
    course_a, (lesson_a,) = course_build(lessons=[[quiz_block()]], title="Khóa A")
    course_b, (lesson_b,) = course_build(lessons=[[quiz_block()]], title="Khóa B")
    for lesson in (lesson_a, lesson_b):
        lesson_plan(lesson.pk)  # built once
        assert queries_for_plan(lesson) == 0  # then kept
    return (course_a, lesson_a), (course_b, lesson_b)


def test_a_resume_state_save_keeps_the_plans(two_courses):
    (_course, lesson), _other = two_courses
    learner = UserFactory()
    for n in range(3):
        activity_state_save(learner=learner, activity_iri=f"iri-{n}", state='{"answers": []}')
    assert queries_for_plan(lesson) == 0


def test_a_login_keeps_the_plans(two_courses):
    (_course, lesson), _other = two_courses
    learner = UserFactory()
    request = RequestFactory().get("/")
    user_logged_in.send(sender=type(learner), request=request, user=learner)  # saves last_login
    learner.refresh_from_db()
    assert learner.last_login is not None
    assert queries_for_plan(lesson) == 0


def test_publishing_a_lesson_rebuilds_its_course_plans_only(two_courses):
    (_course_a, lesson_a), (_course_b, lesson_b) = two_courses
    lesson_a.title = "Bài 1 (sửa)"
    lesson_a.save_revision().publish()
    assert queries_for_plan(lesson_b) == 0
    assert queries_for_plan(lesson_a) > 0
    assert lesson_plan(lesson_a.pk).lesson.title == "Bài 1 (sửa)"


def test_moving_a_lesson_to_another_course_rebuilds_both(two_courses):
    (_course_a, lesson_a), (course_b, lesson_b) = two_courses
    lesson_a.slug = "bai-chuyen-sang"
    lesson_a.save_revision().publish()
    lesson_plan(lesson_a.pk)
    assert len(lesson_plan(lesson_b.pk).required_iris) == 1
    lesson_a.move(lesson_b.get_parent(), pos="last-child")
    assert lesson_plan(lesson_a.pk).course.pk == course_b.pk
    assert len(lesson_plan(lesson_b.pk).required_iris) == 2
