"""Targets with history and validation, declared totals, and the counters kept by refreshes."""

from decimal import Decimal

import pytest

from certificates.models import Status
from programme.models import ContextKind, DeclaredTotal, PersonFact, Target
from programme.recompute import counters_recompute
from programme.services import (
    InvalidFigure,
    context_set,
    declared_total_save,
    person_refresh,
    target_save,
)

pytestmark = pytest.mark.django_db

CU_CHI_2023 = {"t1": 80, "t2": 30, "t3": 60, "t4": 50, "t4_proficient": 60}


def test_target_saved_with_history_of_who_changed_what(cu_chi, superuser):
    target = target_save(unit=cu_chi, year=2025, values=CU_CHI_2023, by=superuser)
    target_save(unit=cu_chi, year=2025, values={"t2": "40"}, by=superuser, note="Theo QĐ mới")
    target.refresh_from_db()
    assert target.t2 == Decimal("40.00") and target.t1 == Decimal("80.00")
    latest, first = target.revisions.all()
    assert latest.before["t2"] == "30.00" and latest.after["t2"] == "40.00"
    assert latest.changed_by == superuser and latest.note == "Theo QĐ mới"
    assert first.before == {}
    # Saving the same figures again leaves no empty revision.
    target_save(unit=cu_chi, year=2025, values={"t2": "40"}, by=superuser)
    assert target.revisions.count() == 2


@pytest.mark.parametrize("bad", ["120", "-1", "tám mươi", ""])
def test_target_outside_0_100_refused_with_a_clear_message_and_nothing_written(
    cu_chi, superuser, bad
):
    with pytest.raises(InvalidFigure) as error:
        target_save(unit=cu_chi, year=2025, values={**CU_CHI_2023, "t3": bad}, by=superuser)
    assert "T3" in str(error.value)
    assert not Target.objects.exists()


def test_declared_total_replaces_and_refuses_bad_numbers(cu_chi, superuser):
    declared_total_save(unit=cu_chi, year=2025, target="t1", value="1.250", by=superuser)
    declared_total_save(unit=cu_chi, year=2025, target="t1", value=1300, by=superuser)
    assert DeclaredTotal.objects.get().value == 1300
    with pytest.raises(InvalidFigure, match="không phải số nguyên"):
        declared_total_save(unit=cu_chi, year=2025, target="t1", value="nhiều", by=superuser)
    with pytest.raises(InvalidFigure, match="không được âm"):
        declared_total_save(unit=cu_chi, year=2025, target="t2", value=-3, by=superuser)


def test_refresh_counts_context_and_recognition_in_hamlet_and_commune(
    cycle, cu_chi, cu_chi_hamlet, make_application, recognise, counters
):
    first = make_application(cu_chi_hamlet, status=Status.APPRAISED)
    second = make_application(cu_chi_hamlet, status=Status.SUBMITTED)
    context_set(person=first.applicant, kind=ContextKind.FAMILY)
    recognise(cycle, cu_chi, [first])
    person_refresh(person_ids=[first.applicant_id, second.applicant_id])
    year = cycle.year
    for unit in (cu_chi_hamlet, cu_chi):
        got = counters(unit, year)
        assert got["t2_num"] == 1 and got["t2_den"] == 2  # second: context derived (farmers)
        assert got["t4_den"] == 1 and "t4_num" not in got
        assert got["state_recognised"] == 1 and got["state_submitted"] == 1
    assert PersonFact.objects.get(person=second.applicant).derived_context
    assert counters_recompute() == []


def test_refresh_is_idempotent_and_moves_counters_on_change(
    cycle, cu_chi, cu_chi_hamlet, make_application, counters
):
    application = make_application(cu_chi_hamlet, status=Status.SUBMITTED)
    person_refresh(person_ids=[application.applicant_id])
    assert person_refresh(person_ids=[application.applicant_id]) == 0
    application.status = Status.BRANCH_REVIEWED
    application.save(update_fields=["status"])
    person_refresh(person_ids=[application.applicant_id])
    got = counters(cu_chi, cycle.year)
    assert got.get("state_submitted") is None and got["state_branch_reviewed"] == 1
