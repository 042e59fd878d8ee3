"""What the live dashboard is sent about changed learners: small JSON deltas, not HTML rows.

``live_deltas_build({cohort_id: {learner_id: {activity iri, …}}})`` answers, for every class
and learner still in it, ``{"row": {…}, "cells": [{…}]}``:

- ``row``: the learner's summary columns as the dashboard shows them (status, needs help,
  progress %, lessons done, last activity, sessions attended, the line under the name);
- ``cells``: the cells of the activities named (those the learner's new statements were about;
  none for a lesson or course completion or an attendance mark), each with its status, symbol,
  checked score and the words its title and screen-reader text say.

Every class and learner of a batch are read together: seven queries whatever their number
(the classes' columns are kept per process, see ``live_columns``). The figures are those of
``cohort_dashboard`` and ``dashboard_rows`` (a test compares them); no request, so no
user-specific content, and the texts are in the site's default language.
"""

import datetime

from django.db.models import Count
from django.utils import dateformat, timezone

from cohorts.dashboard import (
    DEFAULT_INACTIVE_DAYS,
    REPEATED_FAILURES,
    LearnerStatus,
    LearnerSummary,
)
from cohorts.dashboard_rows import (
    CellStatus,
    cell_build,
    cell_said,
    live_columns,
    statement_facts_add,
    statement_tally,
)
from cohorts.models import Attendance, Cohort, CohortMember
from progress.models import ActivityResult, Enrolment, LessonCompletion, Statement


def _meta(summary: LearnerSummary) -> str:
    """The line under the learner's name (``cohorts/_dashboard_row.html``)."""
    from django.utils.translation import gettext

    parts = [summary.hamlet or "—", str(summary.status_label)]
    if summary.inactive:
        parts.append(gettext("lâu không học"))
    if summary.stuck:
        parts.append(gettext("trượt nhiều lần"))
    return " · ".join(parts)


def _row(summary: LearnerSummary) -> dict:
    last = summary.last_activity
    local = timezone.localtime(last) if last is not None else None
    return {
        "status": summary.status,
        "help": summary.needs_help,
        "percent": summary.percent,
        "lessons": f"{summary.lessons_done}/{summary.lessons_total}",
        "last": dateformat.format(local, "d/m") if local else "",
        "last_iso": dateformat.format(local, "c") if local else "",
        "present": summary.present,
        "meta": _meta(summary),
    }


