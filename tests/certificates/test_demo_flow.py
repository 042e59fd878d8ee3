"""The issue's "done means", through the pages: on the demo data a citizen self-assesses and
submits; the branch officer reviews; the commune officer evaluates in bulk; the UBND approver
appraises and records a decision; the citizen sees "Đã công nhận". Also: the demo loader is
idempotent and fills the lists, and its recognised citizen has a certificate (one of another
commune's is revoked)."""

import io
import re

import pytest
from django.urls import reverse

from certificates.demo import demo_load as certificates_demo
from certificates.models import Application, Certificate, CommuneResult, Status
from certificates.signals import title_recognised
from people.demo import demo_load as people_demo
from people.models import OccupationGroup, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path, criteria, officers_group):
    settings.VAR_DIR = tmp_path
    people_demo(stdout=io.StringIO())
    certificates_demo(stdout=io.StringIO())
    passwords = {}
    for line in (tmp_path / "demo-logins.txt").read_text(encoding="utf-8").splitlines()[1:]:
        _role, _name, login, password = line.split("\t")
        passwords[login] = password
    return passwords


def log_in(client, demo, email):
    client.post(reverse("account_logout"))
    response = client.post(reverse("account_login"), {"login": email, "password": demo[email]})
    assert response.status_code == 302, email


def ids_in(html: str) -> list[str]:
    return re.findall(r'name="ids" value="(\d+)"', html)


def test_demo_loader_is_idempotent_and_fills_the_lists(demo):
    count = Application.objects.count()
    assert count >= 300
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.BRANCH_REVIEWED,
        Status.COMMUNE_EVALUATED,
        Status.APPRAISED,
        Status.RECOGNISED,
        Status.RETURNED,
    } <= statuses
    certificates_demo(stdout=io.StringIO())
    assert Application.objects.count() == count
    assert not Application.objects.filter(
        applicant__email="hocvien@demo.invalid"
    ).exists()  # the learner registers in the demo flow


def test_demo_citizen_holds_a_certificate_and_one_is_revoked(client, demo):
    citizen = User.objects.get(email="congdan@demo.invalid")
    certificate = Certificate.objects.get(learner=citizen)
    assert certificate.application.status == Status.RECOGNISED
    assert certificate.is_ready and not certificate.is_revoked
    assert certificate.full_name == "Lê Thị Thúy Hằng" and certificate.birth_year == 1987
    assert not Certificate.objects.filter(pdf="").exists()  # every recognised person has one
    assert Certificate.objects.filter(application__status=Status.RECOGNISED).count() == (
        Application.objects.filter(status=Status.RECOGNISED).count()
    )
    revoked = Certificate.objects.get(revoked_at__isnull=False)
    assert revoked.revocation_reason and revoked.learner != citizen

    def state():
        return sorted(Certificate.objects.values_list("pk", "register_number", "pdf", "revoked_at"))

    before = state()
    certificates_demo(stdout=io.StringIO())
    assert state() == before

    log_in(client, demo, "congdan@demo.invalid")
    page = client.get(reverse("issued:mine")).content.decode()
    assert certificate.register_number in page and "Còn hiệu lực" in page
    public = client.get(reverse("issued:verify_code", args=[revoked.code])).content.decode()
    assert "Đã bị thu hồi" in public and revoked.revocation_reason in public


