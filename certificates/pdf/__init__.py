"""Printable certificates: ``certificate_pdf_render(*, data, template) -> bytes``.

A4 landscape PDF drawn with ReportLab in Roboto (from the font-roboto package), Vietnamese text
embedded so that it extracts back exactly, a vector QR code (segno) of the verification URL with
the short code under it, and a border that still reads in black and white.
"""

from .fonts import FontMissing
from .render import PAGE_HEIGHT, PAGE_WIDTH, certificate_pdf_render
from .types import CertificateData, CertificateKind, TemplateSettings, vn_date

__all__ = [
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "CertificateData",
    "CertificateKind",
    "FontMissing",
    "TemplateSettings",
    "certificate_pdf_render",
    "vn_date",
]
