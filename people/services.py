"""Writes about people: assisted registration, activation, roles, profiles, access log.

Keyword-only functions named ``<entity>_<action>``; each states its contract.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import (
    AccessLog,
    ActivationCode,
    AdministrativeUnit,
    CodePurpose,
    ConsentMethod,
    Profile,
    Role,
    RoleAssignment,
    User,
)
from people.permissions import user_can
from people.privacy import consent_record
from people.validators import citizen_id_normalise, phone_normalise


class ActivationError(Exception):
    """Activation failed; ``str(error)`` is a message for the citizen, in their language."""


def _hash(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def access_log_record(
    *, actor, action: str, subject=None, allowed: bool = True, request=None, detail: str = ""
) -> AccessLog:
    """Append one line to the personal-data access log (never raises for a missing request)."""
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    return AccessLog.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        subject=subject,
        allowed=allowed,
        ip_address=ip,
        detail=detail[:255],
    )


@dataclass(frozen=True)
class IssuedActivation:
    user: User
    code: str  # shown once to the officer, never stored in clear
    token: str  # for the activation link, never stored in clear
    expires_at: object


# Codes an officer hands over (activation, reset) replace each other; SMS codes replace SMS codes.
_CODE_FAMILIES = {
    CodePurpose.ACTIVATION: (CodePurpose.ACTIVATION, CodePurpose.RESET),
    CodePurpose.RESET: (CodePurpose.ACTIVATION, CodePurpose.RESET),
    CodePurpose.RESET_SMS: (CodePurpose.RESET_SMS,),
}


def _code_lifetime(purpose: str) -> timedelta:
    if purpose == CodePurpose.RESET:
        return timedelta(hours=settings.RESET_CODE_TTL_HOURS)
    if purpose == CodePurpose.RESET_SMS:
        return timedelta(minutes=settings.RESET_SMS_CODE_TTL_MINUTES)
    return timedelta(hours=settings.ACTIVATION_CODE_TTL_HOURS)


def activation_code_issue(
    *, user: User, by: User | None, purpose: str = CodePurpose.ACTIVATION
) -> IssuedActivation:
    """Issue a fresh one-time code and link token for ``user``; older codes of the same family
    (officer codes, or SMS codes) stop working. ``purpose``: activation (8 digits, a link too),
    an officer's reset code (8 digits) or an SMS reset code (6 digits, minutes long).

    Returns the clear code and token (to print or send once). Raises nothing.
    """
    digits = 6 if purpose == CodePurpose.RESET_SMS else 8
    code = f"{secrets.randbelow(10**digits):0{digits}d}"
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    expires = now + _code_lifetime(purpose)
    with transaction.atomic():
        ActivationCode.objects.filter(
            user=user,
            purpose__in=_CODE_FAMILIES[purpose],
            used_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=now)
        ActivationCode.objects.create(
            user=user,
            purpose=purpose,
            code_hash=_hash(f"{user.pk}:{code}"),
            token_hash=_hash(f"token:{token}"),
            created_by=by,
            expires_at=expires,
        )
    return IssuedActivation(user=user, code=code, token=token, expires_at=expires)


def _activation_notify(*, user: User, by: User, issued: IssuedActivation) -> None:
    """Tell the person an account was made for them (never the code: the officer hands it over;
    an SMS reaching a mistyped number must not let a stranger in)."""
    from people.notifications.services import notification_send

    notification_send(
        user=user,
        kind="activation_code_issued",
        key=f"activation-code-issued:{user.pk}:{issued.token[:16]}",
        title=_("Cán bộ đã đăng ký tài khoản Công dân học tập cho bạn"),
        body=_(
            "Cán bộ %(officer)s đã đăng ký tài khoản cho bạn và cấp một mã kích hoạt. Hãy dùng "
            "mã cán bộ đưa tận tay để tự đặt mật khẩu."
        )
        % {"officer": by.get_full_name()},
        sms_text=_(
            "Công dân học tập: cán bộ đã đăng ký tài khoản cho bạn. Hãy dùng mã kích hoạt cán "
            "bộ đưa tận tay để tự đặt mật khẩu. Nếu bạn không yêu cầu, hãy báo Hội Khuyến học "
            "xã."
        ),
    )


def user_register_assisted(
    *,
    by: User,
    full_name: str,
    phone: str,
    home_unit: AdministrativeUnit,
    email: str = "",
    year_of_birth: int | None = None,
    gender: str = "",
    citizen_id: str | None = None,
    occupation_group=None,
    consent: bool = False,
    request=None,
) -> IssuedActivation:
    """An officer creates an account for a citizen of their area (no password is ever set).

    ``consent``: the officer confirms the citizen heard the privacy notice and agreed; it is
    recorded with the notice's version and the officer (people.privacy).
    Raises PermissionDenied if ``by`` may not register people in ``home_unit``, and
    ValidationError (Vietnamese message) without consent or when the phone or ID already
    belongs to someone. The account, profile, consent and code are written together or not at
    all.
    """
    if not user_can(user=by, action="people.register_assisted", unit=home_unit):
        access_log_record(
            actor=by, action="register_assisted", allowed=False, request=request,
            detail=f"unit={home_unit.pk}",
        )  # fmt: skip
        raise PermissionDenied(_("Bạn không có quyền đăng ký hộ cho người dân ở địa bàn này."))
    if not consent:
        raise ValidationError(
            {
                "consent": _(
                    "Chỉ đăng ký hộ khi người dân đã nghe thông báo về xử lý dữ liệu cá nhân và "
                    "đồng ý. Hãy xác nhận điều đó."
                )
            }
        )
    phone = phone_normalise(phone)
    citizen_id = citizen_id_normalise(citizen_id)
    if User.objects.filter(phone=phone).exists():
        raise ValidationError(
            {"phone": _("Số điện thoại này đã có tài khoản. Hãy tìm người đó trong danh sách.")}
        )
    if citizen_id and Profile.objects.filter(citizen_id=citizen_id).exists():
        raise ValidationError({"citizen_id": _("Số định danh này đã có trong hệ thống.")})
    try:
        with transaction.atomic():
            user = User(full_name=full_name.strip(), phone=phone, email=(email or "").strip())
            user.username = f"u{secrets.token_hex(6)}"
            user.set_unusable_password()
            user.save()
            Profile.objects.create(
                user=user,
                home_unit=home_unit,
                year_of_birth=year_of_birth,
                gender=gender or "",
                citizen_id=citizen_id,
                occupation_group=occupation_group,
                registered_by=by,
            )
            consent_record(user=user, method=ConsentMethod.ASSISTED, recorded_by=by)
            issued = activation_code_issue(user=user, by=by)
            access_log_record(actor=by, action="register_assisted", subject=user, request=request)
            _activation_notify(user=user, by=by, issued=issued)
    except IntegrityError as error:  # a double click or a race on the same phone
        raise ValidationError(
            {"phone": _("Số điện thoại này vừa được đăng ký. Hãy tải lại danh sách.")}
        ) from error
    return issued


def _activation_finish(*, activation: ActivationCode, password: str) -> User:
    user = activation.user
    from django.contrib.auth.password_validation import validate_password

    validate_password(password, user=user)
    user.set_password(password)
    fields = ["password"]
    if activation.purpose == CodePurpose.ACTIVATION:
        user.is_active = True
        fields.append("is_active")
    if activation.purpose == CodePurpose.RESET_SMS and not user.phone_verified:
        user.phone_verified = True  # the code reached this phone
        fields.append("phone_verified")
    # A new password changes the session hash: every other session of this person ends.
    user.save(update_fields=fields)
    now = timezone.now()
    activation.used_at = now
    activation.save(update_fields=["used_at"])
    ActivationCode.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    return user


def code_redeem(
    *, phone: str, code: str, password: str, purposes: tuple[str, ...], wrong: str, spent: str
) -> User:
    """Spend a one-time code of one of ``purposes`` given with its phone number, and set
    ``password``. The newest live code of each purpose is tried; each wrong try counts against
    all of them. Raises ActivationError(``wrong``) for a wrong phone or code,
    ActivationError(``spent``) for an expired or exhausted one, ValidationError (password
    rules). Nothing is written but the count of wrong tries when it raises.
    """
    try:
        phone = phone_normalise(phone)
    except ValidationError as error:
        raise ActivationError(error.messages[0]) from error
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    with transaction.atomic():
        user = User.objects.filter(phone=phone).first()
        if user is None:
            raise ActivationError(wrong)
        live = ActivationCode.objects.select_for_update().filter(
            user=user, purpose__in=purposes, used_at__isnull=True, revoked_at__isnull=True
        )
        candidates = {}
        for activation in live.order_by("-created_at"):
            candidates.setdefault(activation.purpose, activation)
        if not candidates:
            raise ActivationError(wrong)
        usable = [a for a in candidates.values() if a.is_usable()]
        if not usable:
            raise ActivationError(spent)
        expected = _hash(f"{user.pk}:{code}")
        for activation in usable:
            if hmac.compare_digest(activation.code_hash, expected):
                return _activation_finish(activation=activation, password=password)
        # Count the wrong try and let the transaction commit: raising inside the atomic block
        # would roll the count back, and the attempt limit would never be reached.
        ActivationCode.objects.filter(pk__in=[a.pk for a in usable]).update(
            failed_attempts=F("failed_attempts") + 1
        )
    raise ActivationError(wrong)


def account_activate(*, phone: str, code: str, password: str) -> User:
    """Activate an assisted account with the phone number and the one-time code.

    Raises ActivationError for a wrong, used, expired or exhausted code (each wrong try counts),
    ValidationError (password rules, phone format). Safe to retry: a spent code never works again.
    """
    return code_redeem(
        phone=phone,
        code=code,
        password=password,
        purposes=(CodePurpose.ACTIVATION,),
        wrong=_("Số điện thoại hoặc mã kích hoạt không đúng. Hãy kiểm tra lại."),
        spent=_("Mã kích hoạt đã hết hạn hoặc bị khóa. Hãy nhờ cán bộ cấp mã mới."),
    )


def activation_by_token(*, token: str) -> ActivationCode | None:
    return (
        ActivationCode.objects.select_related("user")
        .filter(token_hash=_hash(f"token:{token}"), purpose=CodePurpose.ACTIVATION)
        .first()
    )


def account_activate_by_token(*, token: str, password: str) -> User:
    """Activate through the link an officer printed or sent. Same guarantees as above."""
    with transaction.atomic():
        activation = (
            ActivationCode.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=_hash(f"token:{token}"), purpose=CodePurpose.ACTIVATION)
            .first()
        )
        if activation is None or not activation.is_usable():
            raise ActivationError(
                _("Đường dẫn kích hoạt không còn dùng được. Hãy nhờ cán bộ cấp mã mới.")
            )
        return _activation_finish(activation=activation, password=password)


def role_assign(
    *, user: User, role: str, unit: AdministrativeUnit, by: User | None, organisation=None
) -> RoleAssignment:
    """Give ``user`` a role over ``unit``'s subtree (idempotent). ``by`` must be allowed to
    manage roles there (None only for system tasks such as the demo loader)."""
    if by is not None and not user_can(user=by, action="people.manage_roles", unit=unit):
        raise PermissionDenied(_("Bạn không có quyền phân quyền ở địa bàn này."))
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        unit=unit,
        defaults={"organisation": organisation, "granted_by": by},
    )
    _admin_access_sync(user=user)
    return assignment


# Roles that work in the Wagtail admin, and the Wagtail group that gives them its screens.
ADMIN_GROUPS = {
    Role.EDITOR: "Editors",
    Role.ADMINISTRATOR: "Moderators",
    # Admin access only (certificates/migrations/0003_officers_group): the review lists.
    Role.BRANCH_OFFICER: "Officers",
    Role.COMMUNE_OFFICER: "Officers",
    Role.COMMUNE_APPROVER: "Officers",
    # Trainers manage their classes there (cohorts); every screen is scoped by its own action.
    Role.TRAINER: "Officers",
}


def _admin_access_sync(*, user: User) -> None:
    """Give a user Wagtail admin access (staff + the matching group) while they hold a role
    that works there; a role's removal is handled by the admin that removes it."""
    from django.contrib.auth.models import Group

    roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    names = [name for role, name in ADMIN_GROUPS.items() if role in roles]
    if not names:
        return
    user.groups.add(*Group.objects.filter(name__in=names))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


def profile_update(*, profile: Profile, by: User, request=None, **fields) -> Profile:
    """Update a profile as its owner or as an officer allowed to edit people there."""
    if by.pk != profile.user_id and not user_can(user=by, action="people.edit_person", obj=profile):
        raise PermissionDenied(_("Bạn không có quyền sửa thông tin người này."))
    user_fields = {}
    for name in ("full_name", "email"):
        if name in fields:
            user_fields[name] = fields.pop(name)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.full_clean(exclude=["user"])
        profile.save()
        if user_fields:
            for name, value in user_fields.items():
                setattr(profile.user, name, value)
            profile.user.save(update_fields=list(user_fields))
        if by.pk != profile.user_id:
            access_log_record(actor=by, action="edit_person", subject=profile.user, request=request)
    return profile
