"""Handlers for signals of earlier apps (connected in ProgressConfig.ready).

Lesson plans (progress.plans) follow course content: a page saved, deleted, published,
unpublished or moved forgets the plans of its course (of both courses for a move); a page above
courses (the catalogue, the home page) or a change to H5P activities, packages or the competence
framework forgets every plan. Nothing else does: a resume state, a statement or a login never.
"""

from contextlib import suppress

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.models import CoursePage, H5PLibrary
from courses.models.h5p import H5PPackageLibrary
from courses.signals import quiz_submitted
from progress.plans import plans_invalidate
from progress.services import StatementConflict, statement_record

# Intake stores shared libraries for new packages; no plan reads them beyond the main
# library's machine name, which never changes for a stored library.
NOT_CONTENT = (H5PLibrary, H5PPackageLibrary)


@receiver(quiz_submitted, dispatch_uid="progress.quiz_submitted")
def record_quiz_statement(sender, *, learner, statement, **kwargs):
    """Store the quiz's statement; a submission delivered again (the page's queue retries with
    the same id) is kept once, even if the quiz was edited between the two deliveries."""
    with suppress(StatementConflict):  # this submission's id is stored already
        statement_record(learner=learner, statement=statement)


def _course_ids_of(page: Page) -> set[int] | None:
    """The course holding ``page`` (or the page itself), or None when courses lie below it."""
    course = CoursePage.objects.ancestor_of(page, inclusive=True).only("pk").first()
    if course is not None:
        return {course.pk}
    if CoursePage.objects.descendant_of(page).exists():
        return None
    return set()


def _page_changed(page: Page) -> None:
    course_ids = _course_ids_of(page)
    if course_ids is None:
        plans_invalidate(everything=True)
    else:
        plans_invalidate(course_ids=course_ids, lesson_ids=[page.pk])


@receiver(page_published, dispatch_uid="progress.plans.published")
@receiver(page_unpublished, dispatch_uid="progress.plans.unpublished")
def plans_page_published(sender, instance, **kwargs):
    _page_changed(instance)


@receiver(post_page_move, dispatch_uid="progress.plans.moved")
def plans_page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    before, after, inside = (
        _course_ids_of(parent_page_before),
        _course_ids_of(parent_page_after),
        _course_ids_of(instance),
    )
    if before is None or after is None or inside is None:
        plans_invalidate(everything=True)
    else:
        plans_invalidate(course_ids=before | after | inside, lesson_ids=[instance.pk])


@receiver(post_save, dispatch_uid="progress.plans.saved")
@receiver(post_delete, dispatch_uid="progress.plans.deleted")
def plans_content_saved(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _page_changed(instance)
    elif sender._meta.app_label != "courses" or isinstance(instance, NOT_CONTENT):
        return
    elif isinstance(getattr(instance, "page", None), CoursePage):  # a course's orderables
        plans_invalidate(course_ids=[instance.page_id])
    else:  # H5P activities and packages, the competence framework: rare editor actions
        plans_invalidate(everything=True)
