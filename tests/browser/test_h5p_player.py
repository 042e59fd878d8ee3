"""The H5P player never breaks because of us (issue 12, item 1), in the real browser, with
packages made for each test from the Hub fixtures' libraries: our listeners never throw into
H5P, package files answer CORS preflights, the frame's CSP lets exactly the listed video hosts
in, and Course Presentation / Interactive Video load without a CSP error."""

import copy
import json
import time

import pytest

from tests.browser.h5p_build import NO_HUB, hub_content, hub_package
from tests.courses.builders import FIXTURES, course_build, h5p_block
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not (FIXTURES / "h5p-hub").exists(), reason=NO_HUB),
]
CP = "H5P.CoursePresentation.h5p"


def wait_for(predicate, timeout=20.0, step=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def learner(db, wagtail_root, media):
    return UserFactory()


class Watch:
    """What the lesson page and its frames did: requests, responses, failures, console lines."""

    def __init__(self, page):
        self.requests, self.responses, self.failed, self.console = [], [], [], []
        page.on("request", lambda r: self.requests.append((r.method, r.url)))
        page.on("response", lambda r: self.responses.append((r.request.method, r.url, r.status)))
        page.on("requestfailed", lambda r: self.failed.append((r.method, r.url, r.failure)))
        page.on("console", lambda m: self.console.append(m.text))

    def violations(self):
        """CSP violations our frame script reported to the lesson page (lesson.js logs them)."""
        found = []
        for line in self.console:
            if line.startswith("cdht:csp "):
                found.append(json.loads(line.removeprefix("cdht:csp ")))
        return found

    def errors(self):
        """Our own errors the frame contained and reported to the lesson page."""
        found = []
        for line in self.console:
            if line.startswith("cdht:error "):
                found.append(json.loads(line.removeprefix("cdht:error ")))
        return found


def play(page, live_server, learner, package: bytes, title="Hoạt động thử"):
    """Store ``package`` as an activity in a lesson, sign in and open the lesson; the frame."""
    from courses.h5p.services import h5p_package_ingest
    from courses.models import H5PActivity

    stored = h5p_package_ingest(file=package, uploaded_by=None)
    activity = H5PActivity.objects.create(title=title, package=stored, pass_mark=80)
    _course, (lesson,) = course_build(lessons=[[h5p_block(activity)]])
    page.goto(f"{live_server.url}/tai-khoan/login/")
    page.fill("input[name=login]", learner.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(live_server.url + lesson.url)
    page.wait_for_selector("iframe.h5p-frame", state="attached", timeout=20000)
    return page.locator("iframe.h5p-frame").first.element_handle().content_frame(), lesson


# --- Nothing we add to the frame throws into H5P -----------------------------------------------

THROWING_JS = """
var H5P = window.H5P = window.H5P || {};
H5P.ThrowingState = (function () {
  function ThrowingState(params, contentId) { H5P.EventDispatcher.call(this); }
  ThrowingState.prototype = Object.create(H5P.EventDispatcher.prototype);
  ThrowingState.prototype.constructor = ThrowingState;
  ThrowingState.prototype.getCurrentState = function () { throw new Error("state getter broke"); };
  ThrowingState.prototype.attach = function ($container) {
    var self = this, box = $container.get(0);
    var button = document.createElement("button");
    button.id = "go"; button.textContent = "Tiếp";
    button.addEventListener("click", function () {
      self.triggerXAPI("interacted");  // our listeners run inside this call
      var after = document.createElement("p");
      after.id = "after"; after.textContent = "H5P went on";
      box.appendChild(after);
    });
    box.appendChild(button);
  };
  return ThrowingState;
})();
"""


def throwing_package() -> bytes:
    library = {
        "title": "Throwing state", "machineName": "H5P.ThrowingState", "majorVersion": 1,
        "minorVersion": 0, "patchVersion": 0, "runnable": 1,
        "preloadedJs": [{"path": "throwing.js"}],
    }  # fmt: skip
    return hub_package(
        "H5P.Audio.h5p",
        main="H5P.ThrowingState 1.0",
        content={"text": "x"},
        extra_libraries={
            "H5P.ThrowingState-1.0/library.json": json.dumps(library).encode(),
            "H5P.ThrowingState-1.0/throwing.js": THROWING_JS.encode(),
        },
        title="Trạng thái lỗi",
    )


def test_a_state_getter_that_throws_never_stops_the_content(phone_page, live_server, learner):
    from progress.models import Statement

    watch = Watch(phone_page)
    frame, _lesson = play(phone_page, live_server, learner, throwing_package())
    frame.wait_for_selector("#go", timeout=20000)
    frame.click("#go")
    frame.wait_for_selector("#after", timeout=5000)  # the click handler ran to its end
    assert wait_for(
        lambda: Statement.objects.filter(learner=learner, verb__endswith="/interacted").exists()
    ), "the statement was lost"
    # Our error is reported to the lesson page's console, not thrown into H5P.
    assert wait_for(lambda: any("state getter broke" in e["message"] for e in watch.errors()))


def libraries_in(params) -> list[str]:
    """Every "library": "H5P.X 1.2" named anywhere in content parameters."""
    found = []
    if isinstance(params, dict):
        if isinstance(params.get("library"), str):
            found.append(params["library"])
        for value in params.values():
            found += libraries_in(value)
    elif isinstance(params, list):
        for value in params:
            found += libraries_in(value)
    return found


def course_presentation_with_video(files=None) -> bytes:
    """Two slides: the fixture's Interactive Video (its own source, on a host the frame does not
    allow, unless ``files`` replaces it), then a text."""
    content = copy.deepcopy(hub_content(CP))
    video = copy.deepcopy(content["presentation"]["slides"][2])
    action = video["elements"][0]["action"]
    if files is not None:  # and a bare video: no interactions, no summary
        action["params"]["interactiveVideo"]["video"]["files"] = files
        action["params"]["interactiveVideo"]["assets"] = {"interactions": []}
        action["params"]["interactiveVideo"].pop("summary", None)
    text = {
        "elements": [
            {
                "x": 5, "y": 5, "width": 90, "height": 40,
                "action": {
                    "library": "H5P.AdvancedText 1.1",
                    "params": {"text": "<p id='slide-two'>Trang thứ hai</p>"},
                    "subContentId": "7d2f0c1e-0000-4000-8000-000000000002",
                },
            }
        ],
        "keywords": [],
    }  # fmt: skip
    content["presentation"]["slides"] = [video, text]
    return hub_package(
        CP,
        main="H5P.CoursePresentation 1.22",
        roots=["H5P.AdvancedText 1.1", *libraries_in(video)],
        content=content,
        title="Trình chiếu có video",
    )


def frame_widths(frame, selector) -> dict:
    """The rendered width of ``selector`` and of the frame's viewport, in CSS pixels."""
    return frame.evaluate(
        "(s) => { const e = document.querySelector(s);"
        " return {content: e ? e.getBoundingClientRect().width : 0,"
        " frame: document.documentElement.clientWidth}; }",
        selector,
    )


# Each wrapper's width and inline style, outermost first: the failure message for the test above.
CHAIN = """(() => Array.from(document.querySelectorAll(
  'body, #h5p, .h5p-content, .h5p-course-presentation, .h5p-wrapper'
)).map((x) => x.className + ' ' + x.getBoundingClientRect().width
  + ' ' + x.getAttribute('style')))()"""


def heights(page, frame) -> dict:
    """The presentation's rendered size, and the height of the frame the lesson page gave it."""
    size = frame.evaluate(
        "() => { const e = document.querySelector('.h5p-course-presentation');"
        " const r = e ? e.getBoundingClientRect() : {width: 0, height: 0};"
        " return {width: r.width, height: r.height}; }"
    )
    outer = page.evaluate("document.querySelector('iframe.h5p-frame').offsetHeight")
    return {**size, "frame": outer}


def tall_enough(page, frame) -> bool:
    size = heights(page, frame)
    return size["width"] > 0 and size["frame"] >= size["height"] >= 0.4 * size["width"]


def content_fills_frame(frame, selector) -> bool:
    widths = frame_widths(frame, selector)
    return widths["frame"] > 0 and widths["content"] >= 0.9 * widths["frame"]


@pytest.mark.parametrize("files", [None, []], ids=["blocked-source", "no-source"])
def test_next_slide_works_past_an_interactive_video_without_a_playable_source(
    phone_page, live_server, learner, files
):
    watch = Watch(phone_page)
    package = course_presentation_with_video(files)
    frame, _lesson = play(phone_page, live_server, learner, package)
    frame.wait_for_selector(".h5p-footer-next-slide", timeout=30000)
    # The presentation fills the frame: it once rendered in a strip ~16 px wide.
    assert wait_for(lambda: content_fills_frame(frame, ".h5p-course-presentation")), frame_widths(
        frame, ".h5p-course-presentation"
    )
    # ... and is as tall as its slides (at least 0.4 of its width), in a frame that tall: a
    # 16 px high strip was reported on the demo at 390 px.
    assert wait_for(lambda: tall_enough(phone_page, frame)), heights(phone_page, frame)
    frame.locator(".h5p-footer-next-slide").click()
    frame.wait_for_selector("#slide-two", state="visible", timeout=5000)
    assert wait_for(lambda: content_fills_frame(frame, ".h5p-course-presentation"), 5), (
        frame.evaluate(CHAIN)
    )
    assert "2" in frame.locator(".h5p-footer-slide-count-current").inner_text()
    assert not watch.errors()
    # No base-uri error: H5P's jQuery (parseHTML) gives its inert documents <base href> of the
    # frame's own address, which the frame's policy must allow.
    assert not [v for v in watch.violations() if v["directive"] == "base-uri"], watch.console


# --- Package files fetched with CORS: sounds, audio -------------------------------------------


def single_choice_set_with_sounds() -> bytes:
    content = {
        "choices": [
            {
                "question": "<p>Danh hiệu “Công dân học tập” do cấp nào công nhận?</p>",
                "answers": ["<p>Ủy ban nhân dân xã</p>", "<p>Tự mình công nhận</p>"],
                "subContentId": "0b8e6d2a-1c1f-4b7e-9a51-000000000001",
            }
        ],
        "overallFeedback": [{"from": 0, "to": 100}],
        "behaviour": {
            "autoContinue": True, "timeoutCorrect": 2000, "timeoutWrong": 3000,
            "soundEffectsEnabled": True, "enableRetry": True, "enableSolutionsButton": True,
            "passPercentage": 100,
        },
    }  # fmt: skip
    return hub_package(
        CP, main="H5P.SingleChoiceSet 1.11", content=content, title="Chọn một đáp án"
    )


def test_sound_effects_are_fetched_through_the_cors_preflight(phone_page, live_server, learner):
    watch = Watch(phone_page)
    frame, _lesson = play(phone_page, live_server, learner, single_choice_set_with_sounds())
    frame.wait_for_selector(".h5p-sc-alternative", timeout=30000)
    frame.locator(".h5p-sc-alternative").first.click()  # the sounds load with the first answer

    def sounds(method):
        return [r for r in watch.responses if r[0] == method and "/sounds/" in r[1]]

    # SoundJS asks with X-Requested-With: the browser sends a preflight first (Playwright does
    # not show it), which got 405, and the sounds then failed with a CORS error.
    assert wait_for(lambda: len(sounds("GET")) >= 2), (watch.responses[-10:], watch.failed)
    assert all(status == 200 for _m, _u, status in sounds("GET"))
    assert not [line for line in watch.console if "CORS" in line], watch.console
    assert not [f for f in watch.failed if "/hoc/h5p-tep/" in f[1]], watch.failed
    assert not watch.errors() and not watch.violations(), watch.console


def test_an_audio_package_plays(phone_page, live_server, learner):
    watch = Watch(phone_page)
    package = (FIXTURES / "h5p-hub" / "H5P.Audio.h5p").read_bytes()
    frame, _lesson = play(phone_page, live_server, learner, package, title="Nghe bài hát")
    frame.wait_for_selector("audio", state="attached", timeout=30000)
    frame.evaluate("document.querySelector('audio').muted = true")
    frame.evaluate("document.querySelector('audio').play().catch(function () {})")
    playing = wait_for(
        lambda: frame.evaluate(
            "(() => { const a = document.querySelector('audio');"
            " return !a.error && a.readyState >= 2 && a.currentTime > 0; })()"
        ),
        timeout=15,
    )
    assert playing, (watch.console, watch.failed)
    assert [r for r in watch.responses if r[1].endswith(".ogg") and r[2] in (200, 206)]
    assert not watch.errors() and not watch.violations(), watch.console


# --- Videos by URL: exactly the hosts the administrator lists ----------------------------------

YOUTUBE_SOURCE = [{"path": "https://www.youtube.com/watch?v=aqz-KE-bpKQ", "mime": "video/YouTube"}]
EVIL_SOURCE = [{"path": "https://evil.example/clip.mp4", "mime": "video/mp4"}]


def interactive_video(files) -> bytes:
    """The fixture presentation's Interactive Video on its own, its source replaced by
    ``files``, with no interactions and no summary."""
    video = hub_content(CP)["presentation"]["slides"][2]["elements"][0]["action"]["params"]
    video = copy.deepcopy(video)
    video["interactiveVideo"]["video"]["files"] = files
    video["interactiveVideo"]["assets"] = {"interactions": []}
    video["interactiveVideo"].pop("summary", None)
    return hub_package(
        CP, main="H5P.InteractiveVideo 1.22", roots=libraries_in(video), content=video,
        title="Video bài giảng",
    )  # fmt: skip


def allow_youtube(on: bool):
    from wagtail.models import Site

    from courses.models import PlayerSettings

    settings = PlayerSettings.for_site(Site.objects.get(is_default_site=True))
    settings.allow_youtube = on
    settings.save()


def reload_with(page, watch, *, youtube: bool):
    """The lesson again, after the administrator changed the allowed hosts (the site exists
    once the lesson does); what the page did before is forgotten."""
    allow_youtube(youtube)
    page.reload()
    page.wait_for_selector("iframe.h5p-frame", state="attached", timeout=20000)
    for seen in (watch.requests, watch.responses, watch.failed, watch.console):
        seen.clear()
    page.reload()
    page.wait_for_selector("iframe.h5p-frame", state="attached", timeout=20000)
    return page.locator("iframe.h5p-frame").first.element_handle().content_frame()


def frame_policy(page, frame) -> dict[str, list[str]]:
    """The CSP header of the player frame's response, as directives."""
    response = page.request.get(frame.url)
    assert response.status == 200
    return {
        part.split()[0]: part.split()[1:]
        for part in response.headers["content-security-policy"].split(";")
        if part.strip()
    }


def to_host(watch, host) -> list:
    return [url for _method, url in watch.requests if url.startswith(host)]


def only_refused_by_csp(watch, host) -> bool:
    """No request to ``host`` was let through: Chromium announces the request, then fails it
    ("csp", ERR_BLOCKED_BY_CSP) before anything leaves the machine."""
    failed = {url: failure for _method, url, failure in watch.failed if url.startswith(host)}
    return not [r for r in watch.responses if r[1].startswith(host)] and all(
        "csp" in str(failed.get(url)).lower() for url in to_host(watch, host)
    )


def test_youtube_plays_through_its_embed_player_only_when_allowed(phone_page, live_server, learner):
    # Allowed (the default): the frame's policy admits YouTube's script and frames, and the
    # page asks for the IFrame Player API without a violation (the machine may be offline:
    # whether the video then plays is not the point).
    watch = Watch(phone_page)
    frame, _lesson = play(phone_page, live_server, learner, interactive_video(YOUTUBE_SOURCE))
    frame = reload_with(phone_page, watch, youtube=True)
    frame.wait_for_selector(".h5p-youtube", state="attached", timeout=30000)
    policy = frame_policy(phone_page, frame)
    assert "https://www.youtube.com" in policy["script-src"]
    assert "https://www.youtube.com" in policy["frame-src"]
    assert wait_for(lambda: to_host(watch, "https://www.youtube.com/iframe_api"))
    assert not [v for v in watch.violations() if "youtube" in v.get("blocked", "")], watch.console


def test_youtube_stays_blocked_when_not_allowed(phone_page, live_server, learner):
    watch = Watch(phone_page)
    frame, _lesson = play(phone_page, live_server, learner, interactive_video(YOUTUBE_SOURCE))
    frame = reload_with(phone_page, watch, youtube=False)
    frame.wait_for_selector(".h5p-youtube", state="attached", timeout=30000)
    policy = frame_policy(phone_page, frame)
    assert not [s for s in policy["script-src"] + policy["frame-src"] if "youtube" in s]
    blocked = wait_for(
        lambda: [v for v in watch.violations() if "www.youtube.com" in v.get("blocked", "")]
    )
    assert blocked and blocked[0]["directive"].startswith("script-src"), watch.console
    assert wait_for(lambda: only_refused_by_csp(watch, "https://www.youtube.com")), watch.failed


def test_a_video_file_on_a_host_nobody_listed_stays_blocked(phone_page, live_server, learner):
    watch = Watch(phone_page)
    frame, _lesson = play(phone_page, live_server, learner, interactive_video(EVIL_SOURCE))
    frame = reload_with(phone_page, watch, youtube=True)
    frame.wait_for_selector("video", state="attached", timeout=30000)
    policy = frame_policy(phone_page, frame)
    assert not [s for s in policy["media-src"] if "evil" in s]
    blocked = wait_for(
        lambda: [v for v in watch.violations() if "evil.example" in v.get("blocked", "")]
    )
    assert blocked and blocked[0]["directive"].startswith("media-src"), watch.console
    assert wait_for(lambda: only_refused_by_csp(watch, "https://evil.example")), watch.failed
