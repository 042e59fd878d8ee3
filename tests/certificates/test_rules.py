"""The pass rule at its boundaries, on the rule itself and on stored applications."""

import pytest

from certificates.rules import rule_check, unit_is_remote
from certificates.services import application_scores_save, criteria_set_new_version
from people.models import OccupationGroup
from tests.factories import HamletFactory

pytestmark = pytest.mark.django_db


def scores_totalling(total: int, low: int | None = None) -> dict[int, int]:
    """Ten indicators adding up to ``total``, all at least 5 (or indicator 2 at ``low``)."""
    values = dict.fromkeys(range(1, 11), 0)
    fixed = {2: low} if low is not None else {}
    rest = total - sum(fixed.values())
    numbers = [n for n in values if n not in fixed]
    for index, number in enumerate(numbers):
        values[number] = rest // len(numbers) + (1 if index < rest % len(numbers) else 0)
    values.update(fixed)
    assert sum(values.values()) == total
    return values


def check(criteria_set, scores, remote=False):
    return rule_check(
        criteria_set=criteria_set,
        indicators=list(criteria_set.indicators.all()),
        scores=scores,
        remote=remote,
    )


def test_79_fails_and_80_passes(criteria):
    farmers = criteria["farmers"]
    below = check(farmers, scores_totalling(79))
    assert not below.passes and below.gap == 1
    assert below.unmet() == ["Tổng điểm 79/100, cần ít nhất 80 (còn thiếu 1)."]
    assert check(farmers, scores_totalling(80)).passes


def test_remote_threshold_69_fails_and_70_passes(criteria):
    farmers = criteria["farmers"]
    assert not check(farmers, scores_totalling(69), remote=True).passes
    assert check(farmers, scores_totalling(70), remote=True).passes
    assert not check(farmers, scores_totalling(70), remote=False).passes


def test_one_indicator_under_five_fails_whatever_the_total(criteria):
    farmers = criteria["farmers"]
    # 95 points with indicator 2 at 4 needs an indicator worth more than 10: a new version.
    bigger = criteria_set_new_version(criteria_set=farmers, by=None)
    first = bigger.indicators.get(number=1)
    first.max_points = 15
    first.save()
    scores = {1: 11, 2: 4, **dict.fromkeys(range(3, 11), 10)}
    result = check(bigger, scores)
    assert result.total == 95 and result.max_total == 105
    assert not result.passes
    assert result.below_min == (2,)
    assert result.unmet() == ["Chỉ số 2 dưới 5 điểm: mỗi chỉ số cần ít nhất 5 điểm."]


def test_missing_scores_are_named(criteria):
    result = check(criteria["farmers"], dict.fromkeys(range(1, 9), 10))
    assert result.missing == (9, 10) and not result.passes


def test_remote_flag_on_the_hamlet_an_ancestor_or_the_current_commune(
    cu_chi, cu_chi_hamlet, ap_trung, places
):
    assert not unit_is_remote(unit=cu_chi_hamlet)
    cu_chi_hamlet.is_remote = True
    cu_chi_hamlet.save()
    assert unit_is_remote(unit=cu_chi_hamlet)
    # Ấp Trung's old commune ended in 2025; it rolls up to today's xã Củ Chi.
    assert not unit_is_remote(unit=ap_trung)
    cu_chi.is_remote = True
    cu_chi.save()
    assert unit_is_remote(unit=ap_trung)
    other = HamletFactory(parent=places.new("Thái Mỹ"))
    places.city.is_remote = True
    places.city.save()
    assert unit_is_remote(unit=other)


def test_stored_application_uses_the_remote_threshold(
    make_application, cycle, cu_chi, cu_chi_hamlet
):
    cu_chi_hamlet.is_remote = True
    cu_chi_hamlet.save()
    application = make_application(cu_chi_hamlet, scores=scores_totalling(70))
    application.refresh_from_db()
    assert application.remote_area and application.meets_rule and application.final_total == 70
    application_scores_save(
        application=application, by=application.applicant, scores=scores_totalling(69)
    )
    application.refresh_from_db()
    assert not application.meets_rule

    ordinary = make_application(HamletFactory(parent=cu_chi), scores=scores_totalling(79))
    ordinary.refresh_from_db()
    assert not ordinary.remote_area and not ordinary.meets_rule
    assert OccupationGroup.objects.filter(code="farmers").exists()
