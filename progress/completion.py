"""Attempts, activity results, enrolments and course completion — updated per statement.

Everything here runs inside the transaction that stores the statement, locks the rows it
changes (enrolment, then activity result — always in that order, so that several statements
sharing one transaction, as a batch does, cannot deadlock with another on the same course), and
costs the same number of queries whatever the learner's history: nothing rescans earlier
statements.
"""

from django.db import transaction
from django.utils import timezone

from courses.blocks import Grading
from courses.models import CoursePage
from courses.selectors import Activity, course_activities
from progress.models import ActivityResult, Attempt, CompetenceEvidence, Enrolment, Statement
from progress.signals import competence_changed, course_completed


def _graded(old: float | None, new: float, grading: str, first_attempt: bool) -> float:
    if grading == Grading.LAST or old is None:
        return new
    if grading == Grading.FIRST:
        return old if not first_attempt else new
    return max(old, new)


def enrolment_get_locked(*, learner, course: CoursePage) -> Enrolment:
    """The learner's enrolment in ``course`` (created when missing), locked for update."""
    enrolment, _created = Enrolment.objects.select_for_update().get_or_create(
        learner=learner, course=course
    )
    return enrolment


def enrolment_create(*, learner, course: CoursePage, source: str = Enrolment.Source.SELF):
    """Self-enrol (idempotent: a second click changes nothing). Returns the enrolment."""
    enrolment, _created = Enrolment.objects.get_or_create(
        learner=learner, course=course, defaults={"source": source}
    )
    return enrolment


def _evidence_add(*, learner, targets, source: str, source_key: str, description: str) -> set:
    changed = set()
    for competence_id, level in targets:
        evidence, created = CompetenceEvidence.objects.get_or_create(
            learner=learner,
            competence_id=competence_id,
            source=source,
            source_key=source_key,
            defaults={"level": level, "description": description[:255]},
        )
        if created:
            changed.add(competence_id)
        elif evidence.level < level:
            evidence.level = level
            evidence.save(update_fields=["level"])
            changed.add(competence_id)
    return changed


def attempt_record(
    *, statement: Statement, activity: Activity, course: CoursePage | None, scaled: float,
    verified: bool,
) -> ActivityResult:  # fmt: skip
    """Record one graded attempt and update the activity result by its grading method; when
    the activity is newly passed, record competence evidence and re-check course completion.
    Must run inside the statement's transaction."""
    learner = statement.learner
    scaled = max(0.0, min(1.0, float(scaled)))
    passed_now = round(scaled * 100, 6) >= activity.pass_mark
    Attempt.objects.create(
        learner=learner, activity_iri=activity.iri, course=course,
        lesson_id=activity.lesson_id, statement=statement, scaled=scaled,
        passed=passed_now, verified=verified,
    )  # fmt: skip
    if course is not None:
        # Enrolment first: a transaction holding one activity result while waiting for the
        # enrolment would deadlock with a batch of the same learner that holds the enrolment.
        enrolment_get_locked(learner=learner, course=course)
    result, _created = ActivityResult.objects.select_for_update().get_or_create(
        learner=learner,
        activity_iri=activity.iri,
        defaults={"course": course, "lesson_id": activity.lesson_id, "title": activity.title},
    )
    result.attempts += 1
    result.scaled = _graded(result.scaled, scaled, activity.grading, result.attempts == 1)
    result.passed = round(result.scaled * 100, 6) >= activity.pass_mark
    newly_passed = result.passed and result.first_passed_at is None
    if newly_passed:
        result.first_passed_at = timezone.now()
    result.save()
    changed: set = set()
    if newly_passed:
        changed |= _evidence_add(
            learner=learner, targets=activity.competences,
            source=CompetenceEvidence.Source.ACTIVITY, source_key=activity.iri,
            description=activity.title,
        )  # fmt: skip
    if course is not None:
        changed |= course_progress_update(learner=learner, course=course)
    if changed:
        transaction.on_commit(
            lambda: competence_changed.send(
                sender=ActivityResult, learner=learner, competence_ids=sorted(changed)
            )
        )
    return result


def course_progress_update(*, learner, course: CoursePage) -> set:
    """Recount the learner's passed required activities in ``course``; complete it (once) when
    all are passed. Returns the competence ids whose evidence changed."""
    enrolment = enrolment_get_locked(learner=learner, course=course)
    now = timezone.now()
    required = [a.iri for a in course_activities(course=course) if a.required]
    passed = ActivityResult.objects.filter(
        learner=learner, activity_iri__in=required, passed=True
    ).count()
    enrolment.started_at = enrolment.started_at or now
    enrolment.required_count = len(required)
    enrolment.passed_count = passed
    changed: set = set()
    if required and passed >= len(required) and enrolment.completed_at is None:
        enrolment.completed_at = now
        targets = [(t.competence_id, t.level) for t in course.competence_targets.all()]
        changed = _evidence_add(
            learner=learner, targets=targets, source=CompetenceEvidence.Source.COURSE,
            source_key=f"course:{course.pk}", description=course.title,
        )  # fmt: skip
        transaction.on_commit(
            lambda: course_completed.send(
                sender=Enrolment, learner=learner, course=course, enrolment=enrolment
            )
        )
    enrolment.save()
    return changed
