"""Course reports for trainers and officers: who is enrolled, progress and results per course,
filterable, with CSV and Excel export. Scoped by place like every officer view: a commune
officer sees learners living in their commune (and the old units it succeeded).

Nothing is cut off: the screen shows one page at a time (with the total), and the exports hold
every matching learner, read in chunks of ``EXPORT_CHUNK`` and streamed (CSV) or written by
openpyxl's write-only workbook to a temporary file (Excel), so memory stays flat however many
learners a course has. Dates are the local (Asia/Ho_Chi_Minh) calendar day."""

import csv
import tempfile
from collections.abc import Iterator
from itertools import islice

from asgiref.sync import sync_to_async
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage
from courses.selectors import Activity, course_activities
from people.permissions import profiles_visible_to, unit_ids_for
from progress.models import ActivityResult, Enrolment

ACTION = "progress.view_reports"
STATUSES = ("not_started", "in_progress", "completed")
PAGE_SIZE = 100
EXPORT_CHUNK = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_courses(*, user):
    """Courses with enrolment counts within the user's scope."""
    enrolments = enrolments_visible_to(user=user)
    counts = {
        row["course"]: row
        for row in enrolments.values("course").annotate(
            enrolled=Count("id"), completed=Count("id", filter=Q(completed_at__isnull=False))
        )
    }
    courses = CoursePage.objects.live().order_by("title")
    return [(course, counts.get(course.pk, {"enrolled": 0, "completed": 0})) for course in courses]


def enrolments_visible_to(*, user):
    enrolments = Enrolment.objects.select_related(
        "learner", "learner__profile", "learner__profile__home_unit"
    )
    if unit_ids_for(user=user, action=ACTION) is None:
        return enrolments
    visible = profiles_visible_to(user=user, action=ACTION).values("user_id")
    return enrolments.filter(learner_id__in=visible)


def report_enrolments(*, user, course: CoursePage, status: str = "", query: str = "") -> QuerySet:
    """The enrolments of ``course`` the user may see, filtered, in name order (pk breaks ties,
    so pages and chunks never repeat or skip anyone)."""
    enrolments = enrolments_visible_to(user=user).filter(course=course)
    if status == "completed":
        enrolments = enrolments.filter(completed_at__isnull=False)
    elif status == "in_progress":
        enrolments = enrolments.filter(started_at__isnull=False, completed_at__isnull=True)
    elif status == "not_started":
        enrolments = enrolments.filter(started_at__isnull=True)
    if query:
        enrolments = enrolments.filter(learner__full_name__icontains=query)
    return enrolments.order_by("learner__full_name", "pk")


def _rows(enrolments: list, activities: list[Activity]) -> list:
    """(enrolment, [result or None per activity]) for each enrolment, in one query."""
    results = {}
    for result in ActivityResult.objects.filter(
        learner_id__in=[e.learner_id for e in enrolments],
        activity_iri__in=[a.iri for a in activities],
    ):
        results[(result.learner_id, result.activity_iri)] = result
    return [
        (enrolment, [results.get((enrolment.learner_id, a.iri)) for a in activities])
        for enrolment in enrolments
    ]


def course_report_page(
    *, user, course: CoursePage, status: str = "", query: str = "", page=1
) -> tuple[list[Activity], Page, list]:
    """(activities, page, rows) for one page of the course report; ``page.paginator.count`` is
    the number of matching learners."""
    activities = course_activities(course=course)
    paginator = Paginator(
        report_enrolments(user=user, course=course, status=status, query=query), PAGE_SIZE
    )
    current = paginator.get_page(page)
    return activities, current, _rows(list(current.object_list), activities)


def course_report_rows(
    *, user, course: CoursePage, activities: list[Activity], status: str = "", query: str = ""
) -> Iterator:
    """Every matching row, read ``EXPORT_CHUNK`` enrolments at a time (keyset on name, pk)."""
    enrolments = report_enrolments(user=user, course=course, status=status, query=query)
    after = None
    while True:
        chunk = enrolments
        if after is not None:
            name, pk = after
            chunk = chunk.filter(
                Q(learner__full_name__gt=name) | Q(learner__full_name=name, pk__gt=pk)
            )
        chunk = list(chunk[:EXPORT_CHUNK])
        if not chunk:
            return
        yield from _rows(chunk, activities)
        after = (chunk[-1].learner.full_name, chunk[-1].pk)


def local_day(value) -> str:
    """dd/mm/yyyy of a stored (UTC) moment, on the local calendar (settings.TIME_ZONE)."""
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


def _header(activities: list[Activity]) -> list:
    header = [_("Họ và tên"), _("Ấp, khu phố"), _("Tham gia"), _("Hoàn thành"), _("Tiến độ (%)")]
    return header + [a.title for a in activities]


def _line(enrolment, results) -> list:
    profile = getattr(enrolment.learner, "profile", None)
    line = [
        enrolment.learner.get_full_name(),
        str(profile.home_unit) if profile and profile.home_unit else "",
        local_day(enrolment.enrolled_at),
        local_day(enrolment.completed_at),
        enrolment.percent,
    ]
    return line + [(round(100 * r.scaled) if r and r.scaled is not None else "") for r in results]


class BatchStreamingResponse(StreamingHttpResponse):
    """Streams a synchronous iterator under ASGI too, ``BATCH`` parts at a time (Django's own
    response reads a synchronous iterator whole before sending it to an ASGI server)."""

    BATCH = 200

    async def __aiter__(self):
        parts = self.streaming_content
        take = sync_to_async(lambda: list(islice(parts, self.BATCH)), thread_sensitive=True)
        while batch := await take():
            for part in batch:
                yield part


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def report_export(*, activities: list[Activity], rows: Iterator, fmt: str, filename: str):
    """A streamed CSV (UTF-8 with BOM, so Excel reads it) or an .xlsx file of every row."""
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Tiến độ")[:31])
        sheet.append(_header(activities))
        for enrolment, results in rows:
            sheet.append(_line(enrolment, results))
        output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
        book.save(output)
        output.seek(0)
        return FileResponse(output, as_attachment=True, filename=f"{filename}.xlsx",
                            content_type=XLSX)  # fmt: skip
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        yield writer.writerow(_header(activities))
        for enrolment, results in rows:
            yield writer.writerow(_line(enrolment, results))

    response = BatchStreamingResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
