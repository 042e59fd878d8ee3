"""Learner pages: "Hồ sơ học tập của tôi", its exports, and joining a course."""

import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import CoursePage
from progress.completion import enrolment_create
from progress.models import ActivityResult
from progress.selectors import competence_profile, course_progress, enrolment_list


@login_required
def my_learning(request):
    courses = [
        course_progress(learner=request.user, course=enrolment.course)
        for enrolment in enrolment_list(learner=request.user)
    ]
    return render(
        request,
        "progress/my_learning.html",
        {"courses": courses, "profile": competence_profile(learner=request.user)},
    )


def _local(moment) -> str | None:
    """A stored (UTC) moment as local time with its offset (Asia/Ho_Chi_Minh: +07:00)."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _local_day(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def _record(learner) -> dict:
    profile = competence_profile(learner=learner)
    return {
        "learner": learner.get_full_name(),
        "courses": [
            {
                "course": e.course.title,
                "enrolled_at": _local(e.enrolled_at),
                "completed_at": _local(e.completed_at),
                "percent": e.percent,
            }
            for e in enrolment_list(learner=learner)
        ],
        "activities": [
            {
                "activity": r.title or r.activity_iri,
                "score_percent": round(100 * r.scaled) if r.scaled is not None else None,
                "passed": r.passed,
                "attempts": r.attempts,
            }
            for r in ActivityResult.objects.filter(learner=learner).order_by("updated_at")
        ],
        "digital_competence": {
            "framework": str(profile.framework or ""),
            "domains": {d.name: d.level for d in profile.domains},
            "has_digital_skills": profile.has_skills,
            "proficient": profile.proficient,
            "indicator5_suggested_score": profile.indicator5_score,
        },
    }


@login_required
def my_learning_export(request, fmt: str):
    if fmt not in {"json", "csv"}:
        return HttpResponse(status=404)
    record = _record(request.user)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(record, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="ho-so-hoc-tap.json"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ho-so-hoc-tap.csv"'
    response.write("\ufeff")  # so Excel reads UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Khóa học"), _("Tham gia"), _("Hoàn thành"), _("Tiến độ (%)")])
    for enrolment in enrolment_list(learner=request.user):
        writer.writerow(
            [enrolment.course.title, _local_day(enrolment.enrolled_at),
             _local_day(enrolment.completed_at), enrolment.percent]
        )  # fmt: skip
    writer.writerow([])
    writer.writerow([_("Hoạt động"), _("Điểm (%)"), _("Đạt"), _("Số lần làm")])
    for row in record["activities"]:
        writer.writerow(
            [row["activity"], row["score_percent"] if row["score_percent"] is not None else "",
             _("Đạt") if row["passed"] else _("Chưa đạt"), row["attempts"]]
        )  # fmt: skip
    return response


@require_POST
@login_required
def course_enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    enrolment_create(learner=request.user, course=course)
    messages.success(request, _("Bạn đã tham gia khóa học. Chúc bạn học tốt!"))
    first = course.lessons().first()
    return redirect(first.url if first else course.url)
