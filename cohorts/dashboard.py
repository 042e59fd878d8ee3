"""The trainer's dashboard of a class, as data: its activity columns, one summary per learner
(course and lesson progress, last activity, who needs help), attendance per session, and the
figures the charts draw.

Every read here is one query over the whole class (aggregated in the database where the rows
would be many), so the number of queries never grows with the class; the matrix's cells are
read for one page of learners at a time (cohorts.dashboard_rows). progress's tables are read
directly: cohorts depends on progress, never the reverse.
"""

import datetime
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from cohorts.models import Attendance, Cohort, CohortMember
from courses.selectors import Activity
from progress.models import ActivityResult, Enrolment, LessonCompletion, Statement
from progress.plans import lesson_plan

REPEATED_FAILURES = 3  # failed attempts on one activity, still not passed
DEFAULT_INACTIVE_DAYS = 7


class LearnerStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    LABELS = {
        NOT_STARTED: _("Chưa bắt đầu"),
        IN_PROGRESS: _("Đang học"),
        COMPLETED: _("Đã hoàn thành"),
    }


@dataclass(frozen=True)
class Column:
    """One activity of the class's courses: a column of the matrix."""

    activity: Activity
    number: str  # "1.2": lesson 1 of the class's courses, activity 2 of the lesson
    lesson_id: int
    lesson_title: str
    course_id: int
    course_title: str

    @cached_property
    def iri(self) -> str:
        return self.activity.iri

    @cached_property
    def title(self) -> str:
        return self.activity.title or str(_("Hoạt động %(number)s") % {"number": self.number})

    @cached_property
    def iri_html(self) -> str:
        return escape(self.iri)

    @cached_property
    def title_html(self) -> str:
        return escape(f"{self.number} {self.title}")


@dataclass
class LearnerSummary:
    learner_id: int
    name: str
    hamlet_id: int | None
    hamlet: str
    required: int = 0  # required activities of the class's courses
    passed: int = 0
    lessons_done: int = 0
    lessons_total: int = 0
    courses_total: int = 0
    courses_done: int = 0
    completed_at: datetime.datetime | None = None  # every course of the class completed
    last_activity: datetime.datetime | None = None
    stuck: list = field(default_factory=list)  # [(Column, failed attempts)]
    present: int = 0  # sessions attended
    inactive: bool = False  # started, not finished, nothing for N days

    @property
    def status(self) -> str:
        if self.completed_at is not None:
            return LearnerStatus.COMPLETED
        if self.last_activity is None and not self.passed:
            return LearnerStatus.NOT_STARTED
        return LearnerStatus.IN_PROGRESS

    @property
    def status_label(self):
        return LearnerStatus.LABELS[self.status]

    @property
    def percent(self) -> int:
        if self.completed_at is not None:
            return 100
        return min(99, round(100 * self.passed / self.required)) if self.required else 0

    @property
    def needs_help(self) -> bool:
        return self.status == LearnerStatus.NOT_STARTED or self.inactive or bool(self.stuck)


@dataclass
class Dashboard:
    cohort: Cohort
    columns: list[Column]
    learners: list[LearnerSummary]  # every member, by name
    days: int
    sessions: list = field(default_factory=list)  # [(Session, present count)]

    @property
    def by_id(self) -> dict:
        return {s.learner_id: s for s in self.learners}

    def count(self, status: str) -> int:
        return sum(1 for s in self.learners if s.status == status)

    @property
    def completion_rate(self) -> int:
        total = len(self.learners)
        return round(100 * self.count(LearnerStatus.COMPLETED) / total) if total else 0

    @property
    def never_started(self) -> list[LearnerSummary]:
        return [s for s in self.learners if s.status == LearnerStatus.NOT_STARTED]

    @property
    def inactive(self) -> list[LearnerSummary]:
        return [s for s in self.learners if s.inactive]

    @property
    def repeated_failures(self) -> list[LearnerSummary]:
        return [s for s in self.learners if s.stuck]


