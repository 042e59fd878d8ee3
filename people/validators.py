"""Validation and normalisation of Vietnamese personal data (phone, citizen ID, names)."""

import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Province codes that open a 12-digit citizen ID (the 63 pre-2025 provinces; IDs keep them).
CCCD_PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)


def phone_normalise(value: str) -> str:
    """Return a Vietnamese phone number in E.164 form (+84…) or raise ValidationError.

    Accepts the ways people write them: "0912 345 678", "0912.345.678", "+84 912345678",
    "84912345678".
    """
    raw = re.sub(r"[\s.\-()]", "", value or "")
    if not raw:
        raise ValidationError(_("Hãy nhập số điện thoại."), code="required")
    if re.fullmatch(r"84\d{9,10}", raw):
        raw = "+" + raw
    try:
        # Digits only: phonenumbers would read letters as keypad digits ("abc" → "222").
        number = phonenumbers.parse(raw, "VN") if re.fullmatch(r"\+?\d+", raw) else None
    except phonenumbers.NumberParseException:
        number = None
    if number is None or number.country_code != 84 or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Số điện thoại %(value)s không đúng. Hãy nhập số di động 10 số, ví dụ 0912 345 678."),
            params={"value": value},
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(value: str | None) -> str:
    """+84912345678 → 0912 345 678 (national format, as people read it)."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "VN")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def validate_citizen_id(value: str) -> None:
    if not value:
        return
    if not value.isdigit() or len(value) not in (9, 12):
        raise ValidationError(
            _("Số định danh phải gồm 12 chữ số (thẻ căn cước) hoặc 9 chữ số (CMND cũ)."),
            code="invalid_citizen_id",
        )
    if len(value) == 12 and value[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            _("Ba số đầu %(prefix)s không phải mã tỉnh, thành phố nơi đăng ký khai sinh."),
            params={"prefix": value[:3]},
            code="invalid_citizen_id_province",
        )


def citizen_id_normalise(value: str | None) -> str | None:
    cleaned = re.sub(r"\s", "", value or "")
    if not cleaned:
        return None
    validate_citizen_id(cleaned)
    return cleaned


def citizen_id_birth_century_matches(citizen_id: str, year_of_birth: int) -> bool:
    """The 4th digit of a 12-digit ID encodes century and gender; digits 5–6 the birth year."""
    if not citizen_id or len(citizen_id) != 12 or not year_of_birth:
        return True
    century_digit = int(citizen_id[3])
    century = 1900 + (century_digit // 2) * 100
    return century + int(citizen_id[4:6]) == year_of_birth


def mask_citizen_id(value: str | None) -> str:
    if not value:
        return ""
    return "•" * (len(value) - 3) + value[-3:]


def validate_year_of_birth(value: int) -> None:
    this_year = timezone.localdate().year
    if value is not None and not (this_year - 120 <= value <= this_year - 6):
        raise ValidationError(
            _("Năm sinh %(value)s không hợp lệ."), params={"value": value}, code="invalid_year"
        )


# Old-style tone placement ("hoà", "thuý") → the modern one ("hòa", "thúy") for matching names.
_TONE_SHIFTS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
# The two styles differ only at the end of a syllable: "loại", "hoàng" are written one way.
_TONE_SHIFT_RE = re.compile("(" + "|".join(_TONE_SHIFTS) + r")(?!\w)")


def name_normalise(value: str) -> str:
    """A key for matching Vietnamese place names: NFC, lower case, one tone style, single spaces."""
    text = unicodedata.normalize("NFC", value or "").lower()
    text = re.sub(r"\s+", " ", text).strip()
    return _TONE_SHIFT_RE.sub(lambda match: _TONE_SHIFTS[match.group(1)], text)
