"""The citizen's certificates page and downloads; officers' progress page, ZIP and revocation."""

import io
import json
import re
import uuid
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from certificates.credentials import credential_verify
from certificates.issuing import bulk, services
from certificates.issuing.revocation import certificate_revoke
from certificates.issuing.signing import did_document_current
from certificates.models import Certificate, Status
from certificates.services import decision_record
from people.models import AccessLog, Role
from tests.certificates.test_issuing_builders import (  # noqa: F401  (fixtures)
    _key_dir,
    decision_make,
    issuing_settings,
    recognised,
)
from tests.certificates.test_pdf import text_of
from tests.factories import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("issuing_settings")]


@pytest.fixture
def decision(cu_chi, ap_trung):
    decision = decision_make(cu_chi)
    recognised(decision, ap_trung, count=3, names=["Nguyễn Thị Lan", "Trần Văn Bảy", "Lê Thị Ánh"])
    return decision


def _login(client, user):
    client.force_login(user)
    return client


def test_my_certificates_page_and_downloads(client, decision):
    bulk.decision_issue_pending(decision_id=decision.pk)
    certificate = Certificate.objects.get(full_name="Nguyễn Thị Lan")
    _login(client, certificate.learner)
    page = client.get(reverse("issued:mine")).content.decode()
    assert "Giấy chứng nhận của tôi" in page
    assert certificate.register_number in page
    assert f"https://congdanhoctap.example.vn/xac-minh/{certificate.code}/" in page
    assert "Trần Văn Bảy" not in page  # only my own

    pdf = client.get(reverse("issued:pdf", args=[certificate.public_id]))
    assert pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    assert "Nguyễn Thị Lan" in text_of(b"".join(pdf.streaming_content))

    download = client.get(reverse("issued:credential", args=[certificate.public_id]))
    credential = json.loads(download.content)
    assert credential_verify(credential=credential, did_document=did_document_current())


def test_someone_elses_certificate_answers_as_a_missing_one_and_an_officers_look_is_logged(
    client, decision, cu_chi, tan_an_hoi, make_officer
):
    bulk.decision_issue_pending(decision_id=decision.pk)
    mine, other = Certificate.objects.order_by("serial")[:2]
    missing = uuid.uuid4()
    _login(client, mine.learner)
    for name in ("issued:pdf", "issued:credential"):
        not_mine = client.get(reverse(name, args=[other.public_id]))
        absent = client.get(reverse(name, args=[missing]))
        assert not_mine.status_code == absent.status_code == 404
    stranger = make_officer(tan_an_hoi, role=Role.COMMUNE_OFFICER)
    _login(client, stranger)
    assert client.get(reverse("issued:pdf", args=[other.public_id])).status_code == 404
    officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    _login(client, officer)
    assert client.get(reverse("issued:pdf", args=[other.public_id])).status_code == 200
    assert AccessLog.objects.filter(actor=officer, subject=other.learner).exists()


def test_no_certificate_url_carries_its_row_number(client, decision, cu_chi, make_officer):
    """Every link to a certificate uses its random public id: the row number (which tells how
    many certificates exist) opens nothing."""
    bulk.decision_issue_pending(decision_id=decision.pk)
    certificate = Certificate.objects.order_by("serial").first()
    assert len({c.public_id for c in Certificate.objects.all()}) == 3
    _login(client, certificate.learner)
    page = client.get(reverse("issued:mine")).content.decode()
    assert f"/chung-nhan/{certificate.public_id}/giay-chung-nhan.pdf" in page
    assert f"/chung-nhan/{certificate.public_id}/chung-chi-so.json" in page
    for path in ("giay-chung-nhan.pdf", "chung-chi-so.json", "thu-hoi/"):
        by_number = f"/chung-nhan/{certificate.pk}/{path}"
        assert client.get(by_number).status_code == 404
        assert by_number not in page
    _login(client, make_officer(cu_chi, role=Role.COMMUNE_APPROVER))
    officer_page = client.get(reverse("issued:officer_decision", args=[decision.pk])).content
    assert f"/can-bo/chung-nhan/{certificate.public_id}/thu-hoi/" in officer_page.decode()
    assert f"/chung-nhan/{certificate.public_id}/giay-chung-nhan.pdf" in officer_page.decode()


def test_a_pdf_not_yet_made_is_made_when_asked(client, decision):
    application = decision.current_applications.first()
    certificate, _ = services.certificate_reserve_for_application(application_id=application.pk)
    _login(client, certificate.learner)
    page = client.get(reverse("issued:mine")).content.decode()
    assert "Đang chuẩn bị" in page
    response = client.get(reverse("issued:pdf", args=[certificate.public_id]))
    assert response.status_code == 200
    assert Certificate.objects.get(pk=certificate.pk).is_ready


