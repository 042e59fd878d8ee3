"""What recording a statement needs to know about an activity, kept between statements.

Finding an activity from its IRI means loading the lesson page, parsing its StreamField, its H5P
activity, package and main library, and the live course around it with every lesson's
activities (for the course's required list). That costs several times more than storing the
statement, so it is built once per lesson and kept in this process: ``lesson_plan(lesson_id)``.

Plans are keyed by a content generation kept in the cache (shared between processes when
``REDIS_URL`` is set). Saving or deleting any page or courses model, publishing, unpublishing or
moving a page bumps it, at once and again when the transaction commits, so the next statement
in this process rebuilds; other processes read the generation at most once a second. Where
processes share no cache, a plan is also rebuilt after ``PLAN_MAX_AGE`` seconds.
"""

from dataclasses import dataclass

from courses.blocks import ACTIVITY_BLOCK_TYPES
from courses.models import CoursePage, LessonPage
from courses.selectors import activity_of_block, course_activities, course_of_lesson
from people.caching import LocalCache

GENERATION_KEY = "courses:plan-generation"
PLAN_MAX_AGE = 60  # seconds
MAX_PLANS = 2000


@dataclass(frozen=True)
class LessonPlan:
    lesson: LessonPage
    course: CoursePage | None
    blocks: dict  # block id → (block, Activity)
    required_iris: tuple[str, ...]  # the course's required activities (empty without a course)

    def activity(self, block_id: str) -> tuple:
        """(block, Activity) for an activity block of this lesson, or (None, None)."""
        return self.blocks.get(block_id, (None, None))


_plans = LocalCache(GENERATION_KEY, max_age=PLAN_MAX_AGE, size=MAX_PLANS)


def plans_invalidate() -> None:
    """Forget every plan, in every process sharing the cache; again when the transaction
    commits (a plan built in between from half-saved content is not kept)."""
    _plans.forget()


def _plan_build(lesson_id: int) -> LessonPlan | None:
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None:
        return None
    blocks = {
        block.id: (block, activity_of_block(lesson, block))
        for block in lesson.body
        if block.block_type in ACTIVITY_BLOCK_TYPES
    }
    for block, _activity in blocks.values():  # load what checking needs now, not per statement
        h5p = block.value.get("activity") if block.block_type == "h5p" else None
        if h5p is not None:
            _ = h5p.package.main_library.machine_name
    course = course_of_lesson(lesson=lesson)
    required: tuple[str, ...] = ()
    if course is not None:
        required = tuple(a.iri for a in course_activities(course=course) if a.required)
    return LessonPlan(lesson=lesson, course=course, blocks=blocks, required_iris=required)


def lesson_plan(lesson_id: int) -> LessonPlan | None:
    """The plan of a live lesson, or None when no live lesson has this id."""
    return _plans.get(lesson_id, lambda: _plan_build(lesson_id))
