"""Pages of the course reports (trainers, officers, analysts; Wagtail admin links here)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from courses.models import CoursePage
from people.permissions import user_can
from people.services import access_log_record
from progress.reports import ACTION, STATUSES, course_report, report_courses, report_export


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
    activities, rows = course_report(user=request.user, course=course, status=status, query=query)
    fmt = request.GET.get("xuat")
    if fmt in {"csv", "xlsx"}:
        access_log_record(
            actor=request.user, action="export_course_report", request=request,
            detail=f"course={course.pk} rows={len(rows)}",
        )  # fmt: skip
        return report_export(
            activities=activities, rows=rows, fmt=fmt, filename=f"tien-do-{course.slug}"
        )
    return render(
        request,
        "progress/report_course.html",
        {"course": course, "activities": activities, "rows": rows, "status": status, "q": query},
    )
