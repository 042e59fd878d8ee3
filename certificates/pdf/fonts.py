"""Roboto for ReportLab, from the ``font-roboto`` package (never from the repository).

Roboto covers every precomposed Vietnamese letter; ReportLab embeds a subset of it with a
ToUnicode map, so text extracted from the PDF is exactly the text drawn.
"""

import threading
from importlib.resources import files

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "Roboto"
BOLD = "Roboto-Bold"
ITALIC = "Roboto-Italic"
BOLD_ITALIC = "Roboto-BoldItalic"

_FILES = {
    REGULAR: "Roboto-Regular.ttf",
    BOLD: "Roboto-Bold.ttf",
    ITALIC: "Roboto-Italic.ttf",
    BOLD_ITALIC: "Roboto-BoldItalic.ttf",
}
_lock = threading.Lock()
_registered = False


class FontMissing(RuntimeError):
    """The font-roboto package is not installed (it is in requirements.txt)."""


def font_path(name: str) -> str:
    try:
        path = files("font_roboto") / "files" / _FILES[name]
    except ModuleNotFoundError as error:
        raise FontMissing("install the font-roboto package (requirements.txt)") from error
    if not path.is_file():
        raise FontMissing(f"font-roboto has no {_FILES[name]}")
    return str(path)


def fonts_register() -> None:
    """Register the four Roboto faces once per process (thread-safe, idempotent)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name in _FILES:
            pdfmetrics.registerFont(TTFont(name, font_path(name)))
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered = True
