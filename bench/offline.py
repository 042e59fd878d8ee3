"""Benchmark: learning without a steady connection (issue 15), in headless Chromium at phone size.

Standalone: ``.venv/bin/python bench/offline.py`` (``make bench`` runs it too). It makes a
temporary folder with a SQLite database (migrated, demo loaded), starts Uvicorn on a free
127.0.0.1 port with the development settings, signs in as the demo learner and prints:

- the app shell's first load: bytes over the network for a lesson page with an empty cache
  (the page, our CSS and scripts, Workbox and idb), with the H5P frames apart (goal ≤ 350 KB);
- a repeat visit of a downloaded lesson: bytes of our assets (the page, /static/, images)
  over the network (goal: 0; the H5P frames are counted apart: online, their small document
  comes from the network for the learner's latest resume state, their files from the phone);
- the same lesson offline, its activities never opened before: how many H5P frames start (H5P
  initialised inside them), after how many seconds, and the bytes that went over the network;
- lesson usable time (the page loaded and its scripts ready: the outbox answers) on a slow-3G
  profile (400 ms, 400 kbit/s) with the CPU slowed 4× (CDP Network.emulateNetworkConditions,
  Emulation.setCPUThrottlingRate), first visit and downloaded, against the same page on the
  unthrottled network as a baseline (goal ≤ 5 s).

Nothing leaves 127.0.0.1; the folder is removed at the end.
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _server import HOST, demo_site, dev_env

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
COURSE = "/khoa-hoc/ky-nang-so-co-ban/"
LESSON = "/khoa-hoc/ky-nang-so-co-ban/an-toan-voi-vneid/dung-vneid-an-toan/"
LEARNER = "congdan@demo.invalid"
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}
PHONE = {"width": 390, "height": 844}


def _environment(workdir: Path) -> dict[str, str]:
    return dev_env(workdir, SITE_URL=f"http://{HOST}")


class Meter:
    """Bytes over the network per kind of request, from the page's DevTools events."""

    def __init__(self, page):
        self.session = page.context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.requests, self.bytes = {}, {}
        self.session.on("Network.responseReceived", self._response)
        self.session.on("Network.loadingFinished", self._finished)

    def _response(self, event):
        response = event["response"]
        self.requests[event["requestId"]] = (
            response["url"],
            bool(response.get("fromServiceWorker")) or bool(response.get("fromDiskCache")),
        )

    def _finished(self, event):
        url, cached = self.requests.get(event["requestId"], ("", True))
        if cached or not url:
            return
        kind = _kind(url)
        self.bytes[kind] = self.bytes.get(kind, 0) + int(event.get("encodedDataLength", 0))

    def throttle(self):
        self.session.send("Network.emulateNetworkConditions", SLOW_3G)
        self.session.send("Emulation.setCPUThrottlingRate", {"rate": 4})


def _kind(url: str) -> str:
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    path = "/" + path
    if path.startswith("/hoc/h5p"):
        return "h5p"
    if path.startswith("/static/h5p-standalone/"):
        return "h5p"
    if path.startswith("/static/"):
        return "static"
    if path.startswith(("/media/", "/documents/")):
        return "media"
    if path.startswith(("/xapi/", "/hoc/trang-thai/")):
        return "records"
    return "page"


def _log_in(page, base, password):
    page.goto(base + "/tai-khoan/login/")
    page.fill("input[name=login]", LEARNER)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


def _usable(page, url) -> float:
    """Seconds until the lesson is loaded and its scripts answer (the outbox is ready)."""
    start = time.perf_counter()
    page.goto(url, wait_until="load", timeout=120_000)
    while not page.evaluate("!!(window.cdhtOffline && document.querySelector('form[data-quiz]'))"):
        page.wait_for_timeout(20)
    return time.perf_counter() - start


def _ours(measured: dict) -> int:
    return sum(measured.get(kind, 0) for kind in ("page", "static", "media"))


def main() -> int:
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        print("chromium is not installed (apt-get install chromium): nothing measured")
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="bench-offline-"))
    with demo_site(_environment(workdir), workdir, login=LEARNER, probe="/sw.js") as site:
        base, password = site
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            figures = _measure(browser, base, password)
            browser.close()
    _print(figures)
    return 0


