"""Report figures from the counters: rates, targets, gaps, sources and flags."""

from decimal import Decimal

import pytest
from django.utils import timezone

from people.models import Role
from programme.models import ContextKind, Target
from programme.selectors import communes_visible, hamlets_of, report_city, report_rows
from programme.services import context_set, declared_total_save, person_refresh, target_save

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _members(hamlet, make_citizen, n, kind=ContextKind.ASSOCIATION_MEMBER):
    people = [make_citizen(hamlet).user for _ in range(n)]
    for person in people:
        context_set(person=person, kind=kind)
    person_refresh(person_ids=[p.pk for p in people])
    return people


def test_denominator_entered_by_the_commune_replaces_the_count_and_says_so(
    cu_chi, cu_chi_hamlet, make_citizen, superuser
):
    _members(cu_chi_hamlet, make_citizen, 3)
    target_save(unit=cu_chi, year=YEAR, values={"t1": 80, "t2": 30, "t3": 60, "t4": 50,
                                                "t4_proficient": 60}, by=superuser)  # fmt: skip
    declared_total_save(unit=cu_chi, year=YEAR, target="t1", value=10, by=superuser)
    total, hamlet_row = report_rows(units=[cu_chi_hamlet], year=YEAR, total_unit=cu_chi)[:2]
    figure = total.figures["t1"]
    assert (figure.numerator, figure.denominator, figure.counted_denominator) == (0, 10, 3)
    assert figure.source_label == "số liệu xã nhập"
    assert figure.rate == Decimal("0.0") and figure.gap == Decimal("80.0")
    assert figure.people_missing == 8
    assert hamlet_row.figures["t1"].denominator == 3
    assert hamlet_row.figures["t1"].source_label == "đếm trên hệ thống"
    assert hamlet_row.figures["t1"].target == Decimal("80")  # the commune's target applies


def test_denominator_below_numerator_is_flagged_not_computed(
    cycle, cu_chi, cu_chi_hamlet, make_application, recognise, superuser
):
    from certificates.models import Status

    applications = [make_application(cu_chi_hamlet, status=Status.APPRAISED) for _ in range(2)]
    recognise(cycle, cu_chi, applications)
    person_refresh(person_ids=[a.applicant_id for a in applications])
    declared_total_save(unit=cu_chi, year=cycle.year, target="t2", value=1, by=superuser)
    total = report_rows(units=[], year=cycle.year, total_unit=cu_chi)[0]
    figure = total.figures["t2"]
    assert figure.numerator == 2 and figure.denominator == 1
    assert figure.rate is None and figure.gap is None
    assert "nhỏ hơn tử số" in figure.flags[0]


def test_target_over_100_in_the_database_is_flagged_not_a_crash(cu_chi, places):
    Target.objects.create(unit=cu_chi, year=YEAR, t1=150, t2=30, t3=60, t4=50, t4_proficient=60)
    total = report_rows(units=[], year=YEAR, total_unit=cu_chi)[0]
    assert total.figures["t1"].gap is None
    assert any("0–100" in flag for flag in total.figures["t1"].flags)


def test_commune_formed_mid_year_is_explained(cu_chi, places):
    row = report_rows(units=[cu_chi], year=2025)[0]
    assert any("giữa năm" in flag and "01/07/2025" in flag for flag in row.flags)
    assert report_rows(units=[cu_chi], year=2026)[0].flags == []


def test_commune_hamlets_include_those_of_the_old_communes(cu_chi, ap_trung, khu_pho_7):
    hamlets = hamlets_of(commune=cu_chi)
    assert ap_trung in hamlets and khu_pho_7 not in hamlets


def test_city_total_sums_communes_and_commune_officers_see_their_own(
    places, cu_chi, tan_an_hoi, cu_chi_hamlet, tan_an_hoi_hamlet, make_citizen, make_officer
):
    _members(cu_chi_hamlet, make_citizen, 2)
    _members(tan_an_hoi_hamlet, make_citizen, 3)
    analyst = make_officer(places.city, role=Role.CITY_ANALYST)
    communes = communes_visible(user=analyst, city=places.city)
    assert {cu_chi, tan_an_hoi} <= set(communes)
    rows = report_city(city=places.city, communes=communes, year=YEAR)
    assert rows[0].figures["t1"].denominator == 5
    officer = make_officer(cu_chi)
    assert communes_visible(user=officer, city=places.city) == [cu_chi]


def test_city_last_year_rate_sums_the_communes_last_year_with_entered_totals(
    places, cu_chi, tan_an_hoi, superuser
):
    from programme.models import Counter

    last = YEAR - 1
    for unit, trained, members in ((cu_chi, 3, 10), (tan_an_hoi, 1, 5)):
        Counter.objects.create(unit=unit, year=last, metric="t1_num", value=trained)
        Counter.objects.create(unit=unit, year=last, metric="t1_den", value=members)
        Counter.objects.create(unit=unit, year=last, metric="t4_den", value=members)
        Counter.objects.create(unit=unit, year=last, metric="t4_num", value=trained)
    Counter.objects.create(unit=cu_chi, year=YEAR, metric="t1_den", value=99)  # not last year
    # Tân An Hội entered its association's real size for last year: 20, not the 5 counted.
    declared_total_save(unit=tan_an_hoi, year=last, target="t1", value=20, by=superuser)
    rows = report_city(city=places.city, communes=[cu_chi, tan_an_hoi], year=YEAR)
    total = rows[0].figures
    assert total["t1"].last_rate == Decimal("13.3")  # (3 + 1) / (10 + 20)
    assert total["t4"].last_rate == Decimal("26.7")  # (3 + 1) / (10 + 5): T4 is always counted
    assert rows[2].figures["t1"].last_rate == Decimal("5.0")  # Tân An Hội alone: 1 / 20
    # The same as reading last year's report and summing it.
    before = report_city(city=places.city, communes=[cu_chi, tan_an_hoi], year=last)[0].figures
    assert total["t1"].last_rate == before["t1"].rate
    assert total["t4"].last_rate == before["t4"].rate
