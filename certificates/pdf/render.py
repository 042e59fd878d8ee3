"""The certificate page: A4 landscape, ReportLab, Roboto, a vector QR code.

Layout, top to bottom, centred: national heading and motto, the issuing body, the title and
what it certifies, the person and the recognition decision; then the register number, QR code
and short code bottom left, and place and date, signer, signature and seal bottom right.
The middle block is measured before it is drawn and its gaps shrink when long names or course
titles need the room, so nothing overlaps the signature block.
"""

import io
import threading
from dataclasses import dataclass

import segno
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, fonts_register
from .types import (
    MOTTO,
    NATIONAL_HEADING,
    CertificateData,
    CertificateKind,
    TemplateSettings,
    nfc,
    vn_date,
)

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
CENTRE = PAGE_WIDTH / 2
TEXT_WIDTH = PAGE_WIDTH - 2 * 80
MIDDLE_TOP = 470  # baseline area under the heading block
MIDDLE_BOTTOM = 228  # above the register number / place-and-date lines
LEFT_X = PAGE_WIDTH * 0.22
RIGHT_X = PAGE_WIDTH * 0.71
QR_SIZE = 86
SEAL_SIZE = 88


@dataclass(frozen=True, slots=True)
class _Line:
    """One centred line of the middle block; ``label`` is drawn before ``text`` in REGULAR."""

    text: str
    font: str
    size: float
    gap: float  # space above the line, shrinkable
    label: str = ""
    colour: str | None = None
    min_size: float = 11


def certificate_pdf_render(*, data: CertificateData, template: TemplateSettings) -> bytes:
    """One certificate as PDF bytes (A4 landscape, fonts embedded, deterministic output).

    The same data and template give the same bytes (ReportLab's invariant mode), so a stored
    PDF can be compared or re-rendered safely. Raises ValueError for image bytes that are not
    an image, and FontMissing when the font-roboto package is absent.
    """
    fonts_register()
    with _rendering:
        return _render(data, template)


# ReportLab's embedded fonts are shared by the whole process, and subsetting one reads the font
# file at a shared position: two threads saving a PDF at once (HTTP threads, issuing workers)
# got each other's glyphs (IndexError/KeyError in makeSubset, or a wrong font). Renders in one
# process therefore take turns; each takes some 35 ms of CPU, which the GIL would serialise anyway.
_rendering = threading.Lock()


def _render(data: CertificateData, template: TemplateSettings) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=1,  # no timestamp or random id: the same input gives the same bytes
        pageCompression=1,
        initialFontName=REGULAR,  # not Helvetica, which has no Vietnamese letters
        lang="vi",
    )
    canvas.setTitle(nfc(f"{template.title} - {data.full_name}"))
    canvas.setAuthor(data.issuing_body)
    canvas.setSubject(data.register_number)
    canvas.setCreator("Công dân học tập")
    if template.background_png:
        canvas.drawImage(
            _image(template.background_png), 0, 0, PAGE_WIDTH, PAGE_HEIGHT, mask="auto"
        )
    _border(canvas, template)
    _heading(canvas, data, template)
    _middle(canvas, _middle_lines(data, template))
    _left_block(canvas, data, template)
    _right_block(canvas, data, template)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _image(png: bytes) -> ImageReader:
    try:
        return ImageReader(io.BytesIO(png))
    except Exception as error:  # ReportLab/PIL raise many kinds for bad bytes
        raise ValueError(f"not a usable image: {error}") from error