def _measure(browser, base, password) -> dict:
    figures = {}
    # Baseline and first load: a phone that never opened the site (no service worker yet: it
    # is blocked here so every byte of the first visit is seen), signed in, empty cache.
    for name, throttled in (("baseline", False), ("first", True)):
        context = browser.new_context(viewport=PHONE, service_workers="block")
        page = context.new_page()
        _log_in(page, base, password)
        meter = Meter(page)
        meter.session.send("Network.clearBrowserCache")
        if throttled:
            meter.throttle()
        figures[f"{name}_seconds"] = _usable(page, base + LESSON)
        page.wait_for_timeout(3000)
        figures[f"{name}_bytes"] = dict(meter.bytes)
        context.close()
    # The same phone with its service worker: download the course, then come back to it.
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _log_in(page, base, password)
    page.goto(base + COURSE)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.click("[data-offline-download]")
    section = page.locator(".offline-download")
    deadline = time.monotonic() + 120
    while section.get_attribute("data-state") != "downloaded" and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    figures["download_state"] = section.get_attribute("data-state")
    figures["download_text"] = section.locator(".offline-download-status").inner_text()
    page.close()
    # Repeat visit of the downloaded lesson, on slow 3G with a slow CPU.
    page = context.new_page()
    meter = Meter(page)
    meter.throttle()
    figures["repeat_seconds"] = _usable(page, base + LESSON)
    page.wait_for_timeout(3000)
    figures["repeat_bytes"] = dict(meter.bytes)
    page.close()
    # Offline, a new page of the same lesson: every activity from the downloaded copy.
    context.set_offline(True)
    page = context.new_page()
    meter = Meter(page)
    start = time.perf_counter()
    page.goto(base + LESSON, wait_until="load")
    slots = page.locator(".h5p-slot")
    figures["offline_frames_total"] = slots.count()
    for index in range(slots.count()):
        slots.nth(index).scroll_into_view_if_needed()
    started = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        started = sum(
            1
            for i in range(page.locator("iframe.h5p-frame").count())
            if (f := page.locator("iframe.h5p-frame").nth(i).element_handle().content_frame())
            and f.query_selector(".h5p-content.h5p-initialized")
        )
        if started == figures["offline_frames_total"]:
            break
        page.wait_for_timeout(100)
    figures["offline_frames_started"] = started
    figures["offline_seconds"] = time.perf_counter() - start
    figures["offline_bytes"] = sum(meter.bytes.values())
    context.close()
    return figures


def _kb(value: int) -> str:
    return f"{value / 1024:.1f} KB"


def _print(f: dict) -> None:
    first, repeat = f["first_bytes"], f["repeat_bytes"]
    print(f"download: {f['download_state']} — {f['download_text']}")
    shell = first.get("page", 0) + first.get("static", 0)
    print(
        f"app shell, first load (page + static): {_kb(shell)}"
        f"  [page {_kb(first.get('page', 0))}, static {_kb(first.get('static', 0))}; "
        f"H5P frames apart: {_kb(first.get('h5p', 0))}]  goal ≤ 350 KB"
    )
    print(
        f"repeat visit of the downloaded lesson: our assets over the network {_ours(repeat)} bytes"
        f"  [H5P frames apart: {_kb(repeat.get('h5p', 0))}]  goal 0"
    )
    print(
        f"offline, activities never opened before: {f['offline_frames_started']}/"
        f"{f['offline_frames_total']} H5P frames started in {f['offline_seconds']:.2f} s, "
        f"{f['offline_bytes']} bytes over the network"
    )
    ratio = f["first_seconds"] / f["baseline_seconds"] if f["baseline_seconds"] else 0
    print(
        f"lesson usable: unthrottled {f['baseline_seconds']:.2f} s; slow 3G + CPU 4×: first "
        f"visit {f['first_seconds']:.2f} s ({ratio:.1f}× the baseline), downloaded "
        f"{f['repeat_seconds']:.2f} s  goal ≤ 5 s"
    )


if __name__ == "__main__":
    sys.exit(main())
