"""The citizen's self-assessment in a real browser at phone width: one card per indicator, big
score targets, the running total updated as scores are chosen, no sideways scrolling, no
content-security-policy errors; and the same form working with JavaScript off."""

import pytest

from certificates.models import Application, Status
from tests.browser.conftest import PHONE
from tests.certificates.conftest import criteria, make_cycle  # noqa: F401  (fixtures)
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """An earlier transactional test may have emptied and refilled the database: forget the
    content types cached from before (Wagtail's root page is saved with one)."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture
def citizen(wagtail_root, make_citizen, cu_chi, cu_chi_hamlet, make_cycle, criteria):  # noqa: F811
    make_cycle(cu_chi)
    return make_citizen(cu_chi_hamlet, occupation_group=criteria["farmers"].occupation_group)


def open_form(page, base: str, citizen) -> None:
    page.goto(f"{base}/tai-khoan/login/")
    page.fill("input[name=login]", citizen.user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{base}/toi/cong-dan-hoc-tap/")
    page.click("form[action$='dang-ky/'] button[type=submit]")
    page.wait_for_url("**/tu-danh-gia/")


def test_citizen_self_assesses_on_a_phone(phone_page, live_server, citizen):
    open_form(phone_page, live_server.url, citizen)
    assert phone_page.locator("[data-cert-indicator]").count() == 10
    chip = phone_page.locator("#chi-so-1 .cert-chip").first.bounding_box()
    assert chip["height"] >= 44 and chip["width"] >= 40
    for number in range(1, 11):
        phone_page.locator(f"#chi-so-{number} .cert-chip:has(input[value='8'])").click()
    assert phone_page.locator(".cert-summary [data-cert-total]").inner_text() == "80"
    assert "cert-summary-ok" in phone_page.locator(".cert-summary").get_attribute("class")
    phone_page.locator("#chi-so-4 .cert-chip:has(input[value='4'])").click()
    assert phone_page.locator(".cert-actions [data-cert-total]").inner_text() == "76"
    assert "Chỉ số 4 dưới 5 điểm" in phone_page.locator("[data-cert-rule]").inner_text()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    phone_page.locator("#chi-so-4 .cert-chip:has(input[value='9'])").click()
    phone_page.locator(".cert-actions button[value=submit]").click()
    phone_page.wait_for_url("**/toi/cong-dan-hoc-tap/")
    assert "Đã gửi, chờ chi hội kiểm tra" in phone_page.locator(".cert-status").inner_text()
    application = Application.objects.get(applicant=citizen.user)
    assert application.status == Status.SUBMITTED and application.self_total == 81
    csp = [m.text for m in phone_page.console_messages if "Content Security Policy" in m.text]
    assert csp == []


def test_the_form_works_without_javascript(chromium, live_server, citizen):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    open_form(page, live_server.url, citizen)
    for number in range(1, 11):
        page.locator(f"#chi-so-{number} .cert-chip:has(input[value='7'])").click()
    page.locator(".cert-actions button[value=save]").click()
    page.wait_for_load_state()
    assert page.locator(".cert-summary [data-cert-total]").inner_text() == "70"
    assert "cần ít nhất 80 (còn thiếu 10)" in page.locator("[data-cert-rule]").inner_text()
    context.close()