def test_the_progress_page_refreshes_until_done_and_resumes(client, decision, cu_chi, make_officer):
    officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    _login(client, officer)
    url = reverse("issued:officer_decision", args=[decision.pk])
    page = client.get(url).content.decode()
    assert "0/3" in page and 'http-equiv="refresh"' in page
    listing = client.get(reverse("issued:officer_decisions")).content.decode()
    assert "0/3" in listing and decision.number in listing

    response = client.post(url)  # "Cấp tiếp phần còn thiếu": the task runs (immediate backend)
    assert response.status_code == 302
    from certificates.issuing.tasks import decision_certificates_issue

    decision_certificates_issue.enqueue(decision.pk)  # the test transaction never commits
    page = client.get(url).content.decode()
    assert "3/3" in page and 'http-equiv="refresh"' not in page
    assert "Thu hồi" not in page  # officers see, approvers revoke


def test_officers_of_another_commune_and_citizens_see_no_progress(
    client, decision, tan_an_hoi, make_officer
):
    _login(client, make_officer(tan_an_hoi, role=Role.COMMUNE_OFFICER))
    url = reverse("issued:officer_decision", args=[decision.pk])
    assert client.get(url).status_code == 403
    assert client.get(reverse("issued:officer_decision_zip", args=[decision.pk])).status_code == 403
    application = decision.current_applications.first()
    _login(client, application.applicant)
    assert client.get(url).status_code == 403
    assert client.get(reverse("issued:officer_decisions")).status_code == 403


def test_every_pdf_of_a_decision_in_one_streamed_zip(client, decision, cu_chi, make_officer):
    bulk.decision_issue_pending(decision_id=decision.pk)
    officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    _login(client, officer)
    response = client.get(reverse("issued:officer_decision_zip", args=[decision.pk]))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.testzip() is None
    names = sorted(archive.namelist())
    certificates = list(Certificate.objects.order_by("serial"))
    assert names == sorted(f"{c.register_number} {c.full_name}.pdf" for c in certificates)
    first = archive.read(f"{certificates[0].register_number} {certificates[0].full_name}.pdf")
    assert first == certificates[0].pdf.read()
    assert AccessLog.objects.filter(actor=officer, action="certificates.download_zip").exists()


def test_revocation_by_the_communes_approver_only(
    client, decision, cu_chi, tan_an_hoi, make_officer, django_capture_on_commit_callbacks
):
    bulk.decision_issue_pending(decision_id=decision.pk)
    certificate = Certificate.objects.order_by("serial").first()
    url = reverse("issued:officer_revoke", args=[certificate.public_id])
    for outsider in (
        make_officer(cu_chi, role=Role.COMMUNE_OFFICER),
        make_officer(tan_an_hoi, role=Role.COMMUNE_APPROVER),
    ):
        _login(client, outsider)
        assert client.post(url, {"reason": "Thử"}).status_code == 404  # as for a missing one
    approver = make_officer(cu_chi, role=Role.COMMUNE_APPROVER)
    _login(client, approver)
    assert (
        "Thu hồi"
        in client.get(reverse("issued:officer_decision", args=[decision.pk])).content.decode()
    )
    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 200 and not Certificate.objects.get(pk=certificate.pk).is_revoked
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Quyết định công nhận bị hủy"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == approver
    assert AccessLog.objects.filter(
        actor=approver, action="certificates.revoke", subject=certificate.learner
    ).exists()
    again = client.post(url, {"reason": "Lần nữa"}).content.decode()
    assert "Đã bị thu hồi" in again and "<textarea" not in again
    page = client.get(reverse("issued:verify_code", args=[certificate.code])).content.decode()
    assert "Đã bị thu hồi" in page and "Quyết định công nhận bị hủy" in page


def test_the_menu_links_to_my_certificates(client, decision):
    user = decision.current_applications.first().applicant
    assert client.login(username=user.username, password=PASSWORD) or _login(client, user)
    page = client.get(reverse("issued:mine")).content.decode()
    assert reverse("issued:mine") in page and "Giấy chứng nhận của tôi" in page
    assert "Bạn chưa có giấy chứng nhận nào." in page


