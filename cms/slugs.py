"""Browser side of Vietnamese slugs, for every slug field of the Wagtail admin.

Wagtail's slug widget (``w-slug`` controller) turns the title into a slug while the editor
types. With ``WAGTAIL_ALLOW_UNICODE_SLUGS = False`` it transliterates with a map that has no
Vietnamese table: "Đăng ký Công dân học tập" became "djang-ky-cong-dan-hc-tp". The widget takes
``formatters`` (regex replacements applied first); ours fold Vietnamese letters to ASCII
(``cms.text.slug_formatters``), so the browser gives the same slug as the server
(``cms.text.vietnamese_slugify``). Registered for all ``SlugField``s of admin forms (pages of
every app, snippets), replacing Wagtail's default override.
"""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets.slug import SlugInput

from cms.text import slug_formatters


class VietnameseSlugInput(SlugInput):
    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or slug_formatters(), locale=locale)


def register_slug_widget() -> None:
    register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
