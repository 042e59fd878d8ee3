"""Applications (hồ sơ): one person, one cycle — scores per indicator at each stage, evidence
per indicator, and the log of every transition."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã gửi, chờ chi hội kiểm tra")
    RETURNED = "returned", _("Trả lại để bổ sung")
    BRANCH_REVIEWED = "branch_reviewed", _("Chi hội đã kiểm tra")
    COMMUNE_EVALUATED = "commune_evaluated", _("Hội Khuyến học xã đã đánh giá")
    APPRAISED = "appraised", _("UBND xã đã thẩm định")
    RECOGNISED = "recognised", _("Đã công nhận")
    NOT_RECOGNISED = "not_recognised", _("Không công nhận")


class Action(models.TextChoices):
    """What happened to an application (its history), in the words officers use."""

    REGISTER = "register", _("Đăng ký")
    SAVE = "save", _("Lưu nháp (nhập hộ)")
    SUBMIT = "submit", _("Gửi hồ sơ")
    BRANCH_REVIEW = "branch_review", _("Chi hội kiểm tra")
    BRANCH_RETURN = "branch_return", _("Chi hội trả lại để bổ sung")
    COMMUNE_EVALUATE = "commune_evaluate", _("Hội Khuyến học xã đánh giá")
    COMMUNE_RETURN = "commune_return", _("Hội Khuyến học xã trả lại để bổ sung")
    APPRAISE = "appraise", _("UBND xã thẩm định")
    APPRAISAL_RETURN = "appraisal_return", _("UBND xã trả lại để bổ sung")
    NOT_RECOGNISE = "not_recognise", _("Không công nhận")
    RECOGNISE = "recognise", _("Công nhận theo quyết định")
    DECISION_CORRECTED = "decision_corrected", _("Quyết định được đính chính")
    WITHDRAW = "withdraw", _("Rút công nhận theo quyết định đính chính")


class CommuneResult(models.TextChoices):
    MEETS = "meets", _("Đạt")
    NOT_MEETS = "not_meets", _("Không đạt")


def evidence_storage():
    """Where evidence files live: ``STORAGES["evidence"]`` when configured (a private bucket in
    production), else a folder beside MEDIA_ROOT that no URL serves. Files reach people only
    through ``certificates.views.evidence_download``, which checks who is asking."""
    if "evidence" in settings.STORAGES:
        return storages["evidence"]
    media = Path(settings.MEDIA_ROOT)
    return FileSystemStorage(location=media.parent / f"{media.name}-private", base_url=None)


def evidence_upload_to(instance, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    return f"evidence/{instance.application_id}/{uuid.uuid4().hex}{suffix}"


class Application(models.Model):
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đăng ký"),
        related_name="certificate_applications",
        on_delete=models.PROTECT,
    )
    cycle = models.ForeignKey(
        "certificates.Cycle",
        verbose_name=_("đợt đánh giá"),
        related_name="applications",
        on_delete=models.PROTECT,
    )
    criteria_set = models.ForeignKey(
        "certificates.CriteriaSet",
        verbose_name=_("bộ tiêu chí"),
        related_name="applications",
        on_delete=models.PROTECT,
    )
    occupation_group = models.ForeignKey(
        "people.OccupationGroup",
        verbose_name=_("nhóm đối tượng"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    hamlet = models.ForeignKey(
        "people.AdministrativeUnit",
        verbose_name=_("ấp, khu phố"),
        related_name="certificate_applications",
        on_delete=models.PROTECT,
    )
    commune = models.ForeignKey(
        "people.AdministrativeUnit",
        verbose_name=_("xã, phường"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    remote_area = models.BooleanField(_("vùng sâu, vùng xa, vùng đồng bào dân tộc"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    commune_result = models.CharField(
        _("kết quả đánh giá của Hội Khuyến học xã"),
        max_length=10,
        choices=CommuneResult.choices,
        blank=True,
    )
    self_total = models.PositiveSmallIntegerField(_("tổng điểm tự đánh giá"), default=0)
    final_total = models.PositiveSmallIntegerField(_("tổng điểm"), default=0)
    meets_rule = models.BooleanField(_("đủ điều kiện đạt"), default=False)
    indicator5_suggestion = models.PositiveSmallIntegerField(
        _("điểm gợi ý chỉ số kỹ năng số"), null=True, blank=True
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ lập hồ sơ hộ"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    decision = models.ForeignKey(
        "certificates.RecognitionDecision",
        verbose_name=_("quyết định công nhận"),
        null=True,
        blank=True,
        related_name="current_applications",
        on_delete=models.PROTECT,
        help_text=_("Quyết định đang giữ hồ sơ (hoặc quyết định đính chính đã rút hồ sơ ra)."),
    )
    recognised_by = models.ForeignKey(
        "certificates.RecognitionDecision",
        verbose_name=_("công nhận theo quyết định"),
        null=True,
        blank=True,
        related_name="recognised_applications",
        on_delete=models.PROTECT,
        help_text=_("Quyết định đã công nhận người này; giấy chứng nhận ghi quyết định này."),
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("có kết quả lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ Công dân học tập")
        verbose_name_plural = _("hồ sơ Công dân học tập")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["applicant", "cycle"], name="application_per_cycle")
        ]
        indexes = [
            models.Index(fields=["cycle", "commune", "status"]),
            models.Index(fields=["hamlet", "status"]),
        ]

    def __str__(self) -> str:
        return _("Hồ sơ năm %(year)s — %(person)s") % {
            "year": self.cycle.year,
            "person": self.applicant.get_full_name(),
        }

    @property
    def scope_unit(self):
        """The place the application belongs to, for people.permissions: the home hamlet."""
        return self.hamlet

    @property
    def assisted(self) -> bool:
        return self.entered_by_id is not None

    @property
    def is_editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.RETURNED)


class IndicatorScore(models.Model):
    application = models.ForeignKey(Application, related_name="scores", on_delete=models.CASCADE)
    indicator = models.ForeignKey(
        "certificates.Indicator", related_name="+", on_delete=models.PROTECT
    )
    self_score = models.PositiveSmallIntegerField(_("tự chấm"), null=True, blank=True)
    branch_score = models.PositiveSmallIntegerField(_("chi hội chấm"), null=True, blank=True)
    commune_score = models.PositiveSmallIntegerField(
        _("Hội Khuyến học xã chấm"), null=True, blank=True
    )
    self_entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập điểm tự chấm"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = _("điểm chỉ số")
        verbose_name_plural = _("điểm chỉ số")
        ordering = ["indicator__number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "indicator"], name="score_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.final_score}"

    @property
    def final_score(self) -> int | None:
        """The score that counts: the commune's, else the branch's, else the person's own."""
        for value in (self.commune_score, self.branch_score, self.self_score):
            if value is not None:
                return value
        return None


