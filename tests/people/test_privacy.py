"""The privacy notice and consent (Nghị định 13/2023/NĐ-CP): at sign-up and at assisted
registration, recorded with date and notice version."""

import pytest
from django.urls import reverse

from people.models import Consent, ConsentMethod, Role, User
from people.privacy import NOTICE_VERSION

pytestmark = pytest.mark.django_db

PASSWORD = "Hoc-tap-ca-doi-2025"


def _signup(client, **extra):
    data = {
        "full_name": "Lê Văn Học",
        "phone": "0912 345 678",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    return client.post(reverse("account_signup"), data)


def test_privacy_page_says_what_why_who_how_long_and_rights(client):
    html = client.get("/quyen-rieng-tu/").content.decode()
    for words in (
        "Chúng tôi thu thập những gì",
        "Để làm gì",
        "Ai được xem",
        "Lưu trong bao lâu",
        "nhận bản sao",
        "Yêu cầu xóa dữ liệu",
        "13/2023/NĐ-CP",
        NOTICE_VERSION,
    ):
        assert words in html


def test_footer_links_the_privacy_notice(client):
    html = client.get(reverse("account_login")).content.decode()
    assert 'href="/quyen-rieng-tu/"' in html


def test_signup_without_consent_creates_nothing(client):
    response = _signup(client)
    assert response.status_code == 200
    assert "đánh dấu đồng ý" in response.content.decode()
    assert not User.objects.exists()


def test_signup_records_consent_with_version_and_date(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="consent"' in page and 'href="/quyen-rieng-tu/"' in page
    assert _signup(client, consent="on").status_code == 302
    consent = Consent.objects.get(user__phone="+84912345678")
    assert consent.notice_version == NOTICE_VERSION
    assert consent.method == ConsentMethod.SELF and consent.recorded_by is None
    assert consent.given_at is not None


def test_assisted_registration_needs_the_officer_to_confirm_consent(
    client, make_officer, cu_chi_hamlet
):
    officer = make_officer(cu_chi_hamlet, Role.BRANCH_OFFICER)
    client.force_login(officer)
    data = {"full_name": "Trần Thị Bé", "phone": "0912 345 678", "home_unit": cu_chi_hamlet.pk}
    refused = client.post(reverse("people:assisted_register"), data)
    assert refused.status_code == 200
    assert "nghe thông báo về xử lý dữ liệu cá nhân" in refused.content.decode()
    assert not User.objects.filter(phone="+84912345678").exists()

    client.post(reverse("people:assisted_register"), {**data, "consent": "on"})
    consent = Consent.objects.get(user__phone="+84912345678")
    assert consent.method == ConsentMethod.ASSISTED and consent.recorded_by == officer
    assert consent.notice_version == NOTICE_VERSION


def test_my_data_export_includes_consent(client):
    _signup(client, consent="on")
    data = client.get(reverse("people:my_data_export")).json()
    assert data["consents"][0]["notice_version"] == NOTICE_VERSION
