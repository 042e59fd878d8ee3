"""Reading the lists hamlets keep (họ tên, năm sinh, số điện thoại, CCCD, ấp) from .xlsx or .csv.

Pure reading, no database: ``sheet_read`` returns the rows as text, keyed by column, or raises
``SheetRejected`` with Vietnamese messages for the whole file (wrong type, wrong columns, too
many rows, unreadable). Checking each row (phone, person, place) is ``cohorts.imports``' job.
CSV files come in whatever encoding the computer that saved them used: UTF-8 (with or without a
byte order mark), UTF-16 (Excel's "Unicode text") or Windows-1258 (old Vietnamese Windows); the
encoding is detected, and text is put in NFC so "Hoà" typed with combining marks matches.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_ROWS = 10_000
MAX_BYTES = 10 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97–2003, or an encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"

COLUMNS = ("full_name", "year_of_birth", "phone", "citizen_id", "hamlet")
REQUIRED = ("full_name", "year_of_birth", "phone")
TEMPLATE_HEADER = ["Họ và tên", "Năm sinh", "Số điện thoại", "CCCD", "Ấp, khu phố"]


def _key(text: str) -> str:
    """Header key: no accents, lower case, letters and digits only ("Số ĐT" → "sodt")."""
    text = unicodedata.normalize("NFD", str(text or "")).replace("đ", "d").replace("Đ", "d")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]", "", text)


HEADERS = {
    "full_name": {"hoten", "hovaten", "ten", "hotennguoihoc", "hotenhocvien", "fullname"},
    "year_of_birth": {"namsinh", "nam", "ngaysinh", "sinhnam", "yearofbirth"},
    "phone": {"sodienthoai", "dienthoai", "sdt", "sodt", "didong", "phone"},
    "citizen_id": {"cccd", "socccd", "cancuoc", "socancuoc", "sodinhdanh", "cmnd", "cmndcccd"},
    "hamlet": {"ap", "apkhupho", "khupho", "tenap", "apkp", "hamlet"},
}
LABELS = dict(zip(COLUMNS, TEMPLATE_HEADER, strict=True))


class SheetRejected(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class Sheet:
    rows: list[dict] = field(default_factory=list)  # {"line": n, "full_name": …, "formula": bool}


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    sample = content[:4000]
    if sample and sample.count(b"\x00") > len(sample) // 4:  # UTF-16 without a byte order mark
        return content.decode("utf-16-be" if sample[0] == 0 else "utf-16-le")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1258", errors="strict")


def _csv_rows(content: bytes):
    try:
        text = unicodedata.normalize("NFC", _decode(content))
    except UnicodeError as error:
        raise SheetRejected(
            [_("Không đọc được bảng mã của tệp CSV. Hãy lưu lại dạng CSV UTF-8 hoặc .xlsx.")]
        ) from error
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    for row in csv.reader(io.StringIO(text), dialect):
        yield [(cell.strip(), cell.strip().startswith("=")) for cell in row]


def _xlsx_cell(cell) -> tuple[str, bool]:
    value = cell.value
    if value is None:
        return "", False
    formula = getattr(cell, "data_type", None) == "f"
    if formula or (isinstance(value, str) and value.startswith("=")):
        return str(value), True
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "year") and not isinstance(value, int):  # a date typed as birth date
        value = value.year
    return unicodedata.normalize("NFC", str(value)).strip(), False


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = book.worksheets[0]
        for row in sheet.iter_rows():
            yield [_xlsx_cell(cell) for cell in row]
    except SheetRejected:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise SheetRejected(
            [_("Không đọc được tệp Excel. Hãy mở bằng Excel và lưu lại dạng .xlsx.")]
        ) from error


def _columns(header: list[tuple[str, bool]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, (text, _formula) in enumerate(header):
        key = _key(text)
        for column, names in HEADERS.items():
            if key in names and column not in found:
                found[column] = index
    missing = [LABELS[column] for column in REQUIRED if column not in found]
    if missing:
        raise SheetRejected(
            [
                _(
                    "Dòng tiêu đề thiếu cột: %(missing)s. Dòng đầu tiên của tệp phải có các cột "
                    "%(expected)s (cột CCCD và ấp có thể để trống). Hãy tải tệp mẫu và chép "
                    "danh sách vào đó."
                )
                % {"missing": ", ".join(missing), "expected": ", ".join(TEMPLATE_HEADER)}
            ]
        )
    return found


def sheet_read(*, content: bytes, filename: str) -> Sheet:
    """The data rows of an uploaded list (blank lines skipped), each with its line number in
    the file and a ``formula`` flag when any of its cells holds a formula.

    Raises SheetRejected: not .xlsx/.csv (an old .xls is named as such, whatever its name
    says: its content is recognised), larger than
    ``MAX_BYTES``, unreadable, no or wrong header row, more than ``MAX_ROWS`` rows.
    """
    name = (filename or "").lower()
    if len(content) > MAX_BYTES:
        raise SheetRejected([_("Tệp quá lớn (tối đa 10 MB).")])
    if name.endswith(".xls") or content.startswith(OLE_MAGIC):
        raise SheetRejected(
            [
                _(
                    "Tệp dạng Excel 97–2003 (.xls) hoặc tệp Excel có đặt mật khẩu không được "
                    "nhận. Hãy mở tệp bằng Excel, bỏ mật khẩu nếu có, chọn “Lưu thành” (Save As) "
                    "dạng “Sổ làm việc Excel (.xlsx)” hoặc “CSV UTF-8” rồi tải lên lại."
                )
            ]
        )
    if name.endswith(".xlsx") or (name.endswith(".csv") and content.startswith(ZIP_MAGIC)):
        lines = _xlsx_rows(content)  # an .xlsx renamed .csv is read as what it is
    elif name.endswith(".csv"):
        lines = _csv_rows(content)
    else:
        raise SheetRejected([_("Chỉ nhận tệp .xlsx hoặc .csv.")])
    header = None
    sheet = Sheet()
    for number, cells in enumerate(lines, start=1):
        if not any(text for text, _formula in cells):
            continue
        if header is None:
            header = _columns(cells)
            continue
        if len(sheet.rows) >= MAX_ROWS:
            raise SheetRejected(
                [
                    _(
                        "Tệp có hơn %(max)s dòng. Hãy chia danh sách thành nhiều tệp, mỗi tệp "
                        "tối đa %(max)s người."
                    )
                    % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
                ]
            )
        row = {"line": number, "formula": False}
        for column in COLUMNS:
            index = header.get(column)
            present = index is not None and index < len(cells)
            text, formula = cells[index] if present else ("", False)
            row[column] = text[:200]
            row["formula"] = row["formula"] or formula
        sheet.rows.append(row)
    if header is None:
        raise SheetRejected([_("Tệp không có dữ liệu.")])
    if not sheet.rows:
        raise SheetRejected([_("Tệp chỉ có dòng tiêu đề, chưa có người nào.")])
    return sheet


def template_xlsx() -> bytes:
    """The list to fill in: the header row and one example line."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Danh sách học viên")
    sheet.append(TEMPLATE_HEADER)
    sheet.append(["Nguyễn Thị Ví Dụ", 1975, "0912 345 678", "", "Ấp Bàu Tre"])
    for letter, width in zip("ABCDE", (28, 10, 16, 16, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    for cell in sheet["C"] + sheet["D"]:
        cell.number_format = "@"  # phones and IDs as text: Excel drops leading zeros otherwise
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
