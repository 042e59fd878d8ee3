"""Forms and list filters for the people screens in the Wagtail admin.

Forms receive ``for_user`` from Wagtail (``WagtailAdminModelForm``); place choices are narrowed
to the units that user may manage, and every save is checked against the same scope. User
choices never show a phone number.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm

from people.models import (
    AccessLog,
    AdministrativeUnit,
    Organisation,
    Profile,
    Role,
    RoleAssignment,
    UnitLevel,
    UnitSuccession,
    User,
)
from people.permissions import units_visible_to, user_can
from people.selectors import unit_hamlet_choices
from people.validators import citizen_id_birth_century_matches, citizen_id_normalise


def person_label(user: User | None) -> str:
    """How the admin names a person: full name, else email, else an account number; never the
    phone number."""
    if user is None:
        return ""
    return user.full_name or user.email or _("Tài khoản số %(pk)s") % {"pk": user.pk}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        label = person_label(obj)
        return f"{label} ({obj.email})" if obj.full_name and obj.email else label


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        parent = obj.parent
        return f"{obj} — {parent}" if parent is not None else str(obj)


class _ScopedForm(WagtailAdminModelForm):
    """Narrows ``scoped_fields`` (unit choices) to the user's scope for ``people_action``."""

    people_action = "people.manage_units"
    scoped_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        for name in self.scoped_fields:
            field = self.fields.get(name)
            if field is not None and user is not None:
                field.queryset = units_visible_to(user=user, action=self.people_action).order_by(
                    "level", "name"
                )

    def _check_scope(self, name: str) -> None:
        unit = self.cleaned_data.get(name)
        user = self.for_user
        if (
            unit is not None
            and user is not None
            and not user_can(user=user, action=self.people_action, unit=unit)
        ):
            self.add_error(name, _("Bạn không có quyền ở địa bàn này."))


class AdministrativeUnitForm(_ScopedForm):
    scoped_fields = ("parent",)

    class Meta:
        model = AdministrativeUnit
        fields = [
            "name", "kind", "level", "code", "parent", "valid_from", "valid_to",
            "is_sample", "is_remote", "notes",
        ]  # fmt: skip
        field_classes = {"parent": UnitChoiceField}

    def clean(self):
        cleaned = super().clean()
        parent, level = cleaned.get("parent"), cleaned.get("level")
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
        if parent is not None and level and parent.level >= level:
            self.add_error("parent", _("Đơn vị cấp trên phải ở cấp cao hơn đơn vị này."))
        if parent is not None and self.instance.pk and parent.path.startswith(self.instance.path):
            self.add_error("parent", _("Không thể đặt đơn vị vào chính nó hoặc đơn vị con của nó."))
        if parent is None and level and level > UnitLevel.CITY:
            self.add_error("parent", _("Hãy chọn đơn vị cấp trên."))
        self._check_scope("parent")
        code = cleaned.get("code")
        if code:
            clash = AdministrativeUnit.objects.filter(code=code, valid_from=start)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "code",
                    _("Đã có đơn vị mang mã này với cùng ngày bắt đầu hiệu lực. Mã chỉ được "
                      "dùng lại khi ngày bắt đầu hiệu lực khác."),
                )  # fmt: skip
        # A field with an error here is left out of the model's own constraint checks, so the
        # plain-words message above is the only one shown.
        return cleaned


class UnitSuccessionForm(_ScopedForm):
    scoped_fields = ("predecessor", "successor")

    class Meta:
        model = UnitSuccession
        fields = ["predecessor", "successor", "effective_date", "legal_basis", "share_note"]
        field_classes = {"predecessor": UnitChoiceField, "successor": UnitChoiceField}

    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("predecessor"), cleaned.get("successor")
        if old is not None and old == new:
            self.add_error("successor", _("Đơn vị mới phải khác đơn vị cũ."))
        self._check_scope("successor")
        return cleaned


