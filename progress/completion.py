"""Attempts, activity results, enrolments and course completion — updated per list of statements.

Everything here runs inside the transaction that stores the statements and locks the rows it
changes: first the enrolments (by course id), then the activity results (by IRI), so that two
lists of one learner, in whatever order, wait for each other instead of deadlocking (a list split
around a QuestionSet's ``completed`` locks per part; services retries the rare deadlock that
leaves). It costs the same number of queries whatever the learner's history: nothing rescans
earlier statements. On PostgreSQL the two locking queries go in one round trip, and so do the
attempt's INSERT and its activity result's UPDATE (the usual statement: 2 round trips, not 4).
A missing enrolment (a learner's first graded statement in a course) is created after that
lock, as before it the activity results of a course without enrolment are none.
"""

from dataclasses import dataclass

from django.db import connections, router, transaction
from django.utils import timezone

from courses.blocks import Grading
from courses.models import CoursePage
from courses.selectors import Activity
from progress.bulk import result_sets_read, rows_insert
from progress.models import (
    ActivityResult,
    Attempt,
    CompetenceEvidence,
    Enrolment,
    LessonCompletion,
    Statement,
)
from progress.signals import competence_changed, course_completed, lesson_completed


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


RESULT_FIELDS = [
    "attempts",
    "scaled",
    "passed",
    "first_try_passed",
    "first_passed_at",
    "updated_at",
]


@dataclass(frozen=True)
class Graded:
    """A stored statement's score that counts for an activity (services decides which)."""

    statement: Statement
    activity: Activity
    course: CoursePage | None
    required_iris: tuple[str, ...]
    scaled: float
    verified: bool
    lesson_required_iris: tuple[str, ...] = ()


_sql: dict = {}  # (model, column, how many values) → (SELECT … FOR UPDATE, its field names)


def _lock_sql(connection, model, column: str, count: int) -> tuple:
    """(SELECT … FOR UPDATE of a learner's rows whose ``column`` is one of ``count`` values,
    field names, whether values need converting); built once per shape: the ORM's query building
    cost about three times the query itself on the statements path."""
    key = (model, column, count, connection.alias)
    if key not in _sql:
        meta, quote = model._meta, connection.ops.quote_name
        fields = meta.concrete_fields
        marks = ", ".join(["%s"] * count)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        convert = any(_converters(connection, field) for field in fields)
        _sql[key] = (
            f"SELECT {', '.join(quote(f.column) for f in fields)} FROM {quote(meta.db_table)} "  # noqa: S608 — our columns
            f"WHERE {quote('learner_id')} = %s AND {quote(column)} IN ({marks}) "
            f"ORDER BY {quote(column)}{lock}",
            [f.attname for f in fields],
            convert,  # e.g. SQLite's datetimes and booleans; nothing to convert on PostgreSQL
        )
    return _sql[key]


def _locks_query(connection, wanted: list[tuple], learner_id: int) -> tuple | None:
    """(sql, params, asked, shapes) of the locking queries of ``wanted`` that ask for rows, as
    one query string (PostgreSQL, client-side binding); None when none asks for any."""
    asked = [(model, column, values) for model, column, values in wanted if values]
    if not asked:
        return None
    shapes = [_lock_sql(connection, model, column, len(values)) for model, column, values in asked]
    sql = "; ".join(sql for sql, _names, _convert in shapes)
    params = [p for _model, _column, values in asked for p in (learner_id, *values)]
    return sql, params, asked, shapes


def _locks_read(connection, wanted, asked, shapes, fetched: list) -> list[dict]:
    found = {}
    for (model, column, _values), (_sql_text, names, convert), rows in zip(
        asked, shapes, fetched, strict=True
    ):
        fields = model._meta.concrete_fields
        if convert:
            rows = [
                [_converted(connection, f, value) for f, value in zip(fields, row, strict=True)]
                for row in rows
            ]
        out = {}
        for row in rows:
            obj = model.from_db(connection.alias, names, row)
            out[getattr(obj, column)] = obj
        found[model, column] = out
    return [found.get((model, column), {}) for model, column, _values in wanted]


def _rows_locked(*wanted: tuple, learner_id: int) -> list[dict]:
    """For each ``(model, column, values)`` of ``wanted``, in that order: the learner's rows of
    ``model`` whose ``column`` is one of ``values``, locked for update in the order of
    ``column``, by that column's value (an empty dict for no values). On PostgreSQL the queries
    go in one round trip (the simple query protocol runs them in order, each a result set)."""
    connection = connections[router.db_for_write(wanted[0][0])]
    query = _locks_query(connection, list(wanted), learner_id)
    if query is None:
        return [{} for _wanted in wanted]
    sql, params, asked, shapes = query
    fetched = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # client-side binding: one query string
            cursor.execute(sql, params)
            fetched = result_sets_read(cursor)
        else:
            for (sql, _names, _convert), (_model, _col, values) in zip(shapes, asked, strict=True):
                cursor.execute(sql, [learner_id, *values])
                fetched.append(cursor.fetchall())
    return _locks_read(connection, wanted, asked, shapes, fetched)


def _wanted(graded: list["Graded"]) -> tuple[dict, dict, list[tuple]]:
    courses = {g.course.pk: g for g in graded if g.course is not None}
    defaults = {g.activity.iri: g for g in graded}
    wanted = [
        (Enrolment, "course_id", sorted(courses)),
        (ActivityResult, "activity_iri", sorted(defaults)),
    ]
    return courses, defaults, wanted


