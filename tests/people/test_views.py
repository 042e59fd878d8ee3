"""Assisted registration by an officer, then activation by the citizen (code or link)."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from people.models import AccessLog, ActivationCode, Profile, Role, User
from people.services import user_register_assisted
from tests.factories import PASSWORD, HamletFactory

pytestmark = pytest.mark.django_db

PHONE = "0912 345 678"
E164 = "+84912345678"
NEW_PASSWORD = "Mat-khau-moi-cua-toi-7"


@pytest.fixture
def branch_officer(make_officer, cu_chi_hamlet):
    return make_officer(cu_chi_hamlet, Role.BRANCH_OFFICER)


@pytest.fixture
def officer_client(client, branch_officer):
    client.force_login(branch_officer)
    return client


def _register(client, hamlet, **extra):
    data = {
        "full_name": "Trần Thị Bé",
        "phone": PHONE,
        "home_unit": hamlet.pk,
        "consent": "on",
        **extra,
    }
    return client.post(reverse("people:assisted_register"), data)


@pytest.fixture
def issued(officer_client, cu_chi_hamlet):
    """Register a citizen and read the code and link off the one-time page."""
    response = _register(officer_client, cu_chi_hamlet, year_of_birth=1970, gender="female")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:assisted_done")
    page = officer_client.get(reverse("people:assisted_done"))
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    html = page.content.decode()
    code = re.search(r'<p class="code-box">(\d{8})</p>', html).group(1)
    link = re.search(r'href="(http://testserver/kich-hoat/[^"/]+/)"', html).group(1)
    return {"code": code, "link": link.removeprefix("http://testserver"), "html": html}


def _activate(client, code, phone=PHONE, password=NEW_PASSWORD):
    return client.post(
        reverse("people:activate"),
        {"phone": phone, "code": code, "password1": password, "password2": password},
    )


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**8:08d}"


def test_officer_registers_a_citizen_without_a_password(issued, branch_officer, cu_chi_hamlet):
    user = User.objects.get(phone=E164)
    assert user.full_name == "Trần Thị Bé"
    assert not user.has_usable_password()
    profile = Profile.objects.get(user=user)
    assert profile.home_unit == cu_chi_hamlet
    assert (profile.year_of_birth, profile.gender) == (1970, "female")
    assert profile.registered_by == branch_officer
    assert "Trần Thị Bé" in issued["html"] and "0912 345 678" in issued["html"]
    # Only hashes are stored.
    stored = ActivationCode.objects.get(user=user)
    assert issued["code"] not in (stored.code_hash, stored.token_hash)
    assert AccessLog.objects.filter(
        actor=branch_officer, subject=user, action="register_assisted", allowed=True
    ).exists()


def test_the_code_is_shown_once(issued, officer_client):
    again = officer_client.get(reverse("people:assisted_done"))
    assert again.status_code == 302
    assert again["Location"] == reverse("people:people_list")
    followed = officer_client.get(again["Location"])
    assert issued["code"] not in followed.content.decode()


def test_citizen_activates_with_phone_and_code(client, issued):
    client.logout()
    response = _activate(client, issued["code"], phone="+84 912 345 678")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:dashboard")
    user = User.objects.get(phone=E164)
    assert client.session[SESSION_KEY] == str(user.pk)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert ActivationCode.objects.get(user=user).used_at is not None
    # …and can log in normally afterwards.
    client.logout()
    login = client.post(reverse("account_login"), {"login": "0912345678", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_a_used_code_cannot_be_reused(client, issued):
    client.logout()
    assert _activate(client, issued["code"]).status_code == 302
    client.logout()
    again = _activate(client, issued["code"], password="Mot-mat-khau-khac-9")
    assert again.status_code == 200
    assert SESSION_KEY not in client.session
    assert "không đúng" in again.content.decode()
    user = User.objects.get(phone=E164)
    assert user.check_password(NEW_PASSWORD)


def test_wrong_codes_count_and_lock_the_code(client, issued):
    client.logout()
    code = issued["code"]
    for attempt in range(1, settings.ACTIVATION_CODE_MAX_ATTEMPTS + 1):
        response = _activate(client, _wrong(code))
        assert response.status_code == 200
        assert "Số điện thoại hoặc mã kích hoạt không đúng" in response.content.decode()
        assert ActivationCode.objects.get(user__phone=E164).failed_attempts == attempt
    locked = _activate(client, code)
    assert locked.status_code == 200
    assert "hết hạn hoặc bị khóa" in locked.content.decode()
    assert SESSION_KEY not in client.session
    assert not User.objects.get(phone=E164).has_usable_password()


def test_activation_checks_the_password_rules(client, issued):
    client.logout()
    weak = _activate(client, issued["code"], password="12345678")
    assert weak.status_code == 200
    assert weak.context["form"].errors["password1"]
    user = User.objects.get(phone=E164)
    assert not user.has_usable_password()
    # A weak password does not spend the code.
    assert _activate(client, issued["code"]).status_code == 302


def test_unknown_phone_gives_the_same_answer(client, issued):
    client.logout()
    response = _activate(client, issued["code"], phone="0987 654 321")
    assert response.status_code == 200
    assert "Số điện thoại hoặc mã kích hoạt không đúng" in response.content.decode()


def test_activation_link_works_once(client, issued):
    client.logout()
    page = client.get(issued["link"])
    assert page.status_code == 200
    assert "Trần Thị Bé" in page.content.decode()
    data = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = client.post(issued["link"], data)
    assert response.status_code == 302
    user = User.objects.get(phone=E164)
    assert client.session[SESSION_KEY] == str(user.pk)
    client.logout()
    assert client.get(issued["link"]).status_code == 410
    assert client.post(issued["link"], data).status_code == 410
    # The code of the same issue is spent too.
    assert _activate(client, issued["code"]).status_code == 200


def test_unknown_link_is_refused(client, issued):
    response = client.get(reverse("people:activate_by_link", args=["not-a-token"]))
    assert response.status_code == 410
    assert "không còn dùng được" in response.content.decode()


def test_reissuing_a_code_kills_the_old_one(officer_client, issued):
    profile = Profile.objects.get(user__phone=E164)
    response = officer_client.post(reverse("people:person_reissue_code", args=[profile.pk]))
    assert response["Location"] == reverse("people:assisted_done")
    html = officer_client.get(reverse("people:assisted_done")).content.decode()
    new_code = re.search(r'<p class="code-box">(\d{8})</p>', html).group(1)
    officer_client.logout()
    if new_code != issued["code"]:
        assert _activate(officer_client, issued["code"]).status_code == 200
    assert _activate(officer_client, new_code).status_code == 302


def test_double_submit_gives_a_form_error_and_one_user(officer_client, issued, cu_chi_hamlet):
    again = _register(officer_client, cu_chi_hamlet)
    assert again.status_code == 200
    assert "đã có tài khoản" in again.content.decode()
    assert again.context["form"].errors["phone"]
    assert User.objects.filter(phone=E164).count() == 1


def test_officer_cannot_register_outside_their_scope(
    client, make_officer, tan_an_hoi, cu_chi_hamlet
):
    other = make_officer(tan_an_hoi, Role.COMMUNE_OFFICER)
    client.force_login(other)
    users_before = User.objects.count()
    response = _register(client, cu_chi_hamlet)
    assert response.status_code == 200
    assert response.context["form"].errors["home_unit"]
    assert cu_chi_hamlet not in response.context["form"].fields["home_unit"].queryset
    assert User.objects.count() == users_before
    assert not ActivationCode.objects.exists()


def test_service_refuses_outside_scope_and_logs_it(make_officer, tan_an_hoi, cu_chi_hamlet):
    other = make_officer(tan_an_hoi, Role.COMMUNE_OFFICER)
    users_before = User.objects.count()
    with pytest.raises(PermissionDenied):
        user_register_assisted(by=other, full_name="X", phone=PHONE, home_unit=cu_chi_hamlet)
    assert User.objects.count() == users_before
    assert not Profile.objects.filter(home_unit=cu_chi_hamlet).exists()
    assert AccessLog.objects.get(actor=other).allowed is False


def test_commune_officer_may_register_into_succeeded_hamlets(
    client, make_officer, cu_chi, ap_trung
):
    officer = make_officer(cu_chi, Role.COMMUNE_OFFICER)
    client.force_login(officer)
    form = client.get(reverse("people:assisted_register")).context["form"]
    assert ap_trung in form.fields["home_unit"].queryset
    assert _register(client, ap_trung).status_code == 302
    assert Profile.objects.get(user__phone=E164).home_unit == ap_trung


def test_registration_rejects_a_bad_phone_and_citizen_id(officer_client, cu_chi_hamlet):
    response = _register(
        officer_client, cu_chi_hamlet, phone="0912 345", citizen_id="079190001234",
        year_of_birth=1985,
    )  # fmt: skip
    errors = response.context["form"].errors
    assert "phone" in errors and "citizen_id" in errors
    assert not User.objects.filter(full_name="Trần Thị Bé").exists()


def test_registration_form_renders_in_vietnamese(officer_client):
    response = officer_client.get(reverse("people:assisted_register"))
    assert response.status_code == 200
    assert "Họ và tên" in response.content.decode()


def test_citizens_cannot_register_others(client, make_citizen, cu_chi_hamlet):
    citizen = make_citizen(cu_chi_hamlet)
    client.force_login(citizen.user)
    assert client.get(reverse("people:assisted_register")).status_code == 403
    assert client.get(reverse("people:assisted_done")).status_code == 403


def test_citizen_reissue_is_refused_once_activated(officer_client, issued):
    user = User.objects.get(phone=E164)
    user.set_password(PASSWORD)
    user.save()
    response = officer_client.post(reverse("people:person_reissue_code", args=[user.profile.pk]))
    assert response["Location"] == reverse("people:person_detail", args=[user.profile.pk])
    assert ActivationCode.objects.filter(user=user).count() == 1


# --- The citizen's own pages -------------------------------------------------------------------


def test_dashboard_needs_login_and_names_todays_commune(client, make_citizen, ap_trung):
    profile = make_citizen(ap_trung)
    anonymous = client.get(reverse("people:dashboard"))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))
    client.force_login(profile.user)
    html = client.get(reverse("people:dashboard")).content.decode()
    assert "Thuộc Xã Củ Chi" in html
    assert "Hãy bổ sung thông tin" in html  # no occupation group yet


def test_profile_edit_saves_own_data(client, make_citizen, cu_chi_hamlet, ap_trung):
    profile = make_citizen(cu_chi_hamlet, year_of_birth=None)
    client.force_login(profile.user)
    data = {
        "full_name": "Tên Mới Đây", "year_of_birth": 1990, "gender": "female",
        "home_unit": ap_trung.pk, "citizen_id": " 079190001234 ",
    }  # fmt: skip
    response = client.post(reverse("people:profile_edit"), data)
    assert response.status_code == 302, response.context["form"].errors
    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert profile.user.full_name == "Tên Mới Đây"
    assert (profile.year_of_birth, profile.home_unit, profile.citizen_id) == (
        1990, ap_trung, "079190001234",
    )  # fmt: skip
    assert not AccessLog.objects.exists()  # one's own data is not an officer's access


def test_profile_edit_rejects_an_id_that_contradicts_the_birth_year(client, make_citizen, ap_trung):
    profile = make_citizen(ap_trung, year_of_birth=None)
    client.force_login(profile.user)
    data = {"full_name": "A B", "year_of_birth": 1991, "citizen_id": "079190001234"}
    response = client.post(reverse("people:profile_edit"), data)
    assert response.status_code == 200
    assert "không khớp với năm sinh" in response.content.decode()
    profile.refresh_from_db()
    assert profile.citizen_id is None


def test_my_data_export_lists_officers_who_looked(client, make_citizen, make_officer, cu_chi):
    import json

    profile = make_citizen(HamletFactory(parent=cu_chi), citizen_id="079190001234")
    officer = make_officer(cu_chi, Role.COMMUNE_OFFICER)
    client.force_login(officer)
    client.get(reverse("people:person_detail", args=[profile.pk]))
    client.force_login(profile.user)
    response = client.get(reverse("people:my_data_export"))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["phone"] == profile.user.phone
    assert data["profile"]["citizen_id"] == "079190001234"
    assert [entry["by"] for entry in data["accessed_by_officers"]] == [str(officer)]


def test_my_data_export_has_every_access_and_local_times(
    client, make_citizen, make_officer, cu_chi
):
    import json
    from datetime import UTC, datetime

    from people.models import AccessLog

    profile = make_citizen(HamletFactory(parent=cu_chi))
    officer = make_officer(cu_chi, Role.COMMUNE_OFFICER)
    at = datetime(2025, 8, 31, 17, 30, tzinfo=UTC)  # 00:30 on 1 September in Hồ Chí Minh City
    AccessLog.objects.bulk_create(
        AccessLog(actor=officer, subject=profile.user, action="view_person", at=at)
        for _ in range(600)
    )
    client.force_login(profile.user)
    data = json.loads(client.get(reverse("people:my_data_export")).content)
    assert len(data["accessed_by_officers"]) == 600  # everything held, no silent cap
    assert data["accessed_by_officers"][0]["at"] == "2025-09-01T00:30:00+07:00"
