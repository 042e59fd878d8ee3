"""Issued certificates (giấy chứng nhận): one per recognised application or completed course,
with its register number, public verification code, printable PDF and signed credential; the
counters that number them; and the templates that decide how they look.

The rules (who gets one, numbering, revocation) live in ``certificates.issuing.services``.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "Certificate",
    "CertificateKind",
    "CertificateTemplate",
    "RegisterCounter",
    "certificate_storage",
]

HEX_COLOUR = RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Mã màu dạng #RRGGBB, ví dụ #8E1B1B."))


class CertificateKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu “Công dân học tập”")
    COURSE = "course", _("Hoàn thành khóa học")


def certificate_storage():
    """Where certificate PDFs live: ``STORAGES["certificates"]`` when configured (a private
    bucket in production), else a folder beside MEDIA_ROOT that no URL serves. A PDF reaches
    people only through the views that check who is asking (it carries a birth year and an
    address)."""
    if "certificates" in settings.STORAGES:
        return storages["certificates"]
    media = Path(settings.MEDIA_ROOT)
    return FileSystemStorage(location=media.parent / f"{media.name}-private", base_url=None)


class RegisterCounter(models.Model):
    """The last number given in one series and year, e.g. ("CDHT-27553", 2025) → 123.

    Locked with SELECT … FOR UPDATE in the transaction that inserts the certificate, so numbers
    are gapless and never given twice. (Status-list indexes are not counted: each credential
    gets a random free one, ``certificates.issuing.status_indexes``.)
    """

    series = models.CharField(_("sổ"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm"))
    last = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ cấp giấy chứng nhận")
        verbose_name_plural = _("sổ cấp giấy chứng nhận")
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="register_counter_series_year")
        ]

    def __str__(self) -> str:
        return f"{self.series}/{self.year}: {self.last}"


class CertificateTemplate(models.Model):
    """How certificates of one kind look, for every commune or for one commune.

    Empty text fields fall back to the recognition decision (issuing body, signer) or to the
    learner's commune; images are Wagtail images (PNG with a transparent background prints
    best). The newest active template of the commune wins, then the newest without a commune.
    """

    name = models.CharField(_("tên mẫu"), max_length=120)
    kind = models.CharField(_("loại giấy"), max_length=10, choices=CertificateKind.choices)
    commune = models.ForeignKey(
        "people.AdministrativeUnit",
        verbose_name=_("xã, phường áp dụng"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        help_text=_("Để trống: dùng cho mọi xã chưa có mẫu riêng."),
    )
    issuing_body = models.CharField(
        _("cơ quan cấp (dòng đầu)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Ví dụ: ỦY BAN NHÂN DÂN XÃ CỦ CHI. Để trống: lấy cơ quan ban hành quyết định công "
            "nhận (giấy khóa học: Hội Khuyến học xã của học viên)."
        ),
    )
    heading = models.CharField(_("tên giấy"), max_length=60, default="GIẤY CHỨNG NHẬN")
    place = models.CharField(
        _("địa danh ghi ngày cấp"),
        max_length=80,
        blank=True,
        help_text=_("Ví dụ: Củ Chi. Để trống: tên xã."),
    )
    signer_title = models.TextField(
        _("chức vụ người ký"),
        blank=True,
        help_text=_(
            "Mỗi dòng một hàng, ví dụ: TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH. Để trống: theo quyết định."
        ),
    )
    signer_name = models.CharField(
        _("họ tên người ký"), max_length=150, blank=True, help_text=_("Để trống: theo quyết định.")
    )
    seal_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hình con dấu"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hình chữ ký"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    background_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hình nền"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    show_birth_year = models.BooleanField(_("in năm sinh"), default=True)
    show_address = models.BooleanField(_("in nơi cư trú (ấp, xã)"), default=True)
    show_cycle_year = models.BooleanField(_("in năm công nhận"), default=True)
    show_decision = models.BooleanField(_("in số, ngày quyết định"), default=True)
    show_register_number = models.BooleanField(_("in số vào sổ"), default=True)
    show_qr = models.BooleanField(_("in mã QR xác minh"), default=True)
    show_seal = models.BooleanField(_("in con dấu"), default=True)
    show_signature = models.BooleanField(_("in chữ ký"), default=True)
    border_color = models.CharField(
        _("màu viền"), max_length=7, default="#8E1B1B", validators=[HEX_COLOUR]
    )
    accent_color = models.CharField(
        _("màu điểm nhấn"), max_length=7, default="#A87C1E", validators=[HEX_COLOUR]
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu giấy chứng nhận")
        verbose_name_plural = _("mẫu giấy chứng nhận")
        ordering = ["kind", "commune__name", "-updated_at"]

    def __str__(self) -> str:
        return self.name


class Certificate(models.Model):
    # The id in every URL of a certificate (PDF, credential, revocation): random, so that no URL
    # tells how many certificates exist or lets anyone walk through them.
    public_id = models.UUIDField(
        _("mã tham chiếu"), default=uuid.uuid4, unique=True, editable=False
    )
    kind = models.CharField(_("loại giấy"), max_length=10, choices=CertificateKind.choices)
    application = models.OneToOneField(
        "certificates.Application",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        related_name="certificate",
        on_delete=models.PROTECT,
    )
    enrolment = models.OneToOneField(
        "progress.Enrolment",
        verbose_name=_("khóa học đã hoàn thành"),
        null=True,
        blank=True,
        related_name="certificate",
        on_delete=models.SET_NULL,
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được cấp"),
        related_name="certificates",
        on_delete=models.PROTECT,
    )
    issuer_unit = models.ForeignKey(
        "people.AdministrativeUnit",
        verbose_name=_("xã, phường cấp"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    series = models.CharField(_("sổ"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm vào sổ"))
    serial = models.PositiveIntegerField(_("số thứ tự trong sổ"))
    register_number = models.CharField(_("số vào sổ"), max_length=60, unique=True)
    code = models.CharField(_("mã xác minh"), max_length=16, unique=True)
    # A random free position in the revocation list (W3C Bitstring Status List), never a count.
    status_index = models.PositiveIntegerField(_("vị trí trong danh sách thu hồi"), unique=True)
    # What the certificate says, as it was on the day it was issued.
    full_name = models.CharField(_("họ và tên"), max_length=150)
    honorific = models.CharField(_("danh xưng"), max_length=10, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    hamlet_name = models.CharField(_("ấp, khu phố"), max_length=150, blank=True)
    commune_name = models.CharField(_("xã, phường"), max_length=150, blank=True)
    cycle_year = models.PositiveSmallIntegerField(_("năm công nhận"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_signer = models.CharField(_("người ký quyết định"), max_length=150, blank=True)
    decision_signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    issuer_name = models.CharField(_("cơ quan cấp"), max_length=200)
    course_title = models.CharField(_("khóa học"), max_length=255, blank=True)
    # The artefacts: made right after the number is given (empty while being made).
    pdf = models.FileField(_("tệp PDF"), storage=certificate_storage, max_length=200, blank=True)
    credential = models.JSONField(_("chứng chỉ số đã ký"), null=True, blank=True)
    issued_at = models.DateTimeField(_("cấp lúc"), default=timezone.now)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    revocation_reason = models.TextField(_("lý do thu hồi"), blank=True)

    class Meta:
        verbose_name = _("giấy chứng nhận")
        verbose_name_plural = _("giấy chứng nhận")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "serial"], name="certificate_serial_per_series_year"
            ),
            models.CheckConstraint(
                condition=models.Q(application__isnull=True) | models.Q(enrolment__isnull=True),
                name="certificate_one_source",
            ),
        ]
        indexes = [models.Index(fields=["learner", "issued_at"])]

    def __str__(self) -> str:
        return f"{self.register_number} — {self.full_name}"

    @property
    def scope_unit(self):
        """The place the certificate belongs to, for people.permissions: the issuing commune."""
        return self.issuer_unit

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_ready(self) -> bool:
        """Its PDF and credential are made (a few seconds after the number is given)."""
        return bool(self.pdf) and self.credential is not None

    @property
    def code_display(self) -> str:
        from certificates.issuing.codes import code_display

        return code_display(self.code)

    @property
    def achievement_label(self) -> str:
        if self.kind == CertificateKind.COURSE:
            return str(_("Hoàn thành khóa học “%(course)s”") % {"course": self.course_title})
        return str(
            _("Danh hiệu “Công dân học tập” năm %(year)s") % {"year": self.cycle_year or self.year}
        )
