"""people.places: the seeded Củ Chi tree and the hamlet spreadsheet import."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from people.models import AdministrativeUnit, UnitLevel, UnitSuccession
from people.places import SEED_FILE, ImportRejected, hamlets_import, places_load_seed
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db

SEED = json.loads(SEED_FILE.read_text(encoding="utf-8"))


def _snapshot():
    return list(
        AdministrativeUnit.objects.order_by("pk").values_list(
            "code", "name", "kind", "level", "parent_id", "valid_from", "valid_to", "path"
        )
    )


def test_seed_loads_city_district_old_and_new_units():
    counts = places_load_seed()
    assert counts == {"units": 30, "successions": 21}
    by_level = {
        level: AdministrativeUnit.objects.filter(level=level).count()
        for level in (UnitLevel.CITY, UnitLevel.DISTRICT, UnitLevel.COMMUNE)
    }
    assert by_level == {UnitLevel.CITY: 1, UnitLevel.DISTRICT: 1, UnitLevel.COMMUNE: 28}
    assert AdministrativeUnit.objects.filter(
        level=UnitLevel.COMMUNE, valid_to=date(2025, 6, 30)
    ).count() == len(SEED["old_units"])
    assert AdministrativeUnit.objects.filter(
        level=UnitLevel.COMMUNE, valid_from=date(2025, 7, 1)
    ).count() == len(SEED["new_communes"])
    assert UnitSuccession.objects.count() == 21
    # The documented hamlets come along.
    assert AdministrativeUnit.objects.filter(level=UnitLevel.HAMLET).count() == len(SEED["hamlets"])


def test_seed_is_idempotent():
    first = places_load_seed()
    before = _snapshot()
    successions = sorted(
        UnitSuccession.objects.values_list("predecessor_id", "successor_id", "effective_date")
    )
    second = places_load_seed()
    assert second == first
    assert _snapshot() == before
    assert (
        sorted(
            UnitSuccession.objects.values_list("predecessor_id", "successor_id", "effective_date")
        )
        == successions
    )


def test_places_load_command_reports_counts():
    out = io.StringIO()
    call_command("places_load", stdout=out)
    call_command("places_load", stdout=out)
    assert out.getvalue().count("30 units") == 2
    assert AdministrativeUnit.objects.filter(level__lte=UnitLevel.COMMUNE).count() == 30


def test_new_communes_sit_under_the_city_and_old_units_under_the_district(places):
    for row in SEED["new_communes"]:
        unit = places.new(row["name"])
        assert unit.parent == places.city
        assert unit.path == f"{places.city.path}{unit.pk}/"
    for row in SEED["old_units"]:
        unit = places.old(row["code"])
        assert unit.parent == places.district
        assert unit.ancestor_ids == [places.city.pk, places.district.pk, unit.pk]


def test_reused_code_is_two_units_told_apart_by_period(places):
    """27496 was thị trấn Củ Chi until 2025-06-30 and is xã Tân An Hội from 2025-07-01."""
    units = AdministrativeUnit.objects.filter(code="27496")
    old, new = units.get(valid_from__isnull=True), units.get(valid_from__isnull=False)
    assert units.count() == 2
    assert (old.kind, old.name, new.kind, new.name) == ("thị trấn", "Củ Chi", "xã", "Tân An Hội")
    assert old.is_valid_on(date(2025, 6, 30)) and not old.is_valid_on(date(2025, 7, 1))
    assert new.is_valid_on(date(2025, 7, 1)) and not new.is_valid_on(date(2025, 6, 30))


def test_every_old_unit_succeeds_to_the_commune_the_resolution_names(places):
    for row in SEED["old_units"]:
        old = places.old(row["code"])
        successions = list(UnitSuccession.objects.filter(predecessor=old))
        assert len(successions) == 1, old
        assert successions[0].successor == places.new(row["successor"])
        assert successions[0].effective_date == date(2025, 7, 1)


# --- Hamlet spreadsheet import -----------------------------------------------------------------


def _csv(*rows: str) -> bytes:
    return ("\n".join(rows) + "\n").encode("utf-8")


def _hamlets():
    return list(
        AdministrativeUnit.objects.filter(level=UnitLevel.HAMLET)
        .order_by("pk")
        .values_list("parent_id", "name", "kind", "valid_from", "code", "path")
    )


def test_csv_import_creates_hamlets_and_is_idempotent(places):
    content = _csv(
        "Mã xã,Tên ấp/khu phố,Loại,Từ ngày,Mã",
        "27553,Ấp Bàu Tre,ấp,01/07/2025,A01",
        "27496,Khu phố Chợ,khu phố,2025-07-01,",
        "27541,Ấp Xóm Mới,,,",
    )
    report = hamlets_import(content=content, filename="ap.csv")
    assert len(report.created) == 3 and report.unchanged == [] and report.errors == []
    bau_tre = places.hamlet(places.new("Củ Chi"), "Ấp Bàu Tre")
    assert (bau_tre.kind, bau_tre.valid_from, bau_tre.code) == ("ấp", date(2025, 7, 1), "A01")
    # 27496 today is xã Tân An Hội, not the old thị trấn Củ Chi that carried the code before.
    cho = places.hamlet(places.new("Tân An Hội"), "Khu phố Chợ")
    assert cho.kind == "khu phố"
    assert cho.path.startswith(places.new("Tân An Hội").path)
    assert places.hamlet(places.new("Phú Hòa Đông"), "Ấp Xóm Mới").kind == "ấp"

    before = _hamlets()
    again = hamlets_import(content=content, filename="ap.csv")
    assert again.created == [] and len(again.unchanged) == 3
    assert _hamlets() == before


def test_csv_import_with_semicolons_and_commune_names(places):
    content = _csv(
        "Tên xã;Tên ấp",
        "Phú Hoà Đông;Ấp Bến Đò",  # old-style tone placement still finds xã Phú Hòa Đông
        "củ chi;Ấp Giữa",
    )
    report = hamlets_import(content=content, filename="AP.CSV")
    assert len(report.created) == 2
    assert places.hamlet(places.new("Phú Hòa Đông"), "Ấp Bến Đò")
    assert places.hamlet(places.new("Củ Chi"), "Ấp Giữa")


def test_xlsx_import_creates_hamlets_and_is_idempotent(places):
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã xã", "Tên ấp/khu phố", "Loại", "Ngày bắt đầu"])
    sheet.append([27553, "Ấp Láng Cát", "ấp", date(2025, 7, 1)])
    sheet.append(["27544", "Khu phố Bình Hòa", None, "15/08/2025"])
    buffer = io.BytesIO()
    book.save(buffer)

    report = hamlets_import(content=buffer.getvalue(), filename="danh-sach.xlsx")
    assert len(report.created) == 2
    lang_cat = places.hamlet(places.new("Củ Chi"), "Ấp Láng Cát")
    assert lang_cat.valid_from == date(2025, 7, 1)
    binh_hoa = places.hamlet(places.new("Bình Mỹ"), "Khu phố Bình Hòa")
    assert (binh_hoa.kind, binh_hoa.valid_from) == ("khu phố", date(2025, 8, 15))

    before = _hamlets()
    again = hamlets_import(content=buffer.getvalue(), filename="danh-sach.xlsx")
    assert again.created == [] and len(again.unchanged) == 2
    assert _hamlets() == before


def test_one_bad_row_rejects_the_whole_file(places):
    before = _hamlets()
    content = _csv(
        "Mã xã,Tên ấp/khu phố,Loại,Từ ngày",
        "27553,Ấp Một,ấp,01/07/2025",
        "99999,Ấp Hai,ấp,01/07/2025",  # no such commune today
        "27553,Ấp Ba,ấp,31/02/2025",  # no such day
        "27553,Ấp Bốn,thôn,",  # not a hamlet kind here
        "27553,,ấp,",  # no name
        "27553,Ấp một,ấp,",  # the same hamlet as row 2
    )
    with pytest.raises(ImportRejected) as caught:
        hamlets_import(content=content, filename="ap.csv")
    errors = caught.value.errors
    assert [error.split(":")[0] for error in errors] == [
        "Dòng 3",
        "Dòng 4",
        "Dòng 5",
        "Dòng 6",
        "Dòng 7",
    ]
    assert "99999" in errors[0]
    assert _hamlets() == before


def test_old_commune_code_is_not_accepted_for_new_hamlets(places):
    """27556 (Tân Thông Hội) ended on 2025-06-30: a hamlet cannot be filed under it."""
    with pytest.raises(ImportRejected) as caught:
        hamlets_import(content=_csv("Mã xã,Tên ấp", "27556,Ấp Mới"), filename="ap.csv")
    assert "27556" in caught.value.errors[0]


def test_ambiguous_commune_name_asks_for_the_code(places):
    """Another xã Bình Mỹ exists elsewhere in the new city."""
    other = CommuneFactory(name="Bình Mỹ", parent=places.city, code="26000")
    before = _hamlets()
    with pytest.raises(ImportRejected) as caught:
        hamlets_import(content=_csv("Tên xã,Tên ấp", "Bình Mỹ,Ấp Mới"), filename="ap.csv")
    assert "mã xã" in caught.value.errors[0]
    assert _hamlets() == before

    report = hamlets_import(content=_csv("Mã xã,Tên ấp", "26000,Ấp Mới"), filename="ap.csv")
    assert len(report.created) == 1
    assert places.hamlet(other, "Ấp Mới")
    ours = AdministrativeUnit.objects.get(code="27544", valid_from=date(2025, 7, 1))
    assert ours.name == "Bình Mỹ"
    assert not AdministrativeUnit.objects.filter(parent=ours, name="Ấp Mới").exists()


@pytest.mark.parametrize(
    ("content", "filename", "words"),
    [
        (b"", "ap.csv", "không có dữ liệu"),
        (_csv("Tên ấp,Loại", "Ấp Một,ấp"), "ap.csv", "Tiêu đề"),
        ("Mã xã,Tên ấp\n27553,Ấp Một\n".encode("utf-16"), "ap.csv", "UTF-8"),
        (b"not a workbook", "ap.xlsx", "Excel"),
        (b"x", "ap.pdf", ".xlsx"),
    ],
)
def test_unreadable_files_are_rejected_with_a_reason(places, content, filename, words):
    before = _hamlets()
    with pytest.raises(ImportRejected) as caught:
        hamlets_import(content=content, filename=filename)
    assert words.lower() in " ".join(caught.value.errors).lower()
    assert _hamlets() == before
