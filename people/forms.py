"""Forms for accounts, profiles, assisted registration and activation."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from people.adapters import VietnamesePhoneField
from people.models import Gender, OccupationGroup, Profile, UnitLevel
from people.selectors import unit_hamlet_choices
from people.validators import (
    citizen_id_birth_century_matches,
    citizen_id_normalise,
    validate_year_of_birth,
)


class HamletChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        parent = obj.parent
        if parent is not None and parent.level == UnitLevel.COMMUNE:
            return f"{obj} — {parent}"
        return str(obj)


class CitizenIdCheckMixin:
    """Normalise the citizen ID (spaces allowed) and check it against the year of birth."""

    def clean_citizen_id(self):
        return citizen_id_normalise(self.cleaned_data.get("citizen_id"))

    def clean(self):
        cleaned = super().clean()
        cid, year = cleaned.get("citizen_id"), cleaned.get("year_of_birth")
        if cid and year and not citizen_id_birth_century_matches(cid, year):
            self.add_error(
                "citizen_id", _("Số định danh không khớp với năm sinh. Hãy kiểm tra lại.")
            )
        return cleaned


class LoginForm(AllauthLoginForm):
    """allauth's log-in with our own Vietnamese wording (allauth's catalogue is incomplete)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Số điện thoại hoặc thư điện tử")
        login.widget.attrs.update({"placeholder": "0912 345 678", "autocomplete": "username"})
        password = self.fields["password"]
        password.label = _("Mật khẩu")
        password.help_text = ""
        password.widget.attrs.update({"placeholder": "", "autocomplete": "current-password"})
        if "remember" in self.fields:
            self.fields["remember"].label = _("Ghi nhớ đăng nhập trên máy này")


