"""The printable certificate: text round trip, QR code, page size, template flags."""

import io
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pypdf
import pytest

from certificates.pdf import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    CertificateKind,
    TemplateSettings,
    certificate_pdf_render,
    vn_date,
)
from certificates.pdf.sample import sample_data, sample_seal_png

NAME = "Nguyễn Thị Hồng Nhung"
DECISION = "Quyết định số 123/QĐ-UBND ngày 15 tháng 11 năm 2025"
REGISTER = "Số vào sổ: CDHT-2025-27553-000123"


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return certificate_pdf_render(data=sample_data(full_name=NAME), template=TemplateSettings())


def text_of(pdf_bytes: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def qr_texts(pdf_bytes: bytes) -> list[str]:
    """Render the page as a printer would see it and read every QR code on it.

    pypdfium2 (PDFium, a wheel with its own binary) renders; zxing-cpp (a wheel too) decodes.
    Both come from PyPI through requirements.txt, so no Debian library is needed.
    """
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 renders the page for decoding")
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp decodes the QR code")
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        image = document[0].render(scale=150 / 72).to_pil()
    finally:
        document.close()
    return [
        result.text
        for result in zxingcpp.read_barcodes(image)
        if result.format == zxingcpp.BarcodeFormat.QRCode
    ]


def test_vietnamese_text_comes_back_exactly(pdf):
    text = text_of(pdf)
    assert NAME in text
    assert DECISION in text
    assert REGISTER in text
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN XÃ CỦ CHI",
        "GIẤY CHỨNG NHẬN",
        "CÔNG DÂN HỌC TẬP",
        "Năm sinh: 1968",
        "Nơi cư trú: Ấp Phú Hòa, xã Củ Chi",
        "Củ Chi, ngày 20 tháng 11 năm 2025",
        "CHỦ TỊCH",
        "Trần Văn Bảy",
        "Mã xác minh: 7KQ2-M9XD",
    ):
        assert line in text, line


def test_decomposed_input_is_printed_precomposed():
    decomposed = unicodedata.normalize("NFD", NAME)
    assert decomposed != NAME
    data = sample_data(full_name=decomposed)
    assert data.full_name == NAME
    assert NAME in text_of(certificate_pdf_render(data=data, template=TemplateSettings()))


def test_page_is_a4_landscape_with_roboto_embedded(pdf):
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width, 1), round(height, 1)) == (841.9, 595.3)  # 297 x 210 mm
    assert (width, height) == pytest.approx((PAGE_WIDTH, PAGE_HEIGHT))
    assert page.rotation == 0
    fonts = page["/Resources"]["/Font"]
    names = {str(fonts[key].get_object()["/BaseFont"]) for key in fonts}
    assert names and all("Roboto" in name for name in names)
    for key in fonts:  # embedded subsets, each with a ToUnicode map for exact extraction
        font = fonts[key].get_object()
        assert "/ToUnicode" in font


def test_qr_code_decodes_to_the_verification_url(pdf):
    assert qr_texts(pdf) == ["https://congdanhoctap.example.vn/xac-minh/7KQ2-M9XD"]


def test_qr_code_of_a_long_url_still_decodes():
    url = "https://congdanhoctap.example.vn/xac-minh/" + "ABCD2345" * 8
    data = sample_data(verification_url=url)
    assert qr_texts(certificate_pdf_render(data=data, template=TemplateSettings())) == [url]


def test_same_input_renders_the_same_bytes(pdf):
    again = certificate_pdf_render(data=sample_data(full_name=NAME), template=TemplateSettings())
    assert again == pdf


def test_course_certificate_names_the_course():
    data = sample_data(CertificateKind.COURSE, course_title="Tin học cơ bản cho người lớn tuổi")
    text = text_of(certificate_pdf_render(data=data, template=TemplateSettings()))
    assert "HOÀN THÀNH KHÓA HỌC" in text
    assert "“Tin học cơ bản cho người lớn tuổi”" in text
    assert "Đã hoàn thành khóa học và đạt yêu cầu" in text
    assert "Số vào sổ: KH-2025-27553-000045" in text
    assert "Quyết định" not in text  # no decision given for this course


def test_course_certificate_needs_a_course_title():
    with pytest.raises(ValueError, match="course_title"):
        sample_data(CertificateKind.COURSE, course_title="")


def test_template_flags_hide_fields():
    hidden = TemplateSettings(
        show_birth_year=False,
        show_address=False,
        show_cycle_year=False,
        show_decision=False,
        show_register_number=False,
        show_qr=False,
    )
    pdf_bytes = certificate_pdf_render(data=sample_data(), template=hidden)
    text = text_of(pdf_bytes)
    for absent in ("Năm sinh", "Nơi cư trú", "Năm 2025\n", "Quyết định số", "Số vào sổ", "Mã xác"):
        assert absent not in text, absent
    assert NAME in text
    assert qr_texts(pdf_bytes) == []


def test_title_is_configurable_and_long_names_stay_on_one_line():
    long_name = "Tôn Nữ Thị Phương Thảo Nguyễn Hoàng Bảo Ngọc Khuê Trần Lê"
    data = sample_data(full_name=long_name, honorific=None)
    template = TemplateSettings(title="GIẤY CÔNG NHẬN")
    text = text_of(certificate_pdf_render(data=data, template=template))
    assert long_name in text
    assert "GIẤY CÔNG NHẬN" in text
    assert "Chứng nhận:" in text


def test_background_seal_and_signature_images_are_drawn():
    template = TemplateSettings(background_png=sample_seal_png(200))
    with_images = certificate_pdf_render(data=sample_data(), template=template)
    without = certificate_pdf_render(
        data=sample_data(seal_png=None, signature_png=None), template=TemplateSettings()
    )
    page = pypdf.PdfReader(io.BytesIO(with_images)).pages[0]
    assert len(page.images) == 3
    assert len(pypdf.PdfReader(io.BytesIO(without)).pages[0].images) == 0


def test_bytes_that_are_not_an_image_are_refused():
    with pytest.raises(ValueError, match="image"):
        certificate_pdf_render(data=sample_data(seal_png=b"not a png"), template=TemplateSettings())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2025, 11, 15), "ngày 15 tháng 11 năm 2025"),
        (date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),
        (date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
    ],
)
def test_vietnamese_dates(value, expected):
    assert vn_date(value) == expected


def _render(name: str) -> bytes:
    return certificate_pdf_render(data=sample_data(full_name=name), template=TemplateSettings())


def test_threads_rendering_at_once_get_whole_certificates():
    """ReportLab's embedded fonts are shared by the process (their subsetting reads the font
    file at a shared position): renders in several threads must not mix. Python is made to
    switch threads every microsecond, so an unguarded render fails nearly every time."""
    names = [f"{NAME} {suffix}" for suffix in ("An", "Bình", "Cường", "Dũng", "Đạt", "Hạnh")]
    alone = {name: _render(name) for name in names}
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            together = list(pool.map(_render, names * 20))
    finally:
        sys.setswitchinterval(interval)
    assert together == [alone[name] for name in names * 20]
