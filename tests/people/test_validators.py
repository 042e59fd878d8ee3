"""people.validators: phone numbers, citizen IDs, names."""

import pytest
from django.core.exceptions import ValidationError

from people.validators import (
    citizen_id_birth_century_matches,
    citizen_id_normalise,
    mask_citizen_id,
    name_normalise,
    phone_display,
    phone_normalise,
    validate_citizen_id,
    validate_year_of_birth,
)


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("0912 345 678", "+84912345678"),
        ("0912345678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("0912-345-678", "+84912345678"),
        ("(091) 234 5678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("+84912345678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("  0912 345 678  ", "+84912345678"),
        ("0387 654 321", "+84387654321"),  # Viettel 03x
        ("0701234567", "+84701234567"),  # Mobifone 07x
        ("0283 829 1234", "+842838291234"),  # HCMC landline, 11 digits
    ],
)
def test_phone_normalise_accepts_the_ways_people_write_numbers(written, e164):
    assert phone_normalise(written) == e164


@pytest.mark.parametrize(
    "written",
    [
        "091234567",  # one digit short
        "09123456789",  # one digit long
        "0012345678",  # no such prefix
        "abc",
        "0912abc678",  # phonenumbers would read letters as keypad digits
        "0912 345 67x",
        "+1 212 555 0100",  # United States
        "+33 6 12 34 56 78",  # France
        "+86 138 0013 8000",  # China
        "+44 7911 123456",  # United Kingdom
        "+84 12",
    ],
)
def test_phone_normalise_rejects_invalid_and_foreign_numbers(written):
    with pytest.raises(ValidationError) as caught:
        phone_normalise(written)
    assert caught.value.code == "invalid_phone"
    assert "không đúng" in caught.value.messages[0]


@pytest.mark.parametrize("written", ["", "   ", None, " - . "])
def test_phone_normalise_asks_for_a_number_when_empty(written):
    with pytest.raises(ValidationError) as caught:
        phone_normalise(written)
    assert caught.value.code == "required"


def test_phone_display_round_trips_to_the_national_form():
    assert phone_display(phone_normalise("+84 912 345 678")) == "0912 345 678"
    assert phone_display("") == ""
    assert phone_display(None) == ""


@pytest.mark.parametrize(
    "citizen_id",
    [
        "079190001234",  # HCMC, born 1990 (male, 20th century)
        "001301234567",  # Hà Nội, born 2001 (female, 21st century)
        "096085000001",  # Cà Mau
        "123456789",  # 9-digit CMND
        "025123456",
        "",
    ],
)
def test_validate_citizen_id_accepts_cccd_and_cmnd(citizen_id):
    validate_citizen_id(citizen_id)


@pytest.mark.parametrize(
    ("citizen_id", "code"),
    [
        ("003190001234", "invalid_citizen_id_province"),  # 003 is not a province code
        ("100190001234", "invalid_citizen_id_province"),
        ("097190001234", "invalid_citizen_id_province"),
        ("07919000123", "invalid_citizen_id"),  # 11 digits
        ("0791900012345", "invalid_citizen_id"),  # 13 digits
        ("12345678", "invalid_citizen_id"),  # 8 digits
        ("1234567890", "invalid_citizen_id"),  # 10 digits
        ("07919000123a", "invalid_citizen_id"),
        ("079 19000123", "invalid_citizen_id"),
    ],
)
def test_validate_citizen_id_rejects_bad_ids(citizen_id, code):
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id(citizen_id)
    assert caught.value.code == code


def test_bad_prefix_message_names_the_prefix():
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id("003190001234")
    assert "003" in caught.value.messages[0]


def test_citizen_id_normalise_strips_spaces_and_empties_to_none():
    assert citizen_id_normalise(" 079 190 001 234 ") == "079190001234"
    assert citizen_id_normalise("   ") is None
    assert citizen_id_normalise(None) is None
    with pytest.raises(ValidationError):
        citizen_id_normalise("079 190 001 23")


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("079190001234", "•••••••••234"),
        ("123456789", "••••••789"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_citizen_id_keeps_only_the_last_three_digits(value, masked):
    assert mask_citizen_id(value) == masked
    if value:
        assert value[:-3] not in mask_citizen_id(value)


@pytest.mark.parametrize(
    ("citizen_id", "year", "matches"),
    [
        ("079090001234", 1990, True),  # 0: male, 20th century
        ("079190001234", 1990, True),  # 1: female, 20th century
        ("079201001234", 2001, True),  # 2: male, 21st century
        ("079301001234", 2001, True),  # 3: female, 21st century
        ("079190001234", 1991, False),
        ("079190001234", 2090, False),  # right years, wrong century
        ("079201001234", 1901, False),
        ("123456789", 1990, True),  # a CMND carries no birth year
        ("079190001234", None, True),  # nothing to compare
    ],
)
def test_citizen_id_birth_century_matches(citizen_id, year, matches):
    assert citizen_id_birth_century_matches(citizen_id, year) is matches


def test_validate_year_of_birth_bounds():
    from datetime import date

    this_year = date.today().year
    validate_year_of_birth(this_year - 6)
    validate_year_of_birth(this_year - 120)
    for bad in (this_year - 5, this_year - 121, this_year + 1):
        with pytest.raises(ValidationError):
            validate_year_of_birth(bad)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Phú Hoà Đông", "Phú Hòa Đông"),
        ("Hoà Phú", "hòa phú"),
        ("  Tân   Thông  Hội ", "Tân Thông Hội"),
        ("Thuý", "Thúy"),
        # Decomposed (NFD) input, as some keyboards and spreadsheets produce.
        ("Phu\u0301 Hoa\u0300 \u0110o\u0302ng", "Phú Hòa Đông"),
    ],
)
def test_name_normalise_matches_spelling_variants(one, other):
    assert name_normalise(one) == name_normalise(other)


@pytest.mark.parametrize("word", ["Loại", "Hoàng", "Khoảng", "Quyết", "khuỷu"])
def test_name_normalise_leaves_closed_syllables_alone(word):
    """Old and new tone styles differ only in open syllables ("hoà"/"hòa"), not in "loại"."""
    assert name_normalise(word) == word.lower()


def test_name_normalise_keeps_different_names_apart():
    assert name_normalise("Phú Hòa Đông") != name_normalise("Phú Hòa")
    assert name_normalise("Bình Mỹ") != name_normalise("Bình Mỵ")
