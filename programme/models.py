"""The programme's targets (T1–T4 per unit and year, with their history), each person's
membership context, the yearly totals communes enter, and the counters the reports read.

The reports never scan raw records: ``PersonFact`` holds, per person and year, what counts
(derived from certificates, progress and cohorts by programme.facts), and ``Counter`` holds the
sums per unit, year and metric; programme.services keeps both up to date in the transaction that
changes a person's facts. ``manage.py programme_recompute`` rebuilds them from raw records and
prints every difference.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class TargetCode(models.TextChoices):
    T1 = "t1", _("T1: cán bộ, hội viên được tập huấn bộ tiêu chí")
    T2 = "t2", _("T2: người lớn trong gia đình, dòng họ, cộng đồng học tập đạt danh hiệu")
    T3 = "t3", _("T3: cán bộ, công chức, người lao động trong đơn vị học tập đạt danh hiệu")
    T4 = "t4", _("T4: người đạt danh hiệu có kỹ năng số")


def _percent(label):
    return models.DecimalField(label, max_digits=5, decimal_places=2, validators=PERCENT)


class Target(models.Model):
    """Targets of one unit (city or commune) for one year, in percent (0–100).

    No database check on the range: a figure that slipped past the form (an old import, a raw
    edit) is shown flagged in the reports instead of breaking them."""

    unit = models.ForeignKey(
        "people.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        related_name="programme_targets",
        on_delete=models.PROTECT,
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    t1 = _percent(_("T1 (%)"))
    t2 = _percent(_("T2 (%)"))
    t3 = _percent(_("T3 (%)"))
    t4 = _percent(_("T4 (%)"))
    t4_proficient = _percent(_("T4: tỷ lệ thành thạo (%)"))
    basis = models.CharField(_("căn cứ"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="target_unit_year")]

    def __str__(self) -> str:
        return _("Chỉ tiêu năm %(year)s — %(unit)s") % {"year": self.year, "unit": self.unit}

    @property
    def scope_unit(self):
        return self.unit


class TargetRevision(models.Model):
    """Who changed which target figure, when, from what to what (append-only history)."""

    target = models.ForeignKey(Target, related_name="revisions", on_delete=models.CASCADE)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    changed_at = models.DateTimeField(_("lúc"), default=timezone.now)
    before = models.JSONField(_("trước"), default=dict)
    after = models.JSONField(_("sau"), default=dict)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lịch sử sửa chỉ tiêu")
        verbose_name_plural = _("lịch sử sửa chỉ tiêu")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.target} ({self.changed_at:%d/%m/%Y %H:%M})"


class ContextKind(models.TextChoices):
    FAMILY = "family", _("Người lớn trong gia đình học tập")
    CLAN = "clan", _("Người lớn trong dòng họ học tập")
    COMMUNITY = "community", _("Người lớn trong cộng đồng học tập")
    LEARNING_UNIT = "learning_unit", _("Cán bộ, công chức, người lao động trong đơn vị học tập")
    ASSOCIATION_OFFICER = "association_officer", _("Cán bộ Hội Khuyến học")
    ASSOCIATION_MEMBER = "association_member", _("Hội viên Hội Khuyến học")


# Which target's denominator a context counts in.
CONTEXT_GROUP = {
    ContextKind.FAMILY: "t2",
    ContextKind.CLAN: "t2",
    ContextKind.COMMUNITY: "t2",
    ContextKind.LEARNING_UNIT: "t3",
    ContextKind.ASSOCIATION_OFFICER: "t1",
    ContextKind.ASSOCIATION_MEMBER: "t1",
}


class MembershipContext(models.Model):
    """A person's membership context: which target's denominator they count in.

    Independent of the occupation group (which only picks the criteria form). When a person who
    applied has no context recorded, programme.facts derives one from the application."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người"),
        related_name="programme_contexts",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("thuộc diện"), max_length=24, choices=ContextKind.choices)
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("gia đình, dòng họ, đơn vị hoặc tổ chức hội"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    since_year = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    until_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("diện tính chỉ tiêu của một người")
        verbose_name_plural = _("diện tính chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="context_person_kind")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_kind_display()}"

    def active_in(self, year: int) -> bool:
        return (self.since_year is None or self.since_year <= year) and (
            self.until_year is None or year <= self.until_year
        )


class FigureSource(models.TextChoices):
    COUNTED = "counted", _("đếm trên hệ thống")
    ENTERED = "entered", _("số liệu xã nhập")
    IMPORTED = "imported", _("số liệu xã nhập (từ bảng tính)")


class DeclaredTotal(models.Model):
    """A denominator a commune enters for a unit and year where the platform does not hold
    everyone (e.g. all members of the association, all workers of the learning units)."""

    unit = models.ForeignKey(
        "people.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        related_name="programme_totals",
        on_delete=models.PROTECT,
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    target = models.CharField(_("chỉ tiêu"), max_length=2, choices=TargetCode.choices)
    value = models.PositiveIntegerField(_("tổng số (mẫu số)"))
    source = models.CharField(
        _("nguồn"), max_length=10, choices=FigureSource.choices, default=FigureSource.ENTERED
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    entered_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("tổng số do xã nhập")
        verbose_name_plural = _("tổng số do xã nhập")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "target"], name="declared_total_key")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.target}: {self.value}"


class PersonFact(models.Model):
    """What counts about one person in one year, derived from raw records (programme.facts).

    ``hamlet`` is the unit the person's record is attached to (it may be a hamlet that no longer
    exists); ``commune`` is the commune that answers for it today (succession map)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="programme_facts", on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField()
    hamlet = models.ForeignKey(
        "people.AdministrativeUnit", null=True, related_name="+", on_delete=models.SET_NULL
    )
    commune = models.ForeignKey(
        "people.AdministrativeUnit", null=True, related_name="+", on_delete=models.SET_NULL
    )
    groups = models.CharField(max_length=20, blank=True)  # "t1,t2" — denominators counted in
    derived_context = models.BooleanField(default=False)
    trained = models.BooleanField(default=False)
    status = models.CharField(max_length=20, blank=True)  # the year's application status
    recognised = models.BooleanField(default=False)
    has_skills = models.BooleanField(default=False)
    proficient = models.BooleanField(default=False)
    submitted_month = models.PositiveSmallIntegerField(null=True)
    recognised_month = models.PositiveSmallIntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="person_fact_year")]
        indexes = [
            models.Index(fields=["hamlet", "year"]),
            models.Index(fields=["commune", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.year}"

    @property
    def groups_list(self) -> list[str]:
        names = {"t1": _("Cán bộ, hội viên Hội Khuyến học"),
                 "t2": _("Người lớn trong gia đình, dòng họ, cộng đồng học tập"),
                 "t3": _("Cán bộ, công chức, người lao động đơn vị học tập")}  # fmt: skip
        return [str(names[g]) for g in self.groups.split(",") if g in names]

    @property
    def status_label(self) -> str:
        from certificates.models import Status

        return str(Status(self.status).label) if self.status in Status.values else self.status


class Counter(models.Model):
    """A sum kept up to date: (unit, year, metric) → value. Units are hamlets and communes."""

    unit = models.ForeignKey(
        "people.AdministrativeUnit", related_name="+", on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField()
    metric = models.CharField(max_length=24)
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "metric"], name="counter_key")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.metric}={self.value}"
