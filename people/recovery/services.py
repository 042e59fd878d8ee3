"""Writes for password recovery. Codes reuse the activation machinery (people.services): only
hashes stored, short-lived, single use, a few tries; a new password ends every other session."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from people.models import CodePurpose, Role, RoleAssignment, User
from people.notifications.services import notification_send
from people.notifications.sms import sms_gateway_enabled
from people.permissions import user_can
from people.services import (
    IssuedActivation,
    access_log_record,
    activation_code_issue,
    code_redeem,
)
from people.validators import phone_normalise


def user_holds_power(user: User) -> bool:
    """Accounts an officer must not take over with a reset code they hand to themselves."""
    return (
        user.is_staff
        or user.is_superuser
        or RoleAssignment.objects.filter(user=user).exclude(role=Role.LEARNER).exists()
    )


def reset_code_issue(*, user: User, by: User, request=None) -> IssuedActivation:
    """An officer of ``user``'s area issues a one-time reset code (8 digits) to hand over in
    person, after checking the person's identity papers. Logged in the access log; the person
    is told (inbox, email, SMS) that a code was issued, never the code itself.

    Raises PermissionDenied when ``by`` may not do this for ``user`` (out of their area, or
    ``user`` is an officer, editor or administrator: only a superuser resets those).
    """
    allowed = user_can(user=by, action="people.reset_password", obj=user) and (
        by.is_superuser or not user_holds_power(user)
    )
    if not allowed:
        access_log_record(
            actor=by, action="issue_reset_code", subject=user, allowed=False, request=request
        )
        raise PermissionDenied(_("Bạn không có quyền cấp mã đặt lại mật khẩu cho người này."))
    with transaction.atomic():
        issued = activation_code_issue(user=user, by=by, purpose=CodePurpose.RESET)
        access_log_record(actor=by, action="issue_reset_code", subject=user, request=request)
        at = formats.date_format(timezone.localtime(), "d/m/Y H:i")
        notification_send(
            user=user,
            kind="reset_code_issued",
            key=f"reset-code-issued:{user.pk}:{issued.token[:16]}",
            title=_("Cán bộ đã cấp mã đặt lại mật khẩu cho tài khoản của bạn"),
            body=_(
                "Lúc %(at)s, cán bộ %(officer)s đã cấp mã đặt lại mật khẩu cho tài khoản của "
                "bạn. Nếu không phải bạn yêu cầu, hãy báo ngay cho Hội Khuyến học xã."
            )
            % {"at": at, "officer": by.get_full_name()},
            sms_text=_(
                "Công dân học tập: lúc %(at)s, cán bộ đã cấp mã đặt lại mật khẩu cho tài khoản "
                "của bạn. Nếu không phải bạn yêu cầu, hãy báo ngay cho Hội Khuyến học xã."
            )
            % {"at": at},
        )
    return issued


def reset_sms_request(*, phone: str) -> bool:
    """Send a 6-digit reset code by SMS to ``phone`` if an active account has it and a gateway
    exists. Returns whether a code was sent; callers answer the same either way (no one learns
    which numbers have accounts). Rate limits are the caller's (per IP and per phone).
    Raises ValidationError for a malformed phone number.
    """
    phone = phone_normalise(phone)
    if not sms_gateway_enabled():
        return False
    user = User.objects.filter(phone=phone, is_active=True).first()
    if user is None:
        return False
    with transaction.atomic():
        issued = activation_code_issue(user=user, by=None, purpose=CodePurpose.RESET_SMS)
        notification_send(
            user=user,
            kind="reset_code_sms",
            key=f"reset-code-sms:{user.pk}:{issued.token[:16]}",
            title=_("Mã đặt lại mật khẩu đã được gửi qua tin nhắn"),
            body=_(
                "Một mã đặt lại mật khẩu đã được gửi tới số điện thoại của bạn. Nếu không phải "
                "bạn yêu cầu, hãy bỏ qua tin nhắn đó và không đưa mã cho ai."
            ),
            email=False,
            sms_text=_(
                "Công dân học tập: mã đặt lại mật khẩu của bạn là %(code)s, dùng được trong "
                "%(minutes)s phút. Không đưa mã này cho bất kỳ ai."
            )
            % {"code": issued.code, "minutes": settings.RESET_SMS_CODE_TTL_MINUTES},
        )
    return True


def password_reset_with_code(*, phone: str, code: str, password: str) -> User:
    """Set a new password with a reset code (an officer's or an SMS one). Every other session
    of the person ends (the session hash changes with the password).

    Raises people.services.ActivationError (wrong, expired or exhausted code; each wrong try
    counts) and ValidationError (password rules).
    """
    if not password:
        raise ValidationError(_("Hãy nhập mật khẩu mới."))
    return code_redeem(
        phone=phone,
        code=code,
        password=password,
        purposes=(CodePurpose.RESET, CodePurpose.RESET_SMS),
        wrong=_("Số điện thoại hoặc mã đặt lại mật khẩu không đúng. Hãy kiểm tra lại."),
        spent=_(
            "Mã đặt lại mật khẩu đã hết hạn hoặc bị khóa vì nhập sai nhiều lần. Hãy xin mã mới."
        ),
    )
