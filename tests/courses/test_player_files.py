"""Player files on mobile data (issue 12, item 5): library bundles and files at stable,
year-long, compressed addresses; a package's own files under a token that stays the same for a
learner and a package within a period, refused for another package, another learner's
disabled account or once expired."""

import gzip
import json
import re

import pytest

from courses.player import file_token
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
YEAR = "public, max-age=31536000, immutable"


@pytest.fixture
def lesson_with_h5p(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    activity = h5p_activity_from_fixture("truefalse-hello.h5p")
    block = h5p_block(activity)
    _course, (lesson,) = course_build(lessons=[[block]])
    return lesson, block["id"], activity


def config_of(response) -> dict:
    match = re.search(
        r'<script id="h5p-config" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(match.group(1))


def frame_config(client, lesson, block_id) -> dict:
    return config_of(client.get(f"/hoc/h5p/{lesson.pk}/{block_id}/"))


def test_two_views_give_the_same_addresses_and_other_learners_other_tokens(client, lesson_with_h5p):
    lesson, block_id, _activity = lesson_with_h5p
    client.force_login(UserFactory())
    first, second = frame_config(client, lesson, block_id), frame_config(client, lesson, block_id)
    for key in ("base", "contentJson", "bundleJs", "bundleCss", "coreJs", "urlLibraries"):
        assert first[key] == second[key], key
    client.force_login(UserFactory())
    other = frame_config(client, lesson, block_id)
    assert other["base"] != first["base"]  # the token names the learner
    assert other["bundleJs"] == first["bundleJs"]  # library code is the same for everyone
    assert first["libraryDirectories"]["H5P.TrueFalse-1.6"].startswith("H5P.TrueFalse-1.6.")


def test_bundles_are_public_for_a_year_and_gzip_compressed(client, lesson_with_h5p):
    lesson, block_id, _activity = lesson_with_h5p
    client.force_login(UserFactory())
    config = frame_config(client, lesson, block_id)
    client.logout()  # no session needed: library code is public
    plain = client.get(config["bundleJs"])
    assert plain.status_code == 200 and plain["Cache-Control"] == YEAR
    assert plain["Content-Type"].startswith("text/javascript")
    assert "H5P.TrueFalse" in plain.content.decode() and "H5P.Question" in plain.content.decode()
    assert "Accept-Encoding" in plain["Vary"] and not plain.has_header("Content-Encoding")
    packed = client.get(config["bundleJs"], headers={"Accept-Encoding": "gzip, deflate"})
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2
    css = client.get(config["bundleCss"], headers={"Accept-Encoding": "gzip"})
    text = gzip.decompress(css.content).decode()
    assert css["Cache-Control"] == YEAR and css["Access-Control-Allow-Origin"] == "*"
    # url()s point at the library files' stable addresses; one font source per face.
    assert 'url("/hoc/h5p-thu-vien/FontAwesome-4.5.' in text
    assert ".eot" not in text and ".svg#" not in text
    # Order: a dependency's code before the code that uses it.
    body = plain.content.decode()
    assert body.index("H5P.Question-1.4.") < body.index("H5P.TrueFalse-1.6.")


def test_a_bundle_address_that_does_not_match_the_package_is_404(client, lesson_with_h5p):
    lesson, block_id, _activity = lesson_with_h5p
    client.force_login(UserFactory())
    url = frame_config(client, lesson, block_id)["bundleJs"]
    assert client.get(re.sub(r"/[0-9a-f]{20}\.js$", "/" + "0" * 20 + ".js", url)).status_code == 404
    assert client.get(url.replace(".js", ".exe")).status_code == 404


def test_library_files_are_public_for_a_year_and_compressed(client, lesson_with_h5p):
    _lesson, _block_id, activity = lesson_with_h5p
    library = activity.package.main_library
    folder = f"{library.machine_name}-{library.major}.{library.minor}.{library.patch}"
    url = f"/hoc/h5p-thu-vien/{folder}/library.json"
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response["Cache-Control"] == YEAR
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["machineName"] == "H5P.TrueFalse"
    assert "sandbox" in response["Content-Security-Policy"]
    wrong_patch = f"{library.machine_name}-{library.major}.{library.minor}.{library.patch + 1}"
    assert client.get(f"/hoc/h5p-thu-vien/{wrong_patch}/library.json").status_code == 404
    assert client.get(f"/hoc/h5p-thu-vien/{folder}/../../h5p/packages/x").status_code == 404
    assert client.get(f"/hoc/h5p-thu-vien/{folder}/nothing.js").status_code == 404


def test_content_files_are_private_and_cacheable_for_the_learner(client, settings, lesson_with_h5p):
    _lesson, _block_id, activity = lesson_with_h5p
    token = file_token(package_id=activity.package.pk, user_id=UserFactory().pk)
    response = client.get(f"/hoc/h5p-tep/{token}/content/content.json")
    assert response.status_code == 200
    assert response["Cache-Control"] == f"private, max-age={settings.H5P_FILE_TOKEN_PERIOD}"
    packed = client.get(f"/hoc/h5p-tep/{token}/h5p.json", headers={"Accept-Encoding": "gzip"})
    assert packed["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(packed.content))["mainLibrary"] == "H5P.TrueFalse"


def test_a_token_is_the_same_within_a_period_and_refused_once_expired(
    client, settings, lesson_with_h5p
):
    _lesson, _block_id, activity = lesson_with_h5p
    period = settings.H5P_FILE_TOKEN_PERIOD
    learner = UserFactory()
    start = 1000 * period
    token = file_token(package_id=activity.package.pk, user_id=learner.pk, now=start + 1)
    assert token == file_token(package_id=activity.package.pk, user_id=learner.pk, now=start + 99)
    old = file_token(package_id=activity.package.pk, user_id=learner.pk, now=1.0)
    assert client.get(f"/hoc/h5p-tep/{old}/h5p.json").status_code == 403
    current = file_token(package_id=activity.package.pk, user_id=learner.pk)
    assert client.get(f"/hoc/h5p-tep/{current}/h5p.json").status_code == 200
    learner.is_active = False
    learner.save()
    assert client.get(f"/hoc/h5p-tep/{current}/h5p.json").status_code == 403


def test_a_token_opens_its_own_package_only(client, lesson_with_h5p):
    _lesson, _block_id, activity = lesson_with_h5p
    other = h5p_activity_from_fixture("multichoice.h5p")
    learner = UserFactory()
    token = file_token(package_id=activity.package.pk, user_id=learner.pk)
    mine = client.get(f"/hoc/h5p-tep/{token}/content/content.json").content
    theirs_token = file_token(package_id=other.package.pk, user_id=learner.pk)
    theirs = client.get(f"/hoc/h5p-tep/{theirs_token}/content/content.json").content
    assert mine != theirs
    # A token altered to name the other package is not genuine any more.
    signature = token.rsplit(":", 1)[1]
    forged = theirs_token.rsplit(":", 1)[0] + ":" + signature
    assert client.get(f"/hoc/h5p-tep/{forged}/content/content.json").status_code == 403
