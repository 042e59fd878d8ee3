"""What the certificates app tells people, through people's one notification interface
(inbox, email, SMS): an application returned for more information, a recognition, a
certificate ready. Each notice has an idempotency key, so a retried task never sends twice."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from certificates.models import CertificateKind, Status
from people.notifications.services import notification_send


def application_events_notify(*, events) -> None:
    """Tell applicants about the transitions in ``events`` that concern them (today: returned
    for more information). Call after the events are saved, in their transaction."""
    for event in events:
        if event.to_status != Status.RETURNED:
            continue
        application = event.application
        with translation.override(settings.LANGUAGE_CODE):
            notification_send(
                user=application.applicant,
                kind="application_returned",
                key=f"application-returned:{application.pk}:{event.at.isoformat()}",
                title=_("Hồ sơ Công dân học tập của bạn cần bổ sung"),
                body=_(
                    "Cán bộ đã trả lại hồ sơ năm %(year)s để bạn bổ sung. Ý kiến của cán bộ: "
                    "%(comment)s"
                )
                % {"year": application.cycle.year, "comment": event.comment or "—"},
                url=reverse("certificates:my_application"),
                sms_text=_(
                    "Công dân học tập: hồ sơ của bạn cần bổ sung. Hãy đăng nhập để xem ý kiến "
                    "của cán bộ."
                ),
            )


def application_recognised_notify(*, application, decision) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        notification_send(
            user=application.applicant,
            kind="application_recognised",
            key=f"application-recognised:{application.pk}:{decision.pk}",
            title=_("Bạn đã được công nhận danh hiệu “Công dân học tập”"),
            body=_(
                "Chúc mừng bạn được công nhận danh hiệu “Công dân học tập” năm %(year)s theo "
                "%(decision)s. Giấy chứng nhận sẽ có trong mục “Giấy chứng nhận của tôi”."
            )
            % {"year": application.cycle.year, "decision": decision},
            url=reverse("certificates:my_application"),
            sms_text=_(
                "Công dân học tập: chúc mừng bạn được công nhận danh hiệu Công dân học tập năm "
                "%(year)s."
            )
            % {"year": application.cycle.year},
        )


def certificate_ready_notify(*, certificate) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        if certificate.kind == CertificateKind.COURSE:
            title = _("Giấy chứng nhận hoàn thành khóa học của bạn đã sẵn sàng")
        else:
            title = _("Giấy chứng nhận “Công dân học tập” của bạn đã sẵn sàng")
        notification_send(
            user=certificate.learner,
            kind="certificate_ready",
            key=f"certificate-ready:{certificate.pk}",
            title=title,
            body=_("Số vào sổ %(number)s. Bạn có thể tải giấy chứng nhận và chia sẻ mã xác minh.")
            % {"number": certificate.register_number},
            url=reverse("issued:mine"),
            sms_text=_(
                "Công dân học tập: giấy chứng nhận của bạn đã sẵn sàng. Hãy đăng nhập để tải về."
            ),
        )
