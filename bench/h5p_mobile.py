"""Benchmark: what a lesson with one true/false H5P question costs on mobile data (issue 12, 5).

Standalone: ``.venv/bin/python bench/h5p_mobile.py`` (``make bench`` runs it too). Needs
../shared/fixtures/h5p and Debian's /usr/bin/chromium; says so and stops (successfully) when
either is absent. It makes a temporary folder with a SQLite database (migrated), collected
static files and media, stores ``truefalse-hello.h5p`` as an activity at the end of a lesson
whose text fills more than a phone screen, and a learner; then starts Uvicorn (one worker) on
127.0.0.1 with ``config.settings.production``, as ``bench/pages.py`` does.

Headless Chromium (Playwright, never a downloaded browser) at phone size signs the learner in,
then, with the network throttled through the DevTools protocol to a slow-3G profile
(``Network.emulateNetworkConditions``: 400 kbit/s down and up, 400 ms latency), visits the
lesson twice in the same browser context (its HTTP cache kept):

- requests and bytes transferred (``encodedDataLength``: headers + body as received) from the
  lesson's navigation until 10 s after the question is usable and the network has then been
  quiet for 2 s (so the fonts the content uses are counted);
  answers from the browser's cache are not requests;
- the time from scrolling the activity into view until the question is usable (the "True"
  answer visible in the player frame).

Goals (issue 12): first visit ≤ 350 KB and ≤ 20 requests, repeat visit ≤ 30 KB, question usable
≤ 6 s after scrolling on slow 3G. ``--root DIR`` serves another checkout of the code (e.g.
``git worktree add /tmp/mobile-before <commit>``, with ``node_modules`` linked in) to measure
"before" with this same script. ``--cpu N`` also slows the CPU N times.
"""

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _server import free_port, manage_run, server_command, server_start, server_stop

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = (ROOT / "../shared/fixtures/h5p/truefalse-hello.h5p").resolve()
CHROMIUM = "/usr/bin/chromium"
HOST = "127.0.0.1"
PHONE = {"width": 390, "height": 844}
SLOW_3G = {"latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
QUIET_SECONDS = 2.0
SETTLE_MS = 10_000
GOALS = {"first_kb": 350, "first_requests": 20, "repeat_kb": 30, "usable_s": 6.0}
LOGIN, PASSWORD = "hocvien-bench@example.org", secrets.token_urlsafe(12)

SETUP = """
from pathlib import Path
from cms.demo import home_ensure
from courses.h5p.services import h5p_package_ingest
from courses.models import CourseIndexPage, CoursePage, H5PActivity, LessonPage, ModulePage
from people.models import User
home = home_ensure()
index = CourseIndexPage.objects.first()
if index is None:
    index = CourseIndexPage(title="Khóa học", slug="khoa-hoc")
    home.add_child(instance=index)
    index.save_revision().publish()
package = h5p_package_ingest(file=Path({fixture!r}).read_bytes(), uploaded_by=None)
activity = H5PActivity.objects.create(title="Câu hỏi đúng/sai", package=package, pass_mark=80)
course = CoursePage(title="Khóa thử", slug="khoa-thu", track="criteria", summary="Tóm tắt.",
                    outcomes="<ul><li>Hiểu bài</li></ul>")
index.add_child(instance=course)
course.save_revision().publish()
module = ModulePage(title="Chương 1", slug="chuong-1")
course.add_child(instance=module)
module.save_revision().publish()
text = "".join("<p>Đoạn %d của bài học: công dân học tập tự học suốt đời, dùng điện thoại để "
               "tra cứu, học các khóa ngắn và ghi nhận kết quả.</p>" % i for i in range(40))
body = [{{"type": "text", "value": text, "id": "t1"}},
        {{"type": "h5p", "id": "q1", "value": {{"activity": activity.pk, "required": True,
          "pass_mark": None, "competences": []}}}}]
lesson = LessonPage(title="Bài 1", slug="bai-1", body=body)
module.add_child(instance=lesson)
lesson.save_revision().publish()
User.objects.create_user(username="hocvien-bench", email={login!r}, password={password!r},
                         full_name="Học viên thử")
Path({out!r}).write_text(LessonPage.objects.get(pk=lesson.pk).url)
"""


def _environment(workdir: Path, root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG", "DATABASE_URL"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": HOST,
            "SITE_URL": f"http://{HOST}",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "VAR_DIR": str(workdir),
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "PYTHONPATH": f"{root}{os.pathsep}{root / 'site'}",
        }
    )
    return env


