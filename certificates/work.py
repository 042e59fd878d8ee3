"""The officers' work queues (people.work): applications waiting for each review step.

Registered by CertificatesConfig.ready(). Each queue links to the officer's application list
filtered to that status over every year, the same rows the count counts.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from certificates import permissions as perms
from certificates.models import Status
from certificates.selectors import applications_waiting_count
from people.work import WorkQueue

# (action, status, label, description, order): one review step each, in the order of the chain.
QUEUES = [
    (
        perms.BRANCH_REVIEW,
        Status.SUBMITTED,
        _("Hồ sơ chờ chi hội kiểm tra"),
        _("Người dân đã gửi hồ sơ. Kiểm tra minh chứng, rồi xác nhận hoặc trả lại để bổ sung."),
        110,
    ),
    (
        perms.COMMUNE_EVALUATE,
        Status.BRANCH_REVIEWED,
        _("Hồ sơ chờ Hội Khuyến học xã đánh giá"),
        _("Chi hội đã kiểm tra. Đánh giá đạt hoặc không đạt để lập danh sách đề nghị."),
        120,
    ),
    (
        perms.APPRAISE,
        Status.COMMUNE_EVALUATED,
        _("Hồ sơ chờ UBND xã thẩm định"),
        _("Hội Khuyến học xã đã đánh giá đạt. Thẩm định từng hồ sơ hoặc cả danh sách."),
        130,
    ),
    (
        perms.DECIDE,
        Status.APPRAISED,
        _("Hồ sơ đã thẩm định, chờ quyết định công nhận"),
        _("Ghi quyết định công nhận (hoặc quyết định bổ sung) cho các hồ sơ này."),
        140,
    ),
]


def application_list_url(*, status: str) -> str:
    """The officer's application list showing ``status`` in every year."""
    query = urlencode({"trang_thai": status, "nam": ""})
    return f"{reverse('certificates_officer_applications')}?{query}"


def applications_work(*, user) -> list[WorkQueue]:
    """The review steps ``user`` holds a role for, each with what waits for it."""
    return [
        WorkQueue(
            label=label,
            count=applications_waiting_count(user=user, action=action, status=status),
            url=application_list_url(status=status),
            order=order,
            description=description,
        )
        for action, status, label, description, order in QUEUES
        if perms.user_may(user, action)
    ]
