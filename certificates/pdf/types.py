"""What a certificate says (:class:`CertificateData`) and how the issuer wants it to look
(:class:`TemplateSettings`), plus the Vietnamese date wording used on it.

No national template exists (domain.md §6): the layout is fixed, and the template settings choose
which fields appear, the colours, the title and an optional background. The wording is the
certificate's own legal text, printed in Vietnamese whatever the interface language.
"""

import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum

TITLE = "GIẤY CHỨNG NHẬN"
NATIONAL_HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


class CertificateKind(StrEnum):
    CITIZEN = "cong_dan_hoc_tap"  # "Công dân học tập" recognition of a cycle year
    COURSE = "khoa_hoc"  # completion of one course


def vn_date(value: date) -> str:
    """``ngày 15 tháng 11 năm 2025``; days below 10 and months 1-2 get a leading zero, as
    Vietnamese administrative documents write them (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""
    day = f"{value.day:02d}" if value.day < 10 else str(value.day)
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def nfc(text: str) -> str:
    """Precomposed Unicode, so that every Vietnamese letter is one glyph of the font (and comes
    back out of the PDF as the same characters the database holds)."""
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True, slots=True)
class CertificateData:
    """Everything printed on one certificate. Strings are used as given (NFC-normalised).

    ``issuing_body`` is the heading line, e.g. "ỦY BAN NHÂN DÂN XÃ CỦ CHI" or the commune's
    learning promotion association. ``signer_title`` may hold several lines ("TM. ỦY BAN NHÂN
    DÂN\\nCHỦ TỊCH"). ``seal_png``/``signature_png`` are PNG bytes (transparent backgrounds
    print best). ``verification_url`` goes into the QR code; ``short_code`` is printed under it
    for people who type it in.
    """

    kind: CertificateKind
    issuing_body: str
    full_name: str
    register_number: str
    place: str
    issue_date: date
    signer_title: str
    signer_name: str
    verification_url: str
    short_code: str
    honorific: str | None = None  # "Ông" / "Bà"; omitted when unknown
    birth_year: int | None = None
    hamlet: str | None = None
    commune: str | None = None
    cycle_year: int | None = None
    decision_number: str | None = None  # "123/QĐ-UBND"
    decision_date: date | None = None
    decision_issuer: str | None = None  # "Chủ tịch Ủy ban nhân dân xã Củ Chi"
    course_title: str | None = None
    seal_png: bytes | None = field(default=None, repr=False)
    signature_png: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.kind == CertificateKind.COURSE and not self.course_title:
            raise ValueError("a course certificate needs course_title")
        if bool(self.decision_number) != bool(self.decision_date):
            raise ValueError("decision_number and decision_date go together")
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, str) and not isinstance(value, StrEnum):
                object.__setattr__(self, item.name, nfc(value.strip()))


@dataclass(frozen=True, slots=True)
class TemplateSettings:
    """Per-issuer presentation: which fields appear, colours, title, background.

    Colours are hex strings. The defaults (deep red and dark gold) stay distinct in greyscale
    (about 30% and 55% grey), and nothing is said by colour alone: every field is text.
    """

    show_birth_year: bool = True
    show_address: bool = True
    show_cycle_year: bool = True
    show_decision: bool = True
    show_register_number: bool = True
    show_qr: bool = True
    show_seal: bool = True
    show_signature: bool = True
    title: str = TITLE
    border_color: str = "#8E1B1B"
    accent_color: str = "#A87C1E"
    background_png: bytes | None = field(default=None, repr=False)
