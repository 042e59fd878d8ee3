"""Messages to a class: inbox, email, SMS through the configured backend, limits, scope."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cohorts import messaging
from cohorts.messaging import cohort_message_send, cohort_messages
from cohorts.models import CohortMessage
from people.models import Notification, Role
from people.notifications.services import notification_mark_read
from people.notifications.sms import MemorySmsBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(cohort, make_citizen):
    learners = [make_citizen(cohort.unit, user__full_name=n).user for n in ("An", "Bình", "Chi")]
    learners[2].email = ""
    learners[2].save()
    for learner in learners:
        cohort.members.add(learner)
    return learners


def test_a_message_to_the_class_reaches_every_inbox_and_email(
    cohort, members, trainer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message, created = cohort_message_send(
            cohort=cohort, by=trainer, body="Tối mai 19h học ở nhà văn hóa ấp.", key="k1"
        )
    assert created and message.recipients.count() == 3
    notices = Notification.objects.filter(kind="cohort_message")
    assert {n.user_id for n in notices} == {m.pk for m in members}
    assert all("Tối mai 19h" in n.body and cohort.name in n.title for n in notices)
    assert sorted(e.to[0] for e in mail.outbox) == sorted(m.email for m in members[:2])
    notification_mark_read(user=members[0])
    assert [(m.recipient_count, m.read_count) for m in cohort_messages(cohort=cohort)] == [(3, 1)]


def test_the_same_form_twice_sends_once(cohort, members, trainer):
    cohort_message_send(cohort=cohort, by=trainer, body="Nhắc lịch học", key="same")
    _again, created = cohort_message_send(
        cohort=cohort, by=trainer, body="Nhắc lịch học", key="same"
    )
    assert not created and CohortMessage.objects.count() == 1
    assert Notification.objects.count() == 3


def test_chosen_learners_only_and_never_outside_the_class(cohort, members, trainer, make_citizen):
    cohort_message_send(
        cohort=cohort, by=trainer, body="Anh chị làm tiếp bài 2 nhé.", key="k2",
        learner_ids=[members[1].pk],
    )  # fmt: skip
    assert list(Notification.objects.values_list("user_id", flat=True)) == [members[1].pk]
    stranger = make_citizen(cohort.unit).user
    with pytest.raises(ValidationError, match="không phải học viên"):
        cohort_message_send(
            cohort=cohort, by=trainer, body="x", key="k3", learner_ids=[stranger.pk]
        )
    with pytest.raises(ValidationError, match="ít nhất một"):
        cohort_message_send(cohort=cohort, by=trainer, body="x", key="k4", learner_ids=[])
    assert CohortMessage.objects.count() == 1


def test_sms_goes_through_the_configured_backend(
    cohort, members, trainer, settings, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "people.notifications.sms.MemorySmsBackend"
    settings.SMS_GATEWAY_ENABLED = True
    MemorySmsBackend.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cohort_message_send(cohort=cohort, by=trainer, body="Nghỉ học ngày 10/12." * 30, key="s")
    assert sorted(phone for phone, _text in MemorySmsBackend.outbox) == sorted(
        m.phone for m in members
    )
    assert all(len(text) <= messaging.SMS_MAX for _phone, text in MemorySmsBackend.outbox)


def test_length_empty_and_rate_limits(cohort, members, trainer, monkeypatch):
    with pytest.raises(ValidationError, match="tối đa 1000 ký tự"):
        cohort_message_send(cohort=cohort, by=trainer, body="a" * 1001, key="long")
    with pytest.raises(ValidationError, match="Hãy nhập nội dung"):
        cohort_message_send(cohort=cohort, by=trainer, body="   ", key="empty")
    monkeypatch.setattr(messaging, "PER_HOUR", 2)
    for number in range(2):
        cohort_message_send(cohort=cohort, by=trainer, body=f"Tin {number}", key=f"r{number}")
    with pytest.raises(ValidationError, match="trong một giờ qua"):
        cohort_message_send(cohort=cohort, by=trainer, body="Tin 3", key="r3")
    assert CohortMessage.objects.count() == 2


def test_only_who_manages_the_class_may_send(cohort, members, cu_chi, make_officer):
    for outsider in (make_officer(cu_chi, role=Role.TRAINER), members[0]):
        with pytest.raises(PermissionDenied):
            cohort_message_send(cohort=cohort, by=outsider, body="Xin chào", key=f"o{outsider.pk}")
    assert not Notification.objects.exists()


def test_the_page_sends_and_shows_no_phone(client, cohort, members, trainer, cu_chi, make_officer):
    url = reverse("classes:message", args=[cohort.pk])
    client.force_login(trainer)
    page = client.get(url).content.decode()
    assert "Bình" in page and members[1].phone[-6:] not in page
    form_key = client.get(url).context["form"]["key"]
    data = {"body": "Chào cả lớp", "to": "chosen", "learner": [members[0].pk], "key": form_key}
    response = client.post(url, data, follow=True)
    assert "Đã gửi tin nhắn tới 1 học viên" in response.content.decode()
    client.post(url, data)  # sent twice (a double tap on Gửi)
    assert Notification.objects.count() == 1
    client.force_login(make_officer(cu_chi, role=Role.COMMUNE_APPROVER))
    assert client.get(url).status_code == 403
    assert client.post(url, {**data, "key": "other"}).status_code == 403
    assert Notification.objects.count() == 1
