"""Phone screenshots (390x844) of learning without a connection (issue 15), on a demo site:

- ``1-download-progress.png``: the course's size, then its download under way (slow 3G);
- ``2-downloaded.png``: the course on the phone;
- ``3-offline-activity.png``: offline, an H5P activity never opened before, from the phone;
- ``4-offline-waiting.png``: offline, the quiz answered: kept on the phone, records waiting;
- ``5-delivered.png``: back online: every record delivered, the quiz's result.

    .venv/bin/python bench/offline_shots.py    (SHOTS_DIR, default /work/notes/shots/offline)

Like bench/offline.py: a temporary folder with SQLite (migrated, demo loaded), Uvicorn on a free
127.0.0.1 port, the demo learner; the folder is removed at the end.
"""

import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

from _server import demo_site

# bench/offline.py, by its path (the name "offline" is also the project's app).
_spec = importlib.util.spec_from_file_location(
    "bench_offline", Path(__file__).with_name("offline.py")
)
bench_offline = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_offline)
CHROMIUM, COURSE, LEARNER, LESSON = (bench_offline.CHROMIUM, bench_offline.COURSE,
                                     bench_offline.LEARNER, bench_offline.LESSON)  # fmt: skip
PHONE, SLOW_3G = bench_offline.PHONE, bench_offline.SLOW_3G
_environment, _log_in = bench_offline._environment, bench_offline._log_in

OUT = Path(os.environ.get("SHOTS_DIR", "/work/notes/shots/offline"))


def _until(page, predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        page.wait_for_timeout(100)
    return False


def _shoot(page, base, password) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    _log_in(page, base, password)
    if os.environ.get("ONLINE_SHOT"):  # the same activity online, to compare
        page.goto(base + LESSON)
        page.locator(".h5p-slot").first.scroll_into_view_if_needed()
        _until(page, lambda: page.locator("iframe.h5p-frame").count() > 0, 30)
        frame = page.locator("iframe.h5p-frame").first.element_handle().content_frame()
        frame.wait_for_selector(".h5p-content.h5p-initialized", timeout=30000)
        page.wait_for_timeout(2500)
        page.locator("iframe.h5p-frame").first.scroll_into_view_if_needed()
        page.screenshot(path=OUT / "0-online-activity.png")
    page.goto(base + COURSE)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    section = page.locator(".offline-download")
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", SLOW_3G)
    page.click("[data-offline-download]")
    _until(page, lambda: "/" in section.locator(".offline-download-status").inner_text(), 30)
    page.wait_for_timeout(1500)
    section.scroll_into_view_if_needed()
    page.screenshot(path=OUT / "1-download-progress.png")
    session.send("Network.emulateNetworkConditions", {**SLOW_3G, "latency": 0,
                 "downloadThroughput": -1, "uploadThroughput": -1})  # fmt: skip
    _until(page, lambda: section.get_attribute("data-state") == "downloaded", 120)
    section.scroll_into_view_if_needed()
    page.screenshot(path=OUT / "2-downloaded.png")
    context = page.context
    page.close()  # its DevTools network conditions would hide the offline switch below

    context.set_offline(True)
    page = context.new_page()
    page.goto(base + LESSON)
    slot = page.locator(".h5p-slot").first
    slot.scroll_into_view_if_needed()
    _until(page, lambda: page.locator("iframe.h5p-frame").count() > 0, 30)
    frame = page.locator("iframe.h5p-frame").first.element_handle().content_frame()
    frame.wait_for_selector(".h5p-content.h5p-initialized", timeout=30000)
    page.wait_for_timeout(1500)
    page.locator("iframe.h5p-frame").first.scroll_into_view_if_needed()
    page.screenshot(path=OUT / "3-offline-activity.png")
    answers = frame.locator(".h5p-sc-alternative, .h5p-answer, .h5p-true-false-answer")
    if answers.count():  # answer it too: its records wait with the quiz's
        answers.first.click()
        page.wait_for_timeout(1500)

    quiz = page.locator("form[data-quiz]")
    quiz.scroll_into_view_if_needed()
    for fieldset in quiz.locator("[data-question]").all():
        fieldset.locator("input").first.check()
    quiz.locator("button[type=submit]").click()
    _until(page, lambda: "sẽ gửi khi có mạng" in quiz.inner_text(), 20)
    page.wait_for_timeout(500)
    page.locator(".quiz-result").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 200)")
    page.screenshot(path=OUT / "4-offline-waiting.png")

    page.context.set_offline(False)
    net = page.locator("#cdht-net")
    _until(page, lambda: net.get_attribute("data-waiting") == "0", 60)
    _until(page, lambda: "sẽ gửi khi có mạng" not in quiz.inner_text(), 30)
    page.wait_for_timeout(800)
    page.locator(".quiz-result").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 200)")
    page.screenshot(path=OUT / "5-delivered.png")
    print("net status:", net.inner_text().replace("\n", " | "))
    print("quiz:", page.locator(".quiz-result").inner_text().replace("\n", " | "))


def main() -> int:
    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="shots-offline-"))
    with demo_site(_environment(workdir), workdir, login=LEARNER, probe="/sw.js") as site:
        base, password = site
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            context = browser.new_context(viewport=PHONE, locale="vi-VN", device_scale_factor=2)
            _shoot(context.new_page(), base, password)
            browser.close()
    print(f"screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
