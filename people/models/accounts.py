"""Accounts: the user, the citizen's profile and one-time activation codes for assisted sign-up."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.validators import validate_citizen_id, validate_year_of_birth


class User(AbstractUser):
    """A person who signs in. ``phone`` is stored in E.164 form (+84…)."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(
        _("số điện thoại"), max_length=16, unique=True, null=True, blank=True, default=None
    )
    phone_verified = models.BooleanField(_("đã xác minh số điện thoại"), default=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.full_name or self.email or self.phone or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def get_short_name(self) -> str:
        # Vietnamese names are called by the given name, the last word.
        return (self.full_name.split() or [self.username])[-1]


class Gender(models.TextChoices):
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")
    OTHER = "other", _("Khác")


class OccupationGroup(models.Model):
    """Chooses which wording of the criteria a person self-assesses against (data, editable)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên nhóm đối tượng"), max_length=200)
    ordering = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("nhóm đối tượng")
        verbose_name_plural = _("nhóm đối tượng")
        ordering = ["ordering", "name"]

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, related_name="profile", on_delete=models.CASCADE
    )
    year_of_birth = models.PositiveSmallIntegerField(
        _("năm sinh"), null=True, blank=True, validators=[validate_year_of_birth]
    )
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    citizen_id = models.CharField(
        _("số định danh cá nhân (CCCD)"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        default=None,
        validators=[validate_citizen_id],
        help_text=_(
            "12 số trên thẻ căn cước, hoặc 9 số của chứng minh nhân dân cũ. Không bắt buộc."
        ),
    )
    occupation_group = models.ForeignKey(
        OccupationGroup,
        verbose_name=_("nhóm đối tượng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    home_unit = models.ForeignKey(
        "people.AdministrativeUnit",
        verbose_name=_("nơi sinh sống (ấp, khu phố)"),
        null=True,
        blank=True,
        related_name="residents",
        on_delete=models.PROTECT,
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ đăng ký hộ"),
        null=True,
        blank=True,
        related_name="assisted_profiles",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ cá nhân")
        verbose_name_plural = _("hồ sơ cá nhân")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def citizen_id_masked(self) -> str:
        from people.validators import mask_citizen_id

        return mask_citizen_id(self.citizen_id)


class CodePurpose(models.TextChoices):
    ACTIVATION = "activation", _("Kích hoạt tài khoản")
    RESET = "reset", _("Đặt lại mật khẩu (cán bộ cấp)")
    RESET_SMS = "reset_sms", _("Đặt lại mật khẩu (tin nhắn)")


class ActivationCode(models.Model):
    """A one-time code (and link token) that lets a citizen activate an account an officer made,
    or set a new password (a reset code an officer hands over, or one sent by SMS).

    Only hashes are stored. A code is spent on success, dies after its lifetime or after too many
    wrong tries, and issuing a new one kills the older ones.
    """

    purpose = models.CharField(
        max_length=12, choices=CodePurpose.choices, default=CodePurpose.ACTIVATION
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="activation_codes", on_delete=models.CASCADE
    )
    code_hash = models.CharField(max_length=128)
    token_hash = models.CharField(max_length=128, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("mã kích hoạt")
        verbose_name_plural = _("mã kích hoạt")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%d/%m/%Y %H:%M})"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.used_at is None
            and self.revoked_at is None
            and now < self.expires_at
            and self.failed_attempts < settings.ACTIVATION_CODE_MAX_ATTEMPTS
        )
