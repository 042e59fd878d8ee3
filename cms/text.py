"""Vietnamese text helpers: accent folding (search), slugs (URLs) and reading time.

Vietnamese letters carry one or two diacritics (ệ = e + circumflex + dot below) and one letter of
its own, đ/Đ, which Unicode does not decompose: a plain NFKD-then-ASCII slugify (Django's
``slugify``) turns "Đăng ký" into "ang-ky". Everything here maps đ → d explicitly first.
"""

import re
import unicodedata

from anyascii import anyascii
from django.utils.text import slugify

_WORD = re.compile(r"\w+")
# Vietnamese readers read about 200 syllables (space-separated "words") a minute on a phone.
WORDS_PER_MINUTE = 200


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics: "Công dân học tập" → "cong dan hoc tap",
    "Đăng ký" → "dang ky". Letters of other scripts are kept as they are."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped).lower()


def fold_words(text: str) -> list[str]:
    """The folded words of ``text``, punctuation dropped."""
    return _WORD.findall(fold(text))


def fold_query(text: str, *, max_length: int = 200) -> str:
    """A search query folded the same way as the indexed text: "Công dân, học tập!" →
    "cong dan hoc tap". Empty when nothing searchable is left."""
    return " ".join(fold_words((text or "")[:max_length]))


def vietnamese_slugify(value: str) -> str:
    """An ASCII slug that keeps every letter: "Đăng ký Công dân học tập năm 2025" →
    "dang-ky-cong-dan-hoc-tap-nam-2025". Other scripts are transliterated (anyascii)."""
    return slugify(anyascii(fold(value)))


def needs_transliteration(slug: str) -> bool:
    return not slug.isascii()


def reading_minutes(text: str) -> int:
    """Whole minutes to read ``text`` (at least 1)."""
    words = len(_WORD.findall(text or ""))
    return max(1, round(words / WORDS_PER_MINUTE))


def slug_formatters() -> list[tuple[str, str]]:
    """Regex replacements for Wagtail's slug widget (the ``w-slug`` Stimulus controller), run
    in the browser before its own transliteration. Wagtail's JavaScript map has no Vietnamese
    table: it drops ư, ơ, ạ, ế… and maps đ to "dj" (Serbian). These rules fold every Latin letter
    with diacritics (precomposed or typed as combining marks) to its base letter, đ/Đ to d."""
    groups: dict[str, list[str]] = {}
    for codepoint in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(codepoint)
        target = fold(char)
        if len(target) == 1 and target.isascii() and target.isalpha() and target != char:
            groups.setdefault(target, []).append(char)
    rules = [("[\u0300-\u036f]", "")]  # combining marks (text typed in decomposed form)
    rules += [(f"[{''.join(chars)}]", letter) for letter, chars in sorted(groups.items())]
    return rules
