"""Attendance marking in a real browser at phone size: each tap saved at once; a request the
network drops is retried until it is stored, the row saying meanwhile that it is not saved."""

import datetime
import os

import pytest
from django.utils import timezone

from cohorts.models import Attendance, Cohort, Session
from people.models import Role
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _fresh_content_types():
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture
def marking(wagtail_root, cu_chi, cu_chi_hamlet, make_officer, make_citizen):
    trainer = make_officer(cu_chi, role=Role.TRAINER)
    cohort = Cohort.objects.create(name="Lớp kỹ năng số Ấp Bàu Tre", unit=cu_chi_hamlet)
    cohort.trainers.add(trainer)
    names = ["Trần Thị Bé", "Lê Văn Cường", "Nguyễn Thị Dung", "Phạm Văn Em"]
    learners = [make_citizen(cu_chi_hamlet, user__full_name=name).user for name in names]
    for learner in learners:
        cohort.members.add(learner)
    session = Session.objects.create(
        cohort=cohort, title="Buổi 2: Tìm kiếm thông tin an toàn", place="Nhà văn hóa ấp",
        starts_at=timezone.now() + datetime.timedelta(hours=1),
    )  # fmt: skip
    return trainer, cohort, session, learners


def test_taps_are_saved_and_a_dropped_request_is_retried(chromium, live_server, marking):
    trainer, cohort, session, learners = marking
    context = chromium.new_context(viewport=PHONE_390, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/tai-khoan/login/")
    page.fill("input[name=login]", trainer.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/can-bo/lop-hoc/{cohort.pk}/buoi-hoc/{session.pk}/diem-danh/")

    dropped = []

    def drop_first_post(route):
        if route.request.method == "POST" and not dropped:
            dropped.append(route.request.post_data)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/diem-danh/", drop_first_post)
    first = page.locator(f"#hv-{learners[0].pk}")
    first.locator("button[value=absent]").click()
    page.wait_for_function(
        "row => row.classList.contains('is-retrying')", arg=first.element_handle()
    )
    assert "Chưa lưu, đang thử lại" in first.locator("[data-state]").inner_text()
    assert first.locator("button[value=absent]").get_attribute("aria-pressed") == "true"
    shots = os.environ.get("COHORTS_SHOTS")  # screenshots for the notes, when asked
    if shots:
        page.screenshot(path=os.path.join(shots, "attendance-retrying.png"))

    second = page.locator(f"#hv-{learners[1].pk}")
    second.locator("button[value=present]").dblclick()  # a double tap
    page.locator(f"#hv-{learners[2].pk} button[value=excused]").click()

    for row in (first, second):
        row.locator("[data-state]:text('Đã lưu')").wait_for(timeout=15000)
    assert dropped, "the first request should have been dropped"
    stored = {a.learner_id: a.status for a in Attendance.objects.filter(session=session)}
    assert stored == {
        learners[0].pk: "absent",
        learners[1].pk: "present",
        learners[2].pk: "excused",
    }
    assert page.locator("[data-count=unmarked]").inner_text() == "1"
    box = second.locator("button[value=present]").bounding_box()
    assert box["height"] >= 48 and box["width"] >= 96
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_390["width"]
    if shots:
        page.screenshot(path=os.path.join(shots, "attendance-phone.png"), full_page=True)

    page.reload()  # what the server holds is what the page shows
    assert first.locator("button[value=absent]").get_attribute("aria-pressed") == "true"
    context.close()
