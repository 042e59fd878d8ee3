import pytest

from cohorts.models import Cohort
from cohorts.selectors import cohort_can_manage, cohort_list_with_counts, cohorts_visible_to
from people.models import Role

pytestmark = pytest.mark.django_db


def test_trainers_see_their_classes_and_officers_those_of_their_units(
    cohort, trainer, officer, cu_chi, tan_an_hoi_hamlet, make_officer, make_citizen
):
    colleague = make_officer(cu_chi, role=Role.TRAINER)
    other = Cohort.objects.create(name="Lớp Ấp Chợ", unit=tan_an_hoi_hamlet)
    assert list(cohorts_visible_to(user=trainer)) == [cohort]
    assert list(cohorts_visible_to(user=colleague)) == []  # another trainer's class
    assert list(cohorts_visible_to(user=officer)) == [cohort]
    assert other not in cohorts_visible_to(user=make_officer(cu_chi, role=Role.COMMUNE_OFFICER))
    learner = make_citizen(cohort.unit).user
    assert list(cohorts_visible_to(user=learner)) == []
    cohort.members.add(learner)
    assert cohort_list_with_counts(user=officer).get().member_count == 1


def test_who_may_manage_a_class(cohort, trainer, officer, cu_chi, make_officer, tan_an_hoi):
    assert cohort_can_manage(user=trainer, cohort=cohort)
    assert cohort_can_manage(user=officer, cohort=cohort)
    assert not cohort_can_manage(user=make_officer(cu_chi, role=Role.TRAINER), cohort=cohort)
    assert not cohort_can_manage(user=make_officer(tan_an_hoi), cohort=cohort)
    trainer.role_assignments.all().delete()  # no longer a trainer there
    assert not cohort_can_manage(user=trainer, cohort=cohort)
