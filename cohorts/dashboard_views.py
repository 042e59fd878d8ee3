"""The trainer's dashboard of a class (/can-bo/lop-hoc/<id>/theo-doi/) and its Excel export.

Who may open it: whoever sees the class (cohorts.selectors: its trainers, officers of its
units); others get 404. Each view is written to the access log. No phone numbers here: they
stay on the member list, for those who manage the class.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import charts
from cohorts.dashboard import (
    DEFAULT_INACTIVE_DAYS,
    FILTER_STATUSES,
    REPEATED_FAILURES,
    LearnerStatus,
    cohort_dashboard,
    completion_weeks,
    hamlet_progress,
    learners_filter,
)
from cohorts.dashboard_rows import CellStatus, dashboard_rows
from cohorts.dashboard_stats import activity_stats, column_blocks
from cohorts.exports import XLSX, dashboard_workbook
from cohorts.live import live_seq_current
from cohorts.models import CohortMember
from cohorts.selectors import cohorts_visible_to
from people.services import access_log_record

PAGE_SIZE = 50
LIST_SIZE = 8  # learners shown per "cần hỗ trợ" list (the filter shows them all)


def _int(value, *, low: int, high: int, default=None):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def _filters(request, cohort) -> dict:
    course_ids = {c.pk for c in cohort.courses.all()}
    course = _int(request.GET.get("course"), low=1, high=2**62)
    status = request.GET.get("status", "")
    return {
        "hamlet": _int(request.GET.get("hamlet"), low=1, high=2**62),
        "status": status if status in FILTER_STATUSES else "",
        "course": course if course in course_ids else None,
        "q": request.GET.get("q", "").strip()[:100],
        "days": _int(request.GET.get("days"), low=1, high=365, default=DEFAULT_INACTIVE_DAYS),
    }


def _lesson_groups(columns) -> list[tuple[str, int]]:
    groups: list = []
    for column in columns:
        if groups and groups[-1][0] == column.lesson_id:
            groups[-1][2] += 1
        else:
            groups.append([column.lesson_id, column.lesson_title, 1])
    return [(title, span) for _pk, title, span in groups]


def _charts(dashboard) -> dict:
    weeks = completion_weeks(dashboard.learners, start=dashboard.cohort.start_date)
    points = [(monday.strftime("%d/%m"), done) for monday, done in weeks]
    total = len(dashboard.learners)
    done = points[-1][1] if points else 0
    hamlets = hamlet_progress(dashboard.learners)
    return {
        "weeks": points,
        "completion": charts.line_chart(
            chart_id="chart-completion",
            title=_("Số học viên hoàn thành theo tuần"),
            desc=_(
                "Cộng dồn theo tuần: đến tuần này %(done)s trên %(total)s học viên đã hoàn "
                "thành; đường nét đứt là sĩ số lớp."
            )
            % {"done": done, "total": total},
            points=points,
            total=total,
        ),
        "hamlets": hamlets,
        "by_hamlet": charts.bar_chart(
            chart_id="chart-hamlets",
            title=_("Tiến độ trung bình theo ấp"),
            desc="; ".join(
                _("%(name)s: %(percent)s%%, %(done)s/%(n)s hoàn thành")
                % {"name": name, "percent": percent, "done": finished, "n": n}
                for name, n, percent, finished in hamlets
            ),
            bars=[
                (name, percent, _("%(done)s/%(n)s xong") % {"done": finished, "n": n})
                for name, n, percent, finished in hamlets
            ],
        ),
    }


def _dashboard_for(request, pk: int):
    cohort = get_object_or_404(cohorts_visible_to(user=request.user), pk=pk)
    filters = _filters(request, cohort)
    dashboard = cohort_dashboard(
        cohort=cohort,
        days=filters["days"],
        course_ids=[filters["course"]] if filters["course"] else None,
    )
    learners = learners_filter(
        dashboard.learners, hamlet=filters["hamlet"], status=filters["status"], q=filters["q"]
    )
    return cohort, filters, dashboard, learners


@login_required
def cohort_dashboard_view(request, pk: int):
    cohort, filters, dashboard, learners = _dashboard_for(request, pk)
    page = Paginator(learners, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = dashboard_rows(summaries=list(page.object_list), columns=dashboard.columns)
    members = CohortMember.objects.filter(cohort=cohort).values("learner_id")
    stats = activity_stats(
        members=members, columns=dashboard.columns, blocks=column_blocks(dashboard.columns)
    )
    access_log_record(
        actor=request.user,
        action="view_cohort_dashboard",
        request=request,
        detail=f"cohort={cohort.pk} learners={len(rows)}",
    )
    query = request.GET.copy()
    query.pop("page", None)
    hamlets = sorted({(s.hamlet_id, s.hamlet) for s in dashboard.learners if s.hamlet_id})
    context = {
        "cohort": cohort,
        "dashboard": dashboard,
        "filters": filters,
        "statuses": FILTER_STATUSES.items(),
        "hamlet_options": [{"id": pk_, "name": name} for pk_, name in hamlets],
        "courses": cohort.courses.all(),
        "found": len(learners),
        "page": page,
        "rows": rows,
        "lesson_groups": _lesson_groups(dashboard.columns),
        "stats": stats,
        "query": query.urlencode(),
        "list_size": LIST_SIZE,
        "in_progress": dashboard.count(LearnerStatus.IN_PROGRESS),
        "completed": dashboard.count(LearnerStatus.COMPLETED),
        "live_seq": live_seq_current(cohort_id=cohort.pk),
        "needs_help": sum(1 for s in dashboard.learners if s.needs_help),
        "help_lists": [
            ("not_started", _("Đã ghi danh nhưng chưa bắt đầu"), dashboard.never_started),
            (
                "inactive",
                _("Không học trong %(days)s ngày qua") % {"days": filters["days"]},
                dashboard.inactive,
            ),
            (
                "failing",
                _("Trượt từ %(n)s lần trở lên ở một hoạt động") % {"n": REPEATED_FAILURES},
                dashboard.repeated_failures,
            ),
        ],
        "legend": [(CellStatus.SYMBOLS[k], label, k) for k, label in CellStatus.LABELS.items()],
        **_charts(dashboard),
    }
    return render(request, "cohorts/dashboard.html", context)


@login_required
def cohort_dashboard_export(request, pk: int):
    cohort, _unused, dashboard, learners = _dashboard_for(request, pk)
    rows = dashboard_rows(summaries=learners, columns=dashboard.columns)
    access_log_record(
        actor=request.user,
        action="export_cohort_dashboard",
        request=request,
        detail=f"cohort={cohort.pk} learners={len(rows)}",
    )
    body = dashboard_workbook(cohort=cohort, columns=dashboard.columns, rows=rows)
    response = HttpResponse(body, content_type=XLSX)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="theo-doi-lop-{cohort.pk}-{stamp}.xlsx"'
    )
    return response
