"""A made-up certificate for previews, tests and the benchmark.

``sample_data()`` fills every field; the seal and signature are drawn here with Pillow (a red
ring seal marked "MẪU" — sample — and a pen stroke), so that nothing real is ever needed to show
what a template looks like.
"""

import io
import math
from datetime import date

from PIL import Image, ImageDraw, ImageFont

from .fonts import BOLD, font_path
from .types import CertificateData, CertificateKind

SEAL_RED = (200, 30, 35, 215)


def sample_seal_png(size: int = 400) -> bytes:
    """A round red seal on a transparent background, clearly labelled as a sample."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    centre = size / 2
    for radius, width in ((size * 0.48, size // 40), (size * 0.40, size // 90)):
        draw.ellipse(
            (centre - radius, centre - radius, centre + radius, centre + radius),
            outline=SEAL_RED,
            width=width,
        )
    points = []
    for index in range(10):  # a five-pointed star
        angle = math.pi / 2 + index * math.pi / 5
        radius = size * (0.13 if index % 2 == 0 else 0.055)
        points.append(
            (centre + radius * math.cos(angle), centre - size * 0.08 - radius * math.sin(angle))
        )
    draw.polygon(points, fill=SEAL_RED)
    font = ImageFont.truetype(font_path(BOLD), size // 9)
    draw.text((centre, centre + size * 0.17), "MẪU", font=font, fill=SEAL_RED, anchor="mm")
    small = ImageFont.truetype(font_path(BOLD), size // 22)
    draw.text(
        (centre, centre + size * 0.30), "KHÔNG CÓ GIÁ TRỊ", font=small, fill=SEAL_RED, anchor="mm"
    )
    return _png(image)


def sample_signature_png(width: int = 480, height: int = 180) -> bytes:
    """A pen-stroke squiggle in dark blue on a transparent background."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = []
    for step in range(240):
        t = step / 239
        x = width * (0.08 + 0.84 * t)
        y = height * (0.55 - 0.25 * math.sin(t * 9.5) * (1 - t * 0.6) - 0.12 * t)
        points.append((x, y))
    draw.line(points, fill=(20, 30, 110, 255), width=5, joint="curve")
    draw.line(
        [(width * 0.2, height * 0.78), (width * 0.85, height * 0.7)],
        fill=(20, 30, 110, 255),
        width=4,
    )
    return _png(image)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def sample_data(kind: CertificateKind = CertificateKind.CITIZEN, **changes) -> CertificateData:
    """A complete sample certificate of ``kind``; ``changes`` override any field."""
    values = {
        "kind": kind,
        "issuing_body": "ỦY BAN NHÂN DÂN XÃ CỦ CHI",
        "full_name": "Nguyễn Thị Hồng Nhung",
        "honorific": "Bà",
        "birth_year": 1968,
        "hamlet": "Ấp Phú Hòa",
        "commune": "xã Củ Chi",
        "cycle_year": 2025,
        "decision_number": "123/QĐ-UBND",
        "decision_date": date(2025, 11, 15),
        "decision_issuer": "Chủ tịch Ủy ban nhân dân xã Củ Chi",
        "register_number": "CDHT-2025-27553-000123",
        "place": "Củ Chi",
        "issue_date": date(2025, 11, 20),
        "signer_title": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        "signer_name": "Trần Văn Bảy",
        "verification_url": "https://congdanhoctap.example.vn/xac-minh/7KQ2-M9XD",
        "short_code": "7KQ2-M9XD",
    }
    if kind == CertificateKind.COURSE:
        values.update(
            course_title="Kỹ năng sử dụng điện thoại thông minh an toàn cho người cao tuổi",
            register_number="KH-2025-27553-000045",
            decision_number=None,
            decision_date=None,
            decision_issuer=None,
        )
    values.update(changes)
    if "seal_png" not in values:
        values["seal_png"] = sample_seal_png()
    if "signature_png" not in values:
        values["signature_png"] = sample_signature_png()
    return CertificateData(**values)