def _border(canvas: Canvas, template: TemplateSettings) -> None:
    """Thick outer frame, a band of diamonds, and a thin inner frame with corner squares."""
    border, accent = HexColor(template.border_color), HexColor(template.accent_color)
    canvas.saveState()
    canvas.setStrokeColor(border)
    canvas.setLineWidth(5)
    canvas.rect(16, 16, PAGE_WIDTH - 32, PAGE_HEIGHT - 32)
    canvas.setLineWidth(0.8)
    canvas.rect(22, 22, PAGE_WIDTH - 44, PAGE_HEIGHT - 44)
    canvas.rect(38, 38, PAGE_WIDTH - 76, PAGE_HEIGHT - 76)
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(1.6)
    canvas.rect(42, 42, PAGE_WIDTH - 84, PAGE_HEIGHT - 84)
    # Diamond chain in the band between 22 and 38.
    canvas.setFillColor(accent)
    path = canvas.beginPath()
    step, half, band = 12.0, 4.2, 30.0
    for x0, x1, y in ((30, PAGE_WIDTH - 30, band), (30, PAGE_WIDTH - 30, PAGE_HEIGHT - band)):
        count = int((x1 - x0) // step)
        offset = x0 + ((x1 - x0) - count * step) / 2
        for index in range(count + 1):
            _diamond(path, offset + index * step, y, half)
    for y0, y1, x in ((30, PAGE_HEIGHT - 30, band), (30, PAGE_HEIGHT - 30, PAGE_WIDTH - band)):
        count = int((y1 - y0) // step)
        offset = y0 + ((y1 - y0) - count * step) / 2
        for index in range(1, count):
            _diamond(path, x, offset + index * step, half)
    canvas.drawPath(path, stroke=0, fill=1)
    # Corner squares over the band, in the border colour with an accent diamond.
    for x, y in (
        (30, 30),
        (PAGE_WIDTH - 30, 30),
        (30, PAGE_HEIGHT - 30),
        (PAGE_WIDTH - 30, PAGE_HEIGHT - 30),
    ):
        canvas.setFillColor(border)
        canvas.rect(x - 11, y - 11, 22, 22, stroke=0, fill=1)
        canvas.setFillColor(white)
        corner = canvas.beginPath()
        _diamond(corner, x, y, 7)
        canvas.drawPath(corner, stroke=0, fill=1)
        canvas.setFillColor(accent)
        corner = canvas.beginPath()
        _diamond(corner, x, y, 4.5)
        canvas.drawPath(corner, stroke=0, fill=1)
    canvas.restoreState()


def _diamond(path, x: float, y: float, half: float) -> None:
    path.moveTo(x, y + half)
    path.lineTo(x + half, y)
    path.lineTo(x, y - half)
    path.lineTo(x - half, y)
    path.close()


def _fit(text: str, font: str, size: float, width: float, min_size: float) -> float:
    """The largest size not above ``size`` (and not below ``min_size``) at which text fits."""
    while size > min_size and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _centred(
    canvas: Canvas,
    text: str,
    y: float,
    font: str,
    size: float,
    width: float = TEXT_WIDTH,
    x: float = CENTRE,
    min_size: float = 9,
) -> float:
    size = _fit(text, font, size, width, min_size)
    canvas.setFont(font, size)
    canvas.drawCentredString(x, y, text)
    return size


def _heading(canvas: Canvas, data: CertificateData, template: TemplateSettings) -> None:
    canvas.setFillColorRGB(0, 0, 0)
    _centred(canvas, NATIONAL_HEADING, 528, BOLD, 13.5)
    size = _centred(canvas, MOTTO, 510, BOLD, 12.5)
    half = stringWidth(MOTTO, BOLD, size) / 2
    canvas.setLineWidth(0.7)
    canvas.line(CENTRE - half, 505, CENTRE + half, 505)
    _centred(canvas, data.issuing_body, 484, BOLD, 14.5)
    # A short rule with a diamond under the issuing body.
    canvas.saveState()
    canvas.setStrokeColor(HexColor(template.accent_color))
    canvas.setFillColor(HexColor(template.accent_color))
    canvas.setLineWidth(1)
    canvas.line(CENTRE - 70, 475, CENTRE - 8, 475)
    canvas.line(CENTRE + 8, 475, CENTRE + 70, 475)
    path = canvas.beginPath()
    _diamond(path, CENTRE, 475, 4)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _middle_lines(data: CertificateData, template: TemplateSettings) -> list[_Line]:
    lines = [_Line(template.title, BOLD, 38, 0, colour=template.border_color, min_size=24)]
    if data.kind == CertificateKind.CITIZEN:
        lines.append(_Line("CÔNG DÂN HỌC TẬP", BOLD, 22, 14))
    else:
        lines.append(_Line("HOÀN THÀNH KHÓA HỌC", BOLD, 20, 14))
        title_lines = simpleSplit(f"“{data.course_title}”", BOLD_ITALIC, 17, TEXT_WIDTH - 60)
        if len(title_lines) > 2:  # very long titles: smaller, still at most three lines
            title_lines = simpleSplit(f"“{data.course_title}”", BOLD_ITALIC, 14, TEXT_WIDTH - 40)
        size = 17 if len(title_lines) <= 2 else 14
        for index, text in enumerate(title_lines[:3]):
            lines.append(_Line(text, BOLD_ITALIC, size, 6 if index == 0 else 1))
    if template.show_cycle_year and data.cycle_year:
        lines.append(_Line(f"Năm {data.cycle_year}", ITALIC, 14, 4))
    label = f"Chứng nhận {data.honorific.lower()}: " if data.honorific else "Chứng nhận: "
    lines.append(_Line(data.full_name, BOLD, 26, 18, label=label, min_size=14))
    details = []
    if template.show_birth_year and data.birth_year:
        details.append(f"Năm sinh: {data.birth_year}")
    if template.show_address:
        place = ", ".join(part for part in (data.hamlet, data.commune) if part)
        if place:
            details.append(f"Nơi cư trú: {place}")
    if details:
        lines.append(_Line("     ".join(details), REGULAR, 14, 8))
    if data.kind == CertificateKind.CITIZEN:
        year = f" năm {data.cycle_year}" if data.cycle_year else ""
        statement = f"Đã đạt danh hiệu “Công dân học tập”{year}"
    else:
        statement = "Đã hoàn thành khóa học và đạt yêu cầu"
    lines.append(_Line(statement, BOLD, 15, 10))
    if template.show_decision and data.decision_number and data.decision_date:
        decision = f"Quyết định số {data.decision_number} {vn_date(data.decision_date)}"
        whole = f"(Theo {decision}" + (
            f" của {data.decision_issuer})" if data.decision_issuer else ")"
        )
        if stringWidth(whole, ITALIC, 13) <= TEXT_WIDTH or not data.decision_issuer:
            lines.append(_Line(whole, ITALIC, 13, 6))
        else:
            lines.append(_Line(f"(Theo {decision}", ITALIC, 13, 6))
            lines.append(_Line(f"của {data.decision_issuer})", ITALIC, 13, 1))
    return lines


def _middle(canvas: Canvas, lines: list[_Line]) -> None:
    """Draw the block from MIDDLE_TOP down, shrinking gaps (never sizes) to end above
    MIDDLE_BOTTOM; sizes only shrink to fit the width."""
    heights = sum(line.size * 1.05 for line in lines)
    gaps = sum(line.gap for line in lines)
    room = MIDDLE_TOP - MIDDLE_BOTTOM - heights
    scale = max(0.0, min(1.0, room / gaps)) if gaps else 1.0
    spare = max(0.0, room - gaps * scale)
    y = MIDDLE_TOP - spare / 3  # centre the block a little when there is room to spare
    for line in lines:
        y -= line.gap * scale + line.size
        canvas.setFillColorRGB(0, 0, 0)
        if line.colour:
            canvas.setFillColor(HexColor(line.colour))
        if line.label:
            _label_and_text(canvas, line, y)
        else:
            _centred(canvas, line.text, y, line.font, line.size, min_size=line.min_size)
        y -= line.size * 0.05


def _label_and_text(canvas: Canvas, line: _Line, y: float) -> None:
    label_size = 15
    label_width = stringWidth(line.label, REGULAR, label_size)
    size = _fit(line.text, line.font, line.size, TEXT_WIDTH - label_width, line.min_size)
    total = label_width + stringWidth(line.text, line.font, size)
    x = CENTRE - total / 2
    canvas.setFont(REGULAR, label_size)
    canvas.drawString(x, y, line.label)
    canvas.setFont(line.font, size)
    canvas.drawString(x + label_width, y, line.text)


def _left_block(canvas: Canvas, data: CertificateData, template: TemplateSettings) -> None:
    canvas.setFillColorRGB(0, 0, 0)
    if template.show_register_number:
        _centred(canvas, f"Số vào sổ: {data.register_number}", 200, BOLD, 11.5, width=260, x=LEFT_X)
    if not template.show_qr:
        return
    qr_bottom = 92
    _qr(canvas, data.verification_url, LEFT_X - QR_SIZE / 2, qr_bottom, QR_SIZE)
    _centred(
        canvas,
        f"Mã xác minh: {data.short_code}",
        qr_bottom - 13,
        REGULAR,
        10.5,
        width=240,
        x=LEFT_X,
    )
    _centred(
        canvas,
        "Quét mã QR để kiểm tra giấy chứng nhận",
        qr_bottom - 26,
        ITALIC,
        8.5,
        width=240,
        x=LEFT_X,
    )


def _qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code as vector squares (crisp at any printer resolution) on a white quiet zone."""
    code = segno.make(url, error="m", micro=False)
    matrix = code.matrix
    quiet = 3
    modules = len(matrix) + 2 * quiet
    unit = size / modules
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + quiet) * unit
        column = 0
        while column < len(row):  # one rectangle per horizontal run of dark modules
            if row[column]:
                start = column
                while column < len(row) and row[column]:
                    column += 1
                path.rect(x + (start + quiet) * unit, top - unit, (column - start) * unit, unit)
            column += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _right_block(canvas: Canvas, data: CertificateData, template: TemplateSettings) -> None:
    canvas.setFillColorRGB(0, 0, 0)
    _centred(
        canvas, f"{data.place}, {vn_date(data.issue_date)}", 200, ITALIC, 13, width=330, x=RIGHT_X
    )
    y = 182
    for text in data.signer_title.splitlines():
        _centred(canvas, text.strip(), y, BOLD, 13, width=330, x=RIGHT_X)
        y -= 16
    name_y = 54
    area_top, area_bottom = y + 4, name_y + 18
    if template.show_signature and data.signature_png:
        _image_in_box(
            canvas, data.signature_png, RIGHT_X - 80, area_bottom, 160, area_top - area_bottom
        )
    if template.show_seal and data.seal_png:
        # Over the left third of the signature, as a seal is stamped.
        centre_y = (area_top + area_bottom) / 2 + 4
        _image_in_box(
            canvas,
            data.seal_png,
            RIGHT_X - 52 - SEAL_SIZE / 2,
            centre_y - SEAL_SIZE / 2,
            SEAL_SIZE,
            SEAL_SIZE,
        )
    _centred(canvas, data.signer_name, name_y, BOLD, 14, width=330, x=RIGHT_X)


def _image_in_box(canvas: Canvas, png: bytes, x: float, y: float, w: float, h: float) -> None:
    canvas.drawImage(_image(png), x, y, w, h, mask="auto", preserveAspectRatio=True, anchor="c")
