"""Evidence of digital competence and the thresholds that turn a profile into flags."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CompetenceEvidence(models.Model):
    class Source(models.TextChoices):
        ACTIVITY = "activity", _("Hoạt động học tập đạt yêu cầu")
        COURSE = "course", _("Hoàn thành khóa học")
        OFFICER = "officer", _("Chứng nhận bên ngoài, cán bộ đã xác minh")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("học viên"),
        related_name="competence_evidence",
        on_delete=models.CASCADE,
    )
    competence = models.ForeignKey(
        "courses.Competence", verbose_name=_("năng lực"), on_delete=models.CASCADE
    )
    level = models.PositiveSmallIntegerField(
        _("bậc"), validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    source_key = models.CharField(
        max_length=500, help_text=_("Hoạt động, khóa học hoặc số giấy chứng nhận.")
    )
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ xác minh"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("minh chứng năng lực số")
        verbose_name_plural = _("minh chứng năng lực số")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "competence", "source", "source_key"], name="evidence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.competence} ({self.level})"


class ProfileThresholds(models.Model):
    """Configurable rules (per framework) for the T4 flags and indicator 5's suggested score."""

    framework = models.OneToOneField(
        "courses.CompetenceFramework",
        verbose_name=_("khung năng lực"),
        related_name="thresholds",
        on_delete=models.CASCADE,
    )
    skills_min_domains = models.PositiveSmallIntegerField(
        _("“Có kỹ năng số”: số miền tối thiểu"), default=3
    )
    skills_min_level = models.PositiveSmallIntegerField(
        _("“Có kỹ năng số”: bậc tối thiểu ở mỗi miền"), default=1
    )
    proficient_min_domains = models.PositiveSmallIntegerField(
        _("“Thành thạo”: số miền tối thiểu"), default=5
    )
    proficient_min_level = models.PositiveSmallIntegerField(
        _("“Thành thạo”: bậc tối thiểu ở mỗi miền"), default=3
    )
    indicator_target_level = models.PositiveSmallIntegerField(
        _("Chỉ số 5: bậc ứng với điểm tối đa ở mỗi miền"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    indicator_skills_score = models.PositiveSmallIntegerField(
        _("Chỉ số 5: điểm gợi ý tối thiểu khi “Có kỹ năng số”"),
        default=5,
        validators=[MaxValueValidator(10)],
        help_text=_(
            "Người đạt “Có kỹ năng số” được gợi ý ít nhất số điểm này. Nên bằng điểm tối thiểu "
            "của mỗi chỉ số trong bộ tiêu chí (thường là 5 điểm), để người có kỹ năng số không "
            "bị gợi ý một điểm chưa đạt."
        ),
    )

    class Meta:
        verbose_name = _("ngưỡng đánh giá năng lực số")
        verbose_name_plural = _("ngưỡng đánh giá năng lực số")

    def __str__(self) -> str:
        return str(self.framework)
