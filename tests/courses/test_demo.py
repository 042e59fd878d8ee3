"""The demo courses: idempotent loading, valid quizzes, competence targets, pages that render."""

import io
import uuid

import pytest
from wagtail.models import Page, Revision

from courses import demo
from courses.blocks import LessonStreamBlock, QuestionKind
from courses.competences import competence_framework_load
from courses.models import CourseCompetence, CourseIndexPage, CoursePage, LessonPage
from courses.selectors import course_activities, lesson_block
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(home_page):
    competence_framework_load()  # a reused test database may have lost the seeded framework
    demo.demo_load(stdout=io.StringIO())
    return home_page


def _counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "targets": CourseCompetence.objects.count(),
    }


def _quiz_blocks():
    for lesson in LessonPage.objects.all():
        for block in lesson.body:
            if block.block_type == "quiz":
                yield lesson, block


def _block_ids() -> dict:
    return {lesson.pk: [block.id for block in lesson.body] for lesson in LessonPage.objects.all()}


def test_loading_twice_changes_nothing(loaded):
    before, ids = _counts(), _block_ids()
    out = io.StringIO()
    demo.demo_load(stdout=out)
    assert _counts() == before
    assert _block_ids() == ids
    assert "0 pages created, 0 updated" in out.getvalue()
    assert CourseIndexPage.objects.get().slug == "khoa-hoc"
    assert CourseIndexPage.objects.get().get_parent().specific == loaded


def test_block_ids_are_stable_and_unique(loaded):
    ids = [block_id for blocks in _block_ids().values() for block_id in blocks]
    assert len(ids) == len(set(ids))
    lesson = LessonPage.objects.get(slug="dung-vneid-an-toan")
    quiz = next(block for block in lesson.body if block.block_type == "quiz")
    assert quiz.id == str(uuid.uuid5(demo.BLOCK_NAMESPACE, "ky-nang-so/dung-vneid-an-toan/quiz"))


def test_both_courses_are_live_with_lessons_and_quizzes(loaded):
    courses = CoursePage.objects.live()
    assert set(courses.values_list("track", flat=True)) == {"criteria", "digital"}
    for course in courses:
        assert course.lessons().count() >= 2
        assert course.modules().count() >= 2
        activities = course_activities(course=course)
        assert [a for a in activities if a.kind == "quiz"], course.title
        quizzes = [a for a in activities if a.kind == "quiz"]
        assert all(a.required and a.pass_mark == 80 for a in quizzes)
        for module in course.modules():
            quizzes = [
                block
                for lesson in LessonPage.objects.child_of(module)
                for block in lesson.body
                if block.block_type == "quiz"
            ]
            assert quizzes, f"{course.title} / {module.title} has no quiz"


def test_every_quiz_validates_and_has_a_sound_key(loaded):
    quiz_block = LessonStreamBlock().child_blocks["quiz"]
    seen = 0
    for lesson, block in _quiz_blocks():
        quiz_block.clean(block.value)  # raises on anything the admin form would reject
        questions = block.value["questions"]
        assert 3 <= len(questions) <= 5, lesson.title
        kinds = {question["kind"] for question in questions}
        assert len(kinds) >= 2, f"{lesson.title}: mix the kinds of questions"
        for question in questions:
            correct = [option for option in question["options"] if option["is_correct"]]
            if question["kind"] == QuestionKind.SINGLE:
                assert len(correct) == 1, question["prompt"]
            elif question["kind"] == QuestionKind.MULTIPLE:
                assert correct, question["prompt"]
            else:
                assert question["true_false_answer"] in ("true", "false")
                assert question["feedback_correct"] and question["feedback_incorrect"]
            assert all(option["feedback"] for option in question["options"]), question["prompt"]
        seen += 1
    assert seen >= 5


def test_competence_targets_come_from_the_national_framework(loaded):
    digital = CoursePage.objects.get(track="digital")
    codes = {target.competence.code: target.level for target in digital.competence_targets.all()}
    assert {"4.2", "4.1", "1.2", "2.3"} <= set(codes)
    assert all(1 <= level <= 2 for level in codes.values())
    for target in CourseCompetence.objects.all():
        assert target.competence.domain.framework.code == demo.FRAMEWORK
    for course in CoursePage.objects.all():
        course_codes = {t.competence.code: t.level for t in course.competence_targets.all()}
        for activity in course_activities(course=course):
            for competence_id, level in activity.competences:
                target = CourseCompetence.objects.get(page=course, competence_id=competence_id)
                assert 1 <= level <= target.level, (activity.title, course_codes)


def test_blocks_added_later_survive_a_reload(loaded):
    lesson = LessonPage.objects.get(slug="nhan-biet-lua-dao")
    extra_id = str(uuid.uuid4())
    raw = [*lesson.body.raw_data, {"type": "text", "value": "<p>Thêm sau.</p>", "id": extra_id}]
    lesson.body = LessonStreamBlock().to_python(raw)
    lesson.save_revision().publish()
    before = _counts()
    demo.demo_load(stdout=io.StringIO())
    lesson.refresh_from_db()
    assert extra_id in [block.id for block in lesson.body]
    assert _counts() == before


def test_pages_render_and_a_quiz_is_checked_on_the_server(loaded, client):
    course = CoursePage.objects.get(track="digital")
    lesson = LessonPage.objects.get(slug="dung-vneid-an-toan")
    assert client.get(CourseIndexPage.objects.get().url).status_code == 200
    response = client.get(course.url)
    assert response.status_code == 200
    assert "Dùng VNeID an toàn" in response.content.decode()
    assert client.get(lesson.url).status_code == 200

    user = UserFactory()
    client.login(username=user.username, password=PASSWORD)
    quiz = next(block for block in lesson.body if block.block_type == "quiz")
    assert lesson_block(lesson=lesson, block_id=quiz.id) is not None
    answers = {"q0": "1", "q1": "false", "q2": ["0", "2"], "q3": "true", "q4": "1"}
    url = f"{lesson.url}kiem-tra/{quiz.id}/"
    response = client.post(url, answers, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["score"], data["max"], data["passed"]) == (3, 5, False)
    assert data["questions"][0]["feedback"]  # the chosen option explains why it is wrong

    page = client.post(url, answers).content.decode()  # without JavaScript: the lesson again
    assert "3/5" in page
    assert "Không nên. Kẻ gian hay gửi link" in page
