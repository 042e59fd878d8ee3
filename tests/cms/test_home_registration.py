"""The home page announces the registration dates of the cycle officers keep, never fixed months,
and the cached home page follows a change of those dates."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import Cycle

pytestmark = pytest.mark.django_db


def _windows(start, end) -> dict:
    later = end + timedelta(days=1)
    values = {"registration_start": start, "registration_end": end}
    for stage in ("branch_review", "commune_evaluation", "appraisal"):
        values[f"{stage}_start"], values[f"{stage}_end"] = later, later + timedelta(days=20)
    return values


@pytest.fixture
def city_cycle(cms_demo, places):
    today = timezone.localdate()
    return Cycle.objects.create(
        year=today.year,
        unit=places.city,
        **_windows(today - timedelta(days=3), today + timedelta(days=12)),
    )


def test_home_shows_the_open_cycles_dates(client, city_cycle):
    page = client.get("/").content.decode()
    assert f"{city_cycle.registration_end:%d/%m/%Y}" in page
    assert "đang nhận đăng ký" in page
    assert "tháng 8 và tháng 9" not in page


def test_a_changed_window_reaches_the_cached_home_page(client, city_cycle):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    city_cycle.registration_end += timedelta(days=10)
    city_cycle.save()
    page = client.get("/")
    assert page["X-Page-Cache"] == "miss"
    assert f"{city_cycle.registration_end:%d/%m/%Y}" in page.content.decode()


def test_without_a_cycle_the_home_page_says_dates_are_not_out_yet(client, cms_demo):
    Cycle.objects.all().delete()
    assert "chưa được công bố" in client.get("/").content.decode()


def test_a_signed_in_citizen_sees_their_communes_own_dates(client, city_cycle, cu_chi_hamlet):
    from tests.factories import ProfileFactory

    today = timezone.localdate()
    Cycle.objects.create(
        year=today.year,
        unit=cu_chi_hamlet.parent,
        **_windows(today - timedelta(days=1), today + timedelta(days=40)),
    )
    profile = ProfileFactory(home_unit=cu_chi_hamlet)
    client.force_login(profile.user)
    page = client.get("/").content.decode()
    assert f"{today + timedelta(days=40):%d/%m/%Y}" in page
