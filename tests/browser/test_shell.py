"""The public shell in a real browser at phone width: Vietnamese by default, light, accessible
basics, and the language switch working without JavaScript."""

import io

import pytest

from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET_BYTES = 350 * 1024


@pytest.fixture
def site_home(db, live_server, wagtail_root):
    from cms.demo import demo_load

    demo_load(stdout=io.StringIO())
    return live_server.url


def _transferred_bytes(page, url: str) -> int:
    sizes = []

    def on_response(response):
        try:
            sizes.append(len(response.body()))
        except Exception:  # redirects and aborted requests have no body
            sizes.append(0)

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    return sum(sizes)


@pytest.mark.parametrize("path", ["/", "/tai-khoan/login/", "/tai-khoan/signup/", "/kich-hoat/"])
def test_shell_pages_are_vietnamese_light_and_fit_a_phone(phone_page, site_home, path):
    total = _transferred_bytes(phone_page, site_home + path)
    assert total < BUDGET_BYTES, f"{path} loads {total} bytes"
    # A browser that asks for English still gets Vietnamese until the person switches.
    assert phone_page.locator("html").get_attribute("lang") == "vi"
    # Nothing wider than the screen (no sideways scrolling on a 360 px phone).
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert phone_page.locator("main#main").count() == 1
    assert phone_page.locator("header[role=banner]").count() == 1
    assert phone_page.locator("footer[role=contentinfo]").count() == 1
    csp_errors = [
        m.text for m in phone_page.console_messages if "Content Security Policy" in m.text
    ]
    assert csp_errors == []


def test_skip_link_is_first_and_reaches_main(phone_page, site_home):
    phone_page.goto(site_home + "/")
    phone_page.keyboard.press("Tab")
    focused = phone_page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    box = phone_page.locator(".skip-link").bounding_box()
    assert box and box["height"] >= 24 and box["width"] >= 24


def test_buttons_and_links_in_header_are_big_enough(phone_page, site_home):
    phone_page.goto(site_home + "/tai-khoan/login/")
    for selector in [".menu-button", "main form button[type=submit]", ".brand"]:
        box = phone_page.locator(selector).first.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, selector


def test_language_switch_works_without_javascript(chromium, site_home):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_home + "/tai-khoan/login/")
    assert page.locator("h1").inner_text() == "Đăng nhập"
    page.locator("footer .language-switch button[value=en]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.endswith("/tai-khoan/login/")
    page.locator("footer .language-switch button[value=vi]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"
    context.close()


def test_menu_opens_without_javascript(chromium, site_home):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_home + "/")
    assert not page.locator(".menu-panel").is_visible()
    page.locator(".menu-button").click()
    assert page.locator(".menu-panel a[href='/tai-khoan/login/']").is_visible()
    context.close()
