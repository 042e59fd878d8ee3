"""Scope and privacy of classes (issue 13, item 6): trainers see only their classes, where they
still teach; officers the classes of their units, hamlets and pre-2025 hamlets included; views
of members are logged; phones only for who manages the class."""

import pytest
from django.urls import reverse

from cohorts.models import Cohort
from cohorts.selectors import cohorts_visible_to
from people.models import AccessLog, Role
from tests.factories import HamletFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def classes(cohort, cu_chi, ap_trung, tan_an_hoi_hamlet):
    """The fixture's class (Ấp Bàu Tre), one for the whole commune, one in Ấp Trung (a hamlet
    of the old xã Tân Thông Hội, now in Củ Chi), one in another commune."""
    return {
        "hamlet": cohort,
        "commune": Cohort.objects.create(name="Lớp của xã", unit=cu_chi),
        "old_hamlet": Cohort.objects.create(name="Lớp Ấp Trung", unit=ap_trung),
        "elsewhere": Cohort.objects.create(name="Lớp Ấp Chợ", unit=tan_an_hoi_hamlet),
    }


def _names(user) -> set[str]:
    return set(cohorts_visible_to(user=user).values_list("name", flat=True))


def test_officers_see_the_classes_of_their_units_and_no_others(
    classes, cu_chi, cu_chi_hamlet, make_officer
):
    commune = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    assert _names(commune) == {"Lớp kỹ năng số Ấp Bàu Tre", "Lớp của xã", "Lớp Ấp Trung"}
    branch = make_officer(cu_chi_hamlet, role=Role.BRANCH_OFFICER)
    assert _names(branch) == {"Lớp kỹ năng số Ấp Bàu Tre"}
    other_hamlet = HamletFactory(parent=cu_chi, name="Ấp Khác")
    assert _names(make_officer(other_hamlet, role=Role.BRANCH_OFFICER)) == set()


def test_a_trainer_sees_only_the_classes_they_teach_and_only_while_they_teach_there(
    client, classes, trainer, tan_an_hoi
):
    classes["elsewhere"].trainers.add(trainer)  # listed on a class outside their area
    assert _names(trainer) == {"Lớp kỹ năng số Ấp Bàu Tre"}

    trainer.role_assignments.all().delete()  # moved to Tân An Hội
    from people.services import role_assign

    role_assign(user=trainer, role=Role.TRAINER, unit=tan_an_hoi, by=None)
    assert _names(trainer) == {"Lớp Ấp Chợ"}
    client.force_login(trainer)
    url = reverse("classes:detail", args=[classes["hamlet"].pk])
    assert client.get(url).status_code == 404
    assert not AccessLog.objects.filter(actor=trainer, action="view_cohort_members").exists()


def test_member_lists_are_logged_with_the_class_and_phones_go_to_who_manages_it(
    client, cohort, cu_chi_hamlet, make_officer, make_citizen, places
):
    learner = make_citizen(cohort.unit).user
    learner.phone = "+84912000077"
    learner.save()
    cohort.members.add(learner)
    url = reverse("classes:detail", args=[cohort.pk])

    branch = make_officer(cu_chi_hamlet, role=Role.BRANCH_OFFICER)  # manages the class
    client.force_login(branch)
    assert "0912 000 077" in client.get(url).content.decode()
    entry = AccessLog.objects.get(actor=branch, action="view_cohort_members")
    assert f"cohort={cohort.pk}" in entry.detail

    analyst = make_officer(places.city, role=Role.CITY_ANALYST)
    client.force_login(analyst)
    response = client.get(url)
    if response.status_code == 200:  # analysts may oversee; they never call learners
        assert "0912 000 077" not in response.content.decode()
    else:
        assert response.status_code in (403, 404)
