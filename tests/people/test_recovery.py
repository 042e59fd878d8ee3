"""Forgotten passwords: an officer's reset code handed over in person, an SMS code when a
gateway exists; the citizen sets a new password and every other session ends."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from people.models import AccessLog, ActivationCode, CodePurpose, Notification, Role
from people.notifications.sms import MemorySmsBackend
from people.recovery.services import reset_code_issue
from tests.factories import PASSWORD, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Mat-khau-moi-cua-toi-7"
PHONE = "+84912345678"


@pytest.fixture
def citizen(cu_chi_hamlet):
    """A citizen who signed up with a phone number and has a password."""
    user = UserFactory(phone=PHONE, email="")
    ProfileFactory(user=user, home_unit=cu_chi_hamlet)
    return user


@pytest.fixture
def officer(make_officer, cu_chi_hamlet):
    return make_officer(cu_chi_hamlet, Role.BRANCH_OFFICER)


@pytest.fixture
def sms_outbox(settings):
    """A configured gateway whose messages land in a list."""
    settings.SMS_BACKEND = "people.notifications.sms.MemorySmsBackend"
    settings.SMS_GATEWAY_ENABLED = True
    MemorySmsBackend.outbox.clear()
    yield MemorySmsBackend.outbox
    MemorySmsBackend.outbox.clear()


@pytest.fixture
def ask_sms(client, django_capture_on_commit_callbacks):
    """Ask for an SMS code as the citizen would; delivery (on commit) runs before returning."""

    def ask(phone=PHONE):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("people:password_forgot"), {"phone": phone})

    return ask


def _issue_as_officer(client, officer, citizen):
    client.force_login(officer)
    detail = client.get(reverse("people:person_detail", args=[citizen.profile.pk]))
    assert "Cấp mã đặt lại mật khẩu" in detail.content.decode()
    response = client.post(
        reverse("people:reset_code_issue", args=[citizen.profile.pk]), {"identity_checked": "on"}
    )
    assert response["Location"] == reverse("people:reset_code_done")
    page = client.get(reverse("people:reset_code_done"))
    assert page["Cache-Control"] == "no-store"
    return re.search(r'<p class="code-box">(\d{8})</p>', page.content.decode()).group(1)


def _reset(client, code, phone="0912 345 678", password=NEW_PASSWORD):
    return client.post(
        reverse("people:password_reset_code"),
        {"phone": phone, "code": code, "password1": password, "password2": password},
    )


def test_login_page_leads_a_phone_account_to_recovery(client):
    login = client.get(reverse("account_login")).content.decode()
    assert reverse("people:password_forgot") in login
    page = client.get(reverse("people:password_forgot")).content.decode()
    assert "cán bộ chi hội khuyến học" in page
    assert reverse("people:password_reset_code") in page
    assert "Gửi mã qua tin nhắn" not in page  # no gateway: no SMS promised


def test_officer_issues_a_reset_code_and_the_citizen_sets_a_new_password(
    client, officer, citizen, django_capture_on_commit_callbacks
):
    elsewhere = client.__class__()
    elsewhere.force_login(citizen)  # the citizen is still signed in on another phone
    with django_capture_on_commit_callbacks(execute=True):
        code = _issue_as_officer(client, officer, citizen)
    assert AccessLog.objects.filter(
        actor=officer, subject=citizen, action="issue_reset_code", allowed=True
    ).exists()
    stored = ActivationCode.objects.get(user=citizen, purpose=CodePurpose.RESET)
    assert code not in (stored.code_hash, stored.token_hash)
    notice = Notification.objects.get(user=citizen, kind="reset_code_issued")
    assert code not in notice.body

    client.logout()
    response = _reset(client, code)
    assert response.status_code == 302 and response["Location"] == reverse("account_login")
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    # The other session ended; the code is spent; the new password signs in.
    assert elsewhere.get(reverse("people:dashboard")).status_code == 302
    assert SESSION_KEY not in elsewhere.session
    assert "không đúng" in _reset(client, code, password="Mot-mat-khau-khac-9").content.decode()
    login = client.post(reverse("account_login"), {"login": "0912345678", "password": NEW_PASSWORD})
    assert login.status_code == 302 and SESSION_KEY in client.session


def test_a_learner_role_does_not_stop_an_officer_helping(client, officer, citizen):
    from people.models import RoleAssignment

    RoleAssignment.objects.create(user=citizen, role=Role.LEARNER, unit=citizen.profile.home_unit)
    assert len(_issue_as_officer(client, officer, citizen)) == 8


def test_officer_must_confirm_identity(client, officer, citizen):
    client.force_login(officer)
    client.post(reverse("people:reset_code_issue", args=[citizen.profile.pk]))
    assert not ActivationCode.objects.filter(user=citizen).exists()


def test_officer_out_of_area_cannot_issue_and_is_logged(
    client, make_officer, tan_an_hoi_hamlet, citizen
):
    stranger = make_officer(tan_an_hoi_hamlet, Role.BRANCH_OFFICER)
    client.force_login(stranger)
    response = client.post(
        reverse("people:reset_code_issue", args=[citizen.profile.pk]), {"identity_checked": "on"}
    )
    assert response.status_code == 404
    assert not ActivationCode.objects.filter(user=citizen).exists()
    assert AccessLog.objects.filter(
        actor=stranger, subject=citizen, action="issue_reset_code", allowed=False
    ).exists()


def test_officer_cannot_take_over_another_officers_account(officer, make_officer, cu_chi_hamlet):
    from django.core.exceptions import PermissionDenied

    approver = make_officer(cu_chi_hamlet, Role.COMMUNE_APPROVER)
    approver.profile.home_unit = cu_chi_hamlet
    approver.profile.save()
    with pytest.raises(PermissionDenied):
        reset_code_issue(user=approver, by=officer)


def test_wrong_codes_lock_the_code(client, officer, citizen, settings):
    code = _issue_as_officer(client, officer, citizen)
    client.logout()
    wrong = f"{(int(code) + 1) % 10**8:08d}"
    for _ in range(settings.ACTIVATION_CODE_MAX_ATTEMPTS):
        assert "không đúng" in _reset(client, wrong).content.decode()
    assert "hết hạn hoặc bị khóa" in _reset(client, code).content.decode()
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)


def test_an_activation_code_does_not_reset_and_a_reset_code_does_not_activate(
    client, officer, citizen
):
    code = _issue_as_officer(client, officer, citizen)
    client.logout()
    response = client.post(
        reverse("people:activate"),
        {"phone": PHONE, "code": code, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert "không đúng" in response.content.decode()


def test_sms_code_when_a_gateway_exists(client, citizen, sms_outbox, ask_sms):
    page = client.get(reverse("people:password_forgot")).content.decode()
    assert "Gửi mã qua tin nhắn" in page
    response = ask_sms("0912 345 678")
    assert response["Location"] == reverse("people:password_reset_code")
    [(phone, text)] = sms_outbox
    assert phone == PHONE
    code = re.search(r"\b(\d{6})\b", text).group(1)
    assert ActivationCode.objects.get(user=citizen, purpose=CodePurpose.RESET_SMS).code_hash != code
    # The form remembers the phone number.
    assert "0912 345 678" in client.get(reverse("people:password_reset_code")).content.decode()
    assert _reset(client, code).status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD) and citizen.phone_verified


def test_sms_to_an_unknown_number_says_the_same_and_sends_nothing(sms_outbox, ask_sms):
    response = ask_sms("0987 654 321")
    assert response.status_code == 302 and sms_outbox == []


def test_sms_codes_are_rate_limited_per_phone(citizen, sms_outbox, settings, ask_sms):
    settings.ACCOUNT_RATE_LIMITS = {"reset_password_sms": "100/m/ip,3/h/key"}
    for _ in range(3):
        assert ask_sms().status_code == 302
    response = ask_sms()
    assert response.status_code == 429
    assert len(sms_outbox) == 3


def test_sms_code_expires(client, citizen, sms_outbox, ask_sms):
    from datetime import timedelta

    from django.utils import timezone

    ask_sms()
    code = re.search(r"\b(\d{6})\b", sms_outbox[0][1]).group(1)
    ActivationCode.objects.filter(user=citizen).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert "hết hạn" in _reset(client, code).content.decode()
