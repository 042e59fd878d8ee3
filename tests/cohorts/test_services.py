import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cohorts.models import CohortEnrolment
from cohorts.services import cohort_members_add, cohort_trainers_check
from people.models import Role
from progress.completion import enrolment_create
from progress.models import Enrolment

pytestmark = pytest.mark.django_db


def test_only_trainers_of_the_unit_may_teach_a_class(
    cu_chi_hamlet, trainer, officer, tan_an_hoi, make_officer
):
    cohort_trainers_check(unit=cu_chi_hamlet, trainers=[trainer])
    elsewhere = make_officer(tan_an_hoi, role=Role.TRAINER)
    for wrong in (officer, elsewhere):
        with pytest.raises(ValidationError) as error:
            cohort_trainers_check(unit=cu_chi_hamlet, trainers=[trainer, wrong])
        assert wrong.get_full_name() in str(error.value)


def test_members_are_enrolled_once_with_the_class_as_source(
    cohort, course, trainer, make_citizen, tan_an_hoi, make_officer
):
    first, second = make_citizen(cohort.unit).user, make_citizen(cohort.unit).user
    enrolment_create(learner=second, course=course)  # enrolled on their own before
    assert cohort_members_add(cohort=cohort, learners=[first, second], by=trainer) == [
        first,
        second,
    ]
    assert cohort_members_add(cohort=cohort, learners=[first, second], by=trainer) == []
    assert Enrolment.objects.get(learner=first).source == Enrolment.Source.COHORT
    assert Enrolment.objects.get(learner=second).source == Enrolment.Source.SELF
    assert CohortEnrolment.objects.filter(cohort=cohort).count() == 2
    with pytest.raises(PermissionDenied):
        cohort_members_add(cohort=cohort, learners=[first], by=make_officer(tan_an_hoi))
