"""The demo's own H5P activities play in Chromium at phone width: each demo lesson's activity
renders in its sandboxed frame with our Vietnamese texts, and answering one is scored by the
player as the server scores it."""

import io

import pytest

from tests.browser.test_lesson_player import h5p_frame, log_in
from tests.courses.h5p_helpers import needs_fixtures
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# lesson slug → (a selector the content type renders, a text of ours it shows)
LESSONS = {
    "cong-dan-hoc-tap-la-gi": (".h5p-true-false-answer", "Ủy ban nhân dân xã thẩm định"),
    "3-tieu-chi-10-chi-so": ("input.h5p-text-input", "Gõ con số còn thiếu"),
    "dang-ky-va-tu-danh-gia": (".h5p-answer", "Chấm điểm đúng sức mình"),
    "ai-xet-va-khi-nao": (".ui-draggable", "Hội Khuyến học xã"),
    "dung-vneid-an-toan": (".h5p-sc-alternative", "Tải ứng dụng VNeID ở đâu?"),
    "nhan-biet-lua-dao": (".h5p-answer", "phí nhận thưởng"),
    "gap-lua-dao-thi-lam-gi": (".ui-draggable", "tự kiểm tra"),
    "nop-ho-so-dich-vu-cong": (".h5p-true-false-answer", ".gov.vn"),
}


@pytest.fixture
def demo_site(live_server, wagtail_root, settings, tmp_path):
    from cms.demo import demo_load as cms_demo
    from courses import demo
    from courses.competences import competence_framework_load

    settings.MEDIA_ROOT = tmp_path / "media"
    cms_demo(stdout=io.StringIO())
    competence_framework_load()
    demo.demo_load(stdout=io.StringIO())
    return live_server.url


@needs_fixtures
def test_every_demo_activity_plays_in_vietnamese(phone_page, demo_site):
    from courses.models import LessonPage

    learner = UserFactory()
    log_in(phone_page, demo_site, learner)
    for slug, (selector, text) in LESSONS.items():
        lesson = LessonPage.objects.get(slug=slug)
        phone_page.goto(demo_site + lesson.url)
        phone_page.locator(".h5p-slot").first.scroll_into_view_if_needed()
        frame = h5p_frame(phone_page)
        frame.wait_for_selector(selector, timeout=30000)
        assert text in frame.inner_text("body"), slug
        if slug == "cong-dan-hoc-tap-la-gi":
            assert "Kiểm tra" in frame.inner_text("body")  # the player's buttons are ours too
            frame.evaluate(
                "window.__scores = [];"
                "H5P.externalDispatcher.on('xAPI', function (event) {"
                "  var result = event.data.statement.result;"
                "  if (result) window.__scores.push(result.score.raw + '/' + result.score.max);"
                "});"
            )
            frame.locator(".h5p-true-false-answer").first.click()  # "Đúng": the right answer
            frame.locator(".h5p-question-check-answer").click()
            frame.wait_for_function("window.__scores.length > 0", timeout=10000)
            assert frame.evaluate("window.__scores") == ["1/1"]
            assert "Đúng vậy" in frame.inner_text("body")
