"""Serving H5P to the sandboxed player frame: who gets the frame, signed file URLs, paths that
must not resolve, and saved state coming back."""

import json
import re

import pytest

from courses.player import file_token
from courses.selectors import activity_iri
from progress.models import ActivityState
from tests.courses.builders import (
    H5P_FIXTURES,
    NO_FIXTURES,
    course_build,
    h5p_activity_from_fixture,
    h5p_block,
)
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not H5P_FIXTURES.exists(), reason=NO_FIXTURES),
]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def lesson_with_h5p(media):
    activity = h5p_activity_from_fixture("truefalse-hello.h5p")
    block = h5p_block(activity)
    _course, (lesson,) = course_build(lessons=[[block]])
    return lesson, block["id"], activity


def frame_url(lesson, block_id):
    return f"/hoc/h5p/{lesson.pk}/{block_id}/"


def config_of(response) -> dict:
    match = re.search(
        r'<script id="h5p-config" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(match.group(1))


def test_frame_needs_a_signed_in_learner(client, lesson_with_h5p):
    lesson, block_id, _activity = lesson_with_h5p
    response = client.get(frame_url(lesson, block_id))
    assert response.status_code == 403
    assert "đăng nhập" in response.content.decode()


def test_frame_is_framable_by_us_only_and_has_its_own_policy(client, lesson_with_h5p):
    lesson, block_id, _activity = lesson_with_h5p
    client.force_login(UserFactory())
    response = client.get(frame_url(lesson, block_id))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "form-action 'none'" in policy
    assert "private" in response["Cache-Control"]
    config = config_of(response)
    assert config["iri"] == activity_iri(lesson_id=lesson.pk, block_id=block_id)
    assert config["base"].startswith("/hoc/h5p-tep/")


def without_hashes(sources: list[str]) -> list[str]:
    return [source for source in sources if not source.startswith("'sha256-")]


def test_the_frame_sandboxes_itself_and_allows_only_its_own_inline_scripts(client, lesson_with_h5p):
    """The frame is sandboxed by its own policy (the lesson page adds the attribute only once it
    has loaded, so that a service worker can serve it offline); its scripts are inline, allowed
    by their exact hashes, and nothing else inline runs."""
    import base64
    import hashlib

    lesson, block_id, _activity = lesson_with_h5p
    client.force_login(UserFactory())
    response = client.get(frame_url(lesson, block_id))
    policy = directives(response["Content-Security-Policy"])
    assert policy["sandbox"] == ["allow-scripts"]  # no allow-same-origin, no top navigation
    html = response.content.decode()
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2 and "MemoryStorage" in scripts[0] and "cdhtAnswers" in scripts[1]
    assert "<script src" not in html and "<link" not in html  # nothing fetched by the frame
    hashes = sorted(s for s in policy["script-src"] if s.startswith("'sha256-"))
    expected = sorted(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    )
    assert hashes == expected
    assert "'unsafe-inline'" not in policy["script-src"]


def test_unknown_block_or_wrong_kind_is_404(client, lesson_with_h5p):
    lesson, _block_id, _activity = lesson_with_h5p
    client.force_login(UserFactory())
    assert client.get(frame_url(lesson, "not-a-block")).status_code == 404


def test_files_are_served_with_a_valid_token_only(client, settings, lesson_with_h5p):
    _lesson, _block_id, activity = lesson_with_h5p
    token = file_token(package_id=activity.package.pk, user_id=UserFactory().pk)
    ok = client.get(f"/hoc/h5p-tep/{token}/h5p.json")
    assert ok.status_code == 200
    assert ok["Access-Control-Allow-Origin"] == "*"
    assert "sandbox" in ok["Content-Security-Policy"]
    assert json.loads(ok.content)["mainLibrary"] == "H5P.TrueFalse"
    library = activity.package.main_library
    lib_dir = f"{library.machine_name}-{library.major}.{library.minor}"
    assert client.get(f"/hoc/h5p-tep/{token}/libraries/{lib_dir}/library.json").status_code == 200
    assert client.get(f"/hoc/h5p-tep/{token[:-2]}xx/h5p.json").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "../h5p.json",
        "content/../../../settings.py",
        "content/..%2f..%2fh5p.json",
        "libraries/H5P.NotInThisPackage-1.0/library.json",
        "libraries/../h5p/packages/x",
        "/etc/passwd",
        "secret.txt",
    ],
)
def test_paths_outside_the_package_do_not_resolve(client, lesson_with_h5p, path):
    _lesson, _block_id, activity = lesson_with_h5p
    token = file_token(package_id=activity.package.pk, user_id=UserFactory().pk)
    assert client.get(f"/hoc/h5p-tep/{token}/{path}").status_code == 404