class Evidence(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("Tệp đính kèm")
        LINK = "link", _("Đường dẫn")
        COURSE = "course", _("Khóa học đã hoàn thành trên nền tảng")
        COMPETENCE = "competence", _("Hồ sơ năng lực số trên nền tảng")

    application = models.ForeignKey(Application, related_name="evidence", on_delete=models.CASCADE)
    indicator = models.ForeignKey(
        "certificates.Indicator", related_name="+", on_delete=models.PROTECT
    )
    kind = models.CharField(_("loại minh chứng"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("tên minh chứng"), max_length=255, blank=True)
    file = models.FileField(
        _("tệp"), upload_to=evidence_upload_to, storage=evidence_storage, blank=True, max_length=200
    )
    content_type = models.CharField(max_length=60, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    enrolment = models.ForeignKey(
        "progress.Enrolment", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    platform_verified = models.BooleanField(_("nền tảng đã xác thực"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    added_at = models.DateTimeField(_("thêm lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["indicator__number", "added_at"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class ApplicationEvent(models.Model):
    """One line of an application's history: a transition, or an assisted edit."""

    application = models.ForeignKey(Application, related_name="events", on_delete=models.CASCADE)
    action = models.CharField(_("thao tác"), max_length=30, choices=Action.choices)
    from_status = models.CharField(_("từ trạng thái"), max_length=20, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=20, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    comment = models.TextField(_("ý kiến"), blank=True)
    score_changes = models.JSONField(_("điểm thay đổi"), default=dict, blank=True)
    assisted = models.BooleanField(_("cán bộ làm hộ"), default=False)

    class Meta:
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.from_status} → {self.to_status}"

    @property
    def from_label(self) -> str:
        return Status(self.from_status).label if self.from_status else ""

    @property
    def to_label(self) -> str:
        return Status(self.to_status).label if self.to_status else ""
