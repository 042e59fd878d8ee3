"""Vietnamese slugs on the server (page save, admin form) and the admin's slug widget."""

import json
import re

import pytest
from django.urls import reverse

from cms.models import ArticleCategory, ArticlePage, StandardPage
from cms.text import vietnamese_slugify

pytestmark = pytest.mark.django_db


def _article(index, **fields):
    values = {
        "title": "Đăng ký Công dân học tập năm 2025",
        "summary": "Tóm tắt.",
        "body": [("paragraph", "<p>Nội dung.</p>")],
        "category": ArticleCategory.objects.first(),
    }
    return ArticlePage(**(values | fields))


def test_slug_from_a_vietnamese_title_keeps_d(article_index):
    page = article_index.add_child(instance=_article(article_index, slug=""))
    assert page.slug == "dang-ky-cong-dan-hoc-tap-nam-2025"
    assert page.url.endswith("/tin-tuc/dang-ky-cong-dan-hoc-tap-nam-2025/")


def test_slug_typed_with_diacritics_is_transliterated(article_index):
    page = article_index.add_child(instance=_article(article_index, slug="đăng-ký-năm-nay"))
    assert page.slug == "dang-ky-nam-nay"


def test_generated_slug_stays_unique_among_siblings(article_index):
    first = article_index.add_child(instance=_article(article_index, slug=""))
    second = article_index.add_child(instance=_article(article_index, slug=""))
    assert first.slug == "dang-ky-cong-dan-hoc-tap-nam-2025"
    assert second.slug == "dang-ky-cong-dan-hoc-tap-nam-2025-2"


def test_full_clean_fixes_the_slug_of_a_draft(cms_demo):
    page = StandardPage(title="Đường dây nóng", slug="")
    page.set_url_path(cms_demo)
    page._cached_parent_obj = cms_demo  # what Wagtail's "add" view does
    page.full_clean(exclude=["path", "depth"])  # not form fields: excluded by the admin too
    assert page.slug == "duong-day-nong"
    draft = StandardPage(title="Đăng ký lớp học", slug="")
    draft._cached_parent_obj = cms_demo
    draft.minimal_clean()  # what "Lưu nháp" runs
    assert draft.slug == "dang-ky-lop-hoc"


def test_category_slug_from_its_name(db):
    category = ArticleCategory.objects.create(name="Đời sống – Địa phương")
    assert category.slug == "doi-song-dia-phuong"


def test_settings_ask_wagtail_for_ascii_slugs(settings):
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False


def test_admin_slug_widget_carries_the_vietnamese_formatters(client, superuser, article_index):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=["cms", "articlepage", article_index.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    widget = re.search(r'<input[^>]*name="slug"[^>]*>', html).group(0)
    assert 'data-controller="w-slug"' in widget
    # WAGTAIL_ALLOW_UNICODE_SLUGS = False: Django leaves the false attribute out, and the
    # controller's default (no Unicode) applies.
    assert "allow-unicode-value" not in widget
    raw = re.search(r'data-w-slug-formatters-value="([^"]*)"', widget).group(1)
    formatters = json.loads(raw.replace("&quot;", '"'))
    replacements = {replacement for _pattern, replacement in formatters}
    assert {"a", "d", "e", "o", "u", "y", ""} <= replacements
    d_rule = next(pattern for pattern, replacement in formatters if replacement == "d")
    assert "đ" in d_rule[0] and "Đ" in d_rule[0]


def test_admin_form_saves_a_transliterated_slug(client, superuser, article_index):
    """With JavaScript off the editor may type the slug with diacritics."""
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=["cms", "articlepage", article_index.pk])
    data = nested_form_data(
        {
            "title": "Đăng ký Công dân học tập năm 2025",
            "slug": "đăng-ký-công-dân-học-tập-năm-2025",
            "summary": "Tóm tắt ngắn.",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung.</p>"))]),
            "category": ArticleCategory.objects.first().pk,
            "tags": "",
            "unit": "",
            "author": "",
            "publication_date": "2025-08-01",
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(title="Đăng ký Công dân học tập năm 2025")
    assert page.slug == vietnamese_slugify(page.title) == "dang-ky-cong-dan-hoc-tap-nam-2025"
