"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Where /usr/bin/chromium is missing (a developer's machine without it), every test here skips
and says why; `.ci/run` installs it with apt so CI always runs them.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def chromium():
    """One browser per module; closed before other modules run, so that Playwright's event loop
    does not outlive the browser tests (pytest-asyncio needs the thread without one)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses that unless
    # told the calls are safe (they are: the test thread is the only one using the connection).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:  # never leak it into later tests or the subprocesses they start
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def phone_page(chromium):
    context = chromium.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message))
    yield page
    context.close()


def log_in(page, base_url: str, login: str, password: str) -> None:
    page.goto(f"{base_url}/tai-khoan/login/")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.fixture
def wagtail_root(db):
    """Transactional tests flush the database, Wagtail's root page with it: put it back."""
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:
        locale, _created = Locale.objects.get_or_create(language_code="vi")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return Page.get_first_root_node()
