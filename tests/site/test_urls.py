"""The site's pages render in Vietnamese by default; the language switch changes <html lang>."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/", "Học tập suốt đời"),
        ("/tai-khoan/login/", "Dùng số điện thoại hoặc thư điện tử bạn đã đăng ký"),
        ("/tai-khoan/signup/", "Chỉ cần họ tên, số điện thoại (hoặc thư điện tử) và mật khẩu"),
        ("/kich-hoat/", "Nhập số điện thoại, mã kích hoạt cán bộ đã đưa cho bạn"),
    ],
)
def test_pages_render_in_vietnamese(client, home_page, url, text):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert text in html
    assert _html_lang(response) == "vi"
    assert "Công dân học tập" in html


def test_named_urls_match_the_vietnamese_paths():
    assert reverse("account_login") == "/tai-khoan/login/"
    assert reverse("account_signup") == "/tai-khoan/signup/"
    assert reverse("people:activate") == "/kich-hoat/"


def test_home_page_is_the_wagtail_home_page(client, home_page):
    response = client.get("/")
    assert response.context["page"].specific == home_page
    assert home_page.intro in response.content.decode()
    assert reverse("account_signup") in response.content.decode()


def test_unknown_page_gives_the_vietnamese_404(client, home_page):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert _html_lang(response) == "vi"


def test_default_language_is_vietnamese_even_for_english_browsers(client, home_page):
    assert settings.LANGUAGE_CODE == "vi"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert _html_lang(response) == "vi"


def test_language_switch_to_english_and_back(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert _html_lang(client.get("/")) == "en"
    assert _html_lang(client.get("/tai-khoan/login/")) == "en"
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert _html_lang(client.get("/")) == "vi"


def test_unknown_language_keeps_vietnamese(client, home_page):
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert _html_lang(client.get("/")) == "vi"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert _html_lang(client.get("/")) == "vi"


def test_pages_send_security_headers(client, home_page):
    response = client.get("/tai-khoan/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
