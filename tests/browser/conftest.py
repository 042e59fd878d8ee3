"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Where /usr/bin/chromium is missing (a developer's machine without it), every test here skips
and says why; `.ci/run` installs it with apt so CI always runs them. Also the learner (uploads
in a temporary media folder) that the H5P player tests sign in as.
"""

import os
import shutil
import threading
import time

import pytest

from tests.factories import UserFactory

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


def requests_drain(timeout: float = 5.0) -> None:
    """Wait for the live server's request threads to finish. A page closed just after an answer
    leaves its statement being stored; the flush that ends a transactional test then deadlocked
    with that insert on PostgreSQL ("deadlock detected", TRUNCATE against a foreign-key check)."""
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name and thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture
def phone_page(chromium):
    context = chromium.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message))
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _live_requests_drained(request):
    """In live-server tests, set up after the database and so torn down before its flush, after
    the test's browser contexts are closed: the flush then finds no request still writing."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    requests_drain()


def log_in(page, base_url: str, login: str, password: str) -> None:
    page.goto(f"{base_url}/tai-khoan/login/")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def learner(db, wagtail_root, media):
    return UserFactory()
