"""Build course trees for tests: index → course → module → lessons with given blocks."""

import uuid
from pathlib import Path

from wagtail.models import Page

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT.parent / "shared" / "fixtures"
H5P_FIXTURES = FIXTURES / "h5p"
NO_FIXTURES = "../shared/fixtures is not present (a user's own clone)"


def home_page():
    from cms.demo import home_ensure

    if Page.get_first_root_node() is None:
        from wagtail.models import Locale

        locale, _ = Locale.objects.get_or_create(language_code="vi")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return home_ensure()


def quiz_value(*, title="Câu hỏi ôn tập", pass_mark=80, questions=None, required=True):
    questions = questions or [
        {
            "kind": "single",
            "prompt": "Ai được công nhận danh hiệu?",
            "options": [
                {"text": "Người đạt bộ tiêu chí", "is_correct": True, "feedback": "Đúng vậy."},
                {"text": "Ai cũng được", "is_correct": False, "feedback": "Phải đạt tiêu chí."},
            ],
            "true_false_answer": "",
            "feedback_correct": "",
            "feedback_incorrect": "",
        },
        {
            "kind": "true_false",
            "prompt": "Tổng điểm tối đa là 100.",
            "options": [],
            "true_false_answer": "true",
            "feedback_correct": "",
            "feedback_incorrect": "Tổng điểm là 100.",
        },
        {
            "kind": "multiple",
            "prompt": "Chọn các tiêu chí.",
            "options": [
                {"text": "Tự học", "is_correct": True, "feedback": ""},
                {"text": "Dùng công cụ tương tác", "is_correct": True, "feedback": ""},
                {"text": "Chơi thể thao", "is_correct": False, "feedback": ""},
            ],
            "true_false_answer": "",
            "feedback_correct": "",
            "feedback_incorrect": "",
        },
    ]
    return {
        "title": title,
        "intro": "",
        "questions": questions,
        "pass_mark": pass_mark,
        "required": required,
        "competences": [],
    }


def quiz_block(**kwargs):
    return {"type": "quiz", "value": quiz_value(**kwargs), "id": str(uuid.uuid4())}


def h5p_block(activity, *, required=True, pass_mark=None):
    return {
        "type": "h5p",
        "value": {
            "activity": activity.pk,
            "required": required,
            "pass_mark": pass_mark,
            "competences": [],
        },
        "id": str(uuid.uuid4()),
    }


def text_block(html="<p>Nội dung bài học.</p>"):
    return {"type": "text", "value": html, "id": str(uuid.uuid4())}


def course_build(*, lessons: list[list[dict]], title="Khóa học thử", track="criteria"):
    """Create (and publish) a course with one module holding one lesson per block list."""
    from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

    home = home_page()
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(title="Khóa học", slug="khoa-hoc")
        home.add_child(instance=index)
        index.save_revision().publish()
    course = CoursePage(
        title=title,
        slug=f"khoa-{uuid.uuid4().hex[:8]}",
        track=track,
        summary="Tóm tắt.",
        outcomes="<ul><li>Hiểu bài</li></ul>",
    )
    index.add_child(instance=course)
    course.save_revision().publish()
    module = ModulePage(title="Chương 1", slug="chuong-1")
    course.add_child(instance=module)
    module.save_revision().publish()
    pages = []
    for number, blocks in enumerate(lessons, start=1):
        lesson = LessonPage(title=f"Bài {number}", slug=f"bai-{number}", body=blocks)
        module.add_child(instance=lesson)
        lesson.save_revision().publish()
        pages.append(LessonPage.objects.get(pk=lesson.pk))
    return course, pages


def h5p_activity_from_fixture(name: str, *, title=None, pass_mark=80):
    from courses.h5p.services import h5p_package_ingest
    from courses.models import H5PActivity

    package = h5p_package_ingest(file=(H5P_FIXTURES / name).read_bytes(), uploaded_by=None)
    return H5PActivity.objects.create(
        title=title or package.title, package=package, pass_mark=pass_mark
    )
