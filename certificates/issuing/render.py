"""From a Certificate row to what people hold: the PDF (certificates.pdf) and the signed Open
Badges credential (certificates.credentials).

Both are made from the certificate's own snapshot fields, so a certificate says what was true on
the day it was issued. Templates are looked up once per run and their images read once
(:class:`TemplateCache`).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from certificates.credentials import (
    Achievement,
    Evidence,
    Issuer,
    credential_build,
    credential_sign,
    status_entry,
)
from certificates.issuing import signing
from certificates.issuing.codes import code_display
from certificates.models import Certificate, CertificateKind, CertificateTemplate
from certificates.pdf import CertificateData, TemplateSettings, certificate_pdf_render, vn_date
from certificates.pdf import CertificateKind as PdfKind

FLAGS = (
    "show_birth_year",
    "show_address",
    "show_cycle_year",
    "show_decision",
    "show_register_number",
    "show_qr",
    "show_seal",
    "show_signature",
)


@dataclass(frozen=True)
class ResolvedTemplate:
    """A template as the renderer needs it: settings, images and text fallbacks."""

    settings: TemplateSettings
    issuing_body: str = ""
    place: str = ""
    signer_title: str = ""
    signer_name: str = ""
    seal_png: bytes | None = field(default=None, repr=False)
    signature_png: bytes | None = field(default=None, repr=False)


def _image_bytes(image) -> bytes | None:
    if image is None:
        return None
    with image.file.open("rb") as handle:
        return handle.read()


def template_resolve(template: CertificateTemplate | None) -> ResolvedTemplate:
    if template is None:
        return ResolvedTemplate(settings=TemplateSettings())
    flags = {name: getattr(template, name) for name in FLAGS}
    return ResolvedTemplate(
        settings=TemplateSettings(
            **flags,
            title=template.heading or TemplateSettings.title,
            border_color=template.border_color,
            accent_color=template.accent_color,
            background_png=_image_bytes(template.background_image),
        ),
        issuing_body=template.issuing_body.strip(),
        place=template.place.strip(),
        signer_title=template.signer_title.strip(),
        signer_name=template.signer_name.strip(),
        seal_png=_image_bytes(template.seal_image),
        signature_png=_image_bytes(template.signature_image),
    )


def template_for(*, kind: str, commune_id: int | None) -> CertificateTemplate | None:
    """The newest active template of the commune, else the newest one for every commune."""
    templates = CertificateTemplate.objects.filter(kind=kind, is_active=True).select_related(
        "seal_image", "signature_image", "background_image"
    )
    if commune_id is not None:
        own = templates.filter(commune_id=commune_id).order_by("-updated_at", "-pk").first()
        if own is not None:
            return own
    return templates.filter(commune__isnull=True).order_by("-updated_at", "-pk").first()


class TemplateCache:
    """Resolved templates by (kind, commune id), for one issuing run."""

    def __init__(self):
        self._resolved: dict[tuple[str, int | None], ResolvedTemplate] = {}

    def get(self, *, kind: str, commune_id: int | None) -> ResolvedTemplate:
        key = (kind, commune_id)
        if key not in self._resolved:
            self._resolved[key] = template_resolve(template_for(kind=kind, commune_id=commune_id))
        return self._resolved[key]


def verification_path(certificate: Certificate) -> str:
    return reverse("issued:verify_code", args=[certificate.code])


def verification_url(certificate: Certificate) -> str:
    return signing.absolute(verification_path(certificate))


def _signer_lines(certificate: Certificate) -> str:
    """From the decision: "TM. ỦY BAN NHÂN DÂN" then the signer's title, split at its dash
    ("KT. Chủ tịch – Phó Chủ tịch" → "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH")."""
    lines = []
    if certificate.issuer_name.casefold().startswith("ủy ban nhân dân"):
        lines.append("TM. ỦY BAN NHÂN DÂN")
    title = certificate.decision_signer_title.replace(" - ", " – ")
    lines += [part.strip().upper() for part in title.split(" – ") if part.strip()]
    return "\n".join(lines)


def place_name(unit) -> str:
    """The place written before the date: the commune's name ("Củ Chi"), or its full label
    when the name is only a number ("Phường 7")."""
    if unit is None:
        return ""
    return unit_label(unit) if unit.name.strip().isdigit() else unit.name.strip()


def unit_label(unit, *, lower_kind: bool = False) -> str:
    """ "Ấp Trung", "xã Củ Chi": the unit's kind and name, never its kind twice, and without the
    "(mẫu)"/"(đến …)" notes that ``str(unit)`` adds for officers."""
    name, kind = unit.name.strip(), (unit.kind or "").strip()
    if not kind or name.lower().startswith(kind.lower() + " "):
        return name
    return f"{kind.lower() if lower_kind else kind.capitalize()} {name}"


def _local_date(moment: datetime):
    return timezone.localtime(moment).date()


def certificate_data(certificate: Certificate, template: ResolvedTemplate) -> CertificateData:
    """What the PDF says, from the certificate's snapshot and its template."""
    is_course = certificate.kind == CertificateKind.COURSE
    if is_course:
        signer_title = template.signer_title or "TM. BAN CHẤP HÀNH\nCHỦ TỊCH"
        signer_name = template.signer_name
    else:
        signer_title = template.signer_title or _signer_lines(certificate)
        signer_name = template.signer_name or certificate.decision_signer
    place = (
        template.place
        or place_name(certificate.issuer_unit)
        or settings.CERTIFICATE_OPERATOR_PLACE  # a course certificate of a learner with no commune
    )
    return CertificateData(
        kind=PdfKind.COURSE if is_course else PdfKind.CITIZEN,
        issuing_body=template.issuing_body or certificate.issuer_name.upper(),
        full_name=certificate.full_name,
        honorific=certificate.honorific or None,
        birth_year=certificate.birth_year,
        hamlet=certificate.hamlet_name or None,
        commune=certificate.commune_name or None,
        cycle_year=None if is_course else certificate.cycle_year,
        decision_number=certificate.decision_number or None,
        decision_date=certificate.decision_date if certificate.decision_number else None,
        decision_issuer=certificate.issuer_name if certificate.decision_number else None,
        course_title=certificate.course_title or None,
        register_number=certificate.register_number,
        place=place,
        issue_date=_local_date(certificate.issued_at),
        signer_title=signer_title,
        signer_name=signer_name,
        verification_url=verification_url(certificate),
        short_code=code_display(certificate.code),
        seal_png=template.seal_png,
        signature_png=template.signature_png,
    )


