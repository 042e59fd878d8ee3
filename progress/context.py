"""Adds the learner's progress to course and lesson pages (registered in ProgressConfig)."""

from django.urls import reverse

from progress.models import ActivityResult, Enrolment
from progress.selectors import course_progress


def course_page_context(*, page, request) -> dict:
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    progress = course_progress(learner=user, course=page)
    return {
        "progress": progress,
        "enrolment": progress.enrolment,
        "enrol_url": reverse("learning:enrol", args=[page.pk]),
    }


def lesson_page_context(*, page, request) -> dict:
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    results = {
        r.activity_iri: r for r in ActivityResult.objects.filter(learner=user, lesson_id=page.pk)
    }
    course = page.course
    enrolment = Enrolment.objects.filter(learner=user, course=course).first() if course else None
    return {
        "activity_results": results,
        "enrolment": enrolment,
        "statements_url": reverse("progress:statements"),
    }
