"""Phone-width (390x844) screenshots of each H5P content type, playing and after answering, on a
demo site: what a learner sees, and the result the server checked and recorded.

    VAR_DIR=/tmp/h3-var PORT=8103 .venv/bin/python bench/h5p_phone_shots.py [type ...]

Uses the demo database of VAR_DIR (run ``manage.py demo_load`` there first), stores one package
per content type through the services the demo uses (``h5p_package_ingest``) in a course of its
own, starts the server on PORT, signs a learner in and, for each type: ``<type>-play.png``
(loaded), ``<type>-answered.png`` (the library's own feedback), ``<type>-scored.png`` (the lesson
again: the result the server recorded, above the activity). Also prints, per type, the frame's
height and the verification of the statements stored. Written to /work/notes/shots/h5p/ (or
SHOTS_DIR). Packages come from ../shared/fixtures; types without a package are skipped.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Django reads while Playwright runs
PORT = int(os.environ.get("PORT", "8103"))
os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{PORT}")
OUT = Path(os.environ.get("SHOTS_DIR", "/work/notes/shots/h5p"))
FIXTURES = ROOT.parent / "shared" / "fixtures"
PHONE = {"width": 390, "height": 844}
COURSE_TITLE = "Ảnh chụp các dạng H5P (chỉ để kiểm tra)"
EMAIL, PASSWORD = "anh-chup-h5p@example.org", "Hoc-tap-suot-doi-2025"

import django  # noqa: E402

django.setup()

from bench._server import server_start, server_stop  # noqa: E402


def _single_choice_set() -> bytes:
    from tests.browser.h5p_build import hub_package

    content = {
        "choices": [
            {
                "question": "<p>Danh hiệu “Công dân học tập” do cấp nào công nhận?</p>",
                "answers": ["<p>Ủy ban nhân dân xã</p>", "<p>Tự mình công nhận</p>"],
                "subContentId": "0b8e6d2a-1c1f-4b7e-9a51-000000000001",
            },
            {
                "question": "<p>Học tập suốt đời là việc của ai?</p>",
                "answers": ["<p>Của mọi người</p>", "<p>Chỉ của học sinh</p>"],
                "subContentId": "0b8e6d2a-1c1f-4b7e-9a51-000000000002",
            },
        ],
        "overallFeedback": [{"from": 0, "to": 100}],
        "behaviour": {
            "autoContinue": True, "timeoutCorrect": 800, "timeoutWrong": 800,
            "soundEffectsEnabled": False, "enableRetry": True, "enableSolutionsButton": True,
            "passPercentage": 100,
        },
    }  # fmt: skip
    return hub_package(
        "H5P.CoursePresentation.h5p", main="H5P.SingleChoiceSet 1.11", content=content,
        title="Chọn một đáp án",
    )  # fmt: skip


def _fixture(path: str):
    return lambda: (FIXTURES / path).read_bytes()


# type → (title of the activity, package bytes)
PACKAGES = {
    "TrueFalse": ("Đúng hay sai", _fixture("h5p/truefalse-hello.h5p")),
    "MultiChoice": ("Chọn đáp án đúng", _fixture("h5p/multichoice.h5p")),
    "Blanks": ("Điền vào chỗ trống", _fixture("h5p/blanks.h5p")),
    "DragText": ("Kéo thả từ", _fixture("h5p/dragtext.h5p")),
    "QuestionSet": ("Bộ câu hỏi", _fixture("h5p/questionset.h5p")),
    "SingleChoiceSet": ("Chọn một đáp án", _single_choice_set),
    "MarkTheWords": ("Đánh dấu từ", _fixture("h5p-hub/H5P.MarkTheWords.h5p")),
    "DragQuestion": ("Kéo và thả", _fixture("h5p-hub/H5P.DragQuestion.h5p")),
    "Summary": ("Tóm tắt", _fixture("h5p-hub/H5P.Summary.h5p")),
    "ImageHotspotQuestion": ("Tìm điểm trên ảnh", _fixture("h5p-hub/H5P.ImageHotspotQuestion.h5p")),
    "ImageMultipleHotspotQuestion": (
        "Tìm nhiều điểm trên ảnh", _fixture("h5p-hub/H5P.ImageMultipleHotspotQuestion.h5p"),
    ),
    "ImageSequencing": ("Sắp xếp ảnh", _fixture("h5p-hub/H5P.ImageSequencing.h5p")),
    "ArithmeticQuiz": ("Câu đố số học", _fixture("h5p-hub/H5P.ArithmeticQuiz.h5p")),
    "CoursePresentation": ("Trình chiếu", _fixture("h5p-hub/H5P.CoursePresentation.h5p")),
}  # fmt: skip


def lessons_build(types: list[str]) -> dict[str, str]:
    """One lesson per type in a course of its own (made again on each run): type → lesson URL."""
    from courses.h5p.services import h5p_package_ingest
    from courses.models import CoursePage, H5PActivity
    from tests.courses.builders import course_build, h5p_block

    for old in CoursePage.objects.filter(title=COURSE_TITLE):
        old.delete()
    blocks = []
    for kind in types:
        title, package = PACKAGES[kind]
        stored = h5p_package_ingest(file=package(), uploaded_by=None)
        activity = H5PActivity.objects.create(title=title, package=stored, pass_mark=80)
        blocks.append([h5p_block(activity, required=False)])
    _course, lessons = course_build(lessons=blocks, title=COURSE_TITLE)
    return {kind: lesson.url for kind, lesson in zip(types, lessons, strict=True)}


def learner_ensure():
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user = user_model.objects.filter(email=EMAIL).first()
    if user is None:
        user = user_model.objects.create_user(
            username="anh-chup-h5p", email=EMAIL, password=PASSWORD,
            full_name="Học viên Chụp Ảnh", phone="+84919999001",
        )  # fmt: skip
    return user


# --- What a learner does in each type (``frame`` is the player frame) -------------------------


def check(frame):
    button = frame.locator(".h5p-question-check-answer:visible")
    if button.count():  # Blanks with autoCheck has none: it checks each blank on leaving it
        button.first.click(timeout=5000)


def answer_true_false(frame):
    frame.locator(".h5p-true-false-answer").last.click()  # "Is this false?": False
    check(frame)


def answer_multi_choice(frame):
    frame.locator(".h5p-answer").first.click()
    check(frame)


def answer_blanks(frame):
    inputs = frame.locator("input.h5p-text-input")
    words = ["blueberries", "Cloudberries", "x"]
    for index in range(inputs.count()):
        inputs.nth(index).fill(words[index % len(words)])
        inputs.nth(index).press("Tab")
    check(frame)


def answer_drag_text(frame):
    words = frame.locator(".h5p-drag-draggable")
    zones = frame.locator(".h5p-drag-dropzone-container")
    if words.count() and zones.count():
        words.first.drag_to(zones.first)
    check(frame)


def answer_question_set(frame):
    """Each question in turn (the first choice, a word, a marked word; drags left empty),
    checked, then the next one, and "finish" at the end."""
    for _question in range(12):
        shown = frame.locator(".question-container:visible").first
        choice = shown.locator(".h5p-true-false-answer, .h5p-answer, [role=option]")
        if choice.count():
            choice.first.click(timeout=5000)
        for blank in range(shown.locator("input.h5p-text-input").count()):
            shown.locator("input.h5p-text-input").nth(blank).fill("blueberries")
        check(frame)
        time.sleep(0.5)
        onward = frame.locator(".h5p-question-next:visible, .h5p-question-finish:visible")
        if not onward.count():
            break
        finish = "finish" in (onward.first.get_attribute("class") or "")
        onward.first.click(timeout=5000)
        time.sleep(0.8)
        if finish:
            break


def answer_single_choice_set(frame):
    for right in ("Ủy ban nhân dân xã", "Chỉ của học sinh"):  # the first right, then wrong
        current = frame.locator(".h5p-sc-slide.h5p-sc-current-slide .h5p-sc-alternative")
        current.filter(has_text=right).first.click()
        time.sleep(2.5)


def answer_mark_the_words(frame):
    """Every kind of berry but one ("berries" alone is no kind)."""
    words = frame.locator("[role=option]")
    texts = [t.strip(" .,") for t in words.all_inner_texts()]
    kinds = [
        i for i, t in enumerate(texts) if t.endswith(("berries", "currants")) and t != "berries"
    ]
    for index in kinds[:-1]:
        words.nth(index).click()
    check(frame)


def answer_drag_question(frame):
    draggables = frame.locator(".h5p-draggable")
    zones = frame.locator(".h5p-dropzone")
    if draggables.count() and zones.count():  # the strawberry's genus, onto the strawberry
        draggables.filter(has_text="Fragaria").first.drag_to(zones.first)
    check(frame)


def answer_summary(frame):
    for _round in range(20):
        options = frame.locator("li.summary-claim-unclicked:visible")
        if not options.count():
            break
        options.first.click(timeout=5000)
        time.sleep(0.8)


def answer_hotspot(frame):
    frame.locator(".image-hotspot").last.click()  # the cherries, the right one


def answer_multiple_hotspots(frame):
    hotspots = frame.locator(".image-hotspot")
    for index in (3, 4, 0):
        if index < hotspots.count():
            hotspots.nth(index).click(force=True)
            time.sleep(0.3)


def answer_image_sequencing(frame):
    frame.locator("[title=submit]").first.click(timeout=10000)  # the order as shuffled


def answer_arithmetic_quiz(frame):
    """Each question right but the last (worked out from its text, "7 × 3 = ?")."""
    frame.locator(".h5p-baq-intro-page .h5p-joubelui-button").first.click()
    time.sleep(5)  # the countdown
    operations = {"+": int.__add__, "−": int.__sub__, "×": int.__mul__, "÷": int.__floordiv__}
    for _question in range(20):
        current = frame.locator(".h5p-baq-game .current")
        options = current.locator(".h5p-baq-alternatives li")
        if not options.count():
            break
        x, sign, y = current.locator(".question").first.inner_text().split()[:3]
        right = str(operations[sign](int(x), int(y)))
        texts = [t.strip() for t in options.all_inner_texts()]
        last = not frame.locator(".h5p-baq-game .current ~ .question-page").count()
        pick = next((i for i, t in enumerate(texts) if (t == right) != last), 0)
        options.nth(pick).click()
        time.sleep(1.6)


def answer_course_presentation(frame):
    frame.locator(".h5p-footer-next-slide").first.click()
    time.sleep(1)


ANSWER = {
    "TrueFalse": answer_true_false, "MultiChoice": answer_multi_choice, "Blanks": answer_blanks,
    "DragText": answer_drag_text, "QuestionSet": answer_question_set,
    "SingleChoiceSet": answer_single_choice_set, "MarkTheWords": answer_mark_the_words,
    "DragQuestion": answer_drag_question, "Summary": answer_summary,
    "ImageHotspotQuestion": answer_hotspot,
    "ImageMultipleHotspotQuestion": answer_multiple_hotspots,
    "ImageSequencing": answer_image_sequencing, "ArithmeticQuiz": answer_arithmetic_quiz,
    "CoursePresentation": answer_course_presentation,
}  # fmt: skip


def stored(kind_iri_prefix: str) -> list[str]:
    from progress.models import Statement

    rows = Statement.objects.filter(activity_iri__startswith=kind_iri_prefix).order_by("stored_at")
    return [
        f"{row.verb.rsplit('/', 1)[-1]}:{row.verification}:{row.checked_raw}/{row.checked_max}"
        for row in rows
        if row.verb.endswith(("/answered", "/completed"))
    ]


def show_activity(page):
    page.locator("section.h5p-activity").first.scroll_into_view_if_needed()
    page.evaluate("document.querySelector('section.h5p-activity').scrollIntoView()")


def main(types: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    from bench._server import server_command

    OUT.mkdir(parents=True, exist_ok=True)
    urls = lessons_build(types)
    learner_ensure()
    env = {**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}"}
    log = Path(os.environ.get("VAR_DIR", ROOT / "var")) / "shots-server.log"
    server = server_start(server_command(PORT), env, log, "/")
    base = f"http://127.0.0.1:{PORT}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            context = browser.new_context(viewport=PHONE, device_scale_factor=2, locale="vi-VN")
            page = context.new_page()
            page.goto(f"{base}/tai-khoan/login/")
            page.fill("input[name=login]", EMAIL)
            page.fill("input[name=password]", PASSWORD)
            page.click("main form button[type=submit]")
            page.wait_for_load_state("networkidle")
            for kind in types:
                shoot(page, base, kind, urls[kind])
            browser.close()
    finally:
        server_stop(server)


def shoot(page, base: str, kind: str, url: str) -> None:
    saved, console = [], []
    page.on("response", lambda r: saved.append(r.status) if "/xapi/" in r.url else None)
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(base + url)
    page.wait_for_selector("iframe.h5p-frame", state="attached", timeout=30000)
    frame = page.frame_locator("iframe.h5p-frame")
    frame.locator(".h5p-content").first.wait_for(timeout=30000)
    time.sleep(2.5)
    show_activity(page)
    page.screenshot(path=str(OUT / f"{kind}-play.png"))
    height = page.evaluate("document.querySelector('iframe.h5p-frame').offsetHeight")
    try:
        ANSWER[kind](frame)
        note = "answered"
    except Exception as error:  # report it and go on with the next type
        note = f"could not answer: {str(error)[:600]}"
    time.sleep(2.5)
    page.screenshot(path=str(OUT / f"{kind}-answered.png"))
    iri = page.get_attribute(".h5p-slot", "data-iri")
    page.reload()
    page.wait_for_selector("iframe.h5p-frame", state="attached", timeout=30000)
    time.sleep(3)
    show_activity(page)
    page.screenshot(path=str(OUT / f"{kind}-scored.png"))
    shown = page.locator(".h5p-result")
    result = shown.first.inner_text().strip() if shown.count() else "(no result shown)"
    print(f"{kind}: frame {height}px; {note}; statements {stored(iri)}; page: {result}")
    print(f"    sent to /xapi/: {saved}; console: {console[:6]}")


if __name__ == "__main__":
    main([t for t in sys.argv[1:] if t in PACKAGES] or list(PACKAGES))
