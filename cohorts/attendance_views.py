"""Marking attendance on a phone: one page per session, a row per member with three large
buttons (có mặt / vắng / có phép).

Without JavaScript each button submits a plain form and the page comes back at that row. With
JavaScript (cohorts/static/cohorts/attendance.js) each tap is saved at once by fetch, with a
sequence so retries are harmless, and the row says whether it is saved. Only the class's
trainers and the officers who manage it may mark; others get a 403 and nothing is written.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cohorts.attendance import attendance_mark, server_seq, session_counts, session_roster
from cohorts.models import Session
from cohorts.selectors import cohort_can_manage, cohorts_visible_to
from people.services import access_log_record

REFUSED = gettext_lazy("Chỉ giảng viên của lớp hoặc cán bộ phụ trách mới được điểm danh.")


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refuse(request, message: str):
    if _wants_json(request):
        return JsonResponse({"error": message}, status=403)
    return render(request, "cohorts/refused.html", {"message": message}, status=403)


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request, pk: int, session_pk: int):
    cohort = get_object_or_404(cohorts_visible_to(user=request.user), pk=pk)
    session = get_object_or_404(
        Session.objects.select_related("cohort"), pk=session_pk, cohort=cohort
    )
    if not cohort_can_manage(user=request.user, cohort=cohort):
        return _refuse(request, str(REFUSED))
    if request.method == "POST":
        return _mark(request, session)
    roster = session_roster(session=session)
    access_log_record(
        actor=request.user, action="view_cohort_attendance", request=request,
        detail=f"cohort={cohort.pk} session={session.pk} members={len(roster)}",
    )  # fmt: skip
    context = {
        "cohort": cohort,
        "session": session,
        "roster": roster,
        "counts": session_counts(roster),
        "statuses": [
            ("present", _("Có mặt")),
            ("absent", _("Vắng")),
            ("excused", _("Có phép")),
        ],
    }
    return render(request, "cohorts/attendance.html", context)


def _mark(request, session: Session):
    as_json = _wants_json(request)
    try:
        learner_id = int(request.POST.get("learner", ""))
        seq = int(request.POST["seq"]) if request.POST.get("seq") else server_seq()
    except (TypeError, ValueError):
        error = _("Yêu cầu điểm danh không hợp lệ. Hãy tải lại trang và thử lại.")
        if as_json:
            return JsonResponse({"error": error}, status=400)
        messages.error(request, error)
        return HttpResponseRedirect(request.path)
    try:
        marked = attendance_mark(
            session=session, learner_id=learner_id, status=request.POST.get("status", ""),
            seq=seq, by=request.user,
        )  # fmt: skip
    except PermissionDenied:
        return _refuse(request, str(REFUSED))
    except ValidationError as error:
        if as_json:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(request.path)
    if as_json:
        return JsonResponse(
            {"learner": learner_id, "status": marked.status, "seq": marked.seq,
             "applied": marked.applied}
        )  # fmt: skip
    url = reverse("classes:attendance", args=[session.cohort_id, session.pk])
    return HttpResponseRedirect(f"{url}#hv-{learner_id}")