class Traffic:
    """Requests that went to the network and the bytes they brought (DevTools events)."""

    def __init__(self):
        self.requests: dict[str, dict] = {}
        self.last_activity = time.monotonic()

    def attach(self, session) -> None:
        session.on("Network.requestWillBeSent", self._sent)
        session.on("Network.requestServedFromCache", self._cached)
        session.on("Network.responseReceived", self._response)
        session.on("Network.loadingFinished", self._finished)
        session.on("Network.loadingFailed", self._finished)

    def reset(self) -> None:
        self.requests = {}
        self.last_activity = time.monotonic()

    def _sent(self, event):
        url = event["request"]["url"]
        if url.startswith(("data:", "blob:", "about:")):
            return
        entry = self.requests.setdefault(event["requestId"], {"bytes": 0, "cached": False})
        entry["url"] = url
        self.last_activity = time.monotonic()

    def _cached(self, event):
        if event["requestId"] in self.requests:
            self.requests[event["requestId"]]["cached"] = True

    def _response(self, event):
        entry = self.requests.get(event["requestId"])
        if entry is not None:
            response = event["response"]
            entry["status"] = response.get("status")
            if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
                entry["cached"] = True
        self.last_activity = time.monotonic()

    def _finished(self, event):
        entry = self.requests.get(event["requestId"])
        if entry is not None:
            entry["bytes"] = event.get("encodedDataLength", 0)
            entry["done"] = True
            if event.get("errorText"):
                entry["url"] += f"  (failed: {event['errorText']})"
        self.last_activity = time.monotonic()

    def network(self) -> list[dict]:
        return [r for r in self.requests.values() if not r["cached"]]

    def wait_quiet(self, seconds: float = QUIET_SECONDS, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pending = [r for r in self.requests.values() if not r.get("done") and not r["cached"]]
            if not pending and time.monotonic() - self.last_activity >= seconds:
                return
            time.sleep(0.1)


def _visit(page, traffic: Traffic, url: str) -> dict:
    traffic.reset()
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_timeout(500)
    slot = page.locator(".h5p-activity").first
    started = time.monotonic()
    slot.scroll_into_view_if_needed()
    frame = page.frame_locator("iframe.h5p-frame").first
    frame.locator(".h5p-true-false-answer").first.wait_for(state="visible", timeout=120_000)
    usable = time.monotonic() - started
    page.wait_for_timeout(SETTLE_MS)  # the fonts the content uses are fetched after it shows
    traffic.wait_quiet()
    if os.environ.get("H5P_MOBILE_SCREENSHOT"):  # a path: look at the question as played
        page.screenshot(path=os.environ["H5P_MOBILE_SCREENSHOT"])
    sent = traffic.network()
    return {
        "requests": len(sent),
        "kb": sum(r["bytes"] for r in sent) / 1000,
        "usable_s": usable,
        "detail": sorted(((r["bytes"], r["url"]) for r in sent), reverse=True),
    }


def _answer(page) -> int:
    """Answer the question and check it: the xAPI statements the server accepted (the frame's
    statements still reach it through the lesson page)."""
    accepted = []
    page.on(
        "response",
        lambda r: (
            accepted.append(r.status)
            if "/xapi/statements" in r.url
            and r.request.method in ("POST", "PUT")
            and r.status < 300
            else None
        ),
    )
    frame = page.frame_locator("iframe.h5p-frame").first
    frame.locator(".h5p-true-false-answer").first.click()
    frame.locator(".h5p-question-check-answer").click()
    deadline = time.monotonic() + 60
    while not accepted and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    return len(accepted)


def measure(base: str, lesson_path: str, cpu: float, verbose: bool) -> dict:
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            # The sandboxed frame stays in the page's process, so the page's DevTools session
            # throttles and sees its requests too (the same requests as when isolated).
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-features=IsolateSandboxedIframes"],
        )  # fmt: skip
        context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True)
        page = context.new_page()
        page.goto(f"{base}/tai-khoan/login/", timeout=120_000)
        page.wait_for_selector("input[name=login]", timeout=120_000)
        page.fill("input[name=login]", LOGIN)
        page.fill("input[name=password]", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_load_state("networkidle")
        traffic = Traffic()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", {"offline": False, **SLOW_3G})
        if cpu > 1:
            session.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
        traffic.attach(session)
        results = {}
        for visit in ("first", "repeat"):
            results[visit] = _visit(page, traffic, base + lesson_path)
            if verbose:
                print(f"-- {visit} visit:")
                for size, url in results[visit]["detail"]:
                    print(f"{size:>9,}  {url.replace(base, '')[:110]}")
        results["answered"] = _answer(page)
        browser.close()
    return results


def run(root: Path, cpu: float, verbose: bool) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="h5p-mobile-bench-"))
    server = None
    try:
        env = _environment(workdir, root)
        manage_run(env, "migrate", "--noinput", root=root)
        manage_run(env, "collectstatic", "--noinput", root=root)
        out = workdir / "lesson-url"
        code = SETUP.format(fixture=str(FIXTURE), login=LOGIN, password=PASSWORD, out=str(out))
        manage_run(env, "shell", "-c", code, root=root)
        port = free_port()
        command = server_command(port)
        server = server_start(command, env, workdir / "server.log", "/")
        return measure(f"http://{HOST}:{port}", out.read_text().strip(), cpu, verbose)
    finally:
        if server is not None:
            server_stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


