"""The anonymous page cache: hits, invalidation on publish and unpublish, never for signed-in
people, never a visitor's CSRF token or a tracking parameter in a stored page."""

import re

import pytest
from django.conf import settings
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.utils import timezone

from cms.models import ArticlePage, StandardPage

pytestmark = pytest.mark.django_db
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _state(response) -> str:
    return response.get("X-Page-Cache", "")


def test_second_anonymous_view_comes_from_the_cache(client, article):
    first = client.get(article.url)
    second = client.get(article.url)
    assert (_state(first), _state(second)) == ("miss", "hit")
    assert second.status_code == 200
    assert second["Content-Type"] == first["Content-Type"]
    # The outer middleware still runs on a hit: security headers are there.
    assert second["X-Frame-Options"] == "DENY" and "Content-Security-Policy" in second


def test_publishing_and_unpublishing_invalidate(client, article, cms_demo):
    client.get("/")
    assert _state(client.get("/")) == "hit"
    article.title = "Tin mới đăng: lớp kỹ năng số tháng 12"
    article.publication_date = timezone.localdate()  # the newest: on the home page
    article.save_revision().publish()
    home = client.get("/")
    assert _state(home) == "miss" and article.title in home.content.decode()
    assert article.title in client.get(article.url).content.decode()
    article.unpublish()
    assert article.title not in client.get("/").content.decode()
    assert client.get(article.url).status_code == 404


def test_a_category_rename_invalidates(client, article):
    client.get(article.url)
    article.category.name = "Hiểu về chương trình"
    article.category.save()
    response = client.get(article.url)
    assert _state(response) == "miss" and "Hiểu về chương trình" in response.content.decode()


def test_signed_in_views_are_never_cached(client, article, superuser):
    client.force_login(superuser)
    for _ in range(2):
        response = client.get(article.url)
        assert _state(response) == ""
        assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert "Đăng xuất" in response.content.decode()
    anonymous = Client()
    assert _state(anonymous.get(article.url)) == "miss"
    assert "Đăng xuất" not in anonymous.get(article.url).content.decode()


def test_visitors_with_a_session_or_messages_are_not_served_from_the_cache(article):
    Client().get(article.url)
    with_session = Client()
    with_session.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    assert _state(with_session.get(article.url)) == ""
    with_messages = Client()
    with_messages.cookies["messages"] = "x"
    assert _state(with_messages.get(article.url)) == ""


def test_each_visitor_gets_their_own_csrf_token(article):
    first, second = Client(), Client()
    miss, hit = first.get(article.url), second.get(article.url)
    assert (_state(miss), _state(hit)) == ("miss", "hit")
    for visitor, response in ((first, miss), (second, hit)):
        tokens = CSRF_INPUT.findall(response.content.decode())
        assert tokens, "the language switch posts with a CSRF token"
        secret = visitor.cookies[settings.CSRF_COOKIE_NAME].value
        assert all(_unmask_cipher_token(token) == secret for token in tokens)
    assert first.cookies[settings.CSRF_COOKIE_NAME].value != (
        second.cookies[settings.CSRF_COOKIE_NAME].value
    )
    # The language switch works from a cached page (CSRF is enforced here).
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(article.url)
    assert _state(page) == "hit"
    token = CSRF_INPUT.findall(page.content.decode())[0]
    switched = strict.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302


def test_languages_are_cached_apart(client, article):
    client.get(article.url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(article.url)
    assert _state(response) == "miss" and '<html lang="en">' in response.content.decode()


def test_tracking_parameters_share_the_cached_page_and_never_leak(article):
    first = Client().get(article.url, {"fbclid": "SECRET-TRACKER-1", "utm_source": "zalo"})
    second = Client().get(article.url, {"fbclid": "SECRET-TRACKER-2"})
    plain = Client().get(article.url)
    assert (_state(first), _state(second), _state(plain)) == ("miss", "hit", "hit")
    assert "SECRET-TRACKER-1" not in second.content.decode()
    assert "SECRET-TRACKER-1" not in plain.content.decode()
    assert "fbclid" not in plain.content.decode()


def test_the_article_list_is_cached_per_filter(client, article_index):
    assert _state(client.get(article_index.url, {"chuyen_muc": "ky-nang-so"})) == "miss"
    assert _state(client.get(article_index.url, {"chuyen_muc": "ky-nang-so"})) == "hit"
    assert _state(client.get(article_index.url, {"chuyen_muc": "guong-hoc-tap"})) == "miss"


def test_restricted_pages_and_other_views_are_not_cached(client, cms_demo):
    from wagtail.models import PageViewRestriction

    page = StandardPage.objects.get(slug="lien-he")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(page.url).status_code == 302
    assert _state(client.get("/tai-khoan/login/")) == ""
    assert _state(client.get("/tim-kiem/", {"q": "dang ky"})) == ""


def test_cache_can_be_turned_off(client, article, settings):
    settings.CMS_PAGE_CACHE_SECONDS = 0
    assert _state(client.get(article.url)) == _state(client.get(article.url)) == ""


def test_scheduled_publishing_invalidates(client, article_index):
    from datetime import timedelta

    from django.core.management import call_command

    page = ArticlePage.objects.get(slug="xa-cu-chi-tap-huan-bo-tieu-chi")
    client.get("/")
    page.title = "Tin hẹn giờ: lịch tập huấn tháng 12"
    page.publication_date = timezone.localdate()
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # scheduled: not live yet
    assert page.title not in client.get("/").content.decode()
    # An hour later (moved back instead of waiting): publish_scheduled, run by cron, publishes.
    revision.refresh_from_db()
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", stdout=__import__("io").StringIO())
    assert page.title in client.get("/").content.decode()


def test_a_cache_hit_makes_no_database_query(client, article, django_assert_num_queries):
    client.get(article.url)
    with django_assert_num_queries(0):
        response = client.get(article.url)
    assert _state(response) == "hit"
