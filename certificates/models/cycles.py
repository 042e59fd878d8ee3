"""Assessment cycles (đợt đánh giá): one per year per commune or city, with a date window per
stage. An administrator reopens a stage with an extension that records who opened it and why."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from people.models import UnitLevel


class Stage(models.TextChoices):
    REGISTRATION = "registration", _("Đăng ký và tự đánh giá")
    BRANCH_REVIEW = "branch_review", _("Chi hội kiểm tra")
    COMMUNE_EVALUATION = "commune_evaluation", _("Hội Khuyến học xã đánh giá")
    APPRAISAL = "appraisal", _("UBND xã thẩm định, công nhận")


class Cycle(ClusterableModel):
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(
        "people.AdministrativeUnit",
        verbose_name=_("địa bàn (xã hoặc thành phố)"),
        related_name="certificate_cycles",
        on_delete=models.PROTECT,
        limit_choices_to={"level__in": [UnitLevel.CITY, UnitLevel.COMMUNE]},
        help_text=_("Đợt của thành phố áp dụng cho mọi xã chưa có đợt riêng trong năm."),
    )
    registration_start = models.DateField(_("đăng ký, tự đánh giá: từ ngày"))
    registration_end = models.DateField(_("đăng ký, tự đánh giá: đến ngày"))
    branch_review_start = models.DateField(_("chi hội kiểm tra: từ ngày"))
    branch_review_end = models.DateField(_("chi hội kiểm tra: đến ngày"))
    commune_evaluation_start = models.DateField(_("Hội Khuyến học xã đánh giá: từ ngày"))
    commune_evaluation_end = models.DateField(_("Hội Khuyến học xã đánh giá: đến ngày"))
    appraisal_start = models.DateField(_("UBND xã thẩm định, công nhận: từ ngày"))
    appraisal_end = models.DateField(_("UBND xã thẩm định, công nhận: đến ngày"))
    notes = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("đợt đánh giá")
        verbose_name_plural = _("đợt đánh giá")
        ordering = ["-year", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["year", "unit"], name="cycle_year_unit")]

    def __str__(self) -> str:
        return _("Đợt đánh giá năm %(year)s — %(unit)s") % {"year": self.year, "unit": self.unit}

    @property
    def scope_unit(self):
        return self.unit

    def window(self, stage: str) -> tuple[date, date]:
        return getattr(self, f"{stage}_start"), getattr(self, f"{stage}_end")

    def is_open(self, stage: str, on: date) -> bool:
        """Is ``stage`` open on ``on``: inside its window, or inside a recorded extension."""
        start, end = self.window(stage)
        if start <= on <= end:
            return True
        return any(
            extension.stage == stage and extension.opens_on <= on <= extension.until
            for extension in self.extensions.all()
        )

    def clean(self):
        errors = {}
        for stage in Stage.values:
            start, end = self.window(stage)
            if start and end and end < start:
                errors[f"{stage}_end"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
        if self.unit_id and self.unit.level not in (UnitLevel.CITY, UnitLevel.COMMUNE):
            errors["unit"] = _("Chọn một xã, phường hoặc thành phố.")
        if errors:
            raise ValidationError(errors)


class CycleWindowExtension(models.Model):
    """A stage opened again (or earlier) for a span of days, with who decided it and why."""

    cycle = ParentalKey(Cycle, related_name="extensions", on_delete=models.CASCADE)
    stage = models.CharField(_("giai đoạn"), max_length=30, choices=Stage.choices)
    opens_on = models.DateField(_("mở từ ngày"), default=timezone.localdate)
    until = models.DateField(_("mở đến hết ngày"))
    reason = models.CharField(_("lý do"), max_length=255)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở lại"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    granted_at = models.DateTimeField(_("mở lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("gia hạn, mở lại giai đoạn")
        verbose_name_plural = _("gia hạn, mở lại giai đoạn")
        ordering = ["granted_at"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.opens_on:%d/%m/%Y} – {self.until:%d/%m/%Y}"
