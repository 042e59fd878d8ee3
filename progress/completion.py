"""Attempts, activity results, enrolments and course completion — updated per list of statements.

Everything here runs inside the transaction that stores the statements and locks the rows it
changes: first the enrolments (by course id), then the activity results (by IRI), so that two
lists of one learner, in whatever order, wait for each other instead of deadlocking (a list split
around a QuestionSet's ``completed`` locks per part; services retries the rare deadlock that
leaves). It costs the same number of queries whatever the learner's history: nothing rescans
earlier statements.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from courses.blocks import Grading
from courses.models import CoursePage
from courses.selectors import Activity
from progress.bulk import rows_insert
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


RESULT_FIELDS = ["attempts", "scaled", "passed", "first_passed_at", "updated_at"]


@dataclass(frozen=True)
class Graded:
    """A stored statement's score that counts for an activity (services decides which)."""

    statement: Statement
    activity: Activity
    course: CoursePage | None
    required_iris: tuple[str, ...]
    scaled: float
    verified: bool


def results_apply(*, learner, graded: list[Graded]) -> None:
    """Record one attempt per graded statement, in order, and update each activity result by
    its grading method; newly passed activities record competence evidence; then re-check the
    completion of each course concerned. Must run inside the statements' transaction."""
    courses = {g.course.pk: g for g in graded if g.course is not None}
    enrolments = {
        pk: enrolment_get_locked(learner=learner, course=courses[pk].course)
        for pk in sorted(courses)
    }
    defaults = {g.activity.iri: g for g in graded}
    results = {}
    for iri in sorted(defaults):
        g = defaults[iri]
        fields = {"course": g.course, "lesson_id": g.activity.lesson_id, "title": g.activity.title}
        results[iri], _created = ActivityResult.objects.select_for_update().get_or_create(
            learner=learner, activity_iri=iri, defaults=fields
        )
    attempts, changed = [], set()
    was_passed = {iri: result.passed for iri, result in results.items()}
    for g in graded:
        activity = g.activity
        scaled = max(0.0, min(1.0, float(g.scaled)))
        attempts.append(
            Attempt(
                learner_id=learner.pk,  # ids: setting relations costs more (the user is lazy)
                activity_iri=activity.iri,
                course_id=g.course.pk if g.course is not None else None,
                lesson_id=activity.lesson_id,
                statement_id=g.statement.pk,  # stored already (services inserts them first)
                scaled=scaled,
                passed=round(scaled * 100, 6) >= activity.pass_mark,
                verified=g.verified,
            )
        )
        result = results[activity.iri]
        result.attempts += 1
        result.scaled = _graded(result.scaled, scaled, activity.grading, result.attempts == 1)
        result.passed = round(result.scaled * 100, 6) >= activity.pass_mark
        if result.passed and result.first_passed_at is None:
            result.first_passed_at = timezone.now()
            changed |= _evidence_add(
                learner=learner, targets=activity.competences,
                source=CompetenceEvidence.Source.ACTIVITY, source_key=activity.iri,
                description=activity.title,
            )  # fmt: skip
    rows_insert(Attempt, attempts)
    for result in results.values():
        result.save(update_fields=RESULT_FIELDS)
    flipped = {
        g.course.pk
        for g in graded
        if g.course and results[g.activity.iri].passed != was_passed[g.activity.iri]
    }
    for pk, g in courses.items():
        enrolment = enrolments[pk]
        if (
            pk not in flipped
            and enrolment.started_at is not None
            and enrolment.required_count == len(g.required_iris)
        ):
            continue  # no activity of the course changed between passed and not: no recount
        changed |= course_progress_update(
            learner=learner, course=g.course, enrolment=enrolments[pk],
            required_iris=g.required_iris,
        )  # fmt: skip
    if changed:
        transaction.on_commit(
            lambda: competence_changed.send(
                sender=ActivityResult, learner=learner, competence_ids=sorted(changed)
            )
        )


def course_progress_update(
    *, learner, course: CoursePage, enrolment: Enrolment, required_iris: tuple[str, ...]
) -> set:
    """Recount the learner's passed required activities (``required_iris``) in ``course``;
    complete it (once) when all are passed. ``enrolment`` must be locked already. Returns the
    competence ids whose evidence changed."""
    now = timezone.now()
    required = list(required_iris)
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
