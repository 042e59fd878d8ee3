"""The dashboard's matrix: one row per learner, one cell per activity (status, checked score,
attempts, last activity), read for a page of learners in two queries whatever its size.

For the live dashboard: ``cohort_dashboard_row(cohort=…, learner_id=…)`` gives one learner's
row, ``dashboard_row_render(cohort_id, learner_id)`` its HTML and ``dashboard_rows_render``
several learners' of one class in one pass, the class's columns kept per process (template
``cohorts/_dashboard_row.html``: ``<tr data-learner="<id>">`` with cells
``<td data-activity="<iri>">``).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cohorts.dashboard import (
    DEFAULT_INACTIVE_DAYS,
    Column,
    LearnerSummary,
    cohort_dashboard,
    dashboard_columns,
)
from cohorts.models import Cohort
from people.caching import LocalCache, cache_invalidate, generation_current
from progress.models import ActivityResult, Statement, Verification
from progress.plans import CACHE_NAME as PLANS_CACHE

GRADED_VERBS = [
    "http://adlnet.gov/expapi/verbs/answered",
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/passed",
    "http://adlnet.gov/expapi/verbs/failed",
    "http://adlnet.gov/expapi/verbs/scored",
]


_columns = LocalCache("cohorts:live-columns", max_age=60, size=500)


class CellStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    PASSED = "passed"
    FAILED = "failed"
    UNVERIFIED = "unverified"
    LABELS = {
        NOT_STARTED: _("Chưa làm"),
        IN_PROGRESS: _("Đang làm"),
        PASSED: _("Đạt"),
        FAILED: _("Chưa đạt"),
        UNVERIFIED: _("Chưa kiểm tra được"),
    }
    SYMBOLS = {NOT_STARTED: "·", IN_PROGRESS: "…", PASSED: "✓", FAILED: "✗", UNVERIFIED: "?"}


@dataclass
class Cell:
    column: Column
    status: str = CellStatus.NOT_STARTED
    scaled: float | None = None
    attempts: int = 0
    last: datetime.datetime | None = None

    @property
    def label(self):
        return CellStatus.LABELS[self.status]

    @property
    def symbol(self) -> str:
        return CellStatus.SYMBOLS[self.status]

    @property
    def score(self) -> int | None:
        return round(100 * self.scaled) if self.scaled is not None else None


@dataclass
class Row:
    summary: LearnerSummary
    cells: list[Cell]

    @property
    def cells_html(self) -> SafeString:
        """The row's ``<td data-activity=…>`` cells, built here rather than in the template
        (thousands of cells per page: a template loop with translations costs ten times more)."""
        texts = {key: str(label) for key, label in CellStatus.LABELS.items()}
        tz = timezone.get_current_timezone()
        times: dict[int, str] = {}
        parts = []
        for cell in self.cells:
            said = escape(cell_said(cell, texts=texts, tz=tz, times=times))
            score = f'<span class="score">{cell.score}</span>' if cell.score is not None else ""
            parts.append(
                f'<td data-activity="{cell.column.iri_html}" class="cell cell-{cell.status}" '
                f'title="{cell.column.title_html}: {said}"><span aria-hidden="true">'
                f'{cell.symbol}</span>{score}<span class="visually-hidden">{said}</span></td>'
            )
        return mark_safe("".join(parts))  # noqa: S308 (every text inside went through escape())


def cell_said(cell: Cell, *, texts=None, tz=None, times=None) -> str:
    """What a cell says in words: "Đạt, 100%, 2 lần, 07/12/2026 14:05" (its title and the
    screen reader's text; the live dashboard sends it with a changed cell). ``texts``, ``tz`` and
    ``times`` let a caller describing many cells build them once."""
    texts = texts or {key: str(label) for key, label in CellStatus.LABELS.items()}
    tz = tz or timezone.get_current_timezone()
    times = {} if times is None else times
    details = [texts[cell.status]]
    if cell.score is not None:
        details.append(f"{cell.score}%")
    if cell.attempts:
        if cell.attempts not in times:
            times[cell.attempts] = ngettext("%(n)s lần", "%(n)s lần", cell.attempts) % {
                "n": cell.attempts
            }
        details.append(times[cell.attempts])
    if cell.last is not None:
        details.append(cell.last.astimezone(tz).strftime("%d/%m/%Y %H:%M"))
    return ", ".join(details)


def statement_tally() -> dict:
    """Per learner and activity: the last statement's time, graded statements not yet checked,
    and statements checked (accepted or rejected), as annotations of a values() query."""
    return {
        "last": Max("stored_at"),
        "unverified": Count(
            "id", filter=Q(verb__in=GRADED_VERBS, verification=Verification.UNVERIFIED)
        ),
        "checked": Count(
            "id", filter=Q(verification__in=[Verification.CHECKED, Verification.REJECTED])
        ),
    }


def statement_facts_add(facts: dict, learner_id: int, iri: str, last, unverified, checked, main):
    """Fold one (learner, activity iri) group of statements into ``facts`` (see
    ``_statement_facts``; a container's children count for the container)."""
    main_iri, child, _query = iri.partition("?")
    if main_iri not in main:
        return
    fact = facts.setdefault((learner_id, main_iri), [last, 0, 0])
    fact[0] = max(fact[0], last)
    if not child:
        fact[1] += unverified
        fact[2] += checked


def _statement_facts(learner_ids, columns) -> dict:
    """(learner, main activity iri) → [last stored, unverified graded, checked] from the
    statements (a container's children count for the container)."""
    facts: dict = {}
    main = {c.iri for c in columns}
    rows = (
        Statement.objects.filter(
            learner_id__in=learner_ids, lesson_id__in=sorted({c.lesson_id for c in columns})
        )
        .values("learner_id", "activity_iri")
        .annotate(**statement_tally())
        .values_list("learner_id", "activity_iri", "last", "unverified", "checked")
    )
    for learner_id, iri, last, unverified, checked in rows:
        statement_facts_add(facts, learner_id, iri, last, unverified, checked, main)
    return facts


def cell_build(column, result, fact) -> Cell:
    cell = Cell(column)
    if fact is not None:
        cell.last, cell.status = fact[0], CellStatus.IN_PROGRESS
    if result is not None:
        scaled, passed, attempts, updated = result
        cell.scaled, cell.attempts = scaled, attempts
        cell.last = max(d for d in (cell.last, updated) if d is not None)
        cell.status = CellStatus.PASSED if passed else CellStatus.FAILED
        if fact is not None and fact[2] == 0 and fact[1] > 0:
            cell.status = CellStatus.UNVERIFIED  # counted from scores the server couldn't check
    elif fact is not None and fact[1] > 0:
        cell.status = CellStatus.UNVERIFIED
    return cell


def dashboard_rows(*, summaries: list[LearnerSummary], columns: list[Column]) -> list[Row]:
    """The matrix rows of ``summaries`` (a page of learners), in their order: two queries."""
    learner_ids = [s.learner_id for s in summaries]
    if not learner_ids or not columns:
        return [Row(summary, [Cell(column) for column in columns]) for summary in summaries]
    results = {
        (learner_id, iri): (scaled, passed, attempts, updated)
        for learner_id, iri, scaled, passed, attempts, updated in ActivityResult.objects.filter(
            learner_id__in=learner_ids, activity_iri__in=[c.iri for c in columns]
        ).values_list("learner_id", "activity_iri", "scaled", "passed", "attempts", "updated_at")
    }
    facts = _statement_facts(learner_ids, columns)
    return [
        Row(
            summary,
            [
                cell_build(
                    column,
                    results.get((summary.learner_id, column.iri)),
                    facts.get((summary.learner_id, column.iri)),
                )
                for column in columns
            ],
        )
        for summary in summaries
    ]


def cohort_dashboard_row(
    *, cohort: Cohort, learner_id: int, days: int = DEFAULT_INACTIVE_DAYS
) -> Row | None:
    """One learner's row as the dashboard shows it (None when not a member)."""
    dashboard = cohort_dashboard(cohort=cohort, days=days, learner_ids=[learner_id])
    summary = dashboard.by_id.get(learner_id)
    if summary is None:
        return None
    return dashboard_rows(summaries=[summary], columns=dashboard.columns)[0]


def live_columns(*, cohort: Cohort) -> list[Column]:
    """The class's columns, kept per process: under the lesson plans' generation (every course
    or content change moves it, see progress.receivers) and the class's tag (its courses
    changed: ``live_columns_forget``)."""
    key = (cohort.pk, generation_current(name=PLANS_CACHE))
    return _columns.get(
        key, lambda: dashboard_columns(cohort=cohort), tags=lambda _value: (cohort.pk,)
    )


def live_columns_forget(*, cohort_ids) -> None:
    """The courses of these classes changed: their kept columns go, in every process."""
    cache_invalidate(name="cohorts:live-columns", tags=[str(pk) for pk in cohort_ids])


def dashboard_rows_render(cohort_id: int, learner_ids) -> dict[int, str]:
    """The HTML rows (``<tr data-learner=…>``) of several learners of one class in one pass (a
    fixed number of queries, the columns kept per process, no class-wide attendance counts);
    a learner no longer in the class (or a class gone) gets "". For cohorts.live's pushes; no
    request, so no user-specific content."""
    learner_ids = list(learner_ids)
    out = dict.fromkeys(learner_ids, "")
    if not learner_ids:
        return out
    cohort = Cohort(pk=cohort_id)  # only its pk is read: a class gone has no members left
    dashboard = cohort_dashboard(
        cohort=cohort, learner_ids=learner_ids, columns=live_columns(cohort=cohort),
        sessions=False,
    )  # fmt: skip
    for row in dashboard_rows(summaries=dashboard.learners, columns=dashboard.columns):
        out[row.summary.learner_id] = render_to_string(
            "cohorts/_dashboard_row.html", {"row": row, "cohort": cohort}
        )
    return out


def dashboard_row_render(cohort_id: int, learner_id: int) -> str:
    """The HTML of one learner's row (``<tr data-learner=…>``), or "" when the class or the
    member is gone (``dashboard_rows_render`` for one learner)."""
    return dashboard_rows_render(cohort_id, [learner_id])[learner_id]
