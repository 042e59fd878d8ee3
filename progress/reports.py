"""Course reports for trainers and officers: who is enrolled, progress and results per course,
filterable, with CSV and Excel export. Scoped by place like every officer view: a commune
officer sees learners living in their commune (and the old units it succeeded)."""

import csv
import io

from django.db.models import Count, Q
from django.http import HttpResponse

from courses.models import CoursePage
from courses.selectors import course_activities
from people.permissions import profiles_visible_to, unit_ids_for
from progress.models import ActivityResult, Enrolment

ACTION = "progress.view_reports"
STATUSES = ("not_started", "in_progress", "completed")


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


def course_report(*, user, course: CoursePage, status: str = "", query: str = ""):
    """(activities, rows) for one course; each row: enrolment and its results by activity."""
    activities = course_activities(course=course)
    enrolments = enrolments_visible_to(user=user).filter(course=course)
    if status == "completed":
        enrolments = enrolments.filter(completed_at__isnull=False)
    elif status == "in_progress":
        enrolments = enrolments.filter(started_at__isnull=False, completed_at__isnull=True)
    elif status == "not_started":
        enrolments = enrolments.filter(started_at__isnull=True)
    if query:
        enrolments = enrolments.filter(learner__full_name__icontains=query)
    enrolments = list(enrolments.order_by("learner__full_name")[:2000])
    results = {}
    for result in ActivityResult.objects.filter(
        learner_id__in=[e.learner_id for e in enrolments],
        activity_iri__in=[a.iri for a in activities],
    ):
        results[(result.learner_id, result.activity_iri)] = result
    rows = [
        (enrolment, [results.get((enrolment.learner_id, a.iri)) for a in activities])
        for enrolment in enrolments
    ]
    return activities, rows


def _table(activities, rows) -> list[list]:
    from django.utils.translation import gettext as _

    header = [_("Họ và tên"), _("Ấp, khu phố"), _("Tham gia"), _("Hoàn thành"), _("Tiến độ (%)")]
    header += [a.title for a in activities]
    table = [header]
    for enrolment, results in rows:
        profile = getattr(enrolment.learner, "profile", None)
        line = [
            enrolment.learner.get_full_name(),
            str(profile.home_unit) if profile and profile.home_unit else "",
            enrolment.enrolled_at.strftime("%d/%m/%Y"),
            enrolment.completed_at.strftime("%d/%m/%Y") if enrolment.completed_at else "",
            enrolment.percent,
        ]
        line += [(round(100 * r.scaled) if r and r.scaled is not None else "") for r in results]
        table.append(line)
    return table


def report_export(*, activities, rows, fmt: str, filename: str) -> HttpResponse:
    table = _table(activities, rows)
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        for line in table:
            sheet.append(line)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    csv.writer(response).writerows(table)
    return response
