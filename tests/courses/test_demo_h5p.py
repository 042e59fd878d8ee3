"""The demo's H5P activities: our Vietnamese content, in the demo lessons, checkable on the
server; content types from the fixtures, from the Hub (a stand-in), or a message saying how."""

import io

import pytest

from courses import demo, demo_h5p
from courses.competences import competence_framework_load
from courses.demo_h5p_activities import ACTIVITIES
from courses.h5p.compose import h5p_package_compose
from courses.models import H5PActivity, H5PLibrary, H5PPackage, LessonPage
from progress.checking.explain import h5p_check_explanation
from progress.checking.libraries import CHECKERS
from tests.courses.h5p_helpers import needs_fixtures
from tests.courses.hub_server import FakeHub, library_package_from_fixture, recorded_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def no_fixtures(monkeypatch, tmp_path):
    """As on a user's own clone: no ../shared/fixtures beside the project."""
    monkeypatch.setattr(demo_h5p, "FIXTURES", tmp_path / "no-shared" / "fixtures")


def _load() -> str:
    competence_framework_load()
    out = io.StringIO()
    demo.demo_load(stdout=out)
    return out.getvalue()


def _h5p_blocks() -> dict[str, list]:
    return {
        lesson.slug: [block for block in lesson.body if block.block_type == "h5p"]
        for lesson in LessonPage.objects.all()
    }


@needs_fixtures
def test_the_demo_has_vietnamese_activities_of_six_types_in_its_lessons(home_page, media):
    _load()
    blocks = _h5p_blocks()
    placed = [block.value["activity"] for found in blocks.values() for block in found]
    assert len(placed) == len(ACTIVITIES) == 8
    types = {activity.package.main_library.machine_name for activity in placed}
    assert types == {
        "H5P.TrueFalse",
        "H5P.MultiChoice",
        "H5P.Blanks",
        "H5P.DragText",
        "H5P.SingleChoiceSet",
        "H5P.QuestionSet",
    }
    assert blocks["nop-ho-so-dich-vu-cong"][0].value["activity"].title.startswith("Bộ câu hỏi")
    for activity in placed:
        package = activity.package
        assert package.h5p_json["language"] == "vi"
        assert "chỉ có khi phát triển" not in activity.title
        # Results count: the server can check every one of them.
        explanation = h5p_check_explanation(
            main_library=package.h5p_json["mainLibrary"], content_json=package.content_json
        )
        assert explanation is None, (activity.title, explanation)
    # The fixtures lent their libraries only: no package of theirs, no English content.
    assert H5PPackage.objects.count() == len(ACTIVITIES)
    assert not H5PPackage.objects.filter(title__in=["Hello World", "Multiple Choice"]).exists()


@needs_fixtures
def test_a_demo_activity_is_graded_from_our_answer_key(home_page, media):
    _load()
    activity = H5PActivity.objects.get(title="Đúng hay sai: ai công nhận danh hiệu?")
    check = CHECKERS["H5P.TrueFalse"]
    assert check(activity.package.content_json, "true").success is True
    assert check(activity.package.content_json, "false").success is False


@needs_fixtures
def test_loading_twice_adds_nothing(home_page, media):
    _load()
    counts = (H5PActivity.objects.count(), H5PPackage.objects.count(), H5PLibrary.objects.count())
    ids = {slug: [b.id for b in found] for slug, found in _h5p_blocks().items()}
    out = _load()
    assert "0 pages created, 0 updated" in out
    assert "library versions installed" not in out
    assert (
        H5PActivity.objects.count(),
        H5PPackage.objects.count(),
        H5PLibrary.objects.count(),
    ) == counts
    assert {slug: [b.id for b in found] for slug, found in _h5p_blocks().items()} == ids


def test_without_content_types_the_demo_says_how_to_install_them(home_page, media, no_fixtures):
    out = _load()
    assert "chưa cài dạng bài H5P.TrueFalse" in out
    assert "manage.py h5p_hub_install H5P.TrueFalse" in out
    assert "Dạng bài H5P" in out and "manage.py demo_load" in out
    assert not H5PActivity.objects.exists()
    assert all(found == [] for found in _h5p_blocks().values())
    assert LessonPage.objects.live().count() == 8  # everything else is loaded


@needs_fixtures
def test_with_the_hub_on_the_demo_installs_from_it(home_page, media, no_fixtures, settings):
    listing = recorded_list()
    scs = dict(listing["contentTypes"][0], id="H5P.SingleChoiceSet", title="Single Choice Set")
    scs["version"] = {"major": 1, "minor": 11, "patch": 12}
    listing["contentTypes"].append(scs)
    downloads = {
        name: library_package_from_fixture("h5p/questionset.h5p", name)
        for name in ("H5P.TrueFalse", "H5P.MultiChoice", "H5P.Blanks", "H5P.DragText",
                     "H5P.QuestionSet")
    }  # fmt: skip
    downloads["H5P.SingleChoiceSet"] = library_package_from_fixture(
        "h5p-hub/H5P.CoursePresentation.h5p", "H5P.SingleChoiceSet"
    )
    settings.H5P_DEMO_FROM_HUB = True
    with FakeHub(listing, downloads) as hub:
        settings.H5P_HUB_URL = hub.url
        out = _load()
    assert "from the H5P Hub" in out and "chưa cài" not in out
    # Each download brings what it holds: here the question set's own libraries came with the
    # first one (H5P.TrueFalse), so only H5P.SingleChoiceSet was left to download.
    assert hub.downloaded() == [
        "/v1/content-types/H5P.TrueFalse",
        "/v1/content-types/H5P.SingleChoiceSet",
    ]
    assert H5PActivity.objects.count() == len(ACTIVITIES)


@needs_fixtures
def test_the_english_test_activity_of_earlier_demos_goes(home_page, media):
    _load()
    truefalse = H5PActivity.objects.get(title="Đúng hay sai: ai công nhận danh hiệu?").package
    old_package = h5p_package_compose(
        h5p_json={**truefalse.h5p_json, "title": "Hello World"}, content_json={"question": "?"}
    )
    old = H5PActivity.objects.create(title=demo_h5p.RETIRED_TITLE, package=old_package)
    lesson = LessonPage.objects.get(slug="nhan-biet-lua-dao")
    raw = [*lesson.body.raw_data]
    value = {"activity": old.pk, "required": False, "pass_mark": None, "competences": [],
             "grading": "best", "allow_unverified": False}  # fmt: skip
    raw.append({"type": "h5p", "id": demo.block_id(f"{demo.SCAM_LESSON}/h5p"), "value": value})
    lesson.body = raw
    lesson.save_revision().publish()

    _load()
    assert not H5PActivity.objects.filter(title=demo_h5p.RETIRED_TITLE).exists()
    assert not H5PPackage.objects.filter(pk=old_package.pk).exists()
    lesson.refresh_from_db()
    titles = [b.value["activity"].title for b in lesson.body if b.block_type == "h5p"]
    assert titles == ["Nhận ra tin nhắn lừa đảo"]
