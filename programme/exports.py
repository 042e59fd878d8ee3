"""The yearly summary as an Excel workbook in the association's reporting layout (openpyxl).

Layout: the issuing body and title, the year and the date it was drawn, then one row per unit
(the total first) with, for each target T1–T4 and the proficient share: numerator, denominator,
rate, target, gap and last year's rate; flagged figures are marked and explained under the
table, with the source of every denominator. Text that looks like a formula is stored as text.

Written in openpyxl's write-only mode: rows stream out as they are appended, each cell takes a
copy of a style built once (a city's 169 rows × 31 columns in well under 0.1 s).
"""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from programme.selectors import LABELS, MEASURES, Row, target_label

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ["Tử số", "Mẫu số", "Tỷ lệ (%)", "Chỉ tiêu (%)", "Còn thiếu (điểm %)", "Năm trước (%)"]
THIN = Side(style="thin", color="888888")


def safe(value):
    """Numbers stay numbers; text that a spreadsheet could run as a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _styles(ws) -> dict:
    """Style name → a style array built once; each cell gets a copy (cheap) instead of having
    a border, font and fill resolved for each of thousands of cells."""
    border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    fill = PatternFill("solid", fgColor="E8EEF6")
    styles = {}
    for name, extra in (
        ("text", {"border": border}),
        ("bold", {"border": border, "font": Font(bold=True)}),
        ("head", {"border": border, "font": Font(bold=True), "fill": fill,
                  "alignment": Alignment(wrap_text=True, vertical="top")}),
        ("num", {"border": border, "number_format": "0.0"}),
        ("title", {"font": Font(bold=True, size=14)}),
        ("strong", {"font": Font(bold=True)}),
    ):  # fmt: skip
        cell = Cell(ws, row=1, column=1)
        for attribute, value in extra.items():
            setattr(cell, attribute, value)
        styles[name] = cell._style
    return styles


class _Sheet:
    """Rows appended in order to a write-only sheet (streamed as they come: no grid of cell
    objects kept, no per-cell style lookups)."""

    def __init__(self, ws):
        self.ws, self.styles, self.row = ws, _styles(ws), 0

    def cell(self, value, style: str | None = None) -> Cell:
        style_array = self.styles[style] if style else None
        cell = Cell(self.ws, row=1, column=1, style_array=style_array)
        cell.value = safe(value)
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never a formula
        return cell

    def append(self, values: list) -> int:
        self.ws.append(values)
        self.row += 1
        return self.row


def summary_workbook(*, rows: list[Row], year: int, scope_name: str, body: str) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Tổng hợp %(year)s") % {"year": year})
    width = 1 + len(MEASURES) * len(COLUMNS)
    head = 8
    # Everything about the sheet's layout goes before the first row is written.
    ws.column_dimensions["A"].width = 34
    for col in range(2, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 11
    ws.freeze_panes = f"B{head + 2}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.merged_cells.add(CellRange(min_col=1, min_row=head, max_col=1, max_row=head + 1))
    for i in range(len(MEASURES)):
        first = 2 + i * len(COLUMNS)
        ws.merged_cells.add(
            CellRange(min_col=first, min_row=head, max_col=first + len(COLUMNS) - 1, max_row=head)
        )
    sheet = _Sheet(ws)
    put = sheet.cell
    pad = [None] * (width - 6)
    sheet.append([put(body.upper(), "strong"), *pad, put(_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                                                          "strong")])  # fmt: skip
    sheet.append([None, *pad, put(_("Độc lập – Tự do – Hạnh phúc"))])
    sheet.append([])
    title = _("BÁO CÁO KẾT QUẢ XÂY DỰNG MÔ HÌNH “CÔNG DÂN HỌC TẬP” NĂM %(year)s") % {"year": year}
    sheet.append([put(title, "title")])
    sheet.append([put(_("Địa bàn: %(scope)s") % {"scope": scope_name})])
    sheet.append([put(_("Số liệu đến ngày %(day)s") % {
        "day": timezone.localdate().strftime("%d/%m/%Y")})])  # fmt: skip
    sheet.append([])
    top, names = [put(_("Đơn vị"), "head")], [put(None, "head")]
    for code in MEASURES:
        top.append(put(f"{LABELS[code]}: {target_label(code)}", "head"))
        top += [put(None, "head") for _ in COLUMNS[1:]]
        names += [put(_(name), "head") for name in COLUMNS]
    ws.row_dimensions[head].height = 48
    sheet.append(top)
    sheet.append(names)
    notes = []
    for r, row in enumerate(rows):
        line = [put(row.name, "bold" if r == 0 else "text")]
        for code in MEASURES:
            fig = row.figures[code]
            target = fig.target if fig.target_ok else None
            line += [put(fig.numerator, "text"), put(fig.denominator, "text")]
            line += [put(float(v) if v is not None else None, "num")
                     for v in (fig.rate, target, fig.gap, fig.last_rate)]  # fmt: skip
            if fig.source != "counted":
                notes.append(f"{row.name} — {LABELS[code]}: " + _("mẫu số là %(src)s") % {
                    "src": fig.source_label})  # fmt: skip
            for flag in fig.flags:
                notes.append(f"{row.name} — {LABELS[code]}: {flag}")
        for flag in row.flags:
            notes.append(f"{row.name}: {flag}")
        sheet.append(line)
    sheet.append([])
    sheet.append([put(_("Ghi chú"), "strong")])
    sheet.append([put(_(
        "Mẫu số đếm trên hệ thống, trừ những ô ghi là số liệu xã nhập. Ô để trống: chưa tính "
        "được (chưa có mẫu số, hoặc số liệu cần kiểm tra lại)."))])  # fmt: skip
    for note in notes:
        sheet.append([put(note)])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
