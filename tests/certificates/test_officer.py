"""Officers' screens in the Wagtail admin: scoped lists with filters, bulk actions that re-check
every id, one application, the proposal list and its Excel export, decisions, criteria sets and
cycles."""

import io
import re
from datetime import timedelta

import pytest
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from openpyxl import load_workbook

from certificates.models import (
    Application,
    CommuneResult,
    CriteriaSet,
    CycleWindowExtension,
    IndicatorScore,
    RecognitionDecision,
    Status,
)
from people.models import AccessLog, Role

pytestmark = pytest.mark.django_db

LIST = "/admin/cong-dan-hoc-tap/ho-so/"
BULK = "/admin/cong-dan-hoc-tap/ho-so/hang-loat/"


def names(html: str) -> set[str]:
    return set(re.findall(r'/admin/cong-dan-hoc-tap/ho-so/\d+/">([^<]+)</a>', html))


@pytest.fixture
def spread(
    make_application, make_cycle, cycle, cu_chi_hamlet, ap_trung, tan_an_hoi, tan_an_hoi_hamlet
):
    make_cycle(tan_an_hoi)
    return {
        "bau_tre": make_application(
            cu_chi_hamlet, status=Status.BRANCH_REVIEWED, name="Lê Bàu Tre"
        ),
        "weak": make_application(
            cu_chi_hamlet,
            status=Status.BRANCH_REVIEWED,
            name="Lê Điểm Thấp",
            scores={1: 5, 2: 5, 3: 5},
        ),
        "trung": make_application(ap_trung, status=Status.SUBMITTED, name="Lê Ấp Trung"),
        "far": make_application(tan_an_hoi_hamlet, status=Status.BRANCH_REVIEWED, name="Lê Tân An"),
    }


def test_lists_show_only_the_officers_units(client, reviewer, spread, cu_chi, ap_trung):
    client.force_login(reviewer(ap_trung, Role.BRANCH_OFFICER))
    assert names(client.get(LIST).content.decode()) == {"Lê Ấp Trung"}
    client.force_login(reviewer(cu_chi, Role.COMMUNE_OFFICER))
    assert names(client.get(LIST).content.decode()) == {"Lê Bàu Tre", "Lê Điểm Thấp", "Lê Ấp Trung"}


def test_citizens_and_editors_do_not_get_in(client, spread):
    client.force_login(spread["bau_tre"].applicant)
    assert client.get(LIST).status_code == 302  # Wagtail sends them to log in
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get(LIST)  # Wagtail turns the refusal into a redirect with a message
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_filters(client, reviewer, spread, cu_chi, cu_chi_hamlet, farmers):
    client.force_login(reviewer(cu_chi, Role.COMMUNE_OFFICER))
    get = lambda query: names(client.get(LIST + query).content.decode())  # noqa: E731
    assert get("?trang_thai=submitted") == {"Lê Ấp Trung"}
    assert get(f"?ap={cu_chi_hamlet.pk}") == {"Lê Bàu Tre", "Lê Điểm Thấp"}
    assert get("?diem=80-89") == {"Lê Điểm Thấp"}  # 15 + 70 = 85
    assert get("?diem=tu-90") == {"Lê Bàu Tre", "Lê Ấp Trung"}
    assert get(f"?nhom={farmers.pk}&q=tre") == {"Lê Bàu Tre"}
    assert get("?dieu_kien=not_meets") == set()
    assert get(f"?nam={timezone.localdate().year - 1}") == set()


