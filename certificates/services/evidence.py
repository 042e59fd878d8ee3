"""Evidence (minh chứng) per indicator: files, links and completed courses of this platform.

Files are checked by their first bytes, not their name: PDF, JPEG, PNG or HEIC, up to
``CERTIFICATES_EVIDENCE_MAX_BYTES`` (5 MB by default). They are stored through Django's storage
(``certificates.models.applications.evidence_storage``) and served only by
``certificates.views.evidence_download``.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Application, Evidence
from certificates.services.applications import _editable, acting_for
from certificates.services.base import Refused
from progress.models import Enrolment

MAX_FILES_PER_APPLICATION = 40
# (content type, accepted name endings, test on the first bytes)
FILE_TYPES = [
    ("application/pdf", {".pdf"}, lambda head: head.startswith(b"%PDF-")),
    ("image/jpeg", {".jpg", ".jpeg"}, lambda head: head.startswith(b"\xff\xd8\xff")),
    ("image/png", {".png"}, lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    (
        "image/heic",
        {".heic", ".heif"},
        lambda head: (
            head[4:8] == b"ftyp"
            and head[8:12] in {b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"}
        ),
    ),
]


def evidence_max_bytes() -> int:
    return getattr(settings, "CERTIFICATES_EVIDENCE_MAX_BYTES", 5 * 1024 * 1024)


def _file_type(upload) -> str:
    """The content type of an acceptable upload; raises Refused with what to do otherwise."""
    name = upload.name or ""
    limit_mb = evidence_max_bytes() // (1024 * 1024)
    if upload.size > evidence_max_bytes():
        raise Refused(
            _("Tệp “%(name)s” lớn hơn %(limit)s MB. Hãy chụp lại ảnh nhỏ hơn hoặc nén tệp PDF.")
            % {"name": name, "limit": limit_mb},
            code="input",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    suffix = Path(name).suffix.lower()
    for content_type, suffixes, matches in FILE_TYPES:
        if suffix in suffixes and matches(head):
            return content_type
    raise Refused(
        _(
            "Tệp “%(name)s” không nhận được: chỉ nhận ảnh JPG, PNG, HEIC hoặc tệp PDF, tối đa "
            "%(limit)s MB."
        )
        % {"name": name, "limit": limit_mb},
        code="input",
    )


def _indicator(application: Application, indicator_id: int):
    indicator = application.criteria_set.indicators.filter(pk=indicator_id).first()
    if indicator is None:
        raise Refused(_("Chỉ số này không thuộc bộ tiêu chí của hồ sơ."), code="input")
    return indicator


def evidence_add_file(*, application: Application, indicator_id: int, upload, by, on=None):
    """Attach a file to an indicator. Raises Refused for a wrong type, a file too big, too many
    files, a closed window or someone who may not edit the application."""
    acting_for(application=application, by=by)
    _editable(application, on=on)
    indicator = _indicator(application, indicator_id)
    content_type = _file_type(upload)
    if application.evidence.filter(kind=Evidence.Kind.FILE).count() >= MAX_FILES_PER_APPLICATION:
        raise Refused(
            _("Mỗi hồ sơ đính kèm tối đa %(count)s tệp.") % {"count": MAX_FILES_PER_APPLICATION},
            code="input",
        )
    evidence = Evidence(
        application=application,
        indicator=indicator,
        kind=Evidence.Kind.FILE,
        title=Path(upload.name).name[:255],
        content_type=content_type,
        size=upload.size,
        added_by=by,
    )
    evidence.file.save(upload.name, upload, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


def evidence_add_link(*, application: Application, indicator_id: int, url: str, by, on=None):
    acting_for(application=application, by=by)
    _editable(application, on=on)
    indicator = _indicator(application, indicator_id)
    url = (url or "").strip()
    if not url.startswith(("https://", "http://")):
        raise Refused(_("Đường dẫn phải bắt đầu bằng https:// hoặc http://."), code="input")
    return Evidence.objects.create(
        application=application,
        indicator=indicator,
        kind=Evidence.Kind.LINK,
        title=url[:255],
        url=url[:500],
        added_by=by,
    )


def evidence_add_course(
    *, application: Application, indicator_id: int, enrolment_id: int, by, on=None
):
    """Attach a course the applicant completed on this platform (idempotent per indicator).
    The platform vouches for it, so reviewers see it as verified."""
    acting_for(application=application, by=by)
    _editable(application, on=on)
    indicator = _indicator(application, indicator_id)
    enrolment = (
        Enrolment.objects.select_related("course")
        .filter(pk=enrolment_id, learner_id=application.applicant_id, completed_at__isnull=False)
        .first()
    )
    if enrolment is None:
        raise Refused(_("Chỉ đính kèm được khóa học bạn đã hoàn thành."), code="input")
    evidence, _created = Evidence.objects.get_or_create(
        application=application,
        indicator=indicator,
        kind=Evidence.Kind.COURSE,
        enrolment=enrolment,
        defaults={
            "title": _("Hoàn thành khóa học “%(course)s” ngày %(date)s")
            % {
                "course": enrolment.course.title,
                "date": timezone.localtime(enrolment.completed_at).strftime("%d/%m/%Y"),
            },
            "platform_verified": True,
            "added_by": by,
        },
    )
    return evidence


def evidence_remove(*, evidence: Evidence, by, on=None) -> None:
    """Remove one piece of evidence (and its file) from an editable application. The platform's
    own competence record cannot be removed: it is refreshed from the learner's profile."""
    application = evidence.application
    acting_for(application=application, by=by)
    _editable(application, on=on)
    if evidence.kind == Evidence.Kind.COMPETENCE:
        raise Refused(_("Minh chứng này do nền tảng tự cập nhật, không xóa được."), code="input")
    file = evidence.file if evidence.file else None
    evidence.delete()
    if file is not None:
        transaction.on_commit(lambda: file.storage.delete(file.name))
