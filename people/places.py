"""Loading places: the seeded Củ Chi tree and spreadsheet imports of hamlets.

Both are idempotent (running them twice changes nothing) and all-or-nothing.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from people.models import AdministrativeUnit, UnitLevel, UnitSuccession
from people.selectors import unit_find_by_name, unit_list_current
from people.validators import name_normalise

SEED_FILE = Path(__file__).resolve().parent / "data" / "places_cu_chi.json"
MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _upsert(*, code: str, valid_from, **values) -> AdministrativeUnit:
    unit = AdministrativeUnit.objects.filter(code=code, valid_from=valid_from).first()
    if unit is None:
        unit = AdministrativeUnit(code=code, valid_from=valid_from)
    changed = unit.pk is None
    for name, value in values.items():
        if getattr(unit, name) != value:
            setattr(unit, name, value)
            changed = True
    if changed:
        unit.save()
    return unit


@transaction.atomic
def places_load_seed(path: Path = SEED_FILE) -> dict[str, int]:
    """Load the city, the former district, its 21 old units, the 7 new communes, the succession
    map and the two documented hamlets. Returns counts of units and successions."""
    data = json.loads(path.read_text(encoding="utf-8"))
    reform = _day(data["reform_date"])
    city = _upsert(
        code=data["city"]["code"], valid_from=None, name=data["city"]["name"],
        kind=data["city"]["kind"], level=UnitLevel.CITY, parent=None,
    )  # fmt: skip
    district = _upsert(
        code=data["district"]["code"], valid_from=None, name=data["district"]["name"],
        kind=data["district"]["kind"], level=UnitLevel.DISTRICT, parent=city,
        valid_to=_day(data["district"]["valid_to"]),
    )  # fmt: skip
    old_by_name = {}
    for row in data["old_units"]:
        unit = _upsert(
            code=row["code"], valid_from=None, name=row["name"], kind=row["kind"],
            level=UnitLevel.COMMUNE, parent=district, valid_to=_day(row["valid_to"]),
        )  # fmt: skip
        old_by_name[(row["kind"], row["name"])] = unit
    new_by_name = {}
    for row in data["new_communes"]:
        unit = _upsert(
            code=row["code"], valid_from=_day(row["valid_from"]), name=row["name"],
            kind=row["kind"], level=UnitLevel.COMMUNE, parent=city,
            notes=row.get("legal_basis", ""),
        )  # fmt: skip
        new_by_name[row["name"]] = (unit, row.get("legal_basis", ""))
    successions = 0
    for row in data["old_units"]:
        successor, basis = new_by_name[row["successor"]]
        UnitSuccession.objects.get_or_create(
            predecessor=old_by_name[(row["kind"], row["name"])],
            successor=successor,
            effective_date=reform,
            defaults={"legal_basis": basis},
        )
        successions += 1
    for row in data.get("hamlets", []):
        parent = AdministrativeUnit.objects.get(
            code=row["parent_code"], valid_to=_day(row["parent_valid_to"])
        )
        AdministrativeUnit.objects.get_or_create(
            parent=parent,
            name=row["name"],
            level=UnitLevel.HAMLET,
            defaults={"kind": row["kind"], "notes": row.get("note", "")},
        )
    return {
        "units": AdministrativeUnit.objects.filter(level__lte=UnitLevel.COMMUNE).count(),
        "successions": successions,
    }


# --- Spreadsheet import of hamlets -------------------------------------------------------------

HEADERS = {
    "commune_code": {"mã xã", "ma xa", "mã xã/phường", "commune code"},
    "commune_name": {"tên xã", "ten xa", "xã", "xã/phường", "commune"},
    "name": {"tên ấp/khu phố", "tên ấp", "tên", "ấp/khu phố", "hamlet", "name"},
    "kind": {"loại", "loai", "kind"},
    "valid_from": {"từ ngày", "tu ngay", "ngày bắt đầu", "valid from"},
    "code": {"mã", "ma", "mã ấp", "code"},
}


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class ImportRejected(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def _read_rows(*, content: bytes, filename: str) -> list[list[str]]:
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportRejected([_("Tệp quá lớn (tối đa 2 MB).")])
    if filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportRejected([_("Tệp CSV phải lưu với bảng mã UTF-8.")]) from error
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else "excel"
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportRejected(
                [_("Không đọc được tệp Excel. Hãy lưu lại dạng .xlsx.")]
            ) from error
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(["" if cell is None else cell for cell in row])
            if len(rows) > MAX_IMPORT_ROWS + 1:
                break
        return rows
    raise ImportRejected([_("Chỉ nhận tệp .xlsx hoặc .csv.")])


def _parse_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def hamlets_import(*, content: bytes, filename: str) -> ImportReport:
    """Create hamlets from a spreadsheet. Every row is checked first; if any row is wrong,
    nothing is written and ImportRejected lists the problems by row number."""
    rows = [
        row
        for row in _read_rows(content=content, filename=filename)
        if any(str(c).strip() for c in row)
    ]
    if not rows:
        raise ImportRejected([_("Tệp không có dữ liệu.")])
    if len(rows) - 1 > MAX_IMPORT_ROWS:
        raise ImportRejected([_("Tệp có quá %(n)s dòng.") % {"n": MAX_IMPORT_ROWS}])
    header = [name_normalise(str(cell)) for cell in rows[0]]
    columns = {}
    for key, names in HEADERS.items():
        for index, title in enumerate(header):
            if title in names:
                columns[key] = index
                break
    if "name" not in columns or not ({"commune_code", "commune_name"} & columns.keys()):
        raise ImportRejected(
            [_("Dòng tiêu đề phải có cột “Tên ấp/khu phố” và cột “Mã xã” hoặc “Tên xã”.")]
        )

    def cell(row, key):
        index = columns.get(key)
        return str(row[index]).strip() if index is not None and index < len(row) else ""

    report, plan = ImportReport(), []
    communes_today = unit_list_current(level=UnitLevel.COMMUNE)
    seen = set()
    for number, row in enumerate(rows[1:], start=2):
        name = cell(row, "name")
        if not name:
            report.errors.append(_("Dòng %(n)s: thiếu tên ấp, khu phố.") % {"n": number})
            continue
        try:
            index = columns.get("valid_from")
            valid_from = _parse_date(row[index] if index is not None and index < len(row) else "")
        except ValueError:
            report.errors.append(
                _("Dòng %(n)s: ngày “%(v)s” không đúng dạng ngày/tháng/năm.")
                % {"n": number, "v": cell(row, "valid_from")}
            )
            continue
        code, commune_name = cell(row, "commune_code"), cell(row, "commune_name")
        if code:
            matches = list(communes_today.filter(code=code))
        else:
            matches = unit_find_by_name(name=commune_name, level=UnitLevel.COMMUNE)
        if len(matches) != 1:
            label = code or commune_name
            message = (
                _("Dòng %(n)s: không tìm thấy xã “%(c)s” đang có hiệu lực.")
                if not matches
                else _("Dòng %(n)s: có nhiều xã tên “%(c)s”; hãy ghi mã xã.")
            )
            report.errors.append(message % {"n": number, "c": label})
            continue
        commune = matches[0]
        kind = name_normalise(cell(row, "kind")) or (
            "khu phố" if "khu phố" in name_normalise(name) else "ấp"
        )
        if kind not in {"ấp", "khu phố"}:
            report.errors.append(
                _("Dòng %(n)s: loại “%(k)s” phải là “ấp” hoặc “khu phố”.")
                % {"n": number, "k": kind}
            )
            continue
        key = (commune.pk, name_normalise(name))
        if key in seen:
            report.errors.append(_("Dòng %(n)s: trùng với một dòng phía trên.") % {"n": number})
            continue
        seen.add(key)
        plan.append((commune, name, kind, valid_from, cell(row, "code")))
    if report.errors:
        raise ImportRejected(report.errors)
    with transaction.atomic():
        for commune, name, kind, valid_from, code in plan:
            existing = [
                unit
                for unit in AdministrativeUnit.objects.filter(
                    parent=commune, level=UnitLevel.HAMLET
                )
                if name_normalise(unit.name) == name_normalise(name)
            ]
            label = f"{name} — {commune}"
            if existing:
                report.unchanged.append(label)
                continue
            AdministrativeUnit.objects.create(
                parent=commune, name=name, kind=kind, level=UnitLevel.HAMLET,
                valid_from=valid_from, code=code,
            )  # fmt: skip
            report.created.append(label)
    return report
