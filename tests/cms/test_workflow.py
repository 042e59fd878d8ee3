"""The editorial workflow end to end, with the demo logins: the editor writes an article in
Vietnamese and submits it, the publisher approves, and the article is on the home page, found
by a search without diacritics, shared with a proper card and listed in the feed."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import ArticleCategory, ArticleIndexPage, ArticlePage

pytestmark = pytest.mark.django_db
TITLE = "Đăng ký Công dân học tập năm 2025: những điều đồng bào cần biết"
SLUG = "dang-ky-cong-dan-hoc-tap-nam-2025-nhung-dieu-dong-bao-can-biet"


@pytest.fixture
def demo(settings, tmp_path, media_root):
    """People (with the demo logins written to a temporary var/) and the CMS demo."""
    from cms.demo import demo_load as cms_demo_load
    from people.demo import demo_load as people_demo_load

    settings.VAR_DIR = tmp_path
    people_demo_load(stdout=io.StringIO())
    cms_demo_load(stdout=io.StringIO())
    rows = (tmp_path / "demo-logins.txt").read_text(encoding="utf-8").splitlines()[1:]
    return {row.split("\t")[2]: row.split("\t")[3] for row in rows if row}


def _log_in(email: str, password: str) -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def _article_form(**overrides) -> dict:
    values = {
        "title": TITLE,
        "slug": SLUG,  # what the admin's slug widget makes of the title
        "summary": "Lịch đăng ký, tự đánh giá và nộp hồ sơ năm 2025, giải thích ngắn gọn.",
        "body": streamfield(
            [
                ("heading", {"text": "Đăng ký ở đâu?", "level": "h2"}),
                ("paragraph", rich_text("<p>Tại nhà văn hóa ấp hoặc trên điện thoại.</p>")),
            ]
        ),
        "category": ArticleCategory.objects.get(slug="huong-dan-dang-ky").pk,
        "tags": "đăng ký, Củ Chi",
        "author": "Trần Văn Biên",
        "unit": "Trung tâm Văn hóa – Thể thao và Truyền thông",
        "publication_date": timezone.localdate().isoformat(),
        "comments": inline_formset([]),
    }
    return nested_form_data(values | overrides)


def test_editor_submits_publisher_approves_and_citizens_find_it(demo):
    index = ArticleIndexPage.objects.get()
    editor = _log_in("bientap@demo.invalid", demo["bientap@demo.invalid"])
    add_url = reverse("wagtailadmin_pages:add", args=["cms", "articlepage", index.pk])
    assert editor.get(add_url).status_code == 200

    # An editor cannot publish: "Xuất bản" is ignored and the page stays a draft.
    response = editor.post(add_url, {**_article_form(), "action-publish": "1"})
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug=SLUG)
    assert not page.live

    # The editor submits it for moderation.
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = editor.post(edit_url, {**_article_form(), "action-submit": "1"})
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    assert task_state.task.name == "Ban biên tập duyệt"
    anonymous = Client()
    assert anonymous.get(page.url).status_code == 404
    # The editor cannot approve their own submission.
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    editor.post(approve, {"comment": ""})
    page.refresh_from_db()
    assert not page.live

    # The publisher (administrator, in Moderators) approves: the page goes live.
    publisher = _log_in("quantri@demo.invalid", demo["quantri@demo.invalid"])
    response = publisher.post(approve, {"comment": "Đồng ý đăng."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED

    # Citizens see it on the home page, find it without diacritics, share it, follow the feed.
    home = anonymous.get("/").content.decode()
    assert TITLE in home
    found = anonymous.get("/tim-kiem/", {"q": "dang ky cong dan hoc tap nam 2025 dong bao"})
    assert TITLE in found.content.decode()
    article = anonymous.get(f"/tin-tuc/{SLUG}/").content.decode()
    assert f'<meta property="og:title" content="{TITLE}">' in article
    assert f'<link rel="canonical" href="http://testserver/tin-tuc/{SLUG}/">' in article
    assert '<meta name="twitter:card"' in article and 'property="og:image"' in article
    assert TITLE in anonymous.get("/rss/").content.decode()
    assert TITLE in anonymous.get("/rss/huong-dan-dang-ky/").content.decode()


def test_scheduled_go_live_and_expiry(demo):
    page = ArticlePage.objects.get(slug="5-dieu-dung-dien-thoai-an-toan")
    page.unpublish()
    page.go_live_at = timezone.now() + timedelta(hours=2)
    page.expire_at = timezone.now() + timedelta(days=30)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live and revision.approved_go_live_at  # waiting for its time
    # Two hours later (moved back instead of waiting), the cron job publishes it.
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.live
    # At its expiry the same job takes it down.
    type(page).objects.filter(pk=page.pk).update(expire_at=past)
    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live and page.expired
    assert Client().get(page.url).status_code == 404


def test_revisions_and_preview(demo, client):
    from django.contrib.auth import get_user_model

    page = ArticlePage.objects.get(slug="cong-dan-hoc-tap-la-gi")
    admin = get_user_model().objects.get(email="quantri@demo.invalid")
    client.force_login(admin)
    assert client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).status_code == 200
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = _article_form(title="Bản xem trước chưa đăng", slug=page.slug)
    assert client.post(preview, data).json()["is_valid"]
    response = client.get(preview)
    assert "Bản xem trước chưa đăng" in response.content.decode()
    assert "X-Page-Cache" not in response


def test_editor_labels_are_vietnamese(demo, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="bientap@demo.invalid"))
    index = ArticleIndexPage.objects.get()
    html = client.get(
        reverse("wagtailadmin_pages:add", args=["cms", "articlepage", index.pk])
    ).content.decode()
    for label in ["Tóm tắt", "Ảnh đầu trang", "Mô tả ảnh (văn bản thay thế)", "Chuyên mục",
                  "Phân loại và tác giả", "Ngày đăng"]:  # fmt: skip
        assert label in html, label