class ResultsLock:
    """``results_apply``'s locking query for ``graded``, sent ahead by the statements' INSERT
    in the same round trip (PostgreSQL): ``then`` for progress.bulk.rows_insert, whose result
    sets land in ``locked``, handed to ``results_apply``. ``then`` is None when nothing is to
    be locked. Locking rows of statements that turn out stored already is harmless."""

    def __init__(self, *, learner, graded: list["Graded"]):
        self.connection = connections[router.db_for_write(ActivityResult)]
        _courses, _defaults, self.wanted = _wanted(graded)
        self.query = _locks_query(self.connection, self.wanted, learner.pk)
        self.locked = None

    @property
    def then(self) -> tuple | None:
        if self.query is None:
            return None
        return self.query[0], self.query[1], self._read

    def _read(self, fetched: list) -> None:
        _sql, _params, asked, shapes = self.query
        self.locked = _locks_read(self.connection, self.wanted, asked, shapes, fetched)


def _converters(connection, field) -> list:
    expression = field.get_col(field.model._meta.db_table)
    return connection.ops.get_db_converters(expression) + field.get_db_converters(connection)


def _converted(connection, field, value):
    expression = field.get_col(field.model._meta.db_table)
    for converter in _converters(connection, field):
        value = converter(value, expression, connection)
    return value


def _results_update(results: list[ActivityResult]) -> tuple | None:
    """UPDATE of the changed fields (RESULT_FIELDS) of ``results``, as ``save(update_fields=…)``
    would (updated_at set now), with SQL built once: ``(sql, params)`` for one result, else None
    after running it (executemany); no model signal listens to these rows."""
    if not results:
        return None
    connection = connections[router.db_for_write(ActivityResult)]
    meta, quote = ActivityResult._meta, connection.ops.quote_name
    fields = [meta.get_field(name) for name in RESULT_FIELDS]
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(meta.db_table)} SET {sets} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    now = timezone.now()
    params = []
    for result in results:
        result.updated_at = now
        values = [f.get_db_prep_save(getattr(result, f.attname), connection) for f in fields]
        params.append([*values, result.pk])
    if len(params) == 1:
        return sql, params[0]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return None


def results_apply(*, learner, graded: list[Graded], lock: ResultsLock | None = None) -> None:
    """Record one attempt per graded statement, in order, and update each activity result by
    its grading method; newly passed activities record competence evidence; then re-check the
    completion of each course concerned. Must run inside the statements' transaction.

    Locks first the learner's enrolments (by course id), then the activity results (by IRI),
    each kind in one query, unless ``lock`` (for the same or more statements) has locked them
    already; a missing row is created (and locked) after the existing ones."""
    courses, defaults, wanted = _wanted(graded)
    if lock is not None and lock.locked is not None:
        enrolments, results = lock.locked
        enrolments = {pk: row for pk, row in enrolments.items() if pk in courses}
        results = {iri: row for iri, row in results.items() if iri in defaults}
    else:
        enrolments, results = _rows_locked(*wanted, learner_id=learner.pk)
    for pk in sorted(set(courses) - set(enrolments)):
        enrolments[pk] = enrolment_get_locked(learner=learner, course=courses[pk].course)
    for iri in sorted(set(defaults) - set(results)):
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
        if result.attempts == 1:  # kept for the class dashboard's first-try pass rate
            result.first_try_passed = attempts[-1].passed
        result.scaled = _graded(result.scaled, scaled, activity.grading, result.attempts == 1)
        result.passed = round(result.scaled * 100, 6) >= activity.pass_mark
        if result.passed and result.first_passed_at is None:
            result.first_passed_at = timezone.now()
            changed |= _evidence_add(
                learner=learner, targets=activity.competences,
                source=CompetenceEvidence.Source.ACTIVITY, source_key=activity.iri,
                description=activity.title,
            )  # fmt: skip
    # One result changed (the usual statement): its UPDATE goes with the attempt's INSERT.
    rows_insert(Attempt, attempts, then=_results_update([results[iri] for iri in sorted(results)]))
    lessons = {
        g.activity.lesson_id: g
        for g in graded
        if g.activity.iri in g.lesson_required_iris
        and results[g.activity.iri].passed
        and not was_passed[g.activity.iri]
    }
    for lesson_id in sorted(lessons):
        lesson_progress_update(learner=learner, graded=lessons[lesson_id])
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


def lesson_progress_update(*, learner, graded: Graded) -> LessonCompletion | None:
    """Complete the lesson of ``graded.activity`` (once) when the learner has passed all of its
    required activities; ``lesson_completed`` is sent after the transaction commits. Returns the
    new completion, or None (not all passed yet, or completed before). Called only when one of
    the lesson's required activities has just turned passed, so it costs nothing otherwise."""
    required = list(graded.lesson_required_iris)
    passed = ActivityResult.objects.filter(
        learner=learner, activity_iri__in=required, passed=True
    ).count()
    if passed < len(required):
        return None
    completion, created = LessonCompletion.objects.get_or_create(
        learner=learner, lesson_id=graded.activity.lesson_id, defaults={"course": graded.course}
    )
    if not created:
        return None
    transaction.on_commit(
        lambda: lesson_completed.send(
            sender=LessonCompletion, learner=learner, lesson_id=completion.lesson_id,
            course=graded.course, completion=completion,
        )
    )  # fmt: skip
    return completion


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