def test_done_means_flow(client, demo, django_capture_on_commit_callbacks):
    learner = User.objects.get(email="hocvien@demo.invalid")
    recognised = []
    title_recognised.connect(
        lambda sender, application, decision, **kw: recognised.append(application.pk),
        dispatch_uid="test_done_means",
        weak=False,
    )
    try:
        # 1. The citizen registers, self-assesses and submits.
        log_in(client, demo, "hocvien@demo.invalid")
        page = client.get(reverse("certificates:my_application")).content.decode()
        assert "Đăng ký ngay" in page
        farmers = OccupationGroup.objects.get(code="farmers")
        response = client.post(reverse("certificates:register"), {"occupation_group": farmers.pk})
        form_url = response["Location"]
        assert "/tu-danh-gia/" in form_url
        form = client.get(form_url).content.decode()
        assert "Chỉ số 10" in form and "Gửi hồ sơ" in form
        scores = {f"score_{n}": "9" for n in range(1, 11)}
        client.post(form_url, {**scores, "action": "save"})
        application = Application.objects.get(applicant=learner)
        assert application.self_total == 90 and application.status == Status.DRAFT
        response = client.post(form_url, {**scores, "action": "submit"})
        assert response["Location"] == reverse("certificates:my_application")
        application.refresh_from_db()
        assert application.status == Status.SUBMITTED

        # 2. The branch officer reviews it on its own page.
        log_in(client, demo, "chihoi@demo.invalid")
        listing = client.get("/admin/cong-dan-hoc-tap/ho-so/?trang_thai=submitted").content.decode()
        assert learner.full_name in listing
        detail = f"/admin/cong-dan-hoc-tap/ho-so/{application.pk}/"
        assert client.get(detail).status_code == 200
        response = client.post(detail, {"action": "branch_review", "comment": "Đủ minh chứng."})
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.status == Status.BRANCH_REVIEWED

        # 3. The commune officer evaluates the waiting applications in bulk.
        log_in(client, demo, "hoixa@demo.invalid")
        listing = client.get(
            "/admin/cong-dan-hoc-tap/ho-so/?trang_thai=branch_reviewed&so_dong=500"
        ).content.decode()
        ids = ids_in(listing)
        assert str(application.pk) in ids and len(ids) > 50
        result = client.post(
            "/admin/cong-dan-hoc-tap/ho-so/hang-loat/",
            {"action": "commune_evaluate", "result": "auto", "ids": ids, "filters": ""},
        ).content.decode()
        assert f"Đã thực hiện: {len(ids)} hồ sơ." in result
        application.refresh_from_db()
        assert application.commune_result == CommuneResult.MEETS

        # 4. The UBND approver appraises in bulk and records the decision.
        log_in(client, demo, "ubndxa@demo.invalid")
        listing = client.get(
            "/admin/cong-dan-hoc-tap/ho-so/?trang_thai=commune_evaluated&dieu_kien=meets&so_dong=500"
        ).content.decode()
        ids = ids_in(listing)
        assert str(application.pk) in ids
        client.post(
            "/admin/cong-dan-hoc-tap/ho-so/hang-loat/",
            {"action": "appraise", "ids": ids, "filters": ""},
        )
        application.refresh_from_db()
        assert application.status == Status.APPRAISED
        commune, cycle = application.commune, application.cycle
        decision_url = f"/admin/cong-dan-hoc-tap/quyet-dinh/ghi/?xa={commune.pk}&dot={cycle.pk}"
        form = client.get(decision_url).content.decode()
        appraised = ids_in(form)
        assert str(application.pk) in appraised
        data = {
            "number": "123/QĐ-UBND",
            "signed_on": "2025-11-20",
            "signer_name": "Đặng Văn Uy",
            "signer_title": "Chủ tịch",
            "issuing_body": "Ủy ban nhân dân xã Củ Chi",
            "ids": appraised,
        }
        confirm = client.post(decision_url, data).content.decode()  # first: what it locks
        assert f"khóa {len(appraised)} hồ sơ" in confirm
        assert application.applicant.get_full_name() in confirm
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(decision_url, {**data, "xac_nhan": "1"})
        assert response.status_code == 302, response.content.decode()[:2000]
        application.refresh_from_db()
        assert application.status == Status.RECOGNISED
        assert recognised.count(application.pk) == 1
        assert len(recognised) == len(appraised)

        # 5. The citizen sees the result.
        log_in(client, demo, "hocvien@demo.invalid")
        page = client.get(reverse("certificates:my_application")).content.decode()
        assert "Đã công nhận" in page and "123/QĐ-UBND" in page
        assert "Đủ minh chứng." in page  # what the reviewer said
    finally:
        title_recognised.disconnect(dispatch_uid="test_done_means")
