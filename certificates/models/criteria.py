"""Criteria sets (bộ tiêu chí) as versioned data: 3 criteria, 10 indicators, a pass rule.

A set that an application beyond the draft stage uses is frozen: saving a change to it, to one
of its criteria or indicators, or deleting one of them raises ``CriteriaSetLocked``. Changes go
into a new version (``certificates.services.criteria_set_new_version``), which copies the set.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class CriteriaSetLocked(ValidationError):
    """The set is used by submitted applications: make a new version instead."""

    def __init__(self, message=None):
        super().__init__(
            message
            or _(
                "Bộ tiêu chí này đã được dùng cho hồ sơ đã gửi nên không sửa được nữa. "
                "Hãy bấm “Tạo phiên bản mới” để sửa trên bản sao."
            ),
            code="criteria_set_locked",
        )


def _changed_fields(instance, exempt=frozenset()) -> list[str]:
    """Concrete fields whose value differs from the stored row (empty for a new row)."""
    if instance.pk is None:
        return []
    stored = type(instance)._default_manager.filter(pk=instance.pk).values().first()
    if stored is None:
        return []
    return [
        field.name
        for field in instance._meta.concrete_fields
        if field.name not in exempt
        and field.attname in stored
        and stored[field.attname] != getattr(instance, field.attname)
    ]


class CriteriaSet(ClusterableModel):
    family = models.SlugField(
        _("mã bộ tiêu chí"),
        max_length=60,
        help_text=_("Các phiên bản của cùng một bộ tiêu chí dùng chung mã này."),
    )
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    name = models.CharField(_("tên bộ tiêu chí"), max_length=200)
    issuer = models.CharField(
        _("cơ quan ban hành"), max_length=200, default="Hội Khuyến học Việt Nam"
    )
    decision_reference = models.CharField(
        _("căn cứ (số quyết định)"), max_length=60, help_text=_("Ví dụ: 324/QĐ-KHVN")
    )
    valid_from = models.DateField(_("áp dụng từ ngày"))
    occupation_group = models.ForeignKey(
        "people.OccupationGroup",
        verbose_name=_("nhóm đối tượng"),
        related_name="criteria_sets",
        on_delete=models.PROTECT,
    )
    pass_total = models.PositiveSmallIntegerField(_("tổng điểm tối thiểu để đạt"), default=80)
    pass_min_indicator = models.PositiveSmallIntegerField(
        _("điểm tối thiểu của mỗi chỉ số"), default=5
    )
    remote_pass_total = models.PositiveSmallIntegerField(
        _("tổng điểm tối thiểu ở vùng sâu, vùng xa, vùng đồng bào dân tộc"),
        default=70,
        help_text=_(
            "Áp dụng khi ấp, xã của người đánh giá (hoặc đơn vị cấp trên) được đánh dấu "
            "vùng sâu, vùng xa, vùng đồng bào dân tộc."
        ),
    )
    is_active = models.BooleanField(
        _("đang áp dụng"),
        default=True,
        help_text=_("Hồ sơ mới dùng phiên bản đang áp dụng mới nhất của nhóm đối tượng."),
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("phiên bản trước"),
        null=True,
        blank=True,
        related_name="next_versions",
        on_delete=models.PROTECT,
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )

    # Retiring a set (or annotating it) is not a change of its content.
    LOCK_EXEMPT = frozenset({"is_active", "notes"})

    class Meta:
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        ordering = ["occupation_group__ordering", "family", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="criteria_set_version")
        ]

    def __str__(self) -> str:
        return _("%(name)s (phiên bản %(version)s)") % {"name": self.name, "version": self.version}

    def save(self, *args, **kwargs):
        if _changed_fields(self, self.LOCK_EXEMPT) and self.is_in_use():
            raise CriteriaSetLocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_in_use():
            raise CriteriaSetLocked()
        return super().delete(*args, **kwargs)

    def is_in_use(self) -> bool:
        """True once an application beyond the draft stage uses this set."""
        if self.pk is None:
            return False
        from certificates.models.applications import Application, Status

        return (
            Application.objects.filter(criteria_set_id=self.pk)
            .exclude(status=Status.DRAFT)
            .exists()
        )

    @property
    def max_total(self) -> int:
        return sum(indicator.max_points for indicator in self.indicators.all())


class _SetPart(models.Model):
    """A criterion or indicator: frozen with its set."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is None or _changed_fields(self):
            self._guard()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._guard()
        return super().delete(*args, **kwargs)

    def _guard(self) -> None:
        criteria_set = CriteriaSet.objects.filter(pk=self.criteria_set_id).first()
        if criteria_set is not None and criteria_set.is_in_use():
            raise CriteriaSetLocked()


class Criterion(_SetPart):
    criteria_set = ParentalKey(CriteriaSet, related_name="criteria", on_delete=models.CASCADE)
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    title = models.CharField(_("tên tiêu chí"), max_length=255)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "number"], name="criterion_number")
        ]

    def __str__(self) -> str:
        return f"TC{self.number}. {self.title}"


class Indicator(_SetPart):
    criteria_set = ParentalKey(CriteriaSet, related_name="indicators", on_delete=models.CASCADE)
    number = models.PositiveSmallIntegerField(_("chỉ số số"))
    criterion_number = models.PositiveSmallIntegerField(
        _("thuộc tiêu chí số"), help_text=_("1, 2 hoặc 3")
    )
    text = models.TextField(_("nội dung chỉ số"))
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"), default=10)
    evidence_guidance = models.TextField(_("gợi ý minh chứng"), blank=True)
    is_digital_skills = models.BooleanField(
        _("chỉ số kỹ năng số"),
        default=False,
        help_text=_("Điểm gợi ý và minh chứng lấy từ hồ sơ năng lực số trên nền tảng."),
    )

    class Meta:
        verbose_name = _("chỉ số")
        verbose_name_plural = _("chỉ số")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "number"], name="indicator_number")
        ]

    def __str__(self) -> str:
        return _("Chỉ số %(number)s") % {"number": self.number}
