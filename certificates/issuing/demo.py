"""Demo step for issued certificates (development only; the lead wires it into the demo).

``demo_load(stdout=...)``, idempotent:

1. sample templates (a seal marked "MẪU — KHÔNG CÓ GIÁ TRỊ" and a pen stroke, both drawn by
   ``certificates.pdf.sample``) when there are none;
2. the demo learner (hocvien@demo.invalid) goes the whole way through the services — registers,
   scores, submits, is reviewed, evaluated and appraised — and xã Củ Chi's approver records
   Quyết định số 123/QĐ-UBND recognising her and every other appraised application of the
   commune; the ``title_recognised`` signal then issues the certificates;
3. every certificate still owed is issued (e.g. the sample decision of xã Tân An Hội, whose
   applications the certificates demo makes directly in the database).

Not a ``<app>.demo`` module, so ``manage.py demo_load`` does not run it by itself: the
certificates demo keeps xã Củ Chi's list open for the page-by-page flow (tests/certificates/
test_demo_flow.py). Run it after that flow, or instead of it.
"""

import io

from django.core.files.images import ImageFile
from django.utils import timezone

from certificates.models import (
    Application,
    CertificateKind,
    CertificateTemplate,
    RecognitionDecision,
    Status,
)
from certificates.pdf.sample import sample_seal_png, sample_signature_png
from people.models import OccupationGroup, User

LEARNER = "hocvien@demo.invalid"
ADMIN = "quantri@demo.invalid"
APPROVER = "ubndxa@demo.invalid"
NUMBER = "123/QĐ-UBND"


def _image(title: str, name: str, png: bytes):
    from wagtail.images.models import Image

    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image.objects.create(
            title=title, description=title, file=ImageFile(io.BytesIO(png), name=name)
        )
    return image


def _templates() -> int:
    if CertificateTemplate.objects.exists():
        return 0
    seal = _image("Con dấu mẫu (không có giá trị)", "con-dau-mau.png", sample_seal_png())
    signature = _image("Chữ ký mẫu", "chu-ky-mau.png", sample_signature_png())
    CertificateTemplate.objects.create(
        name="Mẫu chung: danh hiệu Công dân học tập (mẫu)",
        kind=CertificateKind.TITLE,
        seal_image=seal,
        signature_image=signature,
    )
    CertificateTemplate.objects.create(
        name="Mẫu chung: hoàn thành khóa học (mẫu)",
        kind=CertificateKind.COURSE,
        signer_name="Nguyễn Văn Mẫu",
        seal_image=seal,
        signature_image=signature,
    )
    return 2


def _learner_recognised(stdout) -> None:
    from certificates.services import (
        Refused,
        application_register,
        application_scores_save,
        application_transition,
        decision_record,
    )

    learner = User.objects.filter(email=LEARNER).first()
    admin = User.objects.filter(email=ADMIN).first()
    approver = User.objects.filter(email=APPROVER).first()
    if not (learner and admin and approver):
        stdout.write("Certificates demo: run the people demo first (demo users missing).")
        return
    application = Application.objects.filter(applicant=learner).order_by("-pk").first()
    if application is not None and application.status == Status.RECOGNISED:
        return
    try:
        if application is None:
            application = application_register(
                applicant=learner,
                by=learner,
                occupation_group=OccupationGroup.objects.get(code="farmers"),
            )
        application_scores_save(
            application=application, by=learner, scores=dict.fromkeys(range(1, 11), 9)
        )
        for action, by in (
            ("submit", learner),
            ("branch_review", admin),
            ("commune_evaluate", admin),
            ("appraise", admin),
        ):
            application.refresh_from_db()
            if application.status != Status.APPRAISED:
                application = application_transition(application=application, action=action, by=by)
        appraised = Application.objects.filter(
            cycle=application.cycle, commune=application.commune, status=Status.APPRAISED
        ).values_list("pk", flat=True)
        decision_record(
            cycle=application.cycle,
            commune=application.commune,
            number=NUMBER,
            signed_on=timezone.localdate(),
            signer_name="Đặng Văn Uy",
            signer_title="Chủ tịch",
            issuing_body=f"Ủy ban nhân dân xã {application.commune.name}",
            application_ids=list(appraised),
            by=approver,
        )
    except Refused as refusal:
        stdout.write(f"Certificates demo: the learner was not recognised ({refusal}).")


def demo_load(*, stdout) -> None:
    from certificates.issuing.bulk import issue_pending

    templates = _templates()
    _learner_recognised(stdout)
    stats = issue_pending()
    decision = RecognitionDecision.objects.filter(number=NUMBER).first()
    stdout.write(
        f"Certificates demo: {templates} templates made; {stats.issued} certificates issued now "
        f"({stats.finished} finished); decision {NUMBER}: "
        f"{decision.current_applications.count() if decision else 0} people."
    )
