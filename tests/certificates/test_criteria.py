"""Criteria sets as versioned data: seeded variants, frozen once used, new versions copy."""

from datetime import date

import pytest
from django.db.models import ProtectedError

from certificates.models import CriteriaSet, CriteriaSetLocked, Indicator, Status
from certificates.selectors import criteria_set_current
from certificates.services import (
    Refused,
    application_register,
    application_transition,
    criteria_set_new_version,
)
from people.models import Role

pytestmark = pytest.mark.django_db


def test_four_variants_are_seeded_with_the_domain_structure(criteria):
    assert set(criteria) == {"farmers", "workers", "officials", "other"}
    assert criteria["other"].name.endswith("— Khác")
    for criteria_set in criteria.values():
        assert criteria_set.decision_reference == "324/QĐ-KHVN"
        assert (
            criteria_set.pass_total,
            criteria_set.pass_min_indicator,
            criteria_set.remote_pass_total,
        ) == (80, 5, 70)
        assert [c.number for c in criteria_set.criteria.all()] == [1, 2, 3]
        indicators = list(criteria_set.indicators.all())
        assert [i.number for i in indicators] == list(range(1, 11))
        assert [i.criterion_number for i in indicators] == [1, 1, 1, 1, 2, 2, 2, 2, 3, 3]
        assert [i.number for i in indicators if i.is_digital_skills] == [5]
        assert criteria_set.max_total == 100
    texts = {s.indicators.get(number=5).text for s in criteria.values()}
    assert len(texts) == 4  # each group has its own wording


def test_a_set_used_by_a_submitted_application_is_frozen(
    make_application, cycle, cu_chi_hamlet, criteria
):
    farmers = criteria["farmers"]
    draft = make_application(cu_chi_hamlet)
    farmers.pass_total = 81  # drafts only: still editable
    farmers.save()
    indicator = farmers.indicators.get(number=1)
    indicator.text += " (sửa)"
    indicator.save()
    application_transition(application=draft, action="submit", by=draft.applicant)
    farmers.refresh_from_db()
    farmers.pass_total = 75
    with pytest.raises(CriteriaSetLocked):
        farmers.save()
    indicator.refresh_from_db()
    indicator.max_points = 20
    with pytest.raises(CriteriaSetLocked):
        indicator.save()
    with pytest.raises(CriteriaSetLocked):
        indicator.delete()
    with pytest.raises((CriteriaSetLocked, ProtectedError)):  # scores hold it too
        Indicator.objects.filter(pk=indicator.pk).delete()
    with pytest.raises(CriteriaSetLocked):
        Indicator.objects.create(criteria_set=farmers, number=11, criterion_number=3, text="Mới")
    with pytest.raises(CriteriaSetLocked):
        farmers.delete()
    farmers.refresh_from_db()
    farmers.is_active = False  # retiring a set is allowed
    farmers.save()


def test_new_version_copies_and_takes_over_when_switched_on(
    make_application, make_officer, cycle, cu_chi_hamlet, criteria, farmers, places, make_citizen
):
    old = criteria["farmers"]
    used = make_application(cu_chi_hamlet, status=Status.SUBMITTED)
    with pytest.raises(Refused):
        criteria_set_new_version(
            criteria_set=old, by=make_officer(cu_chi_hamlet, role=Role.BRANCH_OFFICER)
        )
    admin = make_officer(places.city, role=Role.ADMINISTRATOR)
    new = criteria_set_new_version(criteria_set=old, by=admin)
    assert (new.family, new.version, new.previous, new.is_active) == (old.family, 2, old, False)
    assert [i.text for i in new.indicators.all()] == [i.text for i in old.indicators.all()]
    assert new.criteria.count() == 3
    new.pass_total = 85
    new.save()
    assert criteria_set_current(occupation_group=farmers, on=date.today()) == old
    new.is_active = True
    new.save()
    old.is_active = False
    old.save()
    assert criteria_set_current(occupation_group=farmers, on=date.today()) == new
    citizen = make_citizen(cu_chi_hamlet, occupation_group=farmers)
    fresh = application_register(applicant=citizen.user, by=citizen.user)
    assert fresh.criteria_set == new
    used.refresh_from_db()
    assert used.criteria_set == old
    assert CriteriaSet.objects.filter(family=old.family).count() == 2
