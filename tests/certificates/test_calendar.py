"""The registration window announced to people comes from the cycles officers keep."""

from datetime import date, timedelta

import pytest

from certificates.calendar import CLOSED, OPEN, UPCOMING, registration_window
from certificates.models import Cycle, CycleWindowExtension, Stage

pytestmark = pytest.mark.django_db
YEAR = 2026


def _windows(reg_start: date, reg_end: date) -> dict:
    later = reg_end + timedelta(days=1)
    values = {"registration_start": reg_start, "registration_end": reg_end}
    for stage in ("branch_review", "commune_evaluation", "appraisal"):
        values[f"{stage}_start"], values[f"{stage}_end"] = later, later + timedelta(days=20)
    return values


@pytest.fixture
def city(places):
    return places.city


@pytest.fixture
def city_cycle(city, criteria):
    return Cycle.objects.create(
        year=YEAR, unit=city, **_windows(date(YEAR, 8, 1), date(YEAR, 9, 30))
    )


def test_before_the_window_it_is_announced_with_its_dates(city_cycle):
    window = registration_window(on=date(YEAR, 7, 15))
    assert (window.status, window.start, window.end) == (
        UPCOMING,
        date(YEAR, 8, 1),
        date(YEAR, 9, 30),
    )
    assert window.cycle == city_cycle


def test_inside_the_window_it_is_open(city_cycle):
    assert registration_window(on=date(YEAR, 9, 30)).status == OPEN


def test_after_the_window_it_is_closed_until_next_year_is_set_up(city_cycle, city):
    window = registration_window(on=date(YEAR, 12, 7))
    assert (window.status, window.year) == (CLOSED, YEAR)
    Cycle.objects.create(
        year=YEAR + 1, unit=city, **_windows(date(YEAR + 1, 7, 1), date(YEAR + 1, 8, 31))
    )
    window = registration_window(on=date(YEAR, 12, 7))
    assert (window.status, window.year, window.start) == (UPCOMING, YEAR + 1, date(YEAR + 1, 7, 1))


def test_a_reopened_registration_counts(city_cycle):
    CycleWindowExtension.objects.create(
        cycle=city_cycle,
        stage=Stage.REGISTRATION,
        opens_on=date(YEAR, 10, 5),
        until=date(YEAR, 10, 20),
        reason="Bổ sung cho người đi làm xa",
    )
    window = registration_window(on=date(YEAR, 10, 10))
    assert (window.status, window.end) == (OPEN, date(YEAR, 10, 20))
    assert registration_window(on=date(YEAR, 10, 21)).status == CLOSED


def test_a_commune_with_its_own_cycle_sees_its_own_dates(city_cycle, cu_chi):
    Cycle.objects.create(year=YEAR, unit=cu_chi, **_windows(date(YEAR, 8, 15), date(YEAR, 10, 15)))
    own = registration_window(commune=cu_chi, on=date(YEAR, 10, 1))
    assert (own.status, own.end) == (OPEN, date(YEAR, 10, 15))
    citywide = registration_window(on=date(YEAR, 10, 1))
    assert (citywide.status, citywide.communes_with_own_dates) == (CLOSED, 1)


def test_no_cycle_means_nothing_to_announce(criteria):
    assert registration_window(on=date(YEAR, 8, 10)) is None
