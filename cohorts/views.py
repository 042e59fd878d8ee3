"""The trainer's pages: their classes with member counts, and a class's members.

Trainers see the classes they teach, officers those of their units (cohorts.selectors). A
class's member list is personal data: opening it is written to the access log, and phone
numbers are shown only to those who manage the class (they call the learners).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from cohorts.models import CohortMember
from cohorts.selectors import cohort_can_manage, cohort_list_with_counts, cohorts_visible_to
from people.permissions import user_can
from people.services import access_log_record
from people.validators import phone_display


def _may_use(user) -> bool:
    return user_can(user=user, action="cohorts.manage") or user_can(
        user=user, action="cohorts.oversee"
    )


@login_required
def cohort_list(request):
    if not _may_use(request.user):
        raise PermissionDenied
    cohorts = cohort_list_with_counts(user=request.user).prefetch_related("courses")
    return render(request, "cohorts/cohort_list.html", {"cohorts": cohorts})


@login_required
def cohort_detail(request, pk: int):
    cohort = get_object_or_404(cohorts_visible_to(user=request.user), pk=pk)
    manages = cohort_can_manage(user=request.user, cohort=cohort)
    members = (
        CohortMember.objects.filter(cohort=cohort)
        .select_related("learner", "learner__profile", "learner__profile__home_unit")
        .order_by("learner__full_name")
    )
    rows = [
        {
            "name": member.learner.get_full_name(),
            "year": getattr(getattr(member.learner, "profile", None), "year_of_birth", None),
            "hamlet": getattr(getattr(member.learner, "profile", None), "home_unit", None),
            "phone": phone_display(member.learner.phone) if manages else "",
        }
        for member in members
    ]
    access_log_record(
        actor=request.user, action="view_cohort_members", request=request,
        detail=f"cohort={cohort.pk} members={len(rows)}",
    )  # fmt: skip
    return render(
        request,
        "cohorts/cohort_detail.html",
        {
            "cohort": cohort,
            "rows": rows,
            "manages": manages,
            "courses": cohort.courses.all(),
            "sessions": cohort.sessions.all(),
        },
    )