def test_bulk_refuses_the_out_of_scope_item_and_reports_why(client, reviewer, spread, cu_chi):
    client.force_login(reviewer(cu_chi, Role.COMMUNE_OFFICER))
    ids = [spread[k].pk for k in ("bau_tre", "weak", "trung", "far")]
    page = client.post(
        BULK, {"action": "commune_evaluate", "result": "meets", "ids": ids, "filters": ""}
    ).content.decode()
    assert "Đã thực hiện: 2 hồ sơ." in page
    assert "Không thực hiện: 2 hồ sơ." in page
    assert "Không tìm thấy hồ sơ này trong địa bàn của bạn." in page
    assert "Lê Tân An" not in page  # nothing leaks about the other commune's person
    assert "Lê Ấp Trung" in page and "Đã gửi, chờ chi hội kiểm tra" in page
    far = Application.objects.get(pk=spread["far"].pk)
    assert far.status == Status.BRANCH_REVIEWED and far.commune_result == ""
    assert Application.objects.get(pk=spread["weak"].pk).commune_result == CommuneResult.MEETS


def test_bulk_on_everything_the_filters_match(client, reviewer, spread, cu_chi):
    client.force_login(reviewer(cu_chi, Role.COMMUNE_OFFICER))
    page = client.post(
        BULK,
        {
            "action": "commune_return",
            "comment": "Bổ sung ảnh minh chứng",
            "all_matching": "1",
            "filters": "trang_thai=branch_reviewed",
        },
    ).content.decode()
    assert "Đã thực hiện: 2 hồ sơ." in page
    assert Application.objects.filter(status=Status.RETURNED).count() == 2
    assert Application.objects.get(pk=spread["far"].pk).status == Status.BRANCH_REVIEWED
    returned = client.post(
        BULK, {"action": "commune_return", "ids": [spread["far"].pk], "filters": ""}
    )
    assert "Không tìm thấy hồ sơ này" in returned.content.decode()


def test_bulk_offers_only_the_users_actions(client, reviewer, spread, ap_trung):
    client.force_login(reviewer(ap_trung, Role.BRANCH_OFFICER))
    page = client.get(LIST).content.decode()
    assert 'value="branch_review"' in page and 'value="commune_evaluate"' not in page
    response = client.post(BULK, {"action": "commune_evaluate", "ids": [spread["trung"].pk]})
    assert response.status_code == 302  # not a choice for a branch officer
    assert Application.objects.get(pk=spread["trung"].pk).status == Status.SUBMITTED


