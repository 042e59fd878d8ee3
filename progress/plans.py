"""What recording a statement needs to know about an activity, kept between statements.

Finding an activity from its IRI means loading the lesson page, parsing its StreamField, its H5P
activity, package and main library, and the live course around it with every lesson's
activities (for the course's required list). That costs several times more than storing the
statement, so it is built once per lesson and kept in this process: ``lesson_plan(lesson_id)``.

A plan is tagged with its course (``course:<id>``, or ``lesson:<id>`` outside any course) and
kept until that course's content changes (``plans_content_changed``, connected in
``progress.receivers``): a publish, unpublish, save, delete or move of a page in the course, or a
change to an H5P activity its lessons use. Other courses' plans stay; a learner's resume state, a
statement or a login never touch them. Invalidation goes through ``people.caching`` (other
processes follow within a second when they share the cache; without one, plans are also rebuilt
after ``PLAN_MAX_AGE`` seconds, which bounds staleness).
"""

import contextlib
import itertools
from dataclasses import dataclass

from courses.blocks import ACTIVITY_BLOCK_TYPES
from courses.models import CoursePage, LessonPage
from courses.selectors import activity_of_block, course_activities, course_of_lesson
from people.caching import LocalCache, cache_invalidate

CACHE_NAME = "progress:plans"
BUILDS_KEY = "progress:plans:builds"  # shared count of plan builds (read by bench/statements.py)
PLAN_MAX_AGE = 60  # seconds, without a shared cache
MAX_PLANS = 2000
_local_builds = itertools.count(1)


@dataclass(frozen=True)
class LessonPlan:
    lesson: LessonPage
    course: CoursePage | None
    blocks: dict  # block id → (block, Activity)
    required_iris: tuple[str, ...]  # the course's required activities (empty without a course)
    lesson_required_iris: tuple[str, ...] = ()  # this lesson's required activities

    def activity(self, block_id: str) -> tuple:
        """(block, Activity) for an activity block of this lesson, or (None, None)."""
        return self.blocks.get(block_id, (None, None))


_plans = LocalCache(CACHE_NAME, max_age=PLAN_MAX_AGE, size=MAX_PLANS)


def course_tag(course_id: int) -> str:
    return f"course:{course_id}"


def lesson_tag(lesson_id: int) -> str:
    return f"lesson:{lesson_id}"


def plans_invalidate(*, course_ids=(), lesson_ids=(), everything: bool = False) -> None:
    """Forget the plans of these courses and lessons (all plans with ``everything``), in every
    process sharing the cache; again when the transaction commits."""
    if everything:
        cache_invalidate(name=CACHE_NAME)
        return
    tags = [course_tag(pk) for pk in course_ids] + [lesson_tag(pk) for pk in lesson_ids]
    cache_invalidate(name=CACHE_NAME, tags=tags)


def plan_builds() -> int:
    """Plans built so far by every process sharing the cache (this process's without one)."""
    from django.core.cache import cache

    return int(cache.get(BUILDS_KEY) or 0)


def _count_build() -> None:
    from django.core.cache import cache

    try:
        cache.incr(BUILDS_KEY)
    except ValueError:
        cache.add(BUILDS_KEY, 0, timeout=None)
        with contextlib.suppress(ValueError):
            cache.incr(BUILDS_KEY)
    next(_local_builds)


def _plan_build(lesson_id: int) -> LessonPlan | None:
    _count_build()
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
    lesson_required = tuple(a.iri for _block, a in blocks.values() if a.required)
    return LessonPlan(
        lesson=lesson, course=course, blocks=blocks, required_iris=required,
        lesson_required_iris=lesson_required,
    )  # fmt: skip


def _tags(lesson_id: int, plan: LessonPlan | None) -> list[str]:
    # A lesson that is not live yet may be published into a course later: its own tag then goes.
    tags = [lesson_tag(lesson_id)]
    if plan is not None and plan.course is not None:
        tags.append(course_tag(plan.course.pk))
    return tags


def lesson_plan(lesson_id: int) -> LessonPlan | None:
    """The plan of a live lesson, or None when no live lesson has this id."""
    return _plans.get(
        lesson_id, lambda: _plan_build(lesson_id), tags=lambda plan: _tags(lesson_id, plan)
    )
