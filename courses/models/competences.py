"""Competence frameworks as data: framework → domain → competence, with proficiency levels.

The national digital competence framework for learners (TT 02/2025/TT-BGDĐT) is seeded by a data
migration; a second framework (e.g. QĐ 757/QĐ-BKHCN) loads the same way (``competences_load``).
Learners' profiles live in ``progress``; this is the curriculum's vocabulary.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetenceFramework(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên khung"), max_length=200)
    legal_basis = models.CharField(_("văn bản ban hành"), max_length=200, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("khung năng lực")
        verbose_name_plural = _("khung năng lực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProficiencyLevel(models.Model):
    """A step of a framework (TT 02/2025: 8 steps in 4 bands)."""

    framework = models.ForeignKey(
        CompetenceFramework,
        verbose_name=_("khung năng lực"),
        related_name="levels",
        on_delete=models.CASCADE,
    )
    number = models.PositiveSmallIntegerField(_("bậc"))
    band = models.CharField(_("mức"), max_length=60, help_text=_("Ví dụ: Cơ bản, Trung cấp."))
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        verbose_name = _("bậc năng lực")
        verbose_name_plural = _("bậc năng lực")
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="level_unique")]

    def __str__(self) -> str:
        return _("Bậc %(n)s (%(band)s)") % {"n": self.number, "band": self.band}


class CompetenceDomain(models.Model):
    framework = models.ForeignKey(
        CompetenceFramework,
        verbose_name=_("khung năng lực"),
        related_name="domains",
        on_delete=models.CASCADE,
    )
    code = models.CharField(_("mã"), max_length=10)
    name = models.CharField(_("tên miền năng lực"), max_length=200)
    ordering = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("miền năng lực")
        verbose_name_plural = _("miền năng lực")
        ordering = ["framework", "ordering", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="domain_unique")]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Competence(models.Model):
    domain = models.ForeignKey(
        CompetenceDomain,
        verbose_name=_("miền năng lực"),
        related_name="competences",
        on_delete=models.CASCADE,
    )
    code = models.CharField(_("mã"), max_length=10)
    name = models.CharField(_("tên năng lực thành phần"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    ordering = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("năng lực thành phần")
        verbose_name_plural = _("năng lực thành phần")
        ordering = ["domain__framework", "domain__ordering", "ordering", "code"]
        constraints = [models.UniqueConstraint(fields=["domain", "code"], name="competence_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def framework(self) -> CompetenceFramework:
        return self.domain.framework
