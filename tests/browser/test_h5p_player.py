"""The H5P player never breaks because of us (issue 12, item 1), in the real browser, with
packages made for each test from the Hub fixtures' libraries: our listeners never throw into
H5P, and Course Presentation / Interactive Video load, fill the frame and go to the next slide
without a CSP error. Sounds, audio and video hosts: test_h5p_player_media."""

import copy
import json

import pytest

from tests.browser.h5p_build import NO_HUB, hub_content, hub_package
from tests.browser.h5p_player import CP, Watch, libraries_in, play, wait_for
from tests.courses.builders import FIXTURES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not (FIXTURES / "h5p-hub").exists(), reason=NO_HUB),
]

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
