"""The installable app's server side: the worker at the site root with its scope header and
the list of what it never caches, the web app manifest and our icons, the offline page (the
same for every account), and a course's offline manifest only for learners allowed to view it."""

import json

import pytest
from wagtail.models import PageViewRestriction

from offline.identity import user_key
from offline.views import NEVER_CACHE
from tests.courses.builders import (
    H5P_FIXTURES,
    NO_FIXTURES,
    course_build,
    h5p_activity_from_fixture,
    h5p_block,
    quiz_block,
    text_block,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_service_worker_is_served_at_the_root_with_root_scope(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    body = response.content.decode()
    assert "workbox" in body and "/static/workbox/" in body
    config = json.loads(body.split("var CONFIG = ", 1)[1].split(";\n", 1)[0])
    for prefix in ("/admin/", "/can-bo/", "/tai-khoan/", "/xapi/", "/toi/du-lieu.json"):
        assert prefix in config["neverCache"]
    assert config["shell"] and all(url.startswith("/static/") for url in config["shell"])


def test_every_officer_and_export_prefix_of_the_site_is_never_cached():
    officer_pages = [
        "/can-bo/nguoi-dan/",
        "/can-bo/lop-hoc/",
        "/admin/",
        "/toi/du-lieu.json",
    ]
    for url in officer_pages:
        assert any(url.startswith(prefix) for prefix in NEVER_CACHE), url


def test_the_shell_files_the_worker_precaches_exist(client):
    config = client.get("/sw.js").content.decode().split("var CONFIG = ", 1)[1]
    shell = json.loads(config.split(";\n", 1)[0])["shell"]
    for url in shell:
        assert client.get(url).status_code == 200, url


def test_the_web_app_manifest_is_vietnamese_with_our_icons_and_the_site_colour(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "Công dân học tập" and data["lang"] == "vi"
    assert data["theme_color"] == "#b3261e" and data["scope"] == "/"
    assert data["display"] == "standalone"
    for icon in data["icons"]:
        answer = client.get(icon["src"])
        assert answer.status_code == 200 and answer["Content-Type"] == icon["type"]
        if icon["type"] == "image/png":
            assert answer.content.startswith(b"\x89PNG")
    assert client.get("/ung-dung/bieu-tuong-64.png").status_code == 404


def test_pages_link_the_manifest_and_name_the_account_only_by_its_key(client):
    learner = UserFactory()
    client.force_login(learner)
    html = client.get("/ngoai-tuyen/").content.decode()
    assert 'rel="manifest"' in html
    other = client.get("/hoc/da-tai-ve/").content.decode()
    key = user_key(learner)
    assert f'name="cdht-user" content="{key}"' in other
    # A keyed hash, not the account number: 16 hex characters, different for the next account,
    # and nothing else of the account in the page's head.
    assert len(key) == 16 and int(key, 16) >= 0 and key != str(learner.pk).zfill(16)
    assert user_key(UserFactory()) != key
    head = other.split("</head>")[0]
    assert all(value not in head for value in (learner.username, learner.email) if value)


def test_the_offline_page_is_the_same_for_every_account(client):
    learner = UserFactory(first_name="Riêng", last_name="Tư")
    client.force_login(learner)
    html = client.get("/ngoai-tuyen/").content.decode()
    assert "Riêng" not in html and 'name="cdht-user" content=""' in html


@pytest.fixture
def course(db):
    course, lessons = course_build(lessons=[[text_block(), quiz_block()], [quiz_block()]])
    return course, lessons


def test_a_course_manifest_lists_its_pages_and_player_with_sizes_and_a_version(client, course):
    course, lessons = course
    client.force_login(UserFactory())
    data = client.get(f"/hoc/tai-ve/{course.pk}.json").json()
    urls = [item["url"] for item in data["files"]]
    assert course.url in urls and all(lesson.url in urls for lesson in lessons)
    assert any("frame.bundle.js" in url for url in urls)
    assert data["bytes"] > 0 and data["lessons"] == 2 and len(data["version"]) == 16
    # The player's icon font and upright Vietnamese text faces, for activities opened offline;
    # not the italic and extra-bold faces (left to the network).
    fonts = [url for url in urls if url.endswith(".woff2")]
    assert any("h5p-core" in url for url in fonts)
    assert any("inter" in url and "vietnamese-regular" in url for url in fonts)
    assert not [url for url in fonts if "italic" in url.lower() or "ExtraBold" in url]


def test_publishing_a_lesson_changes_the_course_version(client, course):
    course, (lesson, _second) = course
    client.force_login(UserFactory())
    before = client.get(f"/hoc/tai-ve/{course.pk}.json").json()["version"]
    lesson.title = "Bài 1 (sửa)"
    lesson.save_revision().publish()
    after = client.get(f"/hoc/tai-ve/{course.pk}.json").json()["version"]
    assert before != after


def test_a_course_manifest_is_only_for_learners_allowed_to_view_it(client, course):
    course, _lessons = course
    assert client.get(f"/hoc/tai-ve/{course.pk}.json").status_code == 401
    client.force_login(UserFactory())
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="bí-mật"
    )
    assert client.get(f"/hoc/tai-ve/{course.pk}.json").status_code == 403
    assert client.get("/hoc/tai-ve/999999.json").status_code == 404


def test_the_session_token_names_the_account_and_gives_a_fresh_csrf_token(client):
    assert client.get("/hoc/phien/").json() == {"user": "", "csrf": ""}
    learner = UserFactory()
    client.force_login(learner)
    response = client.get("/hoc/phien/")
    data = response.json()
    assert data["user"] == user_key(learner) and len(data["csrf"]) >= 32
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert any("/hoc/phien/".startswith(prefix) for prefix in NEVER_CACHE)


@pytest.mark.skipif(not H5P_FIXTURES.exists(), reason=NO_FIXTURES)
def test_a_course_manifest_names_the_players_own_addresses_for_its_h5p_files(client, db):
    from courses.h5p.assets import bundle_url
    from courses.player import file_token

    activity = h5p_activity_from_fixture("truefalse-hello.h5p", title="Đúng hay sai")
    course, (lesson,) = course_build(lessons=[[h5p_block(activity)]])
    learner = UserFactory()
    client.force_login(learner)
    urls = [item["url"] for item in client.get(f"/hoc/tai-ve/{course.pk}.json").json()["files"]]
    package = activity.package
    libraries = list(package.libraries_in_load_order())
    token = file_token(package_id=package.pk, user_id=learner.pk)
    assert bundle_url(package, libraries, "js") in urls
    assert bundle_url(package, libraries, "css") in urls
    assert f"/hoc/h5p-tep/{token}/content/content.json" in urls
    block_id = next(block.id for block in lesson.body)
    assert f"/hoc/h5p/{lesson.pk}/{block_id}/" in urls
    for url in urls:  # every listed file answers (the download would fail otherwise)
        assert client.get(url).status_code == 200, url


@pytest.mark.skipif(not H5P_FIXTURES.exists(), reason=NO_FIXTURES)
def test_a_course_manifest_gives_the_h5p_bundles_their_size(client, db):
    """The size shown before a download counts the player's bundles (they were left out, and
    a course showed 3.5 MB then downloaded 5.1 MB)."""
    from courses.h5p.assets import bundle_url

    activity = h5p_activity_from_fixture("truefalse-hello.h5p", title="Đúng hay sai")
    course, _lessons = course_build(lessons=[[h5p_block(activity)]])
    client.force_login(UserFactory())
    files = client.get(f"/hoc/tai-ve/{course.pk}.json").json()["files"]
    libraries = list(activity.package.libraries_in_load_order())
    for kind in ("js", "css"):
        url = bundle_url(activity.package, libraries, kind)
        listed = next(item["size"] for item in files if item["url"] == url)
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert listed and abs(listed - len(body)) <= 0.1 * len(body), (kind, listed, len(body))
