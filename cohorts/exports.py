"""The dashboard's matrix as an Excel workbook (openpyxl): one row per learner, one column per
activity. Names and titles come from people, so a cell that a spreadsheet would read as a
formula (starting with = + - @, a tab or a carriage return) is written with a leading
apostrophe, as text."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell_safe(value):
    """``value`` as it may go into a cell: text that looks like a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _when(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def _cell_text(cell) -> str:
    if cell.attempts == 0 and cell.score is None:
        return str(cell.label)
    score = f" {cell.score}%" if cell.score is not None else ""
    return _("%(status)s%(score)s (%(n)s lần)") % {
        "status": cell.label, "score": score, "n": cell.attempts,
    }  # fmt: skip


def dashboard_workbook(*, cohort, columns, rows) -> bytes:
    """The workbook's bytes for ``rows`` (cohorts.dashboard_rows.Row) of ``cohort``."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Theo dõi học tập")[:31]
    sheet.append([cell_safe(cohort.name)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Xuất lúc %(when)s") % {"when": _when(timezone.now())}])
    head = [
        _("Họ và tên"), _("Ấp, khu phố"), _("Trạng thái"), _("Tiến độ (%)"),
        _("Bài học đã hoàn thành"), _("Hoạt động gần nhất"), _("Buổi học có mặt"),
    ]  # fmt: skip
    head += [f"{c.number} {c.title}" for c in columns]
    sheet.append([cell_safe(text) for text in head])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        summary = row.summary
        values = [
            summary.name, summary.hamlet, str(summary.status_label), summary.percent,
            f"{summary.lessons_done}/{summary.lessons_total}", _when(summary.last_activity),
            summary.present,
        ]  # fmt: skip
        values += [_cell_text(cell) for cell in row.cells]
        sheet.append([cell_safe(value) for value in values])
    sheet.freeze_panes = "B4"
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 18
    for index in range(3, len(head) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
