"""Sign-up, log-in, log-out and password reset through allauth's real views, with phone numbers
handled by people.adapters (stored as +84…) and people.forms.SignupForm."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from people.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "Hoc-tap-ca-doi-2025"


def _signup(client, **fields):
    data = {
        "full_name": "Lê Văn Học",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
        **fields,
    }
    return client.post(reverse("account_signup"), data)


def _login(client, login, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def _logged_in_user(client):
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


def _link(message) -> str:
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def test_signup_by_phone_stores_e164_and_logs_in(client):
    response = _signup(client, phone="0912 345 678")
    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get()
    assert user.phone == "+84912345678"
    assert user.full_name == "Lê Văn Học"
    assert not user.email
    assert _logged_in_user(client) == user
    assert mail.outbox == []  # no email given, nothing sent


def test_many_people_can_sign_up(client):
    for number, (phone, email) in enumerate(
        [
            ("0912 345 678", ""),
            ("0387 654 321", ""),
            ("", "mot@example.org"),
            ("", "hai@example.org"),
        ]
    ):
        response = _signup(client, phone=phone, email=email, full_name=f"Người Thứ {number}")
        assert response.status_code == 302, response.context["form"].errors
        client.post(reverse("account_logout"))
    assert User.objects.count() == 4
    assert len(set(User.objects.values_list("username", flat=True))) == 4


@pytest.mark.parametrize("login", ["0912345678", "0912 345 678", "+84912345678", "+84 912 345 678"])
def test_login_by_phone_in_any_written_form(client, login):
    _signup(client, phone="0912 345 678")
    client.post(reverse("account_logout"))
    assert _logged_in_user(client) is None
    response = _login(client, login)
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:my_learning")
    assert _logged_in_user(client).phone == "+84912345678"


def test_login_with_a_wrong_password_fails(client):
    _signup(client, phone="0912 345 678")
    client.post(reverse("account_logout"))
    response = _login(client, "0912345678", password="sai-mat-khau-roi")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert _logged_in_user(client) is None


def test_signup_by_email_sends_verification_and_logs_in(client):
    response = _signup(client, email="hoc@example.org")
    assert response.status_code == 302
    user = User.objects.get()
    assert (user.email, user.phone) == ("hoc@example.org", None)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoc@example.org"]
    assert message.subject.startswith("[Công dân học tập] ")
    address = EmailAddress.objects.get(user=user)
    assert not address.verified
    # Following the link verifies the address.
    confirm = client.post(_link(message))
    assert confirm.status_code == 302
    address.refresh_from_db()
    assert address.verified

    client.post(reverse("account_logout"))
    assert _logged_in_user(client) is None
    assert _login(client, "hoc@example.org").status_code == 302
    assert _logged_in_user(client) == user


def test_signup_with_phone_and_email(client):
    response = _signup(client, phone="+84 387 654 321", email="ca-hai@example.org")
    assert response.status_code == 302
    user = User.objects.get()
    assert (user.phone, user.email) == ("+84387654321", "ca-hai@example.org")
    assert len(mail.outbox) == 1
    client.post(reverse("account_logout"))
    assert _login(client, "0387654321").status_code == 302
    client.post(reverse("account_logout"))
    assert _login(client, "CA-HAI@example.org").status_code == 302


def test_signup_without_phone_or_email_shows_the_vietnamese_error(client):
    response = _signup(client)
    assert response.status_code == 200
    assert "Hãy nhập số điện thoại hoặc thư điện tử để đăng nhập sau này." in (
        response.content.decode()
    )
    assert not User.objects.exists()
    assert _logged_in_user(client) is None


def test_signup_rejects_a_foreign_or_broken_phone(client):
    for phone in ("+1 212 555 0100", "0912 345"):
        response = _signup(client, phone=phone)
        assert response.status_code == 200
        assert "phone" in response.context["form"].errors
    assert not User.objects.exists()


def test_signup_with_a_taken_phone_creates_nobody_and_logs_nobody_in(client):
    """allauth prevents account enumeration: the form does not say the number is taken, it
    pretends to send a code; what matters is that the owner's account stays untouched."""
    _signup(client, phone="0912 345 678")
    owner = User.objects.get()
    client.post(reverse("account_logout"))
    response = _signup(
        client, phone="+84912345678", full_name="Người Khác",
        password1="Mat-khau-cua-ke-khac-1", password2="Mat-khau-cua-ke-khac-1",
    )  # fmt: skip
    assert response.status_code in (200, 302)
    assert User.objects.get() == owner
    assert _logged_in_user(client) is None
    owner.refresh_from_db()
    assert owner.full_name == "Lê Văn Học"
    assert owner.check_password(PASSWORD)


