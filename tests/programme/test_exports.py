"""The Excel summary (written in openpyxl's write-only mode) keeps the reporting layout."""

from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from programme.exports import summary_workbook
from programme.selectors import MEASURES, Figure, Row


def _row(name, n, d, **extra):
    figures = {code: Figure(code=code, numerator=n, denominator=d, **extra) for code in MEASURES}
    return Row(None, name, figures)


def test_summary_layout_merges_styles_and_notes():
    rows = [
        _row("Thành phố Hồ Chí Minh", 30, 40, target=Decimal("80"), last_rate=Decimal("12.5")),
        _row("@Phường Thử", 3, 4, target=Decimal("130")),
    ]
    rows[1].figures["t2"].source = "entered"
    rows[1].figures["t1"].flags.append("Chỉ tiêu 130% nằm ngoài khoảng 0–100%")
    sheet = load_workbook(BytesIO(summary_workbook(rows=rows, year=2025, scope_name="TP",
                                                   body="Hội Khuyến học"))).active  # fmt: skip
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A8:A9", "B8:G8", "H8:M8", "Z8:AE8"} <= merged
    assert sheet.freeze_panes == "B10"
    assert sheet["A1"].value == "HỘI KHUYẾN HỌC" and sheet["A1"].font.b
    assert sheet["A4"].font.sz == 14 and "NĂM 2025" in sheet["A4"].value
    assert sheet["B8"].fill.fgColor.rgb.endswith("E8EEF6") and sheet["B9"].value == "Tử số"
    total, commune = sheet[10], sheet[11]
    assert total[0].value == "Thành phố Hồ Chí Minh" and total[0].font.b
    assert [c.value for c in total[1:7]] == [30, 40, 75.0, 80.0, 5.0, 12.5]
    assert total[3].number_format == "0.0" and total[1].border.left.style == "thin"
    # A target out of range is left empty (flagged in the notes), text is never a formula.
    assert commune[0].value == "'@Phường Thử" and commune[4].value is None
    notes = [c.value for c in sheet["A"][12:] if c.value]
    assert notes[0] == "Ghi chú"
    assert any("mẫu số là số liệu xã nhập" in n for n in notes)
    assert any("nằm ngoài khoảng" in n for n in notes)
    assert sheet.column_dimensions["A"].width == 34
