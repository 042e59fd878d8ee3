"""Trainers' (and officers') work queue (people.work): the course progress reports.

Registered by ProgressConfig.ready(). Reports are not things waiting to be done, so the queue
has no count (an officer with applications waiting lands on those first); the description
says how many learners of the user's area are still studying.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from people.permissions import user_can
from people.work import WorkQueue
from progress.reports import ACTION, enrolments_visible_to


def course_reports_work(*, user) -> list[WorkQueue]:
    if not user_can(user=user, action=ACTION):
        return []
    studying = enrolments_visible_to(user=user).filter(completed_at__isnull=True).count()
    return [
        WorkQueue(
            label=_("Báo cáo tiến độ khóa học"),
            count=None,
            url=reverse("learning:reports"),
            order=200,
            description=ngettext(
                "%(count)s học viên trong địa bàn đang học. Xem ai chưa bắt đầu, ai đang học, "
                "ai đã hoàn thành.",
                "%(count)s học viên trong địa bàn đang học. Xem ai chưa bắt đầu, ai đang học, "
                "ai đã hoàn thành.",
                studying,
            )
            % {"count": studying},
            in_admin=False,
        )
    ]
