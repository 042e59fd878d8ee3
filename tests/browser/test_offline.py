"""Learning without a steady connection (issue 15), on a phone-sized Chromium: a downloaded
course is studied offline — H5P activities opened for the first time and answered offline, quizzes
answered offline, the page reloaded, closed and opened again — and when the connection
returns every record the page made is stored exactly once and the course completes. The same
with ~30% of deliveries failing at random (some after the server stored them)."""

import json
import random
import time

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.courses.builders import (
    H5P_FIXTURES,
    NO_FIXTURES,
    course_build,
    h5p_activity_from_fixture,
    h5p_block,
    quiz_block,
    text_block,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
needs_fixtures = pytest.mark.skipif(not H5P_FIXTURES.exists(), reason=NO_FIXTURES)
PHONE = {"width": 390, "height": 844}


def poll(page, predicate, timeout=30.0):
    """The pages' CSP forbids wait_for_function's eval: poll, letting routes and timers run."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        page.wait_for_timeout(250)
    return predicate()


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(viewport=PHONE, locale="vi-VN")
    yield context
    context.close()


@pytest.fixture
def course(db, wagtail_root):
    truefalse = h5p_activity_from_fixture("truefalse-hello.h5p", title="Đúng hay sai")
    multichoice = h5p_activity_from_fixture("multichoice.h5p", title="Chọn màu")
    course, lessons = course_build(
        lessons=[
            [text_block(), h5p_block(truefalse), h5p_block(multichoice), quiz_block()],
            [text_block(), h5p_block(truefalse), quiz_block()],
        ]
    )
    return course, lessons


def log_in(page, base, user):
    page.goto(f"{base}/tai-khoan/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


def record_posts(page, sent):
    """Remember every statement id and quiz submission the page posts."""

    def listen(request):
        if request.method != "POST" or not request.post_data:
            return
        if "/xapi/statements" in request.url:
            sent["statements"].add(json.loads(request.post_data)["id"])
        elif "/kiem-tra/" in request.url and "submission_id" in request.post_data:
            sent["quizzes"].add(request.url)

    page.on("request", listen)


def download(page, base, course):
    page.goto(base + course.url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.click("[data-offline-download]")
    section = page.locator(".offline-download")
    assert poll(page, lambda: section.get_attribute("data-state") == "downloaded", 60)
    assert "MB" in section.inner_text() or "KB" in section.inner_text()
    page.reload()  # now controlled by the service worker
    assert page.evaluate("!!navigator.serviceWorker.controller")


def h5p_frames(page, count):
    for index in range(count):
        page.locator(".h5p-slot").nth(index).scroll_into_view_if_needed()
    assert poll(page, lambda: page.locator("iframe.h5p-frame").count() == count)
    return [
        page.locator("iframe.h5p-frame").nth(i).element_handle().content_frame()
        for i in range(count)
    ]


def choose(option):
    """Click an H5P answer until it shows as chosen: the frames above may still resize the page
    under the click (a click that missed left an unanswered question, checked as failed)."""
    for _attempt in range(5):
        option.click()
        for _wait in range(10):
            if option.get_attribute("aria-checked") == "true":
                return
            option.page.wait_for_timeout(100)
    raise AssertionError("the H5P answer could not be chosen")


def answer_truefalse(frame):
    frame.wait_for_selector(".h5p-true-false-answer", timeout=20000)
    choose(frame.locator(".h5p-true-false-answer").nth(1))  # "False" is right
    frame.locator(".h5p-question-check-answer").click()


def answer_multichoice(frame):
    frame.wait_for_selector(".h5p-answer", timeout=20000)
    choose(frame.locator(".h5p-answer", has_text="Very dark purple"))
    frame.locator(".h5p-question-check-answer").click()


def check(locator):
    """Tick a choice; the H5P frames above may still resize the page under the click."""
    for _attempt in range(5):
        locator.scroll_into_view_if_needed()
        try:
            locator.check(timeout=3000)
            return
        except PlaywrightError:
            locator.page.wait_for_timeout(300)
    locator.check()


def answer_quiz(page):
    quiz = page.locator("form[data-quiz]")
    quiz.scroll_into_view_if_needed()
    for name, value in (("q0", "0"), ("q1", "true"), ("q2", "0"), ("q2", "1")):
        check(quiz.locator(f"input[name={name}][value='{value}']"))
    quiz.locator("button[type=submit]").click()
    return quiz


def waiting(page):
    value = page.locator("#cdht-net").get_attribute("data-waiting")
    return int(value) if value else 0


def assert_everything_stored_once(learner, course, sent):
    from progress.models import ActivityResult, Attempt, Enrolment, Statement

    stored = {
        str(i)
        for i in Statement.objects.filter(learner=learner).values_list("statement_id", flat=True)
    }
    missing = sent["statements"] - stored
    assert not missing, f"{len(missing)} statements lost"
    quiz_rows = Statement.objects.filter(learner=learner, verb__endswith="/answered")
    quiz_rows = quiz_rows.filter(payload__object__definition__type__endswith="/assessment")
    assert quiz_rows.count() == 2  # one per quiz answered, whatever the retries
    assert (
        Attempt.objects.filter(learner=learner).count()
        == Attempt.objects.filter(learner=learner).values("statement_id").distinct().count()
    )
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    results = list(
        ActivityResult.objects.filter(learner=learner).values_list("activity_iri", "passed")
    )
    verbs = list(Statement.objects.filter(learner=learner).values_list("verb", "activity_iri"))
    assert enrolment.completed_at is not None, (
        enrolment.passed_count,
        enrolment.required_count,
        results,
        verbs,
    )


def record_frame_opens(page, opened):
    """Remember every H5P player frame the page opens (a frame document, not a download)."""

    def listen(request):
        if "/hoc/h5p/" in request.url and request.resource_type == "document":
            opened.append(request.url)

    page.on("request", listen)


@needs_fixtures
def test_a_downloaded_course_studied_offline_is_delivered_once_and_completes(
    phone, live_server, course
):
    """Every activity is opened for the first time offline: its frame comes from the service
    worker's downloaded copy (the frame sandboxes itself, so it can reach the worker)."""
    course, (first, second) = course
    learner = UserFactory()
    base = live_server.url
    page = phone.new_page()
    sent = {"statements": set(), "quizzes": set()}
    opened = []
    record_posts(page, sent)
    record_frame_opens(page, opened)
    log_in(page, base, learner)
    download(page, base, course)
    assert not opened  # no activity of the course was ever opened online

    phone.set_offline(True)  # the connection drops before the lesson
    page.goto(base + first.url)  # offline: the downloaded page, from the phone
    truefalse, multichoice = h5p_frames(page, 2)
    assert len(opened) == 2
    for index in range(2):  # sandboxed by their policy, then by the attribute as well
        assert page.locator("iframe.h5p-frame").nth(index).get_attribute("sandbox") == (
            "allow-scripts"
        )
    assert truefalse.evaluate("String(self.origin)") == "null"
    answer_truefalse(truefalse)
    answer_multichoice(multichoice)
    quiz = answer_quiz(page)
    assert poll(page, lambda: "sẽ gửi khi có mạng" in quiz.inner_text())
    assert poll(page, lambda: waiting(page) >= 3)
    assert "ngoại tuyến" in page.locator("#cdht-net").inner_text()

    page.reload()  # offline: the downloaded page, from the phone
    assert page.locator("h1").inner_text() == first.title
    assert poll(page, lambda: waiting(page) >= 3)
    page.goto(base + second.url)  # the next lesson, offline too: its activity, then its quiz
    (frame,) = h5p_frames(page, 1)
    answer_truefalse(frame)
    answer_quiz(page)
    assert poll(page, lambda: "sẽ gửi khi có mạng" in page.locator("form[data-quiz]").inner_text())
    page.wait_for_timeout(500)  # the true/false answer's last statements reach the outbox
    before_close = waiting(page)
    page.close()

    page = phone.new_page()  # the phone reopens the lesson, still offline
    record_posts(page, sent)
    page.goto(base + second.url)
    assert poll(page, lambda: waiting(page) == before_close)
    phone.set_offline(False)
    assert poll(page, lambda: waiting(page) == 0, 60), "records still waiting"
    assert "Đã gửi hết" in page.locator("#cdht-net").inner_text()
    assert poll(page, lambda: "3/3" in page.locator("form[data-quiz]").inner_text())
    from progress.models import Enrolment

    poll(page, lambda: Enrolment.objects.filter(learner=learner, completed_at__isnull=False))
    assert_everything_stored_once(learner, course, sent)


@needs_fixtures
def test_with_30_percent_of_deliveries_failing_nothing_is_lost_or_stored_twice(
    phone, live_server, course
):
    from progress.models import ActivityState

    course, (first, second) = course
    learner = UserFactory()
    base = live_server.url
    page = phone.new_page()
    sent = {"statements": set(), "quizzes": set()}
    record_posts(page, sent)
    chance = random.Random(15)
    failures = {"before": 0, "after": 0}

    def flaky(route):
        roll = chance.random()
        if roll < 0.15:
            failures["before"] += 1
            route.abort("connectionreset")  # never reached the server
        elif roll < 0.30:
            failures["after"] += 1
            route.fetch()  # stored, but the answer is lost on the way back
            route.abort("connectionreset")
        else:
            route.continue_()

    log_in(page, base, learner)
    download(page, base, course)
    phone.set_offline(True)  # the first lesson's activities are opened offline, never before
    page.goto(base + first.url)
    truefalse, multichoice = h5p_frames(page, 2)
    answer_truefalse(truefalse)
    answer_multichoice(multichoice)
    quiz = answer_quiz(page)
    assert poll(page, lambda: waiting(page) >= 3)
    page.route("**/xapi/statements*", flaky)
    page.route("**/hoc/trang-thai/", flaky)
    page.route("**/kiem-tra/**", flaky)
    phone.set_offline(False)  # back, on a connection that drops 30% of the deliveries
    assert poll(page, lambda: "3/3" in quiz.inner_text(), 90)
    assert poll(page, lambda: waiting(page) == 0, 90), "records still waiting"
    page.goto(base + second.url)  # online and flaky: the next lesson
    (frame,) = h5p_frames(page, 1)
    answer_truefalse(frame)
    quiz = answer_quiz(page)
    assert poll(page, lambda: "3/3" in quiz.inner_text(), 90)
    assert poll(page, lambda: waiting(page) == 0, 90), "records still waiting"
    assert failures["before"] and failures["after"], failures
    assert_everything_stored_once(learner, course, sent)
    assert ActivityState.objects.filter(learner=learner).count() >= 1


COUNT_OUTBOX = """(user) => new Promise((resolve) => {
  const open = indexedDB.open("cdht-offline");
  open.onsuccess = () => {
    const index = open.result.transaction("outbox").objectStore("outbox").index("user");
    const count = index.count(user);
    count.onsuccess = () => resolve(count.result);
  };
})"""


@needs_fixtures
def test_logout_warns_about_waiting_records_then_forgets_the_accounts_data(
    phone, live_server, course
):
    course, (first, _second) = course
    learner = UserFactory()
    base = live_server.url
    page = phone.new_page()
    log_in(page, base, learner)
    download(page, base, course)
    key = page.get_attribute('meta[name="cdht-user"]', "content")
    page.goto(base + first.url)
    phone.set_offline(True)
    answer_quiz(page)
    assert poll(page, lambda: waiting(page) >= 1)
    warnings = []

    def answer(dialog):
        warnings.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)  # logging out while the answer cannot be delivered (offline)
    page.evaluate("""document.querySelector('form[action$="/logout/"]').requestSubmit()""")
    assert poll(page, lambda: warnings)
    assert "sẽ mất" in warnings[0]
    page.wait_for_timeout(1000)
    phone.set_offline(False)
    page = phone.new_page()
    page.goto(base + "/ngoai-tuyen/")
    assert page.evaluate(COUNT_OUTBOX, key) == 0
    names = page.evaluate("caches.keys()")
    assert not [name for name in names if key in name], names