def test_application_page_is_scoped_logged_and_acts_by_role(
    client, reviewer, spread, cu_chi, tan_an_hoi
):
    application = spread["bau_tre"]
    url = f"/admin/cong-dan-hoc-tap/ho-so/{application.pk}/"
    client.force_login(reviewer(tan_an_hoi, Role.COMMUNE_OFFICER))
    assert client.get(url).status_code == 404
    approver = reviewer(cu_chi, Role.COMMUNE_APPROVER)
    client.force_login(approver)
    page = client.get(url).content.decode()
    assert "Lê Bàu Tre" in page and 'value="commune_evaluate"' not in page
    assert AccessLog.objects.filter(actor=approver, action="certificates_view_application").exists()
    client.post(url, {"action": "commune_evaluate"})
    assert Application.objects.get(pk=application.pk).status == Status.BRANCH_REVIEWED
    officer = reviewer(cu_chi, Role.COMMUNE_OFFICER)
    client.force_login(officer)
    response = client.post(
        url,
        {
            "action": "commune_evaluate",
            "result": "auto",
            "score_3": "6",
            "comment": "Chỉ số 3 chấm lại",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.COMMUNE_EVALUATED and application.final_total == 96
    page = client.get(url).content.decode()
    assert "Chỉ số 3: 10 → 6" in page and "Chỉ số 3 chấm lại" in page


def test_proposal_list_exports_an_excel_file_matching_the_database(
    client, reviewer, make_application, cycle, cu_chi, cu_chi_hamlet, ap_trung
):
    for index in range(3):
        make_application(
            cu_chi_hamlet,
            status=Status.COMMUNE_EVALUATED,
            name=f"Người Đạt {index}",
            scores={1: 7 + index, 6: 8},
        )
    make_application(ap_trung, status=Status.APPRAISED, name="Người Ấp Trung")
    make_application(
        cu_chi_hamlet, status=Status.COMMUNE_EVALUATED, name="Người Không Đạt", scores={2: 3}
    )
    make_application(cu_chi_hamlet, status=Status.SUBMITTED, name="Người Chưa Xét")
    client.force_login(reviewer(cu_chi, Role.COMMUNE_OFFICER))
    page = client.get("/admin/cong-dan-hoc-tap/danh-sach-de-nghi/").content.decode()
    assert "Người Đạt 0" in page and "Người Không Đạt" not in page
    response = client.get(
        f"/admin/cong-dan-hoc-tap/danh-sach-de-nghi/xlsx/?xa={cu_chi.pk}&dot={cycle.pk}"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    text = " ".join(str(c) for row in cells for c in row if c)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert f"DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU “CÔNG DÂN HỌC TẬP” NĂM {cycle.year}" in text
    assert "HỘI KHUYẾN HỌC XÃ CỦ CHI" in text and "Củ Chi" in text
    header = next(i for i, row in enumerate(cells) if row[0] == "STT")
    assert cells[header][:10] == [
        "STT",
        "Họ và tên",
        "Năm sinh",
        "Ấp, khu phố",
        "Nhóm đối tượng",
        "Điểm TC1",
        "Điểm TC2",
        "Điểm TC3",
        "Tổng điểm",
        "Kết quả",
    ]
    rows = []
    for row in cells[header + 1 :]:
        if not isinstance(row[0], int):
            break
        rows.append(row)
    listed = Application.objects.filter(commune=cu_chi, cycle=cycle, commune_result="meets")
    assert [r[0] for r in rows] == list(range(1, listed.count() + 1))
    assert {r[1] for r in rows} == {a.applicant.full_name for a in listed}
    assert all(r[2] == 1980 and r[9] == "Đạt" for r in rows)
    totals = cells[header + 1 + len(rows)]
    assert totals[1] == f"Tổng cộng: {len(rows)} người"
    assert totals[8] == listed.aggregate(s=Sum("final_total"))["s"] == sum(r[8] for r in rows)
    final = Coalesce("commune_score", "branch_score", "self_score")
    for criterion, column in ((1, 5), (2, 6), (3, 7)):
        in_db = IndicatorScore.objects.filter(
            application__in=listed, indicator__criterion_number=criterion
        ).aggregate(s=Sum(final))["s"]
        assert totals[column] == in_db == sum(r[column] for r in rows)
    for row in rows:
        application = listed.get(applicant__full_name=row[1])
        assert row[8] == application.final_total == row[5] + row[6] + row[7]
    assert AccessLog.objects.filter(action="certificates_export_proposals").exists()


DECISION_FIELDS = {
    "signed_on": "2025-11-20",
    "signer_name": "Đặng Văn Uy",
    "signer_title": "Chủ tịch",
    "issuing_body": "Ủy ban nhân dân xã Củ Chi",
}


def test_decision_screen_records_for_the_approver_only_after_confirming(
    client, reviewer, make_application, cycle, cu_chi, cu_chi_hamlet
):
    ready = make_application(cu_chi_hamlet, status=Status.APPRAISED, name="Người Sẵn Sàng")
    make_application(cu_chi_hamlet, status=Status.BRANCH_REVIEWED, name="Người Đang Xét")
    url = f"/admin/cong-dan-hoc-tap/quyet-dinh/ghi/?xa={cu_chi.pk}&dot={cycle.pk}"
    client.force_login(reviewer(cu_chi, Role.COMMUNE_OFFICER))
    assert client.get(url)["Location"] == "/admin/"  # refused
    client.force_login(reviewer(cu_chi, Role.COMMUNE_APPROVER))
    page = client.get(url).content.decode()
    assert "Người Sẵn Sàng" in page and "Ủy ban nhân dân xã Củ Chi" in page
    missing = client.post(url, {"number": "", "ids": [ready.pk]})
    assert missing.status_code == 200
    data = {"number": "7/QĐ-UBND", **DECISION_FIELDS, "ids": [ready.pk]}
    # First the officer is told exactly what the decision locks; nothing is written yet.
    confirm = client.post(url, data)
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Xác nhận ghi quyết định" in page and "khóa 1 hồ sơ" in page
    assert "Người Sẵn Sàng" in page and "Người Đang Xét" not in page
    assert "1 hồ sơ khác của xã đang được xét vẫn tiếp tục" in page
    assert not RecognitionDecision.objects.exists()
    back = client.post(url, {**data, "sua": "1"}).content.decode()
    assert "Xem lại trước khi ghi" in back and not RecognitionDecision.objects.exists()
    response = client.post(url, {**data, "xac_nhan": "1"})
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.status == Status.RECOGNISED and ready.decision.number == "7/QĐ-UBND"
    listing = client.get("/admin/cong-dan-hoc-tap/quyet-dinh/").content.decode()
    assert "7/QĐ-UBND" in listing and "Đính chính" in listing


def test_after_a_decision_the_rest_goes_into_a_supplementary_one(
    client, reviewer, make_application, cycle, cu_chi, cu_chi_hamlet
):
    first = make_application(cu_chi_hamlet, status=Status.APPRAISED, name="Người Đợt Một")
    approver = reviewer(cu_chi, Role.COMMUNE_APPROVER)
    client.force_login(approver)
    url = f"/admin/cong-dan-hoc-tap/quyet-dinh/ghi/?xa={cu_chi.pk}&dot={cycle.pk}"
    data = {"number": "7/QĐ-UBND", **DECISION_FIELDS, "xac_nhan": "1"}
    assert client.post(url, {**data, "ids": [first.pk]}).status_code == 302
    rated = make_application(cu_chi_hamlet, status=Status.COMMUNE_EVALUATED, name="Người Đợt Hai")
    detail = f"/admin/cong-dan-hoc-tap/ho-so/{rated.pk}/"
    assert "thẩm định đạt" in client.get(detail).content.decode()
    client.post(detail, {"action": "appraise"})
    rated.refresh_from_db()
    assert rated.status == Status.APPRAISED
    proposals = f"/admin/cong-dan-hoc-tap/danh-sach-de-nghi/?xa={cu_chi.pk}&dot={cycle.pk}"
    assert "Ghi quyết định bổ sung" in client.get(proposals).content.decode()
    form = client.get(url).content.decode()
    assert "quyết định bổ sung lần 1" in form and "Người Đợt Một" not in form
    confirm = client.post(url, {**data, "number": "9/QĐ-UBND", "ids": [rated.pk], "xac_nhan": ""})
    assert "Quyết định bổ sung lần 1, bổ sung Quyết định số 7/QĐ-UBND" in confirm.content.decode()
    assert client.post(url, {**data, "number": "9/QĐ-UBND", "ids": [rated.pk]}).status_code == 302
    rated.refresh_from_db()
    assert rated.status == Status.RECOGNISED and rated.decision.supplement_number == 1
    listing = client.get("/admin/cong-dan-hoc-tap/quyet-dinh/").content.decode()
    assert "Bổ sung lần 1" in listing


def test_criteria_set_in_use_is_not_edited_but_versioned(
    client, superuser, make_application, cycle, cu_chi_hamlet, criteria
):
    make_application(cu_chi_hamlet, status=Status.SUBMITTED)
    farmers = criteria["farmers"]
    client.force_login(superuser)
    edit = f"/admin/cong-dan-hoc-tap/bo-tieu-chi/edit/{farmers.pk}/"
    page = client.get(edit).content.decode()
    assert "Tạo phiên bản mới" in page and "không sửa được" in page
    response = client.post(edit, {"name": "Đổi tên"}, follow=True)
    assert "Không lưu được" in response.content.decode()
    farmers.refresh_from_db()
    assert farmers.name != "Đổi tên"
    response = client.post(f"/admin/cong-dan-hoc-tap/bo-tieu-chi/{farmers.pk}/phien-ban-moi/")
    copy = CriteriaSet.objects.get(family=farmers.family, version=2)
    assert response["Location"] == f"/admin/cong-dan-hoc-tap/bo-tieu-chi/edit/{copy.pk}/"
    assert copy.indicators.count() == 10 and not copy.is_active


def test_criteria_and_cycles_are_for_administrators(client, reviewer, cu_chi):
    client.force_login(reviewer(cu_chi, Role.COMMUNE_OFFICER))
    assert client.get("/admin/cong-dan-hoc-tap/bo-tieu-chi/")["Location"] == "/admin/"
    assert client.get("/admin/cong-dan-hoc-tap/dot-danh-gia/")["Location"] == "/admin/"


def test_reopening_a_stage_in_the_admin_records_who(client, superuser, cycle):
    client.force_login(superuser)
    url = f"/admin/cong-dan-hoc-tap/dot-danh-gia/edit/{cycle.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    for key, value in list(data.items()):
        if hasattr(value, "isoformat"):
            data[key] = value.isoformat()
    until = timezone.localdate() + timedelta(days=5)
    data.update(
        {
            "extensions-TOTAL_FORMS": "1",
            "extensions-INITIAL_FORMS": "0",
            "extensions-MIN_NUM_FORMS": "0",
            "extensions-MAX_NUM_FORMS": "1000",
            "extensions-0-stage": "branch_review",
            "extensions-0-opens_on": timezone.localdate().isoformat(),
            "extensions-0-until": until.isoformat(),
            "extensions-0-reason": "Mưa bão",
            "extensions-0-ORDER": "1",
            "extensions-0-id": "",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    extension = CycleWindowExtension.objects.get(cycle=cycle)
    assert extension.granted_by == superuser and extension.until == until


def test_a_final_bulk_action_shows_exactly_what_it_closes_before_writing(
    client, reviewer, make_application, cycle, cu_chi, cu_chi_hamlet
):
    evaluated = [
        make_application(cu_chi_hamlet, status=Status.COMMUNE_EVALUATED, name=f"Lê Khép {n}")
        for n in ("Một", "Hai")
    ]
    other = make_application(cu_chi_hamlet, status=Status.COMMUNE_EVALUATED, name="Lê Còn Lại")
    client.force_login(reviewer(cu_chi, Role.COMMUNE_APPROVER))
    ids = [a.pk for a in evaluated]
    posted = {"action": "not_recognise", "comment": "Chưa đủ minh chứng", "ids": ids}
    page = client.post(BULK, {**posted, "filters": ""}).content.decode()
    assert "Xác nhận" in page and "khép lại 2 hồ sơ" in page
    assert {"Lê Khép Một", "Lê Khép Hai"} <= names(page) and "Lê Còn Lại" not in page
    assert not Application.objects.filter(status=Status.NOT_RECOGNISED).exists()

    done = client.post(BULK, {**posted, "filters": "", "confirmed": "1"}).content.decode()
    assert "Đã thực hiện: 2 hồ sơ." in done
    assert set(Application.objects.filter(status=Status.NOT_RECOGNISED)) == set(evaluated)
    assert Application.objects.get(pk=other.pk).status == Status.COMMUNE_EVALUATED


def test_a_final_bulk_action_without_a_comment_is_refused_before_confirming(
    client, reviewer, make_application, cycle, cu_chi, cu_chi_hamlet
):
    application = make_application(cu_chi_hamlet, status=Status.COMMUNE_EVALUATED)
    client.force_login(reviewer(cu_chi, Role.COMMUNE_APPROVER))
    response = client.post(
        BULK, {"action": "not_recognise", "ids": [application.pk], "filters": ""}, follow=True
    )
    assert "cần ý kiến gửi người dân" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == Status.COMMUNE_EVALUATED
