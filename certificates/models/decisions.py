"""Recognition decisions (quyết định công nhận) of a commune's People's Committee.

A commune decides in batches. A decision recognises exactly the appraised applications it names
and locks those, nothing else: applications still in review go on through the chain and into a
supplementary decision (quyết định bổ sung) of the same cycle, numbered 1, 2, … and linked to
the commune's first decision (``supplements``). A decision is never edited: a mistake is
corrected by a new decision that names the one it corrects (``corrects``) and lists, again,
every application it recognises; those it leaves out are withdrawn.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RecognitionDecision(models.Model):
    cycle = models.ForeignKey(
        "certificates.Cycle",
        verbose_name=_("đợt đánh giá"),
        related_name="decisions",
        on_delete=models.PROTECT,
    )
    commune = models.ForeignKey(
        "people.AdministrativeUnit",
        verbose_name=_("xã, phường"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    number = models.CharField(_("số quyết định"), max_length=60, help_text=_("Ví dụ: 123/QĐ-UBND"))
    signed_on = models.DateField(_("ngày ký"))
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_title = models.CharField(
        _("chức vụ người ký"),
        max_length=150,
        help_text=_("Ví dụ: Chủ tịch; KT. Chủ tịch – Phó Chủ tịch"),
    )
    issuing_body = models.CharField(
        _("cơ quan ban hành"), max_length=200, help_text=_("Ví dụ: Ủy ban nhân dân xã Củ Chi")
    )
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("đính chính quyết định"),
        null=True,
        blank=True,
        related_name="corrected_by",
        on_delete=models.PROTECT,
    )
    supplements = models.ForeignKey(
        "self",
        verbose_name=_("bổ sung quyết định"),
        null=True,
        blank=True,
        related_name="supplementary_decisions",
        on_delete=models.PROTECT,
        help_text=_("Quyết định đầu tiên của xã trong đợt mà quyết định này bổ sung."),
    )
    supplement_number = models.PositiveSmallIntegerField(
        _("bổ sung lần thứ"), null=True, blank=True
    )
    applications = models.ManyToManyField(
        "certificates.Application",
        verbose_name=_("hồ sơ được công nhận"),
        related_name="decisions",
        blank=True,
    )
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")
        ordering = ["-signed_on", "-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "commune", "number"], name="decision_number_per_cycle"
            ),
            models.UniqueConstraint(
                fields=["cycle", "commune", "supplement_number"],
                condition=models.Q(supplement_number__isnull=False),
                name="decision_supplement_number_per_cycle",
            ),
        ]

    def __str__(self) -> str:
        return _("Quyết định số %(number)s ngày %(date)s") % {
            "number": self.number,
            "date": self.signed_on.strftime("%d/%m/%Y"),
        }

    @property
    def scope_unit(self):
        return self.commune

    @property
    def kind_label(self) -> str:
        """ "Quyết định đính chính …", "Quyết định bổ sung lần 2", or "" for the first."""
        if self.corrects_id:
            return _("Quyết định đính chính %(old)s") % {"old": self.corrects}
        if self.supplement_number:
            return _("Quyết định bổ sung lần %(n)s") % {"n": self.supplement_number}
        return ""

    @property
    def is_current(self) -> bool:
        """Not corrected by a later decision."""
        try:
            self.corrected_by  # noqa: B018
        except RecognitionDecision.DoesNotExist:
            return True
        return False
