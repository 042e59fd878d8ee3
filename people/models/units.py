"""Administrative units: a dated tree (city → district → commune → hamlet) with succession.

Codes are reused across the 2025 reform (the new xã Tân An Hội carries the old thị trấn Củ Chi's
code 27496), so a unit is identified by code *and* validity period, never by code alone.
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.IntegerChoices):
    CITY = 1, _("Tỉnh, thành phố")
    DISTRICT = 2, _("Quận, huyện")
    COMMUNE = 3, _("Xã, phường, thị trấn")
    HAMLET = 4, _("Ấp, khu phố")


class AdministrativeUnit(models.Model):
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(
        _("loại đơn vị"), max_length=40, help_text=_("Ví dụ: thành phố, huyện, xã, thị trấn, ấp.")
    )
    level = models.PositiveSmallIntegerField(_("cấp"), choices=UnitLevel.choices)
    code = models.CharField(_("mã đơn vị"), max_length=12, blank=True, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc đơn vị"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"), default=False, help_text=_("Đơn vị tạo ra để chạy thử, không có thật.")
    )
    is_remote = models.BooleanField(
        _("vùng sâu, vùng xa, vùng đồng bào dân tộc"),
        default=False,
        help_text=_("Có thể áp dụng ngưỡng điểm riêng theo bộ tiêu chí."),
    )
    notes = models.TextField(_("ghi chú, nguồn"), blank=True)
    # Materialised path of primary keys ("/1/4/27/"): subtree queries are a prefix match.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"],
                condition=~models.Q(code=""),
                name="unit_code_period_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        # Hamlet names often carry their kind already ("Ấp Trung", "Khu phố 7"): no "Ấp Ấp Trung".
        named_with_kind = self.name.lower().startswith(self.kind.lower() + " ")
        label = (
            self.name
            if not self.kind or named_with_kind
            else f"{self.kind.capitalize()} {self.name}"
        )
        if self.is_sample:
            label += " " + str(_("(mẫu)"))
        if self.valid_to:
            label += " " + str(_("(đến %(date)s)") % {"date": self.valid_to.strftime("%d/%m/%Y")})
        return label

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        new_path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if new_path != self.path:
            old_path = self.path
            AdministrativeUnit.objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            if old_path:
                # Moved: re-root every descendant's path.
                for child in AdministrativeUnit.objects.filter(path__startswith=old_path).exclude(
                    pk=self.pk
                ):
                    child.path = new_path + child.path[len(old_path) :]
                    AdministrativeUnit.objects.filter(pk=child.pk).update(path=child.path)

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]


class UnitSuccession(models.Model):
    """Old unit → new unit from a date (merger, rename, transfer). No split is modelled in
    Củ Chi; a split would be several rows from one predecessor with ``share_note`` filled."""

    predecessor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị cũ"),
        related_name="successions",
        on_delete=models.CASCADE,
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị mới"),
        related_name="predecessions",
        on_delete=models.CASCADE,
    )
    effective_date = models.DateField(_("ngày có hiệu lực"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=200, blank=True)
    share_note = models.CharField(_("ghi chú phần chuyển sang"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sắp xếp đơn vị")
        verbose_name_plural = _("sắp xếp đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "effective_date"], name="succession_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_date:%d/%m/%Y})"
