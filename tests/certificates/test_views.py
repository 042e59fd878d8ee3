"""Citizen pages: registering, the self-assessment form (no JavaScript needed), evidence, the
status page; evidence files only for their owner and scoped officers; assisted entry."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from certificates.models import Evidence, Status
from certificates.services import application_register
from people.models import AccessLog, Role
from progress.models import Enrolment
from progress.signals import competence_changed
from tests.certificates.conftest import ALL_TENS

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def citizen(make_citizen, cu_chi_hamlet, farmers, cycle):
    return make_citizen(cu_chi_hamlet, occupation_group=farmers)


@pytest.fixture
def application(citizen):
    return application_register(applicant=citizen.user, by=citizen.user)


def form_url(application) -> str:
    return reverse("certificates:self_assessment", args=[application.pk])


def posted_scores(values=None) -> dict:
    return {f"score_{n}": str(v) for n, v in (values or ALL_TENS).items()}


def test_register_page_explains_and_registers(client, citizen, farmers):
    client.force_login(citizen.user)
    page = client.get(reverse("certificates:my_application")).content.decode()
    assert "Đăng ký ngay" in page and "Nông dân, lao động nông thôn" in page
    response = client.post(reverse("certificates:register"), {"occupation_group": farmers.pk})
    assert response.status_code == 302 and "/tu-danh-gia/" in response["Location"]
    again = client.post(reverse("certificates:register"), {"occupation_group": farmers.pk})
    assert again["Location"] == response["Location"]  # a double click keeps one application


def test_register_without_a_hamlet_says_what_to_do(client, make_citizen, cycle):
    homeless = make_citizen(None)
    client.force_login(homeless.user)
    page = client.get(reverse("certificates:my_application")).content.decode()
    assert "Hãy cập nhật nơi sinh sống" in page


def test_form_shows_one_card_per_indicator_and_the_running_rule(client, citizen, application):
    client.force_login(citizen.user)
    page = client.get(form_url(application)).content.decode()
    assert page.count("data-cert-indicator") == 10
    assert "Còn 10 chỉ số chưa chấm điểm" in page
    client.post(
        form_url(application), {**posted_scores({**ALL_TENS, 4: 4, 7: 6}), "action": "save"}
    )
    page = client.get(form_url(application)).content.decode()
    assert "Chỉ số 4 dưới 5 điểm" in page
    assert "Tổng điểm tự chấm" in page and "data-cert-total>90<" in page
    assert 'name="score_4" value="4" checked' in page


def test_submit_needs_every_score_then_locks_the_form(client, citizen, application):
    client.force_login(citizen.user)
    partial = {k: v for k, v in posted_scores().items() if k != "score_10"}
    response = client.post(form_url(application), {**partial, "action": "submit"}, follow=True)
    assert "Còn 1 chỉ số chưa chấm điểm: 10." in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    response = client.post(form_url(application), {**posted_scores(), "action": "submit"})
    assert response["Location"] == reverse("certificates:my_application")
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED and application.self_total == 100
    assert client.get(form_url(application))["Location"] == reverse("certificates:my_application")
    status = client.get(reverse("certificates:my_application")).content.decode()
    assert "Đã gửi, chờ chi hội kiểm tra" in status and "Lịch sử hồ sơ" in status


def test_evidence_files_are_checked_stored_and_served_only_to_the_right_people(
    client, citizen, application, make_officer, cu_chi, tan_an_hoi, settings
):
    client.force_login(citizen.user)
    indicator = application.criteria_set.indicators.get(number=3)
    upload = SimpleUploadedFile("the-thu-vien.png", PNG, content_type="image/png")
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    response = client.post(
        form_url(application),
        {
            **posted_scores(),
            "action": "save:chi-so-3",
            f"file_{indicator.pk}": [upload, fake],
            f"link_{indicator.pk}": "https://thuvien.example.vn/the/123",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Tệp “virus.pdf” không nhận được" in page
    assert response.redirect_chain[-1][0].endswith("#chi-so-3")
    evidence = Evidence.objects.get(application=application, kind=Evidence.Kind.FILE)
    assert evidence.content_type == "image/png" and evidence.title == "the-thu-vien.png"
    # Stored outside MEDIA_ROOT: no /media/ URL ever serves it.
    assert not Path(evidence.file.path).is_relative_to(Path(settings.MEDIA_ROOT))
    assert Evidence.objects.filter(application=application, kind=Evidence.Kind.LINK).count() == 1
    url = reverse("certificates:evidence_download", args=[evidence.pk])
    owner = client.get(url)
    assert owner.status_code == 200 and b"".join(owner.streaming_content) == PNG
    assert owner["Cache-Control"] == "private, no-store"
    client.force_login(make_officer(tan_an_hoi, role=Role.COMMUNE_OFFICER))
    assert client.get(url).status_code == 404
    officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    client.force_login(officer)
    assert client.get(url).status_code == 200
    assert AccessLog.objects.filter(actor=officer, action="certificates_view_evidence").exists()
    client.logout()
    assert client.get(url).status_code == 302  # to the log-in page


def test_files_over_the_limit_are_refused(client, citizen, application, settings):
    settings.CERTIFICATES_EVIDENCE_MAX_BYTES = 1024
    client.force_login(citizen.user)
    indicator = application.criteria_set.indicators.get(number=1)
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    page = client.post(
        form_url(application), {"action": "save", f"file_{indicator.pk}": big}, follow=True
    ).content.decode()
    assert "lớn hơn" in page
    assert not Evidence.objects.filter(kind=Evidence.Kind.FILE).exists()
    ok = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
    client.post(form_url(application), {"action": "save", f"file_{indicator.pk}": ok})
    assert Evidence.objects.get(kind=Evidence.Kind.FILE).content_type == "application/pdf"


def test_completed_course_attaches_in_one_tap_as_verified(client, citizen, application):
    from tests.courses.builders import course_build

    course, _lessons = course_build(lessons=[[]], title="Kỹ năng số cơ bản")
    enrolment = Enrolment.objects.create(
        learner=citizen.user, course=course, completed_at=timezone.now()
    )
    client.force_login(citizen.user)
    page = client.get(form_url(application)).content.decode()
    indicator = application.criteria_set.indicators.get(number=2)
    button = f'value="attach:{indicator.pk}:{enrolment.pk}"'
    assert button in page and "+ Kỹ năng số cơ bản" in page
    client.post(form_url(application), {"action": f"attach:{indicator.pk}:{enrolment.pk}"})
    evidence = Evidence.objects.get(kind=Evidence.Kind.COURSE)
    assert evidence.platform_verified and evidence.indicator == indicator
    assert button not in client.get(form_url(application)).content.decode()


def test_digital_skills_suggestion_follows_the_competence_profile(citizen, application):
    competence = Evidence.objects.get(application=application, kind=Evidence.Kind.COMPETENCE)
    assert competence.indicator.number == 5 and competence.platform_verified
    assert application.indicator5_suggestion == 0
    from courses.models import Competence
    from progress.models import CompetenceEvidence

    for code in ("1.1", "2.1", "3.1", "4.1", "5.1", "6.1"):
        CompetenceEvidence.objects.create(
            learner=citizen.user,
            competence=Competence.objects.get(code=code),
            level=4,
            source=CompetenceEvidence.Source.OFFICER,
            source_key=f"test:{code}",
        )
    competence_changed.send(sender=None, learner=citizen.user, competence_ids=[])
    application.refresh_from_db()
    assert application.indicator5_suggestion > 0
    competence.refresh_from_db()
    assert f"{application.indicator5_suggestion}/10" in competence.title


def test_others_cannot_open_my_form(
    client, application, make_citizen, cu_chi_hamlet, make_officer, tan_an_hoi
):
    client.force_login(make_citizen(cu_chi_hamlet).user)
    assert client.get(form_url(application)).status_code == 404
    client.force_login(make_officer(tan_an_hoi, role=Role.BRANCH_OFFICER))
    assert client.get(form_url(application)).status_code == 404


def test_officer_registers_and_fills_in_for_a_citizen(
    client, make_officer, make_citizen, cu_chi_hamlet, farmers, cycle, tan_an_hoi
):
    citizen = make_citizen(cu_chi_hamlet, occupation_group=farmers)
    url = reverse("certificates:assisted_register", args=[citizen.pk])
    client.force_login(make_officer(tan_an_hoi, role=Role.COMMUNE_OFFICER))
    assert client.get(url).status_code == 403
    branch = make_officer(cu_chi_hamlet, role=Role.BRANCH_OFFICER)
    client.force_login(branch)
    response = client.post(url, {"occupation_group": farmers.pk})
    application = citizen.user.certificate_applications.get()
    assert response["Location"] == form_url(application)
    assert application.entered_by == branch
    page = client.get(form_url(application)).content.decode()
    assert "Bạn đang nhập hộ cho" in page
    client.post(form_url(application), {**posted_scores(), "action": "submit"})
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.events.filter(assisted=True, by=branch).count() >= 2


def test_header_links_to_my_application(client, citizen, home_page):
    client.force_login(citizen.user)
    page = client.get("/").content.decode()
    assert reverse("certificates:my_application") in page
    assert io is not None


def _evidence(learner, levels: dict[str, int], label="Kỹ năng số cơ bản"):
    from courses.models import Competence
    from progress.models import CompetenceEvidence

    for code, level in levels.items():
        CompetenceEvidence.objects.create(
            learner=learner, competence=Competence.objects.get(code=code), level=level,
            source=CompetenceEvidence.Source.COURSE, source_key="course:1", description=label,
        )  # fmt: skip


def test_the_form_explains_the_digital_skills_suggestion_and_preselects_a_pass(
    client, citizen, application
):
    """The demo's digital-skills track (1.2, 2.3, 4.1 at level 1; 4.2 at level 2): 3/10 by
    coverage, lifted to the pass mark because the learner has digital skills."""
    _evidence(citizen.user, {"1.2": 1, "2.3": 1, "4.1": 1, "4.2": 2})
    client.force_login(citizen.user)
    page = client.get(form_url(application)).content.decode()
    assert "<strong>5/10</strong>" in page and "Đã chọn sẵn" in page
    assert 'name="score_5" value="5" checked' in page
    assert "Điểm gợi ý được tính thế nào?" in page
    assert "bậc 2 — Kỹ năng số cơ bản" in page
    assert "Bạn có 1/6 miền được tính đủ; tính theo tỉ lệ được 3/10 điểm." in page
    assert "nên điểm gợi ý được nâng lên 5/10" in page


def test_a_failing_suggestion_is_explained_and_not_preselected(client, citizen, application):
    _evidence(citizen.user, {"4.2": 2})  # one domain: 2/10, no digital skills yet
    client.force_login(citizen.user)
    page = client.get(form_url(application)).content.decode()
    assert "<strong>2/10</strong>" in page
    assert "thấp hơn mức đạt 5 điểm của chỉ số này nên chưa được chọn sẵn" in page
    assert 'name="score_5" value="2" checked' not in page and "Đã chọn sẵn" not in page
    assert "Khi có ít nhất 3 miền từ bậc 1 trở lên" in page