def _row(label: str, value: float, goal: float, unit: str) -> str:
    verdict = "met" if value <= goal else "NOT met"
    return f"  {label:<34}{value:>9.1f} {unit:<9}(goal ≤ {goal:g}: {verdict})"


def report(name: str, results: dict) -> None:
    first, repeat = results["first"], results["repeat"]
    print(f"{name}:")
    print(_row("first visit, transferred", first["kb"], GOALS["first_kb"], "KB"))
    print(_row("first visit, requests", first["requests"], GOALS["first_requests"], "requests"))
    print(_row("repeat visit, transferred", repeat["kb"], GOALS["repeat_kb"], "KB"))
    print(f"  {'repeat visit, requests':<34}{repeat['requests']:>9} requests")
    print(_row("first visit, usable after scroll", first["usable_s"], GOALS["usable_s"], "s"))
    print(f"  {'repeat visit, usable after scroll':<34}{repeat['usable_s']:>9.1f} s")
    print(f"  {'statements accepted after answering':<34}{results['answered']:>9}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, help="serve this checkout instead of this one")
    parser.add_argument("--cpu", type=float, default=1.0, help="CPU slow-down factor")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every request")
    args = parser.parse_args()
    if not FIXTURE.exists():
        print(f"{FIXTURE} is not present: nothing to measure.")
        return 0
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is not installed: nothing to measure.")
        return 0
    cpu = f", CPU ÷{args.cpu:g}" if args.cpu > 1 else ""
    print(
        f"Headless Chromium {PHONE['width']}×{PHONE['height']}, slow 3G (400 kbit/s, 400 ms)"
        f"{cpu}; Uvicorn, config.settings.production; one true/false question at the end of a "
        "lesson longer than the screen."
    )
    roots = [("before", args.root.resolve())] if args.root else []
    roots.append(("this checkout" if not args.root else "after", ROOT))
    for name, root in roots:
        report(f"{name} ({root})", run(root, args.cpu, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
