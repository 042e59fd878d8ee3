"""Wagtail admin: "Ứng dụng kết nối xAPI" (Settings menu, superusers only).

An administrator issues credentials to a program that sends xAPI statements (external content,
a partner's app): a name, the account the statements are stored for, its scopes (the xAPI
1.0.3 OAuth scope names: write statements, read own or all, state, profiles …; none ticked means
the default: write statements and read its own), the xAPI version answering its requests that
name none (1.0.3 or 2.0.0) and an on/off switch (revoking).
Creating a client shows its secret once, on the page that answers the form (it is never
stored in readable form, nor put in a session or a message cookie); lost secrets are replaced
by creating a new client and switching the old one off.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.template import engines
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

import progress.h5p_admin  # noqa: F401 - registers its hooks (H5P activities it can't check)
from people.admin_forms import PersonChoiceField, person_label
from progress.models import ProfileThresholds, XapiClient
from progress.models.clients import DEFAULT_SCOPES, SCOPES
from progress.thresholds_admin import ThresholdsViewSet


class SuperuserPolicy(BasePermissionPolicy):
    """Every action for active superusers, none for anyone else."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser)

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


register_permission_policy(XapiClient, SuperuserPolicy(XapiClient), exact_class=True)


class XapiClientForm(WagtailAdminModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("Quyền"),
        choices=SCOPES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=DEFAULT_SCOPES,
        help_text=_(
            "Chỉ cấp những quyền ứng dụng thật sự cần. “Toàn quyền” bao gồm mọi quyền. Nếu không "
            "chọn quyền nào, ứng dụng được gửi bản ghi và đọc bản ghi do chính mình gửi."
        ),
    )

    class Meta:
        model = XapiClient
        fields = ["name", "user", "scopes", "default_version", "is_active"]
        field_classes = {"user": PersonChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.secret = None
        self.fields["user"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("full_name", "email", "pk")
        )
        self.fields["default_version"].required = False  # not sent: the model's default

    def clean_scopes(self):
        return self.cleaned_data.get("scopes") or list(DEFAULT_SCOPES)

    def clean_default_version(self):
        default = XapiClient._meta.get_field("default_version").get_default()
        return self.cleaned_data.get("default_version") or default

    def save(self, commit=True):
        if self.instance.pk is None:
            self.instance.created_by = self.for_user
            self.secret = self.instance.set_new_secret()
        return super().save(commit=commit)


SECRET_PAGE = engines["django"].from_string(
    """{% extends "wagtailadmin/generic/base.html" %}{% load wagtailadmin_tags %}
{% block main_content %}
<section aria-labelledby="xapi-secret-title">
  {% help_block status="warning" %}
    <h2 class="w-h3" id="xapi-secret-title">{{ texts.title }}</h2><p>{{ texts.once }}</p>
  {% endhelp_block %}
  <dl class="xapi-credentials">
    <dt>{{ texts.name }}</dt><dd>{{ client.name }}</dd>
    <dt>{{ texts.user }}</dt><dd>{{ user_label }}</dd>
    <dt>{{ texts.key }}</dt><dd><code data-xapi-key>{{ client.key }}</code></dd>
    <dt>{{ texts.secret }}</dt><dd><code data-xapi-secret>{{ secret }}</code></dd>
    <dt>{{ texts.endpoint }}</dt><dd><code>{{ endpoint }}</code></dd>
  </dl>
  <p><a class="button" href="{{ index_url }}">{{ texts.done }}</a></p>
</section>
{% endblock %}"""
)
# Kept here (not in the template string) so that makemessages finds them.
SECRET_TEXTS = {
    "title": _("Chép khóa bí mật ngay bây giờ"),
    "once": _(
        "Khóa bí mật chỉ hiện một lần, trên trang này. Hệ thống chỉ lưu dấu băm của khóa nên "
        "không xem lại được. Nếu mất, hãy tạo ứng dụng mới và tắt ứng dụng cũ."
    ),
    "name": _("Ứng dụng"),
    "user": _("Tài khoản liên kết"),
    "key": _("Mã ứng dụng (tên đăng nhập HTTP Basic)"),
    "secret": _("Khóa bí mật (mật khẩu HTTP Basic)"),
    "endpoint": _("Địa chỉ gửi bản ghi xAPI"),
    "done": _("Tôi đã chép khóa, quay lại danh sách"),
}


class XapiClientCreateView(CreateView):
    """Saves the client, then answers with the secret page instead of redirecting."""

    def save_action(self):
        context = self.get_context_data(
            texts=SECRET_TEXTS,
            client=self.object,
            secret=self.form.secret,
            user_label=person_label(self.object.user),
            endpoint=self.request.build_absolute_uri(reverse("progress:statements")),
            index_url=reverse(self.index_url_name),
        )
        return self.response_class(request=self.request, template=SECRET_PAGE, context=context)


def _when(attribute):
    def accessor(client):
        value = getattr(client, attribute)
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""

    return accessor


class XapiClientViewSet(ModelViewSet):
    model = XapiClient
    name = "xapi_clients"
    url_prefix = "xapi-clients"
    icon = "key"
    menu_label = _("Ứng dụng kết nối xAPI")
    add_to_settings_menu = True
    add_view_class = XapiClientCreateView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "name",
        Column("user", label=_("Tài khoản liên kết"), accessor=lambda c: person_label(c.user)),
        Column("key", label=_("Mã ứng dụng")),
        Column("scopes", label=_("Quyền"), accessor=lambda c: ", ".join(c.scopes or ())),
        BooleanColumn("is_active", label=_("Đang hoạt động")),
        Column("last_used_at", label=_("Dùng lần cuối"), accessor=_when("last_used_at")),
        Column("created_at", label=_("Tạo lúc"), accessor=_when("created_at")),
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "key"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return XapiClientForm

    def get_permissions_to_register(self):
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_xapi_clients():
    return XapiClientViewSet()


# "Ngưỡng năng lực số": thresholds of the T4 flags and indicator 5 (progress.thresholds_admin).

register_permission_policy(ProfileThresholds, SuperuserPolicy(ProfileThresholds), exact_class=True)


@hooks.register("register_admin_viewset")
def register_thresholds():
    return ThresholdsViewSet()
