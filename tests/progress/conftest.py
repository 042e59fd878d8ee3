"""Fixtures for the progress tests: the national framework, the demo's digital-skills track, and
a learner with a logged-in browser (for /xapi/statements)."""

import pytest
from django.test import Client

from courses.demo import _digital_course
from courses.models import Competence, CompetenceFramework, CourseCompetence
from tests.courses.builders import course_build, quiz_block
from tests.factories import UserFactory


@pytest.fixture
def framework(db):
    return CompetenceFramework.objects.get(code="tt02-2025")


@pytest.fixture
def digital_track(db):
    """The demo's digital-skills course, as it declares its competences, with one quiz."""
    block = quiz_block()
    course, (lesson,) = course_build(lessons=[[block]], title="Kỹ năng số cơ bản", track="digital")
    for order, (code, level) in enumerate(_digital_course()["competences"]):
        CourseCompetence.objects.create(
            page=course, competence=Competence.objects.get(code=code), level=level,
            sort_order=order,
        )  # fmt: skip
    return course, lesson, block


@pytest.fixture
def learner():
    return UserFactory(full_name="Trần Thị Học")


@pytest.fixture
def browser(learner):
    client = Client()
    client.force_login(learner)
    return client
