"""Notices to a person (the site inbox, copied by email and SMS when configured) and the consent
a person gave to the privacy notice (Nghị định 13/2023/NĐ-CP)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One notice to one person. ``key`` makes sending idempotent: a notice with the same key is
    never created (or delivered) twice. ``*_sent_at`` are claimed before a channel is used, so
    a retried task does not send an email or SMS again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        related_name="notifications",
        on_delete=models.CASCADE,
    )
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("loại"), max_length=40)
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    sms_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class ConsentMethod(models.TextChoices):
    SELF = "self", _("Tự đồng ý khi đăng ký tài khoản")
    ASSISTED = "assisted", _("Cán bộ xác nhận người dân đã đồng ý khi đăng ký hộ")


class Consent(models.Model):
    """A person's consent to the privacy notice of a given version, when and how it was given."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đồng ý"),
        related_name="consents",
        on_delete=models.CASCADE,
    )
    notice_version = models.CharField(_("phiên bản thông báo"), max_length=20)
    given_at = models.DateTimeField(_("ngày đồng ý"), default=timezone.now)
    method = models.CharField(_("cách đồng ý"), max_length=10, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ ghi nhận"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = _("sự đồng ý xử lý dữ liệu cá nhân")
        verbose_name_plural = _("sự đồng ý xử lý dữ liệu cá nhân")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.user} — {self.notice_version} ({self.given_at:%d/%m/%Y})"
