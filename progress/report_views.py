"""Pages of the course reports (trainers, officers, analysts; Wagtail admin links here)."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from courses.models import CoursePage
from courses.selectors import course_activities
from people.permissions import user_can
from people.services import access_log_record
from progress.reports import (
    ACTION,
    STATUSES,
    course_report_page,
    course_report_rows,
    report_courses,
    report_enrolments,
    report_export,
)


def _allowed(request):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    if not user_can(user=request.user, action=ACTION):
        raise PermissionDenied
    return None


def reports_index(request):
    if (response := _allowed(request)) is not None:
        return response
    return render(
        request, "progress/reports_index.html", {"courses": report_courses(user=request.user)}
    )


def report_course(request, course_id: int):
    if (response := _allowed(request)) is not None:
        return response
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    status = request.GET.get("trang_thai", "")
    status = status if status in STATUSES else ""
    query = request.GET.get("q", "").strip()[:100]
    filters = {"user": request.user, "course": course, "status": status, "query": query}
    fmt = request.GET.get("xuat")
    if fmt in {"csv", "xlsx"}:
        count = report_enrolments(**filters).count()
        access_log_record(
            actor=request.user, action="export_course_report", request=request,
            detail=f"course={course.pk} rows={count}",
        )  # fmt: skip
        activities = course_activities(course=course)
        return report_export(
            activities=activities, rows=course_report_rows(**filters, activities=activities),
            fmt=fmt, filename=f"tien-do-{course.slug}",
        )  # fmt: skip
    activities, page, rows = course_report_page(**filters, page=request.GET.get("trang"))
    extra_query = urlencode({k: v for k, v in (("trang_thai", status), ("q", query)) if v})
    return render(
        request,
        "progress/report_course.html",
        {
            "course": course, "activities": activities, "rows": rows, "page_obj": page,
            "status": status, "q": query, "extra_query": extra_query,
        },
    )  # fmt: skip
