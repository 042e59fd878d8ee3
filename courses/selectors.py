"""Reads about courses: activities of a course or lesson, navigation, who may see what."""

import functools
import re
from dataclasses import dataclass, field

from django.conf import settings

from courses.blocks import ACTIVITY_BLOCK_TYPES
from courses.models import CoursePage, LessonPage


@dataclass(frozen=True)
class Activity:
    """One learning activity: a block of a lesson, identified by lesson id + block id."""

    lesson_id: int
    block_id: str
    kind: str  # "h5p" | "quiz"
    title: str
    required: bool
    pass_mark: int
    competences: list = field(default_factory=list)  # [(competence_id, level)]
    h5p_activity_id: int | None = None
    grading: str = "best"
    allow_unverified: bool = False

    @property
    def iri(self) -> str:
        return activity_iri(lesson_id=self.lesson_id, block_id=self.block_id)


def activity_iri(*, lesson_id: int, block_id: str) -> str:
    base = settings.XAPI_ACTIVITY_ID_BASE.rstrip("/")
    return f"{base}/xapi/activities/lesson/{lesson_id}/{block_id}"


def activity_of_block(lesson: LessonPage, block) -> Activity:
    value = block.value
    competences = [
        (target["competence"].pk, target["level"])
        for target in value.get("competences") or []
        if target.get("competence") is not None
    ]
    if block.block_type == "h5p":
        h5p = value["activity"]
        if h5p is not None:
            declared = {cid for cid, _level in competences}
            competences += [
                (target.competence_id, target.level)
                for target in h5p.competence_targets.all()
                if target.competence_id not in declared
            ]
        pass_mark = value.get("pass_mark")
        return Activity(
            lesson_id=lesson.pk,
            block_id=block.id,
            kind="h5p",
            title=h5p.title if h5p else "",
            required=bool(value.get("required")),
            pass_mark=pass_mark if pass_mark is not None else (h5p.pass_mark if h5p else 100),
            competences=competences,
            h5p_activity_id=h5p.pk if h5p else None,
            grading=value.get("grading") or "best",
            allow_unverified=bool(value.get("allow_unverified")),
        )
    return Activity(
        lesson_id=lesson.pk,
        block_id=block.id,
        kind="quiz",
        title=value["title"],
        required=bool(value.get("required")),
        pass_mark=value["pass_mark"],
        competences=competences,
        grading=value.get("grading") or "best",
        allow_unverified=False,  # quizzes are always checked on the server
    )


def lesson_activities(*, lesson: LessonPage) -> list[Activity]:
    return [
        activity_of_block(lesson, block)
        for block in lesson.body
        if block.block_type in ACTIVITY_BLOCK_TYPES
    ]


def lesson_block(*, lesson: LessonPage, block_id: str):
    """The activity block with this id in the lesson's live content, or None."""
    for block in lesson.body:
        if block.id == block_id and block.block_type in ACTIVITY_BLOCK_TYPES:
            return block
    return None


def course_activities(*, course: CoursePage) -> list[Activity]:
    activities = []
    for lesson in course.lessons().specific():
        activities.extend(lesson_activities(lesson=lesson))
    return activities


def course_of_lesson(*, lesson: LessonPage) -> CoursePage | None:
    return CoursePage.objects.ancestor_of(lesson).live().first()


def lesson_navigation(*, lesson: LessonPage) -> dict:
    course = course_of_lesson(lesson=lesson)
    if course is None:
        return {"course": None, "previous_lesson": None, "next_lesson": None, "outline": []}
    lessons = list(course.lessons())
    ids = [item.pk for item in lessons]
    index = ids.index(lesson.pk) if lesson.pk in ids else -1
    return {
        "course": course,
        "previous_lesson": lessons[index - 1] if index > 0 else None,
        "next_lesson": lessons[index + 1] if 0 <= index < len(lessons) - 1 else None,
        "lesson_number": index + 1,
        "lesson_count": len(lessons),
    }


def lesson_viewable_by(*, lesson: LessonPage, user) -> bool:
    """Lessons are public pages, but activities are played by signed-in learners only."""
    return bool(user and user.is_authenticated and user.is_active) and lesson.live


def activity_iri_parse(iri: str) -> tuple[int | None, str]:
    """(lesson id, block id) of an activity IRI of ours, or (None, "")."""
    match = _activity_iri_re(settings.XAPI_ACTIVITY_ID_BASE).fullmatch(iri or "")
    return (int(match[1]), match[2]) if match else (None, "")


@functools.lru_cache(maxsize=4)
def _activity_iri_re(base: str) -> re.Pattern:
    base = re.escape(base.rstrip("/"))
    return re.compile(base + r"/xapi/activities/lesson/(\d{1,18})/([\w-]{1,64})")