def live_deltas_build(changes: dict, *, days: int = DEFAULT_INACTIVE_DAYS) -> dict:
    """``{cohort: {learner: {"row", "cells"}}}`` for ``changes`` (``{cohort: {learner: iris}}``);
    a learner no longer in the class is left out. Seven queries for the whole batch."""
    learner_ids = sorted({learner for learners in changes.values() for learner in learners})
    if not learner_ids:
        return {}
    summaries: dict = {}  # (cohort, learner) → LearnerSummary
    for cohort_id, learner_id, full_name, username, hamlet_id, hamlet in (
        CohortMember.objects.filter(cohort_id__in=list(changes), learner_id__in=learner_ids)
        .values_list(
            "cohort_id", "learner_id", "learner__full_name", "learner__username",
            "learner__profile__home_unit_id", "learner__profile__home_unit__name",
        )
    ):  # fmt: skip
        if learner_id in changes[cohort_id]:
            summaries[cohort_id, learner_id] = LearnerSummary(
                learner_id, full_name or username, hamlet_id, hamlet or ""
            )
    if not summaries:
        return {}
    columns = {cohort_id: live_columns(cohort=Cohort(pk=cohort_id)) for cohort_id, _ in summaries}
    every = [column for cohort_columns in columns.values() for column in cohort_columns]
    iris = sorted({c.iri for c in every})
    lessons = sorted({c.lesson_id for c in every})
    courses = sorted({c.course_id for c in every if c.activity.required})
    results = {
        (learner_id, iri): (scaled, passed, attempts, updated)
        for learner_id, iri, scaled, passed, attempts, updated in ActivityResult.objects.filter(
            learner_id__in=learner_ids, activity_iri__in=iris
        ).values_list("learner_id", "activity_iri", "scaled", "passed", "attempts", "updated_at")
    }
    enrolments: dict = {}  # learner → [(course, completed_at, passed)]
    for learner_id, course_id, completed_at, passed in Enrolment.objects.filter(
        learner_id__in=learner_ids, course_id__in=courses
    ).values_list("learner_id", "course_id", "completed_at", "passed_count"):
        enrolments.setdefault(learner_id, []).append((course_id, completed_at, passed))
    completions = set(
        LessonCompletion.objects.filter(
            learner_id__in=learner_ids, lesson_id__in=lessons
        ).values_list("learner_id", "lesson_id")
    )
    statements = list(
        Statement.objects.filter(learner_id__in=learner_ids, lesson_id__in=lessons)
        .values("learner_id", "lesson_id", "activity_iri")
        .annotate(**statement_tally())
        .values_list("learner_id", "lesson_id", "activity_iri", "last", "unverified", "checked")
    )
    present = {
        (cohort_id, learner_id): n
        for cohort_id, learner_id, n in Attendance.objects.filter(
            session__cohort_id__in=list(changes), learner_id__in=learner_ids, present=True
        )
        .values("session__cohort_id", "learner_id")
        .annotate(n=Count("id"))
        .values_list("session__cohort_id", "learner_id", "n")
    }
    since = timezone.now() - datetime.timedelta(days=days)
    texts = {key: str(label) for key, label in CellStatus.LABELS.items()}
    tz, times = timezone.get_current_timezone(), {}
    out: dict = {}
    for (cohort_id, learner_id), summary in summaries.items():
        cohort_columns = columns[cohort_id]
        by_iri = {c.iri: c for c in cohort_columns}
        cohort_lessons = {c.lesson_id for c in cohort_columns}
        required: dict = {}
        for column in cohort_columns:
            if column.activity.required:
                required[column.course_id] = required.get(column.course_id, 0) + 1
        summary.required = sum(required.values())
        summary.courses_total = len({c.course_id for c in cohort_columns})
        summary.lessons_total = len({c.lesson_id for c in cohort_columns if c.activity.required})
        done = []
        for course_id, completed_at, passed in enrolments.get(learner_id, ()):
            if course_id in required:
                summary.passed += min(passed, required[course_id])
                if completed_at is not None:
                    done.append(completed_at)
        summary.courses_done = len(done)
        if done and len(done) >= len(required):
            summary.completed_at = max(done)
        summary.lessons_done = sum(
            1 for lesson_id in cohort_lessons if (learner_id, lesson_id) in completions
        )
        facts: dict = {}
        for who, lesson_id, iri, last, unverified, checked in statements:
            if who != learner_id or lesson_id not in cohort_lessons:
                continue
            if summary.last_activity is None or last > summary.last_activity:
                summary.last_activity = last
            statement_facts_add(facts, who, iri, last, unverified, checked, by_iri)
        summary.stuck = sorted(
            (
                (column, results[learner_id, column.iri][2])
                for column in cohort_columns
                if (learner_id, column.iri) in results
                and not results[learner_id, column.iri][1]
                and results[learner_id, column.iri][2] >= REPEATED_FAILURES
            ),
            key=lambda item: item[0].number,
        )
        summary.inactive = summary.status == LearnerStatus.IN_PROGRESS and (
            summary.last_activity is None or summary.last_activity < since
        )
        summary.present = present.get((cohort_id, learner_id), 0)
        cells = []
        for iri in sorted(changes[cohort_id][learner_id]):
            column = by_iri.get(iri)
            if column is None:
                continue
            cell = cell_build(column, results.get((learner_id, iri)), facts.get((learner_id, iri)))
            said = cell_said(cell, texts=texts, tz=tz, times=times)
            cells.append(
                {"activity": iri, "status": cell.status, "symbol": cell.symbol,
                 "score": cell.score, "said": said,
                 "title": f"{column.number} {column.title}: {said}"}
            )  # fmt: skip
        out.setdefault(cohort_id, {})[learner_id] = {"row": _row(summary), "cells": cells}
    return out
