"""Fixtures for the progress tests: the national framework and the demo's digital-skills
track."""

import pytest

from courses.demo import _digital_course
from courses.models import Competence, CompetenceFramework, CourseCompetence
from tests.courses.builders import course_build, quiz_block


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
