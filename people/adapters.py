"""allauth adapter: phone numbers live on our User model, normalised to +84."""

import logging
import secrets

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from people.auth_backends import user_cache_forget
from people.models import User
from people.notifications.sms import sms_send
from people.validators import phone_normalise
from people.work import work_landing_url

logger = logging.getLogger("people.sms")


class VietnamesePhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Số điện thoại"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "type": "tel",
                "inputmode": "tel",
                "autocomplete": "tel",
                "placeholder": "0912 345 678",
            }
        )

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        return phone_normalise(value)


class AccountAdapter(DefaultAccountAdapter):
    def phone_form_field(self, **kwargs):
        return VietnamesePhoneField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        try:
            return phone_normalise(phone)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error

    def set_phone(self, user, phone: str, verified: bool) -> None:
        user.phone = phone
        user.phone_verified = verified
        if user.pk:
            user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user):
        if user.phone:
            return user.phone, user.phone_verified
        return None

    def set_phone_verified(self, user, phone: str) -> None:
        User.objects.filter(pk=user.pk, phone=phone).update(phone_verified=True)
        user_cache_forget(user_id=user.pk)  # update() sends no signal

    def get_user_by_phone(self, phone: str):
        try:
            phone = phone_normalise(phone)
        except ValidationError:
            return None
        return User.objects.filter(phone=phone).order_by("pk").first()

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        # Through the one SMS interface: the log in development, the province's gateway when
        # SMS_BACKEND names one (phone verification is on only then).
        sms_send(
            phone=phone,
            text=_("Công dân học tập: mã xác minh số điện thoại của bạn là %(code)s.")
            % {"code": code},
        )

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        logger.info("SMS to unknown account %s suppressed", phone)

    def send_account_already_exists_sms(self, phone: str) -> None:
        logger.info("SMS 'account exists' to %s suppressed", phone)

    def get_login_redirect_url(self, request):
        """Where to go after logging in when no ``next`` says where the person was going:
        officers and trainers land on their work (people.work), everyone else on
        LOGIN_REDIRECT_URL (the citizen's learning page)."""
        return work_landing_url(user=request.user) or super().get_login_redirect_url(request)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data.get("full_name", "").strip()
        if not user.username:
            # allauth leaves Django's unique username empty (ACCOUNT_USER_MODEL_USERNAME_FIELD is
            # None): without one, the second sign-up would collide with the first on "".
            user.username = f"u{secrets.token_hex(6)}"
        if commit:
            user.save()
        return user
