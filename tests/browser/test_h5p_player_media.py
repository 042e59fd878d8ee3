"""The H5P player's media in the real browser (issue 12, item 1), with packages made for each test
from the Hub fixtures' libraries: package files (sounds, audio) answer CORS preflights, and the
frame's CSP lets exactly the listed video hosts in."""

import copy

import pytest

from tests.browser.h5p_build import NO_HUB, hub_content, hub_package
from tests.browser.h5p_player import CP, Watch, libraries_in, play, wait_for
from tests.courses.builders import FIXTURES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not (FIXTURES / "h5p-hub").exists(), reason=NO_HUB),
]

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