def _privacy_link() -> str:
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a>',
        reverse("people:privacy"),
        _("Đọc thông báo về xử lý dữ liệu cá nhân"),
    )


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with a full name; a phone number or an email address (one is enough);
    explicit consent to the privacy notice, recorded with its version (people.privacy)."""

    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "placeholder": _("Nguyễn Văn A")}),
    )
    consent = forms.BooleanField(
        label=_(
            "Tôi đã đọc thông báo về xử lý dữ liệu cá nhân và đồng ý cho Hội Khuyến học xử lý "
            "dữ liệu của tôi theo thông báo đó."
        ),
        error_messages={
            "required": _("Hãy đọc thông báo về xử lý dữ liệu cá nhân và đánh dấu đồng ý.")
        },
    )
    field_order = ["full_name", "phone", "email", "password1", "password2", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "email" in self.fields:
            self.fields["email"].required = False
            self.fields["email"].label = _("Thư điện tử")
            self.fields["email"].widget.attrs["placeholder"] = "ten@vidu.vn"
        if "phone" in self.fields:
            self.fields["phone"].required = False
            self.fields["phone"].label = _("Số điện thoại")
            self.fields["phone"].help_text = _(
                "Dùng số này để đăng nhập. Cần ít nhất số điện thoại hoặc thư điện tử."
            )

        self.fields["consent"].help_text = _privacy_link()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise ValidationError(
                _("Hãy nhập số điện thoại hoặc thư điện tử để đăng nhập sau này.")
            )
        return cleaned

    def save(self, request):
        """The account and the record of consent are written together or not at all."""
        from people.models import ConsentMethod
        from people.privacy import consent_record

        with transaction.atomic():
            user = super().save(request)
            if user is not None:
                consent_record(user=user, method=ConsentMethod.SELF)
        return user


class ProfileForm(CitizenIdCheckMixin, forms.ModelForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    # Longer than the 12 digits it keeps: people type IDs with spaces ("079 190 001 234").
    citizen_id = forms.CharField(
        label=_("Số định danh cá nhân (CCCD)"),
        required=False,
        max_length=20,
        help_text=_(
            "12 số trên thẻ căn cước, hoặc 9 số của chứng minh nhân dân cũ. Không bắt buộc."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Profile
        fields = ["year_of_birth", "gender", "occupation_group", "home_unit", "citizen_id"]
        field_classes = {"home_unit": HamletChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_unit"].queryset = unit_hamlet_choices()
        self.fields["occupation_group"].queryset = OccupationGroup.objects.filter(is_active=True)
        self.fields["citizen_id"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off"}
        )
        self.fields["year_of_birth"].widget.attrs.update({"inputmode": "numeric"})
        if self.instance and self.instance.pk:
            self.fields["full_name"].initial = self.instance.user.full_name
        self.order_fields(["full_name", *self.Meta.fields])


class AssistedRegistrationForm(CitizenIdCheckMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = VietnamesePhoneField(
        help_text=_("Người dân dùng số này và mã kích hoạt để tự đặt mật khẩu.")
    )
    home_unit = HamletChoiceField(label=_("Ấp, khu phố"), queryset=None)
    year_of_birth = forms.IntegerField(
        label=_("Năm sinh"), required=False, validators=[validate_year_of_birth]
    )
    gender = forms.ChoiceField(
        label=_("Giới tính"), choices=[("", "—"), *Gender.choices], required=False
    )
    occupation_group = forms.ModelChoiceField(
        label=_("Nhóm đối tượng"), queryset=OccupationGroup.objects.none(), required=False
    )
    citizen_id = forms.CharField(
        label=_("Số định danh cá nhân (CCCD)"),
        required=False,
        max_length=20,
        help_text=_("Không bắt buộc. Chỉ nhập khi người dân đồng ý."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    consent = forms.BooleanField(
        label=_(
            "Người dân đã được đọc (hoặc nghe tôi đọc) thông báo về xử lý dữ liệu cá nhân và "
            "đồng ý đăng ký."
        ),
        error_messages={
            "required": _(
                "Chỉ đăng ký hộ khi người dân đã nghe thông báo về xử lý dữ liệu cá nhân và "
                "đồng ý. Hãy xác nhận điều đó."
            )
        },
    )

    def __init__(self, *args, hamlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_unit"].queryset = (
            hamlets if hamlets is not None else unit_hamlet_choices()
        )
        self.fields["occupation_group"].queryset = OccupationGroup.objects.filter(is_active=True)
        self.fields["consent"].help_text = _privacy_link()


class _PasswordPairForm(forms.Form):
    password1 = forms.CharField(
        label=_("Mật khẩu mới"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("Hai lần nhập mật khẩu không giống nhau."))
        return cleaned


class ActivationForm(_PasswordPairForm):
    phone = VietnamesePhoneField()
    code = forms.CharField(
        label=_("Mã kích hoạt"),
        max_length=12,
        help_text=_("8 chữ số cán bộ đã đưa cho bạn."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    field_order = ["phone", "code", "password1", "password2"]


class ActivationByLinkForm(_PasswordPairForm):
    pass


class ResetSmsRequestForm(forms.Form):
    phone = VietnamesePhoneField(help_text=_("Số điện thoại bạn dùng để đăng nhập."))


class PasswordResetCodeForm(_PasswordPairForm):
    phone = VietnamesePhoneField()
    code = forms.CharField(
        label=_("Mã đặt lại mật khẩu"),
        max_length=12,
        help_text=_("Mã 8 chữ số cán bộ đã đưa cho bạn, hoặc mã 6 chữ số trong tin nhắn."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    field_order = ["phone", "code", "password1", "password2"]


class ResetCodeIssueForm(forms.Form):
    identity_checked = forms.BooleanField(
        label=_(
            "Tôi đã gặp trực tiếp người này và đối chiếu giấy tờ tùy thân (căn cước) với "
            "thông tin tài khoản."
        ),
        error_messages={
            "required": _("Hãy đối chiếu giấy tờ tùy thân của người dân trước khi cấp mã.")
        },
    )


class HamletImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách ấp, khu phố (.xlsx hoặc .csv)"),
        help_text=_(
            "Các cột: mã xã (hoặc tên xã), tên ấp/khu phố, loại (ấp hoặc khu phố), "
            "ngày bắt đầu (dd/mm/yyyy), mã (không bắt buộc)."
        ),
    )
