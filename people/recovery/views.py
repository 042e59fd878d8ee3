"""Pages for forgotten passwords: the citizen's (choose a way, ask an SMS code, set a new
password with a code) and the officer's (issue a reset code for a person of the area)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.forms import PasswordResetCodeForm, ResetCodeIssueForm, ResetSmsRequestForm
from people.models import Profile
from people.notifications.sms import sms_gateway_enabled
from people.recovery.services import password_reset_with_code, reset_code_issue, reset_sms_request
from people.services import ActivationError
from people.validators import phone_display

SESSION_RESET_PHONE = "people.reset_phone"
SESSION_RESET_ISSUED = "people.issued_reset"


def _rate_limited(request, action: str, key=None):
    from allauth.core import ratelimit

    if ratelimit.consume(request, action=action, key=key):
        return None
    return render(request, "people/recovery/too_many.html", status=429)


def forgot(request):
    """Choose a way back in: SMS code (with a gateway), an officer's code, or email."""
    form = ResetSmsRequestForm(request.POST or None)
    gateway = sms_gateway_enabled()
    if request.method == "POST" and gateway and form.is_valid():
        phone = form.cleaned_data["phone"]
        limited = _rate_limited(request, "reset_password_sms", key=phone)
        if limited is not None:
            return limited
        reset_sms_request(phone=phone)
        request.session[SESSION_RESET_PHONE] = phone
        messages.info(
            request,
            _(
                "Nếu số điện thoại này có tài khoản, một mã đặt lại mật khẩu vừa được gửi tới. "
                "Hãy nhập mã dưới đây."
            ),
        )
        return redirect("people:password_reset_code")
    return render(request, "people/recovery/forgot.html", {"form": form, "gateway": gateway})


def reset_with_code(request):
    initial = {"phone": phone_display(request.session.get(SESSION_RESET_PHONE, ""))}
    form = PasswordResetCodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        limited = _rate_limited(request, "reset_password_code")
        if limited is not None:
            return limited
        try:
            password_reset_with_code(
                phone=form.cleaned_data["phone"],
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password1"],
            )
        except ActivationError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            request.session.pop(SESSION_RESET_PHONE, None)
            messages.success(
                request,
                _(
                    "Đã đặt mật khẩu mới. Các phiên đăng nhập khác của bạn đã kết thúc. "
                    "Hãy đăng nhập bằng mật khẩu mới."
                ),
            )
            return redirect("account_login")
    return render(request, "people/recovery/reset_with_code.html", {"form": form})


def _reset_target(request, pk):
    if not request.user.is_authenticated:
        return None, redirect(f"{reverse('account_login')}?next={request.path}")
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    return profile, None


@require_POST
def officer_issue(request, pk):
    profile, response = _reset_target(request, pk)
    if response is not None:
        return response
    form = ResetCodeIssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["identity_checked"][0])
        return redirect("people:person_detail", pk=pk)
    try:
        issued = reset_code_issue(user=profile.user, by=request.user, request=request)
    except PermissionDenied:
        raise Http404 from None
    request.session[SESSION_RESET_ISSUED] = {
        "name": issued.user.full_name,
        "phone": phone_display(issued.user.phone),
        "code": issued.code,
        "expires": issued.expires_at.isoformat(),
        "profile_id": profile.pk,
    }
    return redirect("people:reset_code_done")


def officer_done(request):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    issued = request.session.pop(SESSION_RESET_ISSUED, None)
    if not issued:
        messages.info(request, _("Mã đặt lại mật khẩu chỉ hiện một lần. Hãy cấp mã mới nếu cần."))
        return redirect("people:people_list")
    response = render(request, "people/recovery/officer_done.html", {"issued": issued})
    response["Cache-Control"] = "no-store"
    return response
