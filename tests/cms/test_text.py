"""cms.text: accent folding, slugs and reading time for Vietnamese text."""

import re

import pytest

from cms.text import fold, fold_query, reading_minutes, slug_formatters, vietnamese_slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đăng ký Công dân học tập năm 2025", "dang-ky-cong-dan-hoc-tap-nam-2025"),
        ("ĐỒNG KHỞI: đường đến trường", "dong-khoi-duong-den-truong"),
        ("Ưu tiên người cao tuổi ở Phú Hòa Đông", "uu-tien-nguoi-cao-tuoi-o-phu-hoa-dong"),
        ("“Công dân học tập” là gì?", "cong-dan-hoc-tap-la-gi"),
        ("Kỹ năng số – an toàn trên mạng", "ky-nang-so-an-toan-tren-mang"),
    ],
)
def test_vietnamese_slugs_keep_every_letter(title, slug):
    assert vietnamese_slugify(title) == slug


def test_decomposed_text_folds_like_precomposed():
    precomposed = "Nguyễn Thị Ngọc Ánh, Đồng Tháp"
    decomposed = (
        "Nguye\u0302\u0303n Thi\u0323 Ngo\u0323c A\u0301nh, \u0110o\u0302\u0300ng Tha\u0301p"
    )
    assert fold(decomposed) == fold(precomposed) == "nguyen thi ngoc anh, dong thap"


def test_query_folding_drops_punctuation_and_case():
    assert fold_query("  Công dân, HỌC TẬP!  ") == "cong dan hoc tap"
    assert fold_query("đường") == "duong"
    assert fold_query("?!") == ""


def _browser_urlify(value: str) -> str:
    """What Wagtail's slug widget does with our formatters, minus its own (ASCII) map."""
    for pattern, replacement in slug_formatters():
        value = re.sub(pattern, replacement, value)
    value = re.sub(r"[^-\w\s]", "", value.lower(), flags=re.ASCII)
    return re.sub(r"[-\s]+", "-", value).strip("-")


@pytest.mark.parametrize(
    "title",
    [
        "Đăng ký Công dân học tập năm 2025",
        "Ấp Mẫu 1, xã Củ Chi: ở tuổi 62, bác Tám học dùng điện thoại",
        "Những điều cần biết về chỉ số 5 – kỹ năng số",
        "Lớp tập huấn ở Tân An Hội, Thái Mỹ, An Nhơn Tây, Nhuận Đức",
    ],
)
def test_browser_formatters_give_the_server_slug(title):
    assert _browser_urlify(title) == vietnamese_slugify(title)


def test_reading_time_counts_words():
    assert reading_minutes("") == 1
    assert reading_minutes("chữ " * 200) == 1
    assert reading_minutes("chữ " * 1000) == 5
