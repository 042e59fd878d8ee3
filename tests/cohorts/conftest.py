"""Fixtures for the class tests: a course, a hamlet class of xã Củ Chi, its trainer and an
officer of the commune."""

import pytest

from cohorts.models import Cohort
from people.models import Role
from tests.courses.builders import course_build, quiz_block


@pytest.fixture
def course(db):
    course, _lessons = course_build(lessons=[[quiz_block()]], title="Kỹ năng số cơ bản")
    return course


@pytest.fixture
def trainer(cu_chi, make_officer):
    return make_officer(cu_chi, role=Role.TRAINER)


@pytest.fixture
def officer(cu_chi, make_officer):
    return make_officer(cu_chi, role=Role.COMMUNE_OFFICER)


@pytest.fixture
def cohort(cu_chi_hamlet, course, trainer):
    cohort = Cohort.objects.create(name="Lớp kỹ năng số Ấp Bàu Tre", unit=cu_chi_hamlet)
    cohort.courses.add(course)
    cohort.trainers.add(trainer)
    return cohort
