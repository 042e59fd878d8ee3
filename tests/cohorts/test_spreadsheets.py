import io
import unicodedata

import pytest
from openpyxl import Workbook, load_workbook

from cohorts.spreadsheets import MAX_ROWS, SheetRejected, sheet_read, template_xlsx

HEADER = "Họ và tên,Năm sinh,Số điện thoại,CCCD,Ấp\r\n"
LINE = "Trần Thị Hoà,1970,0912 345 678,,Ấp Bàu Tre\r\n"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def _encode(text: str, encoding: str) -> bytes:
    """Windows-1258 keeps â, ơ, ư… precomposed and writes tone marks as combining characters."""
    if encoding != "cp1258":
        return text.encode(encoding)
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_csv_in_each_encoding_reads_the_same_names(encoding):
    sheet = sheet_read(content=_encode(HEADER + LINE, encoding), filename="ds.csv")
    (row,) = sheet.rows
    assert row["full_name"] == "Trần Thị Hoà"
    assert row["hamlet"] == "Ấp Bàu Tre"
    assert row["phone"] == "0912 345 678"
    assert row["line"] == 2


def test_headers_are_recognised_without_accents_and_in_any_order():
    text = "SDT;Ho ten;Nam sinh\n0912345678;Lê Văn A;1980\n"
    (row,) = sheet_read(content=text.encode(), filename="a.csv").rows
    assert (row["full_name"], row["phone"], row["year_of_birth"]) == (
        "Lê Văn A",
        "0912345678",
        "1980",
    )


def test_wrong_columns_are_named():
    with pytest.raises(SheetRejected) as rejected:
        sheet_read(content="Tên,Địa chỉ\nA,B\n".encode(), filename="a.csv")
    assert "Năm sinh" in rejected.value.errors[0] and "Số điện thoại" in rejected.value.errors[0]


def test_xls_is_refused_with_how_to_save_as_xlsx():
    with pytest.raises(SheetRejected) as rejected:
        sheet_read(content=b"\xd0\xcf\x11\xe0", filename="DS.XLS")
    assert ".xlsx" in rejected.value.errors[0]


def test_more_than_the_limit_of_rows_is_refused():
    content = (HEADER + LINE * (MAX_ROWS + 1)).encode()
    with pytest.raises(SheetRejected) as rejected:
        sheet_read(content=content, filename="a.csv")
    assert "10.000" in rejected.value.errors[0]


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_numbers_and_formulas():
    content = _xlsx(
        [
            ["Họ và tên", "Năm sinh", "Số điện thoại"],
            ["Nguyễn Văn B", 1985.0, 912345678],
            ['=HYPERLINK("http://x")', 1990, "0912000111"],
        ]
    )
    first, second = sheet_read(content=content, filename="ds.xlsx").rows
    assert (first["year_of_birth"], first["phone"]) == ("1985", "912345678")
    assert first["formula"] is False
    assert second["formula"] is True


def test_broken_xlsx_is_refused():
    with pytest.raises(SheetRejected):
        sheet_read(content=b"not a zip", filename="ds.xlsx")


def test_template_reads_back_as_a_valid_list():
    content = template_xlsx()
    assert load_workbook(io.BytesIO(content)).active["A1"].value == "Họ và tên"
    (row,) = sheet_read(content=content, filename="mau.xlsx").rows
    assert row["full_name"]


def test_an_old_excel_file_is_recognised_whatever_its_name():
    old_excel = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    for name in ("ds.xls", "ds.xlsx", "ds.csv"):
        with pytest.raises(SheetRejected) as rejected:
            sheet_read(content=old_excel, filename=name)
        assert "Excel 97–2003" in rejected.value.errors[0] and ".xlsx" in rejected.value.errors[0]


def test_an_xlsx_saved_with_a_csv_name_is_read_as_excel():
    content = _xlsx([["Họ và tên", "Năm sinh", "Số điện thoại"], ["Lê Văn C", 1980, "0912345678"]])
    (row,) = sheet_read(content=content, filename="ds.csv").rows
    assert row["full_name"] == "Lê Văn C"


def test_a_hundred_thousand_rows_are_refused_per_file():
    content = (HEADER + LINE * 100_000).encode("utf-8")
    with pytest.raises(SheetRejected) as rejected:
        sheet_read(content=content, filename="ca-xa.csv")
    assert "hơn 10.000 dòng" in rejected.value.errors[0]


def test_formulas_in_a_csv_are_kept_as_text_and_flagged():
    text = HEADER + '=HYPERLINK("http://x","Bấm"),1970,0912 345 678,,Ấp Bàu Tre\r\n' + LINE
    first, second = sheet_read(content=text.encode(), filename="ds.csv").rows
    assert first["formula"] is True and first["full_name"].startswith("=HYPERLINK(")
    assert second["formula"] is False
