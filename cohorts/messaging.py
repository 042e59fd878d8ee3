"""Messages from a trainer to a class: every member, or those chosen.

Each recipient gets the message in their inbox (people.notifications: *Thông báo*, unread count
in the header, read state), a copy by email when they have an address, and by SMS when an SMS
gateway is configured (``SMS_BACKEND``); phone numbers never appear on these pages. A message
is sent once per form (``key``), is at most ``BODY_MAX`` characters (SMS: the first
``SMS_MAX``), and a sender may send at most ``PER_HOUR`` messages an hour.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Cohort, CohortMember, CohortMessage, CohortMessageRecipient
from cohorts.selectors import cohort_can_manage
from people.models import User
from people.notifications.services import notification_send

BODY_MAX = 1000
SMS_MAX = 300
PER_HOUR = 10
KIND = "cohort_message"


def _recipients(cohort: Cohort, learner_ids) -> list[User]:
    members = User.objects.filter(
        pk__in=CohortMember.objects.filter(cohort=cohort).values("learner_id")
    ).order_by("pk")
    if learner_ids is None:
        return list(members)
    wanted = {int(pk) for pk in learner_ids}
    if not wanted:
        raise ValidationError(_("Hãy chọn ít nhất một học viên để gửi."))
    chosen = list(members.filter(pk__in=wanted))
    if len(chosen) != len(wanted):
        raise ValidationError(
            _("Có người được chọn không phải học viên của lớp. Hãy tải lại trang.")
        )
    return chosen


def _check(*, cohort: Cohort, by: User, body: str) -> str:
    if not cohort_can_manage(user=by, cohort=cohort):
        raise PermissionDenied(_("Chỉ giảng viên của lớp hoặc cán bộ phụ trách mới được nhắn tin."))
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Hãy nhập nội dung tin nhắn."))
    if len(body) > BODY_MAX:
        raise ValidationError(
            _("Tin nhắn dài %(length)s ký tự; tối đa %(max)s ký tự. Hãy rút gọn rồi gửi lại.")
            % {"length": len(body), "max": BODY_MAX}
        )
    since = timezone.now() - datetime.timedelta(hours=1)
    if CohortMessage.objects.filter(sender=by, created_at__gte=since).count() >= PER_HOUR:
        raise ValidationError(
            _("Bạn đã gửi %(n)s tin nhắn trong một giờ qua. Hãy chờ một lúc rồi gửi tiếp.")
            % {"n": PER_HOUR}
        )
    return body


def cohort_message_send(
    *, cohort: Cohort, by: User, body: str, key: str, learner_ids=None
) -> tuple[CohortMessage, bool]:
    """Send ``body`` to every member of ``cohort`` (``learner_ids`` None) or to the members
    chosen. Returns (message, created): a ``key`` already used returns its message and sends
    nothing. Raises PermissionDenied unless ``by`` manages the class, ValidationError
    (Vietnamese) for an empty or too long message, a choice outside the class or too many
    messages this hour. All or nothing; email and SMS go after the commit (never raise)."""
    existing = CohortMessage.objects.filter(key=key[:64]).first()
    if existing is not None:
        return existing, False
    body = _check(cohort=cohort, by=by, body=body)
    recipients = _recipients(cohort, learner_ids)
    if not recipients:
        raise ValidationError(_("Lớp chưa có học viên nào để nhận tin."))
    sender = by.get_full_name() or str(by)
    title = _("Tin nhắn từ lớp %(name)s") % {"name": cohort.name}
    sms_text = f"{cohort.name}: {body}"[:SMS_MAX]
    try:
        with transaction.atomic():
            message = CohortMessage.objects.create(
                cohort=cohort, sender=by, key=key[:64], body=body, to_all=learner_ids is None
            )
            rows = []
            for learner in recipients:
                notice, _created = notification_send(
                    user=learner, kind=KIND, key=f"cohort-message:{message.pk}:{learner.pk}",
                    title=title, body=f"{body}\n\n— {sender}", sms_text=sms_text,
                )  # fmt: skip
                rows.append(
                    CohortMessageRecipient(message=message, learner=learner, notification=notice)
                )
            CohortMessageRecipient.objects.bulk_create(rows)
    except IntegrityError:  # the same form sent twice at once: the other one won
        existing = CohortMessage.objects.filter(key=key[:64]).first()
        if existing is None:
            raise
        return existing, False
    return message, True


def cohort_messages(*, cohort: Cohort) -> QuerySet:
    """The class's messages, newest first, with ``recipient_count`` and ``read_count``."""
    return (
        CohortMessage.objects.filter(cohort=cohort)
        .select_related("sender")
        .annotate(
            recipient_count=Count("recipients"),
            read_count=Count(
                "recipients", filter=Q(recipients__notification__read_at__isnull=False)
            ),
        )
    )