def dashboard_columns(*, cohort: Cohort, course_ids=None) -> list[Column]:
    """The activities of the class's live courses in course order (one query per course; the
    activities themselves come from the lesson plans progress keeps per process)."""
    columns: list[Column] = []
    lesson_number = 0
    courses = cohort.courses.order_by("title", "pk")
    if course_ids is not None:
        courses = courses.filter(pk__in=course_ids)
    for course in courses:
        for lesson in course.lessons():
            plan = lesson_plan(lesson.pk)
            if plan is None or not plan.blocks:
                continue
            lesson_number += 1
            for index, (_block, activity) in enumerate(plan.blocks.values(), start=1):
                columns.append(
                    Column(
                        activity=activity,
                        number=f"{lesson_number}.{index}",
                        lesson_id=lesson.pk,
                        lesson_title=lesson.title,
                        course_id=course.pk,
                        course_title=course.title,
                    )
                )
    return columns


def _member_rows(cohort: Cohort, learner_ids=None):
    members = CohortMember.objects.filter(cohort=cohort)
    return members if learner_ids is None else members.filter(learner_id__in=learner_ids)


def _summaries(cohort: Cohort, learner_ids=None) -> dict[int, LearnerSummary]:
    rows = (
        _member_rows(cohort, learner_ids)
        .values_list(
            "learner_id",
            "learner__full_name",
            "learner__username",
            "learner__profile__home_unit_id",
            "learner__profile__home_unit__name",
        )
        .order_by("learner__full_name", "learner_id")
    )
    return {
        pk: LearnerSummary(pk, full_name or username, hamlet_id, hamlet or "")
        for pk, full_name, username, hamlet_id, hamlet in rows
    }


def _course_progress(members, summaries, columns) -> None:
    required: dict[int, int] = {}
    for column in columns:
        if column.activity.required:
            required[column.course_id] = required.get(column.course_id, 0) + 1
    lessons_total = len({c.lesson_id for c in columns if c.activity.required})
    for summary in summaries.values():
        summary.required = sum(required.values())
        summary.courses_total = len({c.course_id for c in columns})
        summary.lessons_total = lessons_total
    done: dict[int, list] = {}
    for learner_id, course_id, completed_at, passed in Enrolment.objects.filter(
        learner_id__in=members, course_id__in=list(required)
    ).values_list("learner_id", "course_id", "completed_at", "passed_count"):
        summary = summaries.get(learner_id)
        if summary is None:
            continue
        summary.passed += min(passed, required[course_id])
        if completed_at is not None:
            done.setdefault(learner_id, []).append(completed_at)
    for learner_id, dates in done.items():
        summary = summaries[learner_id]
        summary.courses_done = len(dates)
        if len(dates) >= len(required):
            summary.completed_at = max(dates)


def _activity_facts(members, summaries, columns, days: int) -> None:
    lesson_ids = sorted({c.lesson_id for c in columns})
    by_iri = {c.iri: c for c in columns}
    for learner_id, last in (
        Statement.objects.filter(learner_id__in=members, lesson_id__in=lesson_ids)
        .values("learner_id")
        .annotate(last=Max("stored_at"))
        .values_list("learner_id", "last")
    ):
        if learner_id in summaries:
            summaries[learner_id].last_activity = last
    for learner_id, n in (
        LessonCompletion.objects.filter(learner_id__in=members, lesson_id__in=lesson_ids)
        .values("learner_id")
        .annotate(n=Count("id"))
        .values_list("learner_id", "n")
    ):
        if learner_id in summaries:
            summaries[learner_id].lessons_done = n
    for learner_id, iri, attempts in ActivityResult.objects.filter(
        learner_id__in=members, activity_iri__in=list(by_iri), passed=False,
        attempts__gte=REPEATED_FAILURES,
    ).values_list("learner_id", "activity_iri", "attempts"):  # fmt: skip
        if learner_id in summaries:
            summaries[learner_id].stuck.append((by_iri[iri], attempts))
    since = timezone.now() - datetime.timedelta(days=days)
    for summary in summaries.values():
        summary.stuck.sort(key=lambda item: item[0].number)
        summary.inactive = summary.status == LearnerStatus.IN_PROGRESS and (
            summary.last_activity is None or summary.last_activity < since
        )


def _attendance(cohort, summaries) -> list:
    sessions = list(cohort.sessions.all())
    counts = dict(
        Attendance.objects.filter(session__cohort=cohort, present=True)
        .values("session_id")
        .annotate(n=Count("id"))
        .values_list("session_id", "n")
    )
    for learner_id, n in (
        Attendance.objects.filter(session__cohort=cohort, present=True)
        .values("learner_id")
        .annotate(n=Count("id"))
        .values_list("learner_id", "n")
    ):
        if learner_id in summaries:
            summaries[learner_id].present = n
    return [(session, counts.get(session.pk, 0)) for session in sessions]


