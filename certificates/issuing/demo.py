"""Demo step for issued certificates (development only), run by ``certificates.demo``.

Idempotent (a second run changes nothing):

1. ``templates_make()``, before any decision of the demo: sample templates with a seal marked
   "MẪU" and a pen stroke (both drawn by ``certificates.pdf.sample``), so every demo PDF has them;
2. ``demo_load()``, after the applications: the demo citizen (congdan@demo.invalid, who lives in
   xã Phú Hòa Đông) goes the whole way through the services — registers, scores, submits, is
   reviewed, evaluated and appraised — and Quyết định số 02/QĐ-UBND (mẫu) of UBND xã Phú Hòa
   Đông recognises her; every certificate still owed is then issued (the ``title_recognised``
   signal already did it where the decision's transaction committed, i.e. outside tests); one
   certificate of xã Tân An Hội's sample decision is revoked, with a reason, so the public page
   and the status list show a revocation.

When SITE_URL changed since the last run (``make run PORT=…``), the demo's certificates are made
again (PDF and credential), so their QR codes and did:web issuer name the running server; real
certificates are never remade.

The demo learner (hocvien@demo.invalid) is left alone: she registers in the page-by-page flow,
and xã Củ Chi's list stays open for its decision (tests/certificates/test_demo_flow.py).
"""

import io
from datetime import timedelta

from django.core.files.images import ImageFile
from django.utils import timezone

from certificates.models import (
    Application,
    Certificate,
    CertificateKind,
    CertificateTemplate,
    Status,
)
from certificates.pdf.sample import sample_seal_png, sample_signature_png
from people.models import Gender, OccupationGroup, Profile, User

CITIZEN = "congdan@demo.invalid"
ADMIN = "quantri@demo.invalid"
NUMBER = "02/QĐ-UBND (mẫu)"
REVOKED_DECISION = "01/QĐ-UBND (mẫu)"  # xã Tân An Hội's sample decision (certificates.demo)
REVOKE_REASON = "Cấp trùng: người này đã có giấy chứng nhận theo hồ sơ khác (dữ liệu mẫu)."


def _image(title: str, name: str, png: bytes):
    from wagtail.images.models import Image

    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image.objects.create(
            title=title, description=title, file=ImageFile(io.BytesIO(png), name=name)
        )
    return image


def templates_make() -> int:
    """The sample templates, when there are none yet; returns how many were made."""
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


def _citizen_recognised(stdout) -> None:
    from certificates.services import (
        Refused,
        application_register,
        application_scores_save,
        application_transition,
        decision_record,
    )

    citizen = User.objects.filter(email=CITIZEN).first()
    admin = User.objects.filter(email=ADMIN).first()
    if not (citizen and admin):
        stdout.write("Certificates demo: run the people demo first (demo users missing).")
        return
    application = Application.objects.filter(applicant=citizen).order_by("-pk").first()
    if application is not None and application.status == Status.RECOGNISED:
        return
    Profile.objects.filter(user=citizen, year_of_birth__isnull=True).update(
        year_of_birth=1987, gender=Gender.FEMALE
    )
    try:
        if application is None:
            application = application_register(
                applicant=citizen,
                by=citizen,
                occupation_group=OccupationGroup.objects.get(code="workers"),
            )
        if application.status in (Status.DRAFT, Status.RETURNED):
            scores = dict.fromkeys(range(1, 11), 9) | {4: 8, 7: 10}
            application_scores_save(application=application, by=citizen, scores=scores)
        for action, by in (
            ("submit", citizen),
            ("branch_review", admin),
            ("commune_evaluate", admin),
            ("appraise", admin),
        ):
            application.refresh_from_db()
            if application.status != Status.APPRAISED:
                application = application_transition(application=application, action=action, by=by)
        decision_record(
            cycle=application.cycle,
            commune=application.commune,
            number=NUMBER,
            signed_on=timezone.localdate() - timedelta(days=2),
            signer_name="Trần Văn Hòa",
            signer_title="KT. Chủ tịch – Phó Chủ tịch",
            issuing_body=f"Ủy ban nhân dân xã {application.commune.name}",
            application_ids=[application.pk],
            by=admin,
            note="Quyết định mẫu để chạy thử.",
        )
    except Refused as refusal:
        stdout.write(f"Certificates demo: the citizen was not recognised ({refusal}).")


def _one_revoked() -> Certificate | None:
    """Revoke the last certificate of xã Tân An Hội's sample decision (once)."""
    from certificates.issuing.revocation import certificate_revoke

    certificates = Certificate.objects.filter(application__decision__number=REVOKED_DECISION)
    if certificates.filter(revoked_at__isnull=False).exists():
        return None
    last = certificates.exclude(pdf="").order_by("-serial").first()
    admin = User.objects.filter(email=ADMIN).first()
    if last is None or admin is None:
        return None
    return certificate_revoke(certificate=last, by=admin, reason=REVOKE_REASON)


def _demo_remade_for_address() -> int:
    """Clear the PDF and credential of demo certificates signed under another SITE_URL (the
    issue run below makes them again); how many."""
    from certificates.credentials import issuer_id
    from certificates.issuing import signing

    current = signing.issuer_did()
    stale = [
        certificate
        for certificate in Certificate.objects.filter(credential__isnull=False).only(
            "pk", "pdf", "credential"
        )
        if issuer_id(certificate.credential) != current
    ]
    for certificate in stale:
        certificate.pdf.delete(save=False)
    Certificate.objects.filter(pk__in=[c.pk for c in stale]).update(pdf="", credential=None)
    return len(stale)


def demo_load(*, stdout) -> None:
    from certificates.credentials import SigningKeyError
    from certificates.issuing.bulk import issue_pending

    templates_make()
    _citizen_recognised(stdout)
    try:
        remade = _demo_remade_for_address()
        stats = issue_pending()
    except SigningKeyError as error:
        stdout.write(f"Certificates demo: no certificates issued ({error}).")
        return
    revoked = _one_revoked()
    mine = Certificate.objects.filter(learner__email=CITIZEN).first()
    stdout.write(
        f"Certificates demo: {CertificateTemplate.objects.count()} templates; "
        f"{stats.issued} certificates issued now "
        f"({stats.finished} finished, {remade} of them for a new SITE_URL, "
        f"{Certificate.objects.count()} in all"
        f"{', 1 revoked now' if revoked else ''}); {CITIZEN}: "
        f"{mine.register_number if mine else 'no certificate'}."
    )
