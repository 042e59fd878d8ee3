"""Notices through one interface: the inbox, email and SMS copies, each notice sent once."""

import pytest
from django.db import transaction
from django.urls import reverse

from people.adapters import AccountAdapter
from people.models import Notification
from people.notifications.services import notification_mark_read, notification_send
from people.notifications.sms import MemorySmsBackend, sms_gateway_enabled
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sms_outbox(settings):
    """A configured gateway whose messages land in a list."""
    settings.SMS_BACKEND = "people.notifications.sms.MemorySmsBackend"
    settings.SMS_GATEWAY_ENABLED = True
    MemorySmsBackend.outbox.clear()
    yield MemorySmsBackend.outbox
    MemorySmsBackend.outbox.clear()


def _send(user, key="k1", **extra):
    return notification_send(
        user=user,
        kind="test",
        key=key,
        title="Hồ sơ của bạn đã được công nhận",
        body="Chúc mừng.",
        url="/toi/",
        **extra,
    )


def test_a_notice_reaches_inbox_email_and_sms_once(
    sms_outbox, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notice, created = _send(user, sms_text="Hồ sơ đã được công nhận.")
    # A retried task sends the same key again: nothing new is created or delivered.
    with django_capture_on_commit_callbacks(execute=True):
        again, created_again = _send(user, sms_text="Hồ sơ đã được công nhận.")
    assert created and not created_again and again.pk == notice.pk
    assert Notification.objects.filter(user=user).count() == 1
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert "http://127.0.0.1:8000/toi/" in mailoutbox[0].body or "/toi/" in mailoutbox[0].body
    assert sms_outbox == [(user.phone, "Hồ sơ đã được công nhận.")]
    notice.refresh_from_db()
    assert notice.email_sent_at and notice.sms_sent_at


def test_without_a_gateway_no_sms_is_sent_and_phone_verification_stays_off(
    settings, django_capture_on_commit_callbacks
):
    assert settings.SMS_BACKEND == "people.notifications.sms.LogSmsBackend"
    assert not sms_gateway_enabled() and not settings.ACCOUNT_PHONE_VERIFICATION_ENABLED
    user = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        notice, _ = _send(user, sms_text="x")
    notice.refresh_from_db()
    assert notice.sms_sent_at is None and notice.email_sent_at is None


def test_a_rolled_back_change_notifies_no_one(sms_outbox, mailoutbox):
    user = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        _send(user, sms_text="x")
        raise RuntimeError
    assert not Notification.objects.exists()
    assert mailoutbox == [] and sms_outbox == []


def test_phone_verification_code_goes_through_the_sms_backend(sms_outbox, rf):
    AccountAdapter(rf.get("/")).send_verification_code_sms(
        user=None, phone="+84912345678", code="123456"
    )
    assert sms_outbox == [
        ("+84912345678", "Công dân học tập: mã xác minh số điện thoại của bạn là 123456.")
    ]


def test_inbox_lists_notices_header_counts_unread_and_marks_read(client):
    user, other = UserFactory(), UserFactory()
    first, _ = _send(user, key="a")
    _send(user, key="b")
    theirs, _ = _send(other, key="c")
    client.force_login(user)
    page = client.get(reverse("people:notifications"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("Hồ sơ của bạn đã được công nhận") == 2
    assert 'class="inbox-count"' in html and ">2</span>" in html
    # Marking another person's notice does nothing.
    client.post(reverse("people:notification_read", args=[theirs.pk]))
    theirs.refresh_from_db()
    assert theirs.read_at is None
    response = client.post(reverse("people:notification_read", args=[first.pk]), {"next": "/toi/"})
    assert response.status_code == 302 and response["Location"] == "/toi/"
    assert ">1</span>" in client.get(reverse("people:notifications")).content.decode()
    client.post(reverse("people:notifications_read_all"))
    assert 'class="inbox-count"' not in client.get("/thong-bao/").content.decode()
    assert notification_mark_read(user=user) == 0


def test_mark_read_refuses_an_outside_next(client):
    user = UserFactory()
    notice, _ = _send(user)
    client.force_login(user)
    response = client.post(
        reverse("people:notification_read", args=[notice.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("people:notifications")


def test_inbox_needs_login(client):
    response = client.get(reverse("people:notifications"))
    assert response.status_code == 302 and "/tai-khoan/login/" in response["Location"]


def test_assisted_registration_tells_the_person_without_the_code(
    client, make_officer, cu_chi_hamlet, sms_outbox, django_capture_on_commit_callbacks
):
    from people.models import Role

    officer = make_officer(cu_chi_hamlet, Role.BRANCH_OFFICER)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("people:assisted_register"),
            {
                "full_name": "Trần Thị Bé",
                "phone": "0912 345 678",
                "home_unit": cu_chi_hamlet.pk,
                "consent": "on",
            },
        )
    code = client.get(reverse("people:assisted_done")).content.decode()
    code = code.split('class="code-box">')[1][:8]
    notice = Notification.objects.get(user__phone="+84912345678")
    assert notice.kind == "activation_code_issued" and code not in notice.body
    [(phone, text)] = sms_outbox
    assert phone == "+84912345678" and code not in text