def test_the_template_admin_is_for_administrators(client, superuser, cu_chi, make_officer):
    _login(client, superuser)
    response = client.get(reverse("certificates_templates:add"))
    assert response.status_code == 200
    assert "Mẫu giấy chứng nhận" in response.content.decode()
    _login(client, make_officer(cu_chi, role=Role.COMMUNE_APPROVER))
    assert client.get(reverse("certificates_templates:index")).status_code in (302, 403)


def _zip_names(client, decision) -> list[str]:
    response = client.get(reverse("issued:officer_decision_zip", args=[decision.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return sorted(archive.namelist())


def test_the_zip_holds_exactly_what_the_page_counts_never_a_revoked_one(
    client, decision, cu_chi, make_officer
):
    bulk.decision_issue_pending(decision_id=decision.pk)
    revoked = Certificate.objects.get(full_name="Trần Văn Bảy")
    approver = make_officer(cu_chi, role=Role.COMMUNE_APPROVER)
    certificate_revoke(certificate=revoked, by=approver, reason="Cấp nhầm người")
    _login(client, approver)
    page = client.get(reverse("issued:officer_decision", args=[decision.pk])).content.decode()
    assert "<strong>2/2</strong>" in page and "Tải 2 giấy chứng nhận" in page
    assert "1 giấy đã bị thu hồi" in page and "Cấp nhầm người" in page
    names = _zip_names(client, decision)
    assert len(names) == 2 and not any("Trần Văn Bảy" in name for name in names)


def test_after_a_correction_each_page_says_what_happened_to_each_person(
    client, make_application, make_officer, cycle, cu_chi, ap_trung,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    """A season: a first decision, its certificates, one revoked by hand; a supplementary
    decision; then a late correction of the first that keeps one, withdraws one and adds one.
    Every page counts what its ZIP holds, and the old page says what became of everyone."""
    approver = make_officer(cu_chi, role=Role.COMMUNE_APPROVER)
    names = ["Giữ Nguyên", "Bị Rút", "Bị Thu Hồi", "Đợt Sau", "Thêm Vào"]
    kept, dropped, revoked, later, added = (
        make_application(ap_trung, status=Status.APPRAISED, name=name) for name in names
    )

    def decide(number, ids, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return decision_record(
                cycle=cycle, commune=cu_chi, number=number, signed_on=date(2025, 11, 20),
                signer_name="Đặng Văn Uy", signer_title="Chủ tịch",
                issuing_body="Ủy ban nhân dân xã Củ Chi", application_ids=ids, by=approver,
                **extra,
            )  # fmt: skip

    first = decide("10/QĐ-UBND", [kept.pk, dropped.pk, revoked.pk])
    certificate_revoke(
        certificate=Certificate.objects.get(application=revoked),
        by=approver,
        reason="Khai sai",
    )
    supplement = decide("11/QĐ-UBND", [later.pk])
    correction = decide("12/QĐ-UBND", [kept.pk, revoked.pk, added.pk], corrects=first)
    _login(client, approver)

    def page_of(decision):
        return client.get(reverse("issued:officer_decision", args=[decision.pk])).content.decode()

    old = page_of(first)
    assert "<strong>1/1</strong>" in old and "Tải 1 giấy chứng nhận" in old
    assert "Đã được đính chính bởi Quyết định số 12/QĐ-UBND" in old
    for name, fate in (
        ("Giữ Nguyên", "Chuyển sang Quyết định số 12/QĐ-UBND"),
        ("Bị Rút", "Rút khỏi quyết định theo Quyết định số 12/QĐ-UBND"),
        ("Bị Thu Hồi", "Đã thu hồi"),
    ):
        row = re.search(rf"<tr>(?:(?!</tr>).)*{name}(?:(?!</tr>).)*</tr>", old, re.S).group(0)
        assert fate in row, (name, row)
    assert [n.split(" ", 1)[1] for n in _zip_names(client, first)] == ["Giữ Nguyên.pdf"]

    new = page_of(correction)
    assert "<strong>1/1</strong>" in new and "Tải 1 giấy chứng nhận" in new
    assert "Công nhận theo Quyết định số 10/QĐ-UBND" in new  # the kept one's certificate
    assert [n.split(" ", 1)[1] for n in _zip_names(client, correction)] == ["Thêm Vào.pdf"]

    extra = page_of(supplement)
    assert "Quyết định bổ sung lần 1" in extra and "<strong>1/1</strong>" in extra
    assert [n.split(" ", 1)[1] for n in _zip_names(client, supplement)] == ["Đợt Sau.pdf"]
    listing = client.get(reverse("issued:officer_decisions")).content.decode()
    assert "1/1" in listing and "0/0" not in listing