class OrganisationForm(_ScopedForm):
    scoped_fields = ("unit",)

    class Meta:
        model = Organisation
        fields = ["name", "kind", "unit", "parent", "is_active"]
        field_classes = {"unit": UnitChoiceField}

    def clean(self):
        cleaned = super().clean()
        self._check_scope("unit")
        return cleaned


class RoleAssignmentForm(_ScopedForm):
    people_action = "people.manage_roles"
    scoped_fields = ("unit",)

    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "unit", "organisation", "valid_until"]
        field_classes = {"user": PersonChoiceField, "unit": UnitChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by(
            "full_name", "email", "pk"
        )

    def clean(self):
        cleaned = super().clean()
        self._check_scope("unit")
        granting_self = cleaned.get("user") is not None and cleaned.get("user") == self.for_user
        if (
            granting_self
            and cleaned.get("role") == Role.ADMINISTRATOR
            and not (self.for_user.is_superuser)
        ):
            self.add_error("user", _("Bạn không thể tự cấp quyền quản trị cho mình."))
        return cleaned

    def save(self, commit=True):
        if self.instance.pk is None and self.for_user is not None:
            self.instance.granted_by = self.for_user
            self.instance.granted_at = timezone.now()
        return super().save(commit=commit)


class ProfileAdminForm(WagtailAdminModelForm):
    """Edit a profile. The stored citizen ID is never put back into the page: the box stays
    empty (leave it empty to keep the number), and the masked number is shown as help."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    clear_citizen_id = forms.BooleanField(label=_("Xóa số định danh đã lưu"), required=False)

    class Meta:
        model = Profile
        fields = ["year_of_birth", "gender", "occupation_group", "home_unit", "citizen_id"]
        field_classes = {"home_unit": UnitChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_unit"].queryset = unit_hamlet_choices()
        self.fields["full_name"].initial = self.instance.user.full_name if self.instance.pk else ""
        field = self.fields["citizen_id"]
        field.widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        self.initial["citizen_id"] = ""
        if self.instance.citizen_id:
            field.help_text = _("Đang lưu: %(masked)s. Để trống nếu không đổi.") % {
                "masked": self.instance.citizen_id_masked
            }
        else:
            del self.fields["clear_citizen_id"]
        self.order_fields(["full_name", *self.Meta.fields, "clear_citizen_id"])

    def clean_citizen_id(self):
        value = citizen_id_normalise(self.cleaned_data.get("citizen_id"))
        if value is None and not self.data.get(self.add_prefix("clear_citizen_id")):
            return self.instance.citizen_id
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("clear_citizen_id"):
            cleaned["citizen_id"] = None
        cid, year = cleaned.get("citizen_id"), cleaned.get("year_of_birth")
        if cid and year and not citizen_id_birth_century_matches(cid, year):
            self.add_error(
                "citizen_id", _("Số định danh không khớp với năm sinh. Hãy kiểm tra lại.")
            )
        return cleaned


# --- List filters ------------------------------------------------------------------------------


class AdministrativeUnitFilterSet(WagtailFilterSet):
    validity = django_filters.ChoiceFilter(
        label=_("Hiệu lực"),
        choices=[
            ("current", _("Đang có hiệu lực")),
            ("ended", _("Đã hết hiệu lực")),
            ("future", _("Chưa có hiệu lực")),
        ],
        method="filter_validity",
        widget=forms.RadioSelect,
        empty_label=_("Tất cả"),
    )

    class Meta:
        model = AdministrativeUnit
        fields = ["level", "validity", "is_sample"]

    def filter_validity(self, queryset, name, value):
        today = timezone.localdate()
        started = Q(valid_from__isnull=True) | Q(valid_from__lte=today)
        not_ended = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
        if value == "current":
            return queryset.filter(started, not_ended)
        if value == "ended":
            return queryset.filter(valid_to__lt=today)
        if value == "future":
            return queryset.filter(valid_from__gt=today)
        return queryset


class AccessLogFilterSet(WagtailFilterSet):
    class Meta:
        model = AccessLog
        fields = ["allowed", "action"]