def _presence(cohort, summaries) -> None:
    """Sessions attended by the learners of ``summaries`` only (no class-wide counts)."""
    for learner_id, n in (
        Attendance.objects.filter(
            session__cohort=cohort, present=True, learner_id__in=list(summaries)
        )
        .values("learner_id")
        .annotate(n=Count("id"))
        .values_list("learner_id", "n")
    ):
        summaries[learner_id].present = n


def cohort_dashboard(
    *,
    cohort: Cohort,
    days: int = DEFAULT_INACTIVE_DAYS,
    course_ids=None,
    learner_ids=None,
    columns: list[Column] | None = None,
    sessions: bool = True,
) -> Dashboard:
    """Every member's summary (only ``learner_ids``' when given) and the class's figures, in a
    fixed number of queries whatever the class's size. ``columns``: the class's columns when
    the caller already has them (the live rows keep them per process); ``sessions=False``: no
    class-wide attendance per session (a few learners' rows don't show it)."""
    if columns is None:
        columns = dashboard_columns(cohort=cohort, course_ids=course_ids)
    summaries = _summaries(cohort, learner_ids)
    members = _member_rows(cohort, learner_ids).values("learner_id")
    _course_progress(members, summaries, columns)
    _activity_facts(members, summaries, columns, days)
    if sessions:
        attended = _attendance(cohort, summaries)
    else:
        attended = []
        if summaries:
            _presence(cohort, summaries)
    return Dashboard(cohort, columns, list(summaries.values()), days, attended)


def _folded(text: str) -> str:
    """Lower case without accents (đ → d), so "nguyen" finds "Nguyễn"."""
    text = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


FILTER_STATUSES = {
    "": _("Tất cả"),
    LearnerStatus.NOT_STARTED: _("Chưa bắt đầu"),
    LearnerStatus.IN_PROGRESS: _("Đang học"),
    LearnerStatus.COMPLETED: _("Đã hoàn thành"),
    "needs_help": _("Cần hỗ trợ"),
    "inactive": _("Lâu không học"),
    "failing": _("Trượt nhiều lần"),
}


def learners_filter(
    learners: list[LearnerSummary], *, hamlet: int | None = None, status: str = "", q: str = ""
) -> list[LearnerSummary]:
    """The summaries matching the dashboard's filters (hamlet id, status key, name search)."""
    found = learners
    if hamlet is not None:
        found = [s for s in found if s.hamlet_id == hamlet]
    if status in (LearnerStatus.NOT_STARTED, LearnerStatus.IN_PROGRESS, LearnerStatus.COMPLETED):
        found = [s for s in found if s.status == status]
    elif status == "needs_help":
        found = [s for s in found if s.needs_help]
    elif status == "inactive":
        found = [s for s in found if s.inactive]
    elif status == "failing":
        found = [s for s in found if s.stuck]
    if q.strip():
        needle = _folded(q.strip())
        found = [s for s in found if needle in _folded(s.name)]
    return found


def completion_weeks(learners: list[LearnerSummary], *, start: datetime.date | None = None):
    """[(monday, learners completed by the end of that week)], from the week of ``start`` (or
    of the first completion) to this week: the "completion over time" chart."""
    dates = sorted(timezone.localdate(s.completed_at) for s in learners if s.completed_at)
    today = timezone.localdate()
    first = min([d for d in [start, dates[0] if dates else None] if d] or [today])
    monday = first - datetime.timedelta(days=first.weekday())
    weeks, index = [], 0
    while monday <= today:
        end = monday + datetime.timedelta(days=6)
        while index < len(dates) and dates[index] <= end:
            index += 1
        weeks.append((monday, index))
        monday += datetime.timedelta(days=7)
    return weeks[-26:]  # half a year at most: a phone's width


def hamlet_progress(learners: list[LearnerSummary]):
    """[(hamlet name, learners, average progress %, completed)] by hamlet, largest first."""
    groups: dict[str, list] = {}
    for summary in learners:
        groups.setdefault(summary.hamlet or str(_("Chưa rõ ấp")), []).append(summary)
    rows = [
        (
            name,
            len(group),
            round(sum(s.percent for s in group) / len(group)),
            sum(1 for s in group if s.status == LearnerStatus.COMPLETED),
        )
        for name, group in groups.items()
    ]
    return sorted(rows, key=lambda row: (-row[1], row[0]))