def test_logout_by_get_does_not_log_out(client):
    _signup(client, phone="0912 345 678")
    user = _logged_in_user(client)
    response = client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert _logged_in_user(client) == user
    assert client.get(reverse("people:dashboard")).status_code == 200
    client.post(reverse("account_logout"))
    assert _logged_in_user(client) is None
    assert client.get(reverse("people:dashboard")).status_code == 302


def test_password_reset_sends_mail_and_sets_a_new_password(client):
    _signup(client, email="quen@example.org")
    client.post(reverse("account_logout"))
    mail.outbox.clear()
    response = client.post(reverse("account_reset_password"), {"email": "quen@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["quen@example.org"]
    # The link leads (allauth hides the key from the address bar) to a new-password form.
    page = client.get(_link(mail.outbox[0]), follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0]
    assert "set-password" in form_url
    new_password = "Mat-khau-moi-sau-khi-quen-3"
    done = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    assert _login(client, "quen@example.org", password=PASSWORD).status_code == 200
    assert _login(client, "quen@example.org", password=new_password).status_code == 302


def test_password_reset_for_an_unknown_address_sends_nothing_useful(client):
    response = client.post(reverse("account_reset_password"), {"email": "ai-do@example.org"})
    assert response.status_code == 302
    assert all("ai-do@example.org" in m.to for m in mail.outbox)
    assert not any("/password/reset/key/" in m.body for m in mail.outbox)


def test_failed_logins_are_rate_limited_per_account(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,3/5m/key"}
    _signup(client, phone="0912 345 678")
    client.post(reverse("account_logout"))
    for _attempt in range(3):
        assert _login(client, "0912345678", password="doan-sai-mat-khau").status_code == 200
    blocked = _login(client, "0912345678")
    assert blocked.status_code == 200
    assert _logged_in_user(client) is None
    # Another account from the same address is not blocked.
    client.post(reverse("account_logout"))
    _signup(client, email="khac@example.org")
    client.post(reverse("account_logout"))
    assert _login(client, "khac@example.org").status_code == 302


def test_a_citizen_lands_on_their_learning_page(client):
    _signup(client, phone="0912 345 678")
    client.post(reverse("account_logout"))
    response = _login(client, "0912345678")
    assert response["Location"] == reverse("learning:my_learning")


def test_a_citizen_lands_where_they_were_going(client):
    _signup(client, phone="0912 345 678")
    client.post(reverse("account_logout"))
    response = client.post(
        f"{reverse('account_login')}?next=/khoa-hoc/", {"login": "0912345678", "password": PASSWORD}
    )
    assert response["Location"] == "/khoa-hoc/"


def test_a_new_account_lands_on_its_information_page(client):
    response = _signup(client, phone="0912 345 678")
    assert response["Location"] == reverse("people:dashboard")


def test_a_trainer_lands_on_the_course_reports(client, cu_chi):
    from people.models import Role
    from people.services import role_assign
    from tests.factories import PASSWORD as FACTORY_PASSWORD
    from tests.factories import UserFactory

    trainer = UserFactory()
    role_assign(user=trainer, role=Role.TRAINER, unit=cu_chi, by=None)
    response = client.post(
        reverse("account_login"), {"login": trainer.email, "password": FACTORY_PASSWORD}
    )
    assert response["Location"] == reverse("learning:reports")
    assert client.get(response["Location"]).status_code == 200
