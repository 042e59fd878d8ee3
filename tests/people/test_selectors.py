"""people.selectors: old units roll up to 2025 communes; names match across spellings."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from people.models import UnitLevel, UnitSuccession
from people.selectors import (
    unit_commune,
    unit_commune_on,
    unit_find_by_name,
    unit_hamlet_choices,
    unit_list_current,
    unit_predecessor_ids,
    unit_successor_on,
    user_find_by_phone,
)
from tests.factories import CommuneFactory, HamletFactory, UserFactory

pytestmark = pytest.mark.django_db

BEFORE = date(2025, 6, 30)
AFTER = date(2025, 7, 1)


def test_old_thi_tran_cu_chi_rolls_up_to_tan_an_hoi_not_to_xa_cu_chi(places):
    """The new xã Tân An Hội reuses 27496, the old thị trấn Củ Chi's code."""
    old = places.old("27496")
    assert (old.kind, old.name, old.valid_to) == ("thị trấn", "Củ Chi", BEFORE)
    commune = unit_commune_on(unit=old, on=AFTER)
    assert commune == places.new("Tân An Hội")
    assert commune.code == old.code and commune.pk != old.pk
    assert commune != places.new("Củ Chi")
    # Today (after the reform) gives the same answer.
    assert unit_commune_on(unit=old) == places.new("Tân An Hội")


def test_hamlet_of_an_old_commune_rolls_up_to_its_new_commune(places, ap_trung, khu_pho_7):
    assert unit_commune(unit=ap_trung) == places.old("27556")
    assert unit_commune_on(unit=ap_trung) == places.new("Củ Chi")
    assert unit_commune_on(unit=khu_pho_7) == places.new("Tân An Hội")


def test_before_the_reform_the_old_commune_answers(places, ap_trung, khu_pho_7):
    assert unit_commune_on(unit=ap_trung, on=BEFORE) == places.old("27556")
    assert unit_commune_on(unit=khu_pho_7, on=date(2024, 1, 1)) == places.old("27496")
    assert unit_commune_on(unit=places.old("27496"), on=BEFORE) == places.old("27496")


@pytest.mark.parametrize(
    ("old_code", "new_name"),
    [
        ("27496", "Tân An Hội"),  # thị trấn Củ Chi
        ("27553", "Củ Chi"),  # Tân Phú Trung: the new xã Củ Chi reuses its code
        ("27556", "Củ Chi"),  # Tân Thông Hội
        ("27535", "Củ Chi"),  # Phước Vĩnh An
        ("27541", "Phú Hòa Đông"),  # Tân Thạnh Tây
        ("27517", "Phú Hòa Đông"),
        ("27544", "Bình Mỹ"),  # Hòa Phú; the new Bình Mỹ reuses its code
        ("27520", "Nhuận Đức"),
    ],
)
def test_every_old_unit_reaches_its_successor(places, old_code, new_name):
    assert unit_commune_on(unit=places.old(old_code), on=AFTER) == places.new(new_name)


def test_current_units_are_their_own_commune(places, cu_chi, cu_chi_hamlet):
    assert unit_successor_on(unit=cu_chi) == cu_chi
    assert unit_commune_on(unit=cu_chi_hamlet) == cu_chi
    assert unit_commune_on(unit=places.city) is None
    assert unit_commune_on(unit=places.district) is None


def test_succession_chains_are_followed_and_cycles_stop(places):
    """A later reform (invented here) moves xã Củ Chi on; a record from 2024 follows both steps."""
    cu_chi = places.new("Củ Chi")
    later = CommuneFactory(name="Củ Chi Mới", parent=places.city, valid_from=date(2030, 1, 1))
    cu_chi.valid_to = date(2029, 12, 31)
    cu_chi.save()
    UnitSuccession.objects.create(
        predecessor=cu_chi, successor=later, effective_date=date(2030, 1, 1)
    )
    old = places.old("27556")
    assert unit_successor_on(unit=old, on=date(2031, 1, 1)) == later
    assert unit_successor_on(unit=old, on=date(2026, 1, 1)) == cu_chi
    # Bad data: a cycle back to the old unit ends the walk instead of looping forever.
    UnitSuccession.objects.create(predecessor=later, successor=old, effective_date=date(2030, 1, 1))
    later.valid_to = date(2030, 6, 30)
    later.save()
    assert unit_successor_on(unit=old, on=date(2031, 1, 1)) in {old, cu_chi, later}
    assert unit_predecessor_ids(unit_ids=[cu_chi.pk]) >= {old.pk}


def test_predecessors_of_a_new_commune(places):
    cu_chi = places.new("Củ Chi")
    expected = {places.old(code).pk for code in ("27553", "27556", "27535")}
    assert unit_predecessor_ids(unit_ids=[cu_chi.pk]) == expected


def test_find_by_name_normalises_tone_placement(places):
    found = unit_find_by_name(name="Phú Hoà Đông", level=UnitLevel.COMMUNE)
    assert found == [places.new("Phú Hòa Đông")]
    assert unit_find_by_name(name="  phú  hòa đông ", level=UnitLevel.COMMUNE) == found
    # Before the reform the same name meant the old xã Phú Hòa Đông.
    assert unit_find_by_name(name="Phú Hoà Đông", level=UnitLevel.COMMUNE, on=BEFORE) == [
        places.old("27517")
    ]
    assert unit_find_by_name(name="Phú Hòa", level=UnitLevel.COMMUNE) == []


def test_list_current_follows_the_dates(places):
    today = {unit.pk for unit in unit_list_current(level=UnitLevel.COMMUNE)}
    before = {unit.pk for unit in unit_list_current(level=UnitLevel.COMMUNE, on=BEFORE)}
    assert today == {places.new(name).pk for name in ("Củ Chi", "Tân An Hội", "Thái Mỹ",
                     "An Nhơn Tây", "Nhuận Đức", "Phú Hòa Đông", "Bình Mỹ")}  # fmt: skip
    assert len(before) == 21 and not (today & before)


def test_hamlet_choices_hide_ended_hamlets(places, cu_chi, ap_trung):
    current = HamletFactory(parent=cu_chi, name="Ấp Còn")
    yesterday = timezone.localdate() - timedelta(days=1)
    ended = HamletFactory(parent=cu_chi, name="Ấp Đã Nhập", valid_to=yesterday)
    choices = set(unit_hamlet_choices())
    assert {current, ap_trung} <= choices
    assert ended not in choices


def test_user_find_by_phone_uses_the_stored_e164_form():
    user = UserFactory(phone="+84912345678")
    assert user_find_by_phone(phone="+84912345678") == user
    assert user_find_by_phone(phone="+84912345679") is None
