"""Organisations attached to places, roles scoped to a unit and its subtree, and the access log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ASSOCIATION_CITY = "association_city", _("Hội Khuyến học thành phố")
    ASSOCIATION_COMMUNE = "association_commune", _("Hội Khuyến học xã, phường")
    ASSOCIATION_BRANCH = "association_branch", _("Chi hội khuyến học ấp, khu phố")
    STUDY_BOARD = "study_board", _("Ban khuyến học cơ quan, đơn vị")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân xã, phường")
    COMMUNICATIONS = "communications", _("Trung tâm Văn hóa – Thể thao và Truyền thông")
    LEARNING_AGENCY = "learning_agency", _("Đơn vị học tập: cơ quan")
    LEARNING_SCHOOL = "learning_school", _("Đơn vị học tập: trường học")
    LEARNING_ENTERPRISE = "learning_enterprise", _("Đơn vị học tập: doanh nghiệp")


class Organisation(models.Model):
    name = models.CharField(_("tên tổ chức"), max_length=200)
    kind = models.CharField(_("loại tổ chức"), max_length=30, choices=OrganisationKind.choices)
    unit = models.ForeignKey(
        "people.AdministrativeUnit",
        verbose_name=_("địa bàn"),
        related_name="organisations",
        on_delete=models.PROTECT,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("tổ chức cấp trên"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "unit", "name"], name="organisation_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    LEARNER = "learner", _("Học viên")
    EDITOR = "editor", _("Biên tập viên")
    TRAINER = "trainer", _("Giảng viên, báo cáo viên")
    BRANCH_OFFICER = "branch_officer", _("Cán bộ chi hội")
    COMMUNE_OFFICER = "commune_officer", _("Cán bộ Hội Khuyến học xã")
    COMMUNE_APPROVER = "commune_approver", _("Cán bộ UBND xã (thẩm định, công nhận)")
    CITY_ANALYST = "city_analyst", _("Cán bộ theo dõi, thống kê thành phố")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        related_name="role_assignments",
        on_delete=models.CASCADE,
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        "people.AdministrativeUnit",
        verbose_name=_("phạm vi (địa bàn)"),
        related_name="role_assignments",
        on_delete=models.PROTECT,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("thuộc tổ chức"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp quyền"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    granted_at = models.DateTimeField(_("cấp lúc"), default=timezone.now)
    valid_until = models.DateField(_("hết hạn ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class AccessLog(models.Model):
    """Who looked at or changed whose personal data, when (personal-data rules)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    action = models.CharField(_("thao tác"), max_length=60)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được xem"),
        null=True,
        related_name="access_logs",
        on_delete=models.SET_NULL,
    )
    allowed = models.BooleanField(_("được phép"), default=True)
    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(_("chi tiết"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("nhật ký truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor} {self.action} {self.subject or ''}".strip()
