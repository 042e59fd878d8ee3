"""Yearly totals from a commune's spreadsheet: all or nothing, clear messages."""

from io import BytesIO

import pytest
from openpyxl import Workbook

from programme.imports import totals_import
from programme.models import DeclaredTotal, FigureSource
from programme.services import InvalidFigure

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_totals_for_commune_and_hamlet(cu_chi, cu_chi_hamlet, superuser):
    content = _xlsx([["Đơn vị", "Năm", "T1", "T2"], ["Củ Chi", 2026, 1200, 8000],
                     ["ấp bàu tre", 2026, 150, None]])  # fmt: skip
    result = totals_import(content=content, filename="tong-so.xlsx", commune=cu_chi,
                           units=[cu_chi, cu_chi_hamlet], by=superuser)  # fmt: skip
    assert result.errors == [] and result.written == 3
    assert DeclaredTotal.objects.get(unit=cu_chi_hamlet, target="t1").value == 150
    assert DeclaredTotal.objects.get(unit=cu_chi, target="t2").source == FigureSource.IMPORTED


def test_one_bad_row_writes_nothing(cu_chi, cu_chi_hamlet, superuser):
    content = "Đơn vị;Năm;T1\nCủ Chi;2026;1200\nẤp Không Có;2026;5\nCủ Chi;2026;-4\n".encode()
    result = totals_import(content=content, filename="a.csv", commune=cu_chi,
                           units=[cu_chi, cu_chi_hamlet], by=superuser)  # fmt: skip
    assert result.written == 0 and not DeclaredTotal.objects.exists()
    assert "Dòng 3: không tìm thấy đơn vị “Ấp Không Có”" in result.errors[0]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"Ho ten,So dien thoai\nA,1\n", "a.csv", "thiếu cột"),
        (b"not a zip", "a.xlsx", "Không đọc được tệp Excel"),
        (b"x", "a.xls", "Chỉ nhận tệp .xlsx hoặc .csv"),
    ],
)
def test_unreadable_files_are_refused_in_vietnamese(cu_chi, superuser, content, name, message):
    with pytest.raises(InvalidFigure, match=message):
        totals_import(content=content, filename=name, commune=cu_chi, units=[cu_chi],
                      by=superuser)  # fmt: skip
