"""The trainer's message page for a class: write to everyone or to chosen learners, and see
the messages sent with how many have read them. Names only: phone numbers never appear here."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cohorts.messaging import BODY_MAX, cohort_message_send, cohort_messages
from cohorts.models import CohortMember
from cohorts.selectors import cohort_can_manage, cohorts_visible_to
from people.services import access_log_record


def _members(cohort) -> list[dict]:
    rows = (
        CohortMember.objects.filter(cohort=cohort)
        .select_related("learner", "learner__profile__home_unit")
        .order_by("learner__full_name", "learner_id")
    )
    return [
        {
            "id": row.learner_id,
            "name": row.learner.get_full_name() or str(row.learner),
            "hamlet": getattr(getattr(row.learner, "profile", None), "home_unit", None),
        }
        for row in rows
    ]


@login_required
@require_http_methods(["GET", "POST"])
def cohort_message(request, pk: int):
    cohort = get_object_or_404(cohorts_visible_to(user=request.user), pk=pk)
    if not cohort_can_manage(user=request.user, cohort=cohort):
        message = _("Chỉ giảng viên của lớp hoặc cán bộ phụ trách mới được nhắn tin.")
        return render(request, "cohorts/refused.html", {"message": message}, status=403)
    form = {"body": "", "to": "all", "chosen": set(), "key": uuid.uuid4().hex}
    if request.method == "POST":
        form = {
            "body": request.POST.get("body", ""),
            "to": "chosen" if request.POST.get("to") == "chosen" else "all",
            "chosen": set(request.POST.getlist("learner")),
            "key": (request.POST.get("key") or uuid.uuid4().hex)[:64],
        }
        try:
            chosen = [int(pk) for pk in form["chosen"]] if form["to"] == "chosen" else None
            sent, created = cohort_message_send(
                cohort=cohort, by=request.user, body=form["body"], key=form["key"],
                learner_ids=chosen,
            )  # fmt: skip
        except (ValueError, ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [])) or _("Dữ liệu gửi lên không hợp lệ.")
            messages.error(request, text)
        else:
            count = sent.recipients.count()
            if created:
                messages.success(request, _("Đã gửi tin nhắn tới %(n)s học viên.") % {"n": count})
            else:
                messages.info(request, _("Tin nhắn này đã được gửi trước đó, không gửi lại."))
            return redirect("classes:message", pk=cohort.pk)
    members = _members(cohort)
    access_log_record(
        actor=request.user, action="view_cohort_messages", request=request,
        detail=f"cohort={cohort.pk} members={len(members)}",
    )  # fmt: skip
    context = {
        "cohort": cohort,
        "members": members,
        "form": form,
        "body_max": BODY_MAX,
        "sent": cohort_messages(cohort=cohort)[:20],
    }
    return render(request, "cohorts/message.html", context)
