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


# xAPI 1.0.3 §6.4.2 (OAuth Authorization Scope): the names other LRSs use for these rights.
SCOPES = (
    ("statements/write", _("Gửi bản ghi học tập")),
    ("statements/read/mine", _("Đọc bản ghi do chính ứng dụng gửi")),
    ("statements/read", _("Đọc mọi bản ghi học tập")),
    ("state", _("Đọc, ghi trạng thái hoạt động")),
    ("define", _("Định nghĩa hoạt động và người học")),
    ("profile", _("Đọc, ghi hồ sơ hoạt động và hồ sơ người học")),
    ("all/read", _("Đọc mọi dữ liệu")),
    ("all", _("Toàn quyền")),
)
SCOPE_NAMES = frozenset(name for name, _label in SCOPES)
# What a client could do before scopes existed (statements only).
DEFAULT_SCOPES = ("statements/write", "statements/read/mine")


# The xAPI versions a client may speak by default (``progress.lrs.http.unnamed_version``).
VERSION_CHOICES = (("1.0.3", "xAPI 1.0.3"), ("2.0.0", "xAPI 2.0.0"))


def default_scopes() -> list[str]:
    return list(DEFAULT_SCOPES)


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
    scopes = models.JSONField(_("quyền"), default=default_scopes, blank=True)
    default_version = models.CharField(
        _("phiên bản xAPI mặc định"),
        max_length=5,
        choices=VERSION_CHOICES,
        default="2.0.0",
        help_text=_(
            "Phiên bản ghi trong câu trả lời cho những yêu cầu của ứng dụng không nêu phiên bản "
            "(thiếu tiêu đề X-Experience-API-Version hoặc ghi một phiên bản hệ thống không hỗ "
            "trợ). Chọn phiên bản mà ứng dụng được xây dựng theo; nếu không rõ, giữ xAPI 2.0.0."
        ),
    )
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

    def allows(self, scope: str, *, read: bool = False) -> bool:
        """Whether the client's scopes grant ``scope``: "all" grants everything, "all/read"
        every read (``read=True``)."""
        granted = set(self.scopes or ())
        return "all" in granted or scope in granted or (read and "all/read" in granted)

    def set_new_secret(self) -> str:
        """Give the client a fresh secret; return it (the only time it is readable)."""
        secret = secrets.token_urlsafe(32)
        self.secret_hash = secret_digest(secret)
        return secret

    def secret_matches(self, secret: str) -> bool:
        return bool(self.secret_hash) and hmac.compare_digest(
            self.secret_hash, secret_digest(secret)
        )