def test_saved_state_comes_back_in_the_frame(client, lesson_with_h5p):
    lesson, block_id, _activity = lesson_with_h5p
    user = UserFactory()
    client.force_login(user)
    iri = activity_iri(lesson_id=lesson.pk, block_id=block_id)
    state = json.dumps({"answer": True})
    response = client.post(
        "/hoc/trang-thai/", json.dumps({"activity": iri, "state": state}),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 204
    assert ActivityState.objects.get(learner=user).state == state
    assert config_of(client.get(frame_url(lesson, block_id)))["state"] == state
    too_big = json.dumps({"activity": iri, "state": "x" * 70000})
    assert (
        client.post("/hoc/trang-thai/", too_big, content_type="application/json").status_code == 400
    )
    client.logout()
    anonymous = json.dumps({"activity": iri, "state": "{}"})
    assert (
        client.post("/hoc/trang-thai/", anonymous, content_type="application/json").status_code
        == 401
    )


def test_package_files_answer_the_cors_preflight(client, lesson_with_h5p):
    """SoundJS (Single Choice Set's sounds …) asks with X-Requested-With from the opaque frame:
    the browser first sends OPTIONS, which used to get 405."""
    _lesson, _block_id, activity = lesson_with_h5p
    token = file_token(package_id=activity.package.pk, user_id=UserFactory().pk)
    response = client.options(
        f"/hoc/h5p-tep/{token}/h5p.json",
        headers={
            "Origin": "null",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-requested-with, range",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Headers"] == "x-requested-with, range"
    odd = client.options(
        f"/hoc/h5p-tep/{token}/h5p.json",
        headers={"Access-Control-Request-Headers": "x-a\r\nSet-Cookie: y"},
    )
    assert odd.status_code == 204 and not odd.has_header("Access-Control-Allow-Headers")
    assert client.head(f"/hoc/h5p-tep/{token}/h5p.json").status_code == 200
    assert client.post(f"/hoc/h5p-tep/{token}/h5p.json").status_code == 405


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_the_frame_allows_exactly_the_video_hosts_the_administrator_lists(client, lesson_with_h5p):
    from wagtail.models import Site

    from courses.models import PlayerSettings

    lesson, block_id, _activity = lesson_with_h5p
    client.force_login(UserFactory())
    policy = directives(client.get(frame_url(lesson, block_id))["Content-Security-Policy"])
    # By default: YouTube through its embed player, and Vimeo; no other host.
    assert without_hashes(policy["script-src"]) == [
        "'self'", "'unsafe-eval'", "blob:", "https://www.youtube.com", "https://player.vimeo.com"
    ]  # fmt: skip
    assert policy["frame-src"] == [
        "https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"
    ]  # fmt: skip
    assert policy["media-src"] == ["'self'", "blob:"]
    assert policy["base-uri"] == ["'self'"]  # H5P's jQuery sets <base> to the frame's address
    assert policy["default-src"] == ["'none'"] and policy["connect-src"] == ["'self'"]

    settings = PlayerSettings.for_site(Site.objects.get(is_default_site=True))
    settings.allow_youtube = False
    settings.allow_vimeo = False
    settings.video_file_hosts = "https://video.tinh.gov.vn/\n\nhttps://cdn.example.org:8443"
    settings.full_clean()
    settings.save()
    policy = directives(client.get(frame_url(lesson, block_id))["Content-Security-Policy"])
    assert without_hashes(policy["script-src"]) == ["'self'", "'unsafe-eval'", "blob:"]
    assert policy["frame-src"] == ["'none'"]
    assert policy["media-src"] == [
        "'self'", "blob:", "https://video.tinh.gov.vn", "https://cdn.example.org:8443"
    ]  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        "video.tinh.gov.vn",
        "http://video.tinh.gov.vn",
        "https://video.tinh.gov.vn/duong-dan",
        "https://*.example.org",
        "https://a.vn; script-src *",
        "https://user@a.vn",
        "https://a.vn:99999",
    ],
)
def test_a_video_host_that_is_not_an_https_origin_is_refused_in_vietnamese(line):
    from django.core.exceptions import ValidationError

    from courses.models.player import video_file_origins

    with pytest.raises(ValidationError) as error:
        video_file_origins(f"https://ok.vn\n{line}")
    assert "Dòng 2 không phải địa chỉ máy chủ hợp lệ" in error.value.messages[0]
