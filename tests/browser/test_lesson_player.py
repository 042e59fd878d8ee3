"""A learner on a phone plays H5P fixtures and a CMS quiz; statements leave through the bridge,
and a hostile package gets nothing out of its sandbox."""

import io
import json
import time
import zipfile
from pathlib import Path

import pytest

from tests.browser.h5p_player import wait_for
from tests.courses.builders import (
    H5P_FIXTURES,
    NO_FIXTURES,
    course_build,
    h5p_activity_from_fixture,
    quiz_block,
    text_block,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
needs_fixtures = pytest.mark.skipif(not H5P_FIXTURES.exists(), reason=NO_FIXTURES)


def h5p_frame(page, index=0):
    page.wait_for_selector("iframe.h5p-frame", state="attached", timeout=20000)
    handle = page.locator("iframe.h5p-frame").nth(index).element_handle()
    return handle.content_frame()


def log_in(page, base, user):
    page.goto(f"{base}/tai-khoan/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.fixture
def learner(db, wagtail_root):
    return UserFactory()


@needs_fixtures
def test_learner_plays_truefalse_multichoice_and_quiz(phone_page, live_server, learner):
    from progress.models import Statement

    truefalse = h5p_activity_from_fixture("truefalse-hello.h5p", title="Đúng hay sai")
    multichoice = h5p_activity_from_fixture("multichoice.h5p", title="Chọn đáp án")
    from tests.courses.builders import h5p_block

    _course, (lesson,) = course_build(
        lessons=[[text_block(), h5p_block(truefalse), h5p_block(multichoice), quiz_block()]]
    )
    log_in(phone_page, live_server.url, learner)
    phone_page.goto(live_server.url + lesson.url)

    # TrueFalse: answer and check.
    frame = h5p_frame(phone_page, 0)
    frame.wait_for_selector(".h5p-true-false-answer", timeout=20000)
    frame.locator(".h5p-true-false-answer").first.click()
    frame.locator(".h5p-question-check-answer").click()
    tf_iri_part = f"/lesson/{lesson.pk}/"
    assert wait_for(
        lambda: Statement.objects.filter(
            learner=learner, verb__endswith="/answered", activity_iri__contains=tf_iri_part
        ).exists()
    ), "no answered statement reached the server from the TrueFalse frame"

    # MultiChoice, lazily loaded when scrolled into view.
    phone_page.locator(".h5p-slot").nth(1).scroll_into_view_if_needed()
    frame2 = h5p_frame(phone_page, 1)
    frame2.wait_for_selector(".h5p-answer", timeout=20000)
    frame2.locator(".h5p-answer").first.click()
    frame2.locator(".h5p-question-check-answer").click()
    assert wait_for(
        lambda: Statement.objects.filter(learner=learner, verb__endswith="/answered").count() >= 2
    )

    # The CMS quiz: correct answers are not in the page before submission.
    html = phone_page.content()
    assert "is_correct" not in html and "Đúng vậy." not in html
    quiz = phone_page.locator("form[data-quiz]")
    quiz.scroll_into_view_if_needed()
    quiz.locator("input[name=q0][value='1']").check()  # wrong
    quiz.locator("input[name=q1][value='true']").check()
    quiz.locator("input[name=q2][value='0']").check()
    quiz.locator("input[name=q2][value='1']").check()
    quiz.locator("button[type=submit]").click()
    phone_page.wait_for_selector(".quiz-result .message")
    assert "2/3" in quiz.locator(".quiz-result").inner_text()
    quiz_id = next(block.id for block in lesson.body if block.block_type == "quiz")
    quiz_rows = Statement.objects.filter(
        learner=learner, verb__endswith="/answered", activity_iri__endswith=quiz_id
    )
    assert wait_for(lambda: quiz_rows.filter(checked_scaled__isnull=False).exists())
    stored = quiz_rows.filter(checked_scaled__isnull=False).get()
    assert round(stored.checked_scaled, 2) == 0.67 and stored.success is False
    # Every statement carries the learner as actor, whatever the player sent.
    for statement in Statement.objects.filter(learner=learner):
        assert statement.payload["actor"]["account"]["name"] == str(learner.pk)
    # No horizontal scrolling on a phone.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360


HOSTILE_JS = (Path(__file__).parent / "hostile_h5p.js").read_text()


def hostile_package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "h5p.json",
            json.dumps(
                {
                    "title": "Gói độc hại thử nghiệm",
                    "language": "vi",
                    "mainLibrary": "H5P.Hostile",
                    "embedTypes": ["div"],
                    "preloadedDependencies": [
                        {"machineName": "H5P.Hostile", "majorVersion": 1, "minorVersion": 0}
                    ],
                }
            ),
        )
        archive.writestr("content/content.json", json.dumps({"text": "x"}))
        archive.writestr(
            "H5P.Hostile-1.0/library.json",
            json.dumps({
                "title": "Hostile", "machineName": "H5P.Hostile", "majorVersion": 1,
                "minorVersion": 0, "patchVersion": 0, "runnable": 1,
                "preloadedJs": [{"path": "hostile.js"}],
            }),
        )  # fmt: skip
        archive.writestr("H5P.Hostile-1.0/hostile.js", HOSTILE_JS)
    return buffer.getvalue()


def test_hostile_package_gets_nothing_out_of_the_sandbox(phone_page, live_server, learner):
    from courses.h5p.services import h5p_package_ingest
    from courses.models import H5PActivity
    from progress.models import Statement
    from tests.courses.builders import h5p_block

    package = h5p_package_ingest(file=hostile_package(), uploaded_by=None)
    activity = H5PActivity.objects.create(title="Độc hại", package=package, pass_mark=80)
    _course, (lesson,) = course_build(lessons=[[h5p_block(activity)]])
    log_in(phone_page, live_server.url, learner)
    phone_page.goto(live_server.url + lesson.url)
    frame = h5p_frame(phone_page)
    frame.wait_for_selector("#hostile", timeout=20000)
    report = wait_for(
        lambda: (
            (r := frame.evaluate("window.__hostile || null"))
            and "fetched" in r
            and "direct" in r
            and r
        )
    )
    assert report["cookie"].startswith("blocked:"), report
    assert report["parentTitle"] == "blocked"
    assert report["storage"] == "blocked"
    # Cross-origin from the opaque frame: unreadable (CORS), and no session cookie went with it.
    assert report["fetched"].startswith("blocked:") or learner.full_name not in report["fetched"]
    assert report["direct"] != 200
    time.sleep(1.0)  # give any forwarded message time to land
    assert not Statement.objects.filter(activity_iri__startswith="https://forged.example").exists()
    assert not Statement.objects.filter(learner=learner).exists()
    # The lesson page itself is untouched and the learner is still signed in.
    assert phone_page.locator("h1").inner_text() == lesson.title
    # The frame was sandboxed by its own policy; the page added the attribute once it loaded, so
    # a page of ours the package navigates the frame to is sandboxed too (an opaque origin).
    assert phone_page.get_attribute("iframe.h5p-frame", "sandbox") == "allow-scripts"
    frame.evaluate("location.href = '/static/css/site.css'")
    wait_for(lambda: frame.url.endswith("/static/css/site.css"))
    phone_page.wait_for_timeout(500)
    assert "{" in frame.evaluate("document.body ? document.body.innerText : ''")  # it loaded
    assert frame.evaluate("String(self.origin)") == "null"


@needs_fixtures
def test_a_statement_that_fails_is_sent_again_with_its_id_and_the_learner_is_told(
    phone_page, live_server, learner
):
    """The first post reaches the server but its answer is lost (a 502 from a proxy), the second
    meets a network failure; the page's outbox retries the same statement until it is
    acknowledged, saying meanwhile that the answer is kept on the phone and will be sent, and
    then that it is saved. Stored once."""
    from progress.models import Statement
    from tests.courses.builders import h5p_block

    activity = h5p_activity_from_fixture("truefalse-hello.h5p", title="Đúng hay sai")
    _course, (lesson,) = course_build(lessons=[[h5p_block(activity)]])
    log_in(phone_page, live_server.url, learner)
    posts = []

    def flaky(route):
        posts.append(json.loads(route.request.post_data))
        if len(posts) == 1:
            route.fetch()  # stored on the server …
            route.fulfill(status=502, body="Bad Gateway")  # … but the answer never arrives
        elif len(posts) == 2:
            route.abort("connectionreset")
        else:
            route.continue_()

    phone_page.route("**/xapi/statements*", flaky)
    phone_page.goto(live_server.url + lesson.url)
    frame = h5p_frame(phone_page)
    iri = phone_page.get_attribute(".h5p-slot", "data-iri")
    statement_id = "5b0f3a4e-8f7a-4c1e-9a43-0a4f3c2d1e10"
    frame.evaluate(
        """([iri, id]) => parent.postMessage({type: "cdht:xapi", statement: {id: id,
            verb: {id: "http://adlnet.gov/expapi/verbs/answered"},
            object: {id: iri, objectType: "Activity"}, result: {response: "true"}}}, "*")""",
        [iri, statement_id],
    )
    status = phone_page.locator(".h5p-save-status")
    status.wait_for(state="visible", timeout=10000)
    assert "sẽ gửi khi có mạng" in status.inner_text()
    for _ in range(80):  # the page's CSP forbids wait_for_function's eval; poll (routes run)
        if status.get_attribute("data-state") == "saved":
            break
        phone_page.wait_for_timeout(250)
    assert "đã được lưu" in status.inner_text()
    assert len(posts) == 3
    assert {post["id"] for post in posts} == {statement_id}
    assert Statement.objects.filter(statement_id=statement_id, learner=learner).count() == 1
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
