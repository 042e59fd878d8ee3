"""The commune's proposal list as an .xlsx an association secretary would file: national
heading, issuing body, title, unit and cycle, numbered rows, totals and signature blocks;
A4 landscape, header row repeated on every printed page."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter

from certificates.models import CommuneResult

FONT = "Times New Roman"
COLUMNS = [  # (heading, width)
    (gettext_lazy("STT"), 6),
    (gettext_lazy("Họ và tên"), 28),
    (gettext_lazy("Năm sinh"), 9),
    (gettext_lazy("Ấp, khu phố"), 20),
    (gettext_lazy("Nhóm đối tượng"), 26),
    (gettext_lazy("Điểm TC1"), 9),
    (gettext_lazy("Điểm TC2"), 9),
    (gettext_lazy("Điểm TC3"), 9),
    (gettext_lazy("Tổng điểm"), 9),
    (gettext_lazy("Kết quả"), 10),
    (gettext_lazy("Ghi chú"), 22),
]
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
LEFT_COLUMNS = (2, 4, 5, 11)


def _styles(book) -> None:
    """Named cell styles: one assignment per cell instead of three style objects."""
    for name, bold, align in (
        ("cdht_head", True, CENTER),
        ("cdht_left", False, LEFT),
        ("cdht_center", False, CENTER),
        ("cdht_total_left", True, LEFT),
        ("cdht_total_center", True, CENTER),
    ):
        book.add_named_style(
            NamedStyle(
                name=name,
                font=Font(name=FONT, bold=bold, size=12),
                alignment=align,
                border=BOX,
            )
        )


def _merged(sheet, row, first, last, value, *, bold=False, italic=False, size=12, align=CENTER):
    sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = sheet.cell(row=row, column=first, value=value)
    cell.font = Font(name=FONT, bold=bold, italic=italic, size=size)
    cell.alignment = align
    return cell


def proposal_workbook(*, cycle, commune, rows, association_name: str) -> bytes:
    """``rows`` from ``certificates.selectors.proposal_rows``. Returns the .xlsx bytes."""
    book = Workbook()
    _styles(book)
    sheet = book.active
    sheet.title = _("Danh sách đề nghị")[:31]
    last = len(COLUMNS)
    _merged(sheet, 1, 1, 4, association_name.upper(), bold=True)
    _merged(sheet, 1, 5, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    _merged(sheet, 2, 5, last, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    _merged(
        sheet,
        4,
        1,
        last,
        f"DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU “CÔNG DÂN HỌC TẬP” NĂM {cycle.year}",
        bold=True,
        size=14,
    )
    _merged(sheet, 5, 1, last, _("Đơn vị: %(unit)s") % {"unit": commune}, italic=True)
    _merged(sheet, 6, 1, last, str(cycle), italic=True)
    header_row = 8
    for column, (heading, width) in enumerate(COLUMNS, start=1):
        sheet.cell(row=header_row, column=column, value=str(heading)).style = "cdht_head"
        sheet.column_dimensions[get_column_letter(column)].width = width
    sums = [0, 0, 0, 0]
    meets = 0
    row_number = header_row
    for row in rows:
        row_number += 1
        application = row.application
        profile = getattr(application.applicant, "profile", None)
        criteria = [row.criteria.get(n, 0) for n in (1, 2, 3)]
        result = (
            CommuneResult(application.commune_result).label if application.commune_result else ""
        )
        meets += application.commune_result == CommuneResult.MEETS
        notes = [application.get_status_display()]
        if application.assisted:
            notes.append(_("nhập hộ"))
        if application.remote_area:
            notes.append(_("vùng sâu, vùng xa"))
        values = [
            row.number,
            application.applicant.get_full_name(),
            profile.year_of_birth if profile else None,
            application.hamlet.name,
            application.occupation_group.name,
            *criteria,
            application.final_total,
            str(result),
            "; ".join(str(n) for n in notes),
        ]
        for index, value in enumerate([*criteria, application.final_total]):
            sums[index] += value
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=column, value=value)
            cell.style = "cdht_left" if column in LEFT_COLUMNS else "cdht_center"
    total_row = row_number + 1
    totals = [
        None,
        _("Tổng cộng: %(count)s người") % {"count": len(rows)},
        None,
        None,
        _("Đạt: %(count)s") % {"count": meets},
        *sums,
        None,
        None,
    ]
    for column, value in enumerate(totals, start=1):
        cell = sheet.cell(row=total_row, column=column, value=value)
        cell.style = "cdht_total_left" if column in (2, 5) else "cdht_total_center"
    today = timezone.localdate()
    place = total_row + 2
    _merged(
        sheet,
        place,
        7,
        last,
        _("%(place)s, ngày %(d)s tháng %(m)s năm %(y)s")
        % {
            "place": commune.name,
            "d": f"{today.day:02d}",
            "m": f"{today.month:02d}",
            "y": today.year,
        },
        italic=True,
    )
    _merged(sheet, place + 1, 1, 4, _("NGƯỜI LẬP DANH SÁCH"), bold=True)
    _merged(sheet, place + 1, 7, last, _("TM. BAN CHẤP HÀNH"), bold=True)
    _merged(sheet, place + 2, 7, last, _("CHỦ TỊCH"), bold=True)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
