"""Yearly totals (denominators) from a commune's spreadsheet (.xlsx or .csv).

Columns, in any order, matched without accents or case: "Đơn vị" (a hamlet's or the commune's
name) or "Mã đơn vị", "Năm", and one or more of "T1", "T2", "T3" (the number of people the
target counts: association officers and members; adults in learning families, clans and
communities; officials and workers in learning units). All or nothing: any wrong row and no
figure is written; the officer gets the list of what to fix, line by line, in Vietnamese.
"""

import contextlib
import csv
import io
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from people.validators import name_normalise
from programme.models import FigureSource
from programme.services import InvalidFigure, declared_total_save

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
EXPECTED = "Đơn vị (hoặc Mã đơn vị), Năm, T1, T2, T3"
HEADERS = {"unit": {"donvi", "ten", "tendonvi", "ap", "xa"}, "code": {"madonvi", "ma"},
           "year": {"nam"}, "t1": {"t1"}, "t2": {"t2"}, "t3": {"t3"}}  # fmt: skip


def _key(text) -> str:
    text = unicodedata.normalize("NFD", str(text or "")).replace("đ", "d").replace("Đ", "d")
    return "".join(ch for ch in text.lower() if ch.isalnum() and not unicodedata.combining(ch))


@dataclass
class ImportResult:
    written: int = 0
    errors: list[str] = field(default_factory=list)


def _rows(content: bytes, filename: str) -> list[list]:
    name = filename.lower()
    if len(content) > MAX_BYTES:
        raise InvalidFigure(_("Tệp lớn quá 2 MB. Hãy chỉ để lại bảng tổng số."))
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
            rows = sheet.iter_rows(values_only=True)
            return [[c if c is not None else "" for c in row] for row in rows]
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise InvalidFigure(
                _("Không đọc được tệp Excel. Hãy mở bằng Excel và lưu lại dạng .xlsx.")
            ) from error
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1258", errors="replace")
        dialect = csv.excel
        with contextlib.suppress(csv.Error):
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        return list(csv.reader(io.StringIO(unicodedata.normalize("NFC", text)), dialect))
    raise InvalidFigure(
        _("Chỉ nhận tệp .xlsx hoặc .csv. Hãy lưu bảng tính lại một trong hai dạng đó.")
    )


def _columns(header) -> dict[str, int]:
    found = {}
    for index, text in enumerate(header):
        for column, names in HEADERS.items():
            if _key(text) in names and column not in found:
                found[column] = index
    missing = []
    if "unit" not in found and "code" not in found:
        missing.append(_("Đơn vị (hoặc Mã đơn vị)"))
    if "year" not in found:
        missing.append(_("Năm"))
    if not {"t1", "t2", "t3"} & set(found):
        missing.append(_("ít nhất một cột T1, T2 hoặc T3"))
    if missing:
        raise InvalidFigure(
            _("Bảng tính không đúng mẫu: thiếu cột %(missing)s. Dòng đầu tiên phải có các cột: "
              "%(expected)s. Hãy sửa dòng tiêu đề rồi tải lên lại.")
            % {"missing": ", ".join(missing), "expected": EXPECTED}
        )  # fmt: skip
    return found


def totals_import(*, content: bytes, filename: str, commune, units, by) -> ImportResult:
    """Read and write the totals for ``units`` (the commune and its hamlets), all or nothing.
    Raises InvalidFigure for a file that cannot be read at all (type, size, header)."""
    rows = [r for r in _rows(content, filename) if any(str(c).strip() for c in r)]
    if not rows:
        raise InvalidFigure(_("Tệp không có dòng nào."))
    if len(rows) > MAX_ROWS:
        raise InvalidFigure(_("Tệp có hơn %(n)s dòng.") % {"n": MAX_ROWS})
    columns = _columns(rows[0])
    by_name = {name_normalise(u.name): u for u in units}
    by_code = {u.code: u for u in units if u.code}
    result, planned = ImportResult(), []
    for line, row in enumerate(rows[1:], start=2):

        def cell(col, row=row):
            index = columns.get(col)
            return str(row[index]).strip() if index is not None and index < len(row) else ""

        unit = by_code.get(cell("code")) or by_name.get(name_normalise(cell("unit")))
        if unit is None:
            result.errors.append(
                _("Dòng %(line)s: không tìm thấy đơn vị “%(name)s” trong xã %(commune)s.")
                % {"line": line, "name": cell("unit") or cell("code"), "commune": commune.name}
            )
            continue
        try:
            year = int(float(cell("year")))
        except ValueError:
            result.errors.append(
                _("Dòng %(line)s: năm “%(v)s” không hợp lệ.") % {"line": line, "v": cell("year")}
            )
            continue
        for code in ("t1", "t2", "t3"):
            if cell(code) != "":
                planned.append((line, unit, year, code, cell(code)))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for line, unit, year, code, value in planned:
                try:
                    declared_total_save(
                        unit=unit, year=year, target=code, value=value, by=by,
                        source=FigureSource.IMPORTED, note=filename[:100],
                    )  # fmt: skip
                except InvalidFigure as error:
                    result.errors.append(_("Dòng %(line)s, cột %(col)s: %(error)s") % {
                        "line": line, "col": code.upper(), "error": error})  # fmt: skip
            if result.errors:
                raise InvalidFigure("rollback")
    except InvalidFigure:
        return result
    result.written = len(planned)
    return result