def pdf_render(certificate: Certificate, template: ResolvedTemplate) -> bytes:
    return certificate_pdf_render(
        data=certificate_data(certificate, template), template=template.settings
    )


def _achievement(certificate: Certificate) -> Achievement:
    base = signing.site_url()
    if certificate.kind == CertificateKind.COURSE:
        course_id = certificate.enrolment.course_id if certificate.enrolment_id else "0"
        return Achievement(
            id=f"{base}/chung-nhan/thanh-tich/khoa-hoc/{course_id}",
            name=f"Hoàn thành khóa học “{certificate.course_title}”",
            description=f"Hoàn thành khóa học “{certificate.course_title}” trên nền tảng "
            "Công dân học tập.",
            criteria_narrative="Hoàn thành mọi hoạt động học tập bắt buộc của khóa học, kết quả "
            "được máy chủ kiểm tra.",
            achievement_type="Course",
        )
    return Achievement(
        id=f"{base}/chung-nhan/thanh-tich/cong-dan-hoc-tap/{certificate.series}/"
        f"{certificate.cycle_year}",
        name=f"Công dân học tập năm {certificate.cycle_year}",
        description=f"Danh hiệu “Công dân học tập” của {certificate.commune_name}, "
        f"năm {certificate.cycle_year}.",
        criteria_narrative="Đạt bộ tiêu chí “Công dân học tập” của Hội Khuyến học Việt Nam "
        "(3 tiêu chí, 10 chỉ số) và được Ủy ban nhân dân xã công nhận.",
        achievement_type="Award",
    )


def credential_make(certificate: Certificate) -> dict:
    """The signed OpenBadgeCredential of a certificate. ``validFrom`` and the proof's
    ``created`` are the issuing time, so making it twice gives the same document."""
    evidence = []
    if certificate.decision_number and certificate.decision_date:
        evidence.append(
            Evidence(
                name=f"Quyết định số {certificate.decision_number} "
                f"{vn_date(certificate.decision_date)} của {certificate.issuer_name}"
            )
        )
    activity_end = None
    if certificate.decision_date:
        activity_end = certificate.decision_date
    elif certificate.enrolment_id and certificate.enrolment.completed_at:
        activity_end = _local_date(certificate.enrolment.completed_at)
    unsigned = credential_build(
        credential_id=verification_url(certificate),
        issuer=Issuer(
            id=signing.issuer_did(), name=certificate.issuer_name, url=signing.site_url() + "/"
        ),
        achievement=_achievement(certificate),
        subject_name=certificate.full_name,
        valid_from=certificate.issued_at,
        description=f"Số vào sổ: {certificate.register_number}",
        activity_end_date=activity_end,
        evidence=evidence,
        credential_status=status_entry(
            status_list_url=signing.status_list_url(), index=certificate.status_index
        ),
    )
    key = signing.signing_key()
    return credential_sign(
        credential=unsigned,
        private_key=key,
        verification_method=signing.verification_method(),
        created=certificate.issued_at,
    )
