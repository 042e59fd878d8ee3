"""Verification codes and register numbers.

A verification code is 12 characters of Crockford's base32 alphabet (digits and capitals
without I, L, O, U: 32 symbols, 60 random bits from ``secrets``), shown in groups of four
(``7KQ2-M9XD-4P0A``). 2⁶⁰ ≈ 1.15 × 10¹⁸ codes: guessing one of ours is infeasible even though
valid lookups are not rate limited (the arithmetic is in ``views_public``). People who type it
in may use lower case, spaces or dashes, and O/I/L for 0/1/1; :func:`code_normalise` folds
all that back.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1"})
_VALID = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_normalise(text: str) -> str | None:
    """The stored form of a typed code, or None when it cannot be one of ours."""
    folded = re.sub(r"[\s\-_.]", "", (text or "").upper()).translate(_FOLD)
    return folded if _VALID.match(folded) else None


def code_display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def unit_code(unit) -> str:
    """The commune's statistics code (GSO), or ``U<id>`` for a unit without one."""
    return unit.code or f"U{unit.pk}"


def title_series(commune) -> str:
    return f"CDHT-{unit_code(commune)}"


def course_series(commune) -> str:
    return f"KH-{unit_code(commune)}" if commune is not None else "KH"


def register_number(series: str, year: int, serial: int) -> str:
    """``CDHT-27553`` + 2025 + 123 → ``CDHT-2025-27553-000123``; ``KH`` → ``KH-2025-000123``."""
    prefix, _sep, issuer = series.partition("-")
    middle = f"-{issuer}" if issuer else ""
    return f"{prefix}-{year}{middle}-{serial:06d}"
