"""Credentials for programs (not browsers) that send xAPI statements: HTTP Basic key:secret.

The secret is 256 random bits, shown once when the client is created and stored only as a
SHA-256 digest. A slow password hash (PBKDF2) protects guessable passwords; a random secret of
this length cannot be guessed, and a fast digest keeps every statement request cheap.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_client_key() -> str:
    return secrets.token_hex(12)


def secret_digest(secret: str) -> str:
    return "sha256$" + hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


class XapiClient(models.Model):
    """A program allowed to send statements, acting as its linked user."""

    name = models.CharField(_("tên ứng dụng"), max_length=120)
    key = models.CharField(
        _("mã ứng dụng"), max_length=40, unique=True, default=new_client_key, editable=False
    )
    secret_hash = models.CharField(max_length=128, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản liên kết"),
        help_text=_("Bản ghi gửi qua ứng dụng này được lưu cho tài khoản này."),
        related_name="xapi_clients",
        on_delete=models.CASCADE,
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("ứng dụng xAPI")
        verbose_name_plural = _("ứng dụng xAPI")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def set_new_secret(self) -> str:
        """Give the client a fresh secret; return it (the only time it is readable)."""
        secret = secrets.token_urlsafe(32)
        self.secret_hash = secret_digest(secret)
        return secret

    def secret_matches(self, secret: str) -> bool:
        return bool(self.secret_hash) and hmac.compare_digest(
            self.secret_hash, secret_digest(secret)
        )
