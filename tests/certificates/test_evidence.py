"""Evidence services: a course completed on the platform is attached with its local date."""

from datetime import UTC, datetime

import pytest

from certificates.services import application_register
from certificates.services.evidence import evidence_add_course
from progress.models import Enrolment
from tests.courses.builders import course_build

pytestmark = pytest.mark.django_db


def test_an_evening_completion_carries_the_local_date(make_citizen, cu_chi_hamlet, farmers, cycle):
    citizen = make_citizen(cu_chi_hamlet, occupation_group=farmers)
    application = application_register(applicant=citizen.user, by=citizen.user)
    course, _lessons = course_build(lessons=[[]], title="Kỹ năng số cơ bản")
    enrolment = Enrolment.objects.create(
        learner=citizen.user,
        course=course,
        completed_at=datetime(2025, 8, 31, 23, 30, tzinfo=UTC),  # 06:30 on 1 September, local
    )
    indicator = application.criteria_set.indicators.get(number=5)
    evidence = evidence_add_course(
        application=application, indicator_id=indicator.pk, enrolment_id=enrolment.pk,
        by=citizen.user,
    )  # fmt: skip
    assert evidence.title == "Hoàn thành khóa học “Kỹ năng số cơ bản” ngày 01/09/2025"
