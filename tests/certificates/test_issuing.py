"""Issuing: one certificate per recognised application or completed course, numbered per
issuer and year, with a PDF that says the right thing and a QR code that leads to its page."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from certificates.credentials import SigningKeyError
from certificates.issuing import bulk, services, tasks
from certificates.issuing.codes import ALPHABET, code_display, code_new, code_normalise
from certificates.issuing.render import verification_url
from certificates.models import Certificate, CertificateKind, CertificateTemplate, Status
from certificates.services import decision_record
from certificates.signals import title_recognised, title_recognition_withdrawn
from people.models import Gender, Role
from progress.models import Enrolment
from progress.signals import course_completed
from tests.certificates.test_issuing_builders import (  # noqa: F401  (fixtures)
    DECISION_NUMBER,
    SITE,
    _key_dir,
    decision_make,
    issuing_settings,
    recognised,
)
from tests.certificates.test_pdf import qr_texts, text_of
from tests.factories import ProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("issuing_settings")]

NAME = "Nguyễn Thị Hồng Nhung"


def test_decision_issues_one_certificate_per_application_with_the_right_pdf(
    make_application, make_officer, cycle, cu_chi, ap_trung, django_capture_on_commit_callbacks
):
    """The real path: appraised applications, a decision recorded by the approver, the signal
    on commit, the task; the PDF names the person and the decision, its QR leads home."""
    first = make_application(ap_trung, status=Status.APPRAISED, name=NAME)
    second = make_application(ap_trung, status=Status.APPRAISED)
    approver = make_officer(cu_chi, role=Role.COMMUNE_APPROVER)
    with django_capture_on_commit_callbacks(execute=True):
        decision = decision_record(
            cycle=first.cycle, commune=cu_chi, number=DECISION_NUMBER,
            signed_on=timezone.localdate(), signer_name="Trần Văn Bảy", signer_title="Chủ tịch",
            issuing_body="Ủy ban nhân dân xã Củ Chi", application_ids=[first.pk, second.pk],
            by=approver,
        )  # fmt: skip

    certificates = {c.application_id: c for c in Certificate.objects.all()}
    assert set(certificates) == {first.pk, second.pk}
    certificate = certificates[first.pk]
    assert certificate.kind == CertificateKind.TITLE and certificate.is_ready
    year, code = first.cycle.year, cu_chi.code
    assert {c.register_number for c in certificates.values()} == {
        f"CDHT-{year}-{code}-000001",
        f"CDHT-{year}-{code}-000002",
    }
    assert certificate.issuer_unit == cu_chi
    assert (certificate.full_name, certificate.decision_number) == (NAME, DECISION_NUMBER)
    assert certificate.hamlet_name == "Ấp Trung" and certificate.commune_name == "xã Củ Chi"

    pdf = certificate.pdf.read()
    text = text_of(pdf)
    assert NAME in text
    assert f"Quyết định số {DECISION_NUMBER}" in text
    assert f"Số vào sổ: {certificate.register_number}" in text
    assert "ỦY BAN NHÂN DÂN XÃ CỦ CHI" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text and "Trần Văn Bảy" in text
    url = f"{SITE}/xac-minh/{certificate.code}/"
    assert verification_url(certificate) == url
    assert qr_texts(pdf) == [url]
    assert decision.pk == first.__class__.objects.get(pk=first.pk).decision_id


def test_the_signal_twice_and_the_task_twice_still_make_one(
    cu_chi, ap_trung, django_capture_on_commit_callbacks
):
    decision = decision_make(cu_chi)
    (application,) = recognised(decision, ap_trung)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            title_recognised.send(sender=None, application=application, decision=decision)
    assert Certificate.objects.filter(application=application).count() == 1
    tasks.decision_certificates_issue.enqueue(decision.pk)
    services.certificate_issue_for_application(application_id=application.pk)
    assert Certificate.objects.filter(application=application).count() == 1
    certificate = Certificate.objects.get()
    assert certificate.serial == 1 and certificate.is_ready


def test_numbers_are_per_issuer_and_year_and_gapless(cu_chi, tan_an_hoi, ap_trung, khu_pho_7):
    cu_chi_decision = decision_make(cu_chi)
    other = decision_make(tan_an_hoi, number="7/QĐ-UBND")
    recognised(cu_chi_decision, ap_trung, count=3)
    recognised(other, khu_pho_7, count=2)
    bulk.decision_issue_pending(decision_id=cu_chi_decision.pk)
    bulk.decision_issue_pending(decision_id=other.pk)
    by_series = {}
    for certificate in Certificate.objects.order_by("serial"):
        by_series.setdefault(certificate.series, []).append(certificate.serial)
    assert by_series == {f"CDHT-{cu_chi.code}": [1, 2, 3], f"CDHT-{tan_an_hoi.code}": [1, 2]}
    assert len(set(Certificate.objects.values_list("status_index", flat=True))) == 5


def test_verification_codes_are_unguessable_and_forgiving():
    certificate_codes = {code_new() for _ in range(200)}
    assert len(certificate_codes) == 200
    assert all(len(c) == 12 and set(c) <= set(ALPHABET) for c in certificate_codes)
    assert len(ALPHABET) == 32
    code = "7KQ2M9XD4P0A"
    assert code_display(code) == "7KQ2-M9XD-4P0A"
    assert code_normalise(" 7kq2-m9xd-4pOa ") == code
    assert code_normalise("7KQ2") is None
    assert code_normalise("'; DROP TABLE") is None


def test_only_recognised_applications_get_one(cu_chi, ap_trung):
    decision = decision_make(cu_chi)
    (application,) = recognised(decision, ap_trung)
    application.status = Status.NOT_RECOGNISED
    application.save()
    assert services.certificate_issue_for_application(application_id=application.pk) is None
    assert not Certificate.objects.exists()


def test_a_stopped_worker_is_resumed_without_issuing_twice(cu_chi, ap_trung):
    decision = decision_make(cu_chi)
    applications = recognised(decision, ap_trung, count=4)
    # The worker numbered two, made the PDF of one, then stopped.
    done, _ = services.certificate_reserve_for_application(application_id=applications[0].pk)
    services.certificate_produce(certificate=done)
    half, _ = services.certificate_reserve_for_application(application_id=applications[1].pk)
    assert not half.is_ready

    out = io.StringIO()
    call_command("certificates_issue_pending", stdout=out)
    assert "2 issued, 1 finished" in out.getvalue()
    assert Certificate.objects.count() == 4
    assert all(c.is_ready for c in Certificate.objects.all())
    assert sorted(Certificate.objects.values_list("serial", flat=True)) == [1, 2, 3, 4]
    call_command("certificates_issue_pending", stdout=out)
    assert Certificate.objects.count() == 4


def test_a_fresh_half_made_certificate_is_left_to_its_worker(cu_chi, ap_trung):
    decision = decision_make(cu_chi)
    (application,) = recognised(decision, ap_trung)
    services.certificate_reserve_for_application(application_id=application.pk)
    stats = bulk.decision_issue_pending(decision_id=decision.pk, stale_seconds=300)
    assert stats.finished == 0 and not Certificate.objects.get().is_ready
    Certificate.objects.update(issued_at=timezone.now() - timedelta(minutes=10))
    stats = bulk.decision_issue_pending(decision_id=decision.pk, stale_seconds=300)
    assert stats.finished == 1 and Certificate.objects.get().is_ready


def test_without_the_key_production_refuses_and_reserves_nothing(
    settings, tmp_path, cu_chi, ap_trung
):
    settings.CERTIFICATE_SIGNING_KEY_FILE = tmp_path / "missing.pem"
    settings.CERTIFICATE_SIGNING_KEY_AUTOCREATE = False
    decision = decision_make(cu_chi)
    recognised(decision, ap_trung)
    with pytest.raises(SigningKeyError, match="Thiếu khóa ký"):
        bulk.decision_issue_pending(decision_id=decision.pk)
    assert not Certificate.objects.exists()
    assert not (tmp_path / "missing.pem").exists()


def test_dev_creates_the_key_once_readable_by_its_owner_only(settings, tmp_path):
    from certificates.issuing.signing import signing_key

    settings.CERTIFICATE_SIGNING_KEY_FILE = tmp_path / "keys" / "issuer.pem"
    key = signing_key()
    assert (tmp_path / "keys" / "issuer.pem").stat().st_mode & 0o777 == 0o600
    assert signing_key().public_key() == key.public_key()


def test_a_communes_template_is_used_and_empty_fields_fall_back(cu_chi, tan_an_hoi, ap_trung):
    CertificateTemplate.objects.create(
        name="Mẫu chung", kind=CertificateKind.TITLE, heading="GIẤY CHỨNG NHẬN"
    )
    CertificateTemplate.objects.create(
        name="Mẫu Củ Chi", kind=CertificateKind.TITLE, commune=cu_chi,
        heading="GIẤY CÔNG NHẬN", signer_name="Lê Văn Tám", show_birth_year=False,
    )  # fmt: skip
    decision = decision_make(cu_chi)
    recognised(decision, ap_trung, year_of_birth=1971, gender=Gender.FEMALE)
    bulk.decision_issue_pending(decision_id=decision.pk)
    text = text_of(Certificate.objects.get().pdf.read())
    assert "GIẤY CÔNG NHẬN" in text and "Lê Văn Tám" in text
    assert "Năm sinh" not in text
    assert "Chứng nhận bà:" in text
    assert "ỦY BAN NHÂN DÂN XÃ CỦ CHI" in text  # from the decision


def test_a_course_that_awards_certificates_gives_one_on_completion(
    wagtail_course, cu_chi_hamlet, django_capture_on_commit_callbacks
):
    course, learner = wagtail_course
    learner.profile.home_unit = cu_chi_hamlet
    learner.profile.save()
    enrolment = Enrolment.objects.create(
        learner=learner, course=course, completed_at=timezone.now()
    )
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            course_completed.send(
                sender=Enrolment, learner=learner, course=course, enrolment=enrolment
            )
    certificate = Certificate.objects.get()
    year = timezone.localdate().year
    assert certificate.kind == CertificateKind.COURSE
    assert certificate.register_number == f"KH-{year}-{cu_chi_hamlet.parent.code}-000001"
    text = text_of(certificate.pdf.read())
    assert "HOÀN THÀNH KHÓA HỌC" in text and f"“{course.title}”" in text
    assert "HỘI KHUYẾN HỌC XÃ CỦ CHI" in text


def test_a_course_certificate_of_a_learner_without_a_commune_names_the_operator(
    wagtail_course, settings, django_capture_on_commit_callbacks
):
    settings.CERTIFICATE_OPERATOR_NAME = "Hội Khuyến học tỉnh Mẫu Sơn"
    settings.CERTIFICATE_OPERATOR_PLACE = "Mẫu Sơn"
    course, learner = wagtail_course
    assert learner.profile.home_unit is None
    enrolment = Enrolment.objects.create(
        learner=learner, course=course, completed_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        course_completed.send(sender=Enrolment, learner=learner, course=course, enrolment=enrolment)
    certificate = Certificate.objects.get()
    assert certificate.issuer_name == "Hội Khuyến học tỉnh Mẫu Sơn"
    text = text_of(certificate.pdf.read())
    assert "HỘI KHUYẾN HỌC TỈNH MẪU SƠN" in text
    assert "Mẫu Sơn, ngày" in text and "Việt Nam" not in text
    assert certificate.credential["issuer"]["name"] == "Hội Khuyến học tỉnh Mẫu Sơn"


def test_a_course_without_certificates_gives_none(
    wagtail_course, django_capture_on_commit_callbacks
):
    course, learner = wagtail_course
    course.awards_certificate = False
    course.save()
    enrolment = Enrolment.objects.create(
        learner=learner, course=course, completed_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        course_completed.send(sender=Enrolment, learner=learner, course=course, enrolment=enrolment)
    assert not Certificate.objects.exists()


def test_a_withdrawn_recognition_revokes_the_certificate(cu_chi, ap_trung):
    decision = decision_make(cu_chi)
    (application,) = recognised(decision, ap_trung)
    bulk.decision_issue_pending(decision_id=decision.pk)
    correction = decision_make(cu_chi, number="124/QĐ-UBND")
    title_recognition_withdrawn.send(sender=None, application=application, decision=correction)
    certificate = Certificate.objects.get()
    assert certificate.is_revoked and "124/QĐ-UBND" in certificate.revocation_reason


@pytest.fixture
def wagtail_course(db):
    """A published course that awards certificates, and a learner."""
    from tests.courses.builders import course_build, quiz_block

    course, _lessons = course_build(lessons=[[quiz_block()]], title="Kỹ năng số cơ bản")
    course.awards_certificate = True
    course.save()
    return course, ProfileFactory(user__full_name="Phạm Thị Mai").user


def test_a_certificate_names_the_decision_that_recognised_the_person(
    client, make_application, make_officer, cycle, cu_chi, ap_trung,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    """Certificates still being made when a correction keeps their holder name the decision
    that recognised them (PDF, verification page, credential), not the correction."""
    approver = make_officer(cu_chi, role=Role.COMMUNE_APPROVER)
    kept = make_application(ap_trung, status=Status.APPRAISED, name=NAME)
    added = make_application(ap_trung, status=Status.APPRAISED, name="Phan Văn Thêm")

    def decide(number, ids, **extra):
        return decision_record(
            cycle=cycle, commune=cu_chi, number=number, signed_on=timezone.localdate(),
            signer_name="Trần Văn Bảy", signer_title="Chủ tịch",
            issuing_body="Ủy ban nhân dân xã Củ Chi", application_ids=ids, by=approver, **extra,
        )  # fmt: skip

    first = decide(DECISION_NUMBER, [kept.pk])  # on_commit not run: nothing issued yet
    decide("130/QĐ-UBND", [kept.pk, added.pk], corrects=first)
    call_command("certificates_issue_pending", verbosity=0)
    certificate = Certificate.objects.get(application=kept)
    assert certificate.decision_number == DECISION_NUMBER
    assert f"Quyết định số {DECISION_NUMBER}" in text_of(certificate.pdf.read())
    evidence = " ".join(e["name"] for e in certificate.credential.get("evidence", []))
    assert DECISION_NUMBER in evidence and "130/QĐ-UBND" not in evidence
    page = client.get(f"/xac-minh/{certificate.code}/").content.decode()
    assert f"Số {DECISION_NUMBER}" in page
    assert Certificate.objects.get(application=added).decision_number == "130/QĐ-UBND"


def test_the_demo_remakes_its_certificates_when_the_site_address_changes(
    settings, cu_chi, ap_trung
):
    """`make run PORT=…` on an existing demo: QR codes and the issuer follow the new address."""
    from certificates.issuing.demo import demo_load

    decision = decision_make(cu_chi)
    recognised(decision, ap_trung)
    bulk.decision_issue_pending(decision_id=decision.pk)
    settings.SITE_URL = "http://127.0.0.1:8123"
    demo_load(stdout=io.StringIO())
    certificate = Certificate.objects.get()
    assert certificate.credential["issuer"]["id"] == "did:web:127.0.0.1%3A8123"
    assert qr_texts(certificate.pdf.read()) == [
        f"http://127.0.0.1:8123/xac-minh/{certificate.code}/"
    ]
