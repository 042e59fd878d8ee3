"""Wagtail admin: certificate templates (administrators), and menu entries in the
"Công dân học tập" group for them and for the issued-certificates pages.

Registered through hooks by ``certificates.issuing.receivers``; this module is imported only
when the admin builds its view sets, never at start-up.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.permissions import register_permission_policy

from certificates.issuing import permissions as perms
from certificates.models import CertificateTemplate
from people.admin_views import PeopleActionPolicy, ScopedModelViewSet
from people.permissions import user_can

register_permission_policy(
    CertificateTemplate,
    # A commune's own template belongs to the commune; one without a commune serves them all.
    PeopleActionPolicy(CertificateTemplate, action=perms.MANAGE_TEMPLATES, scope="commune"),
    exact_class=True,
)


class CertificateTemplateViewSet(ScopedModelViewSet):
    model = CertificateTemplate
    name = "certificates_templates"
    url_prefix = "cong-dan-hoc-tap/mau-giay-chung-nhan"
    icon = "doc-full"
    menu_label = gettext_lazy("Mẫu giấy chứng nhận")
    add_to_admin_menu = False
    copy_view_enabled = True  # a new commune's template starts from another's
    list_display = [
        "name",
        Column("kind", label=gettext_lazy("Loại giấy"), accessor="get_kind_display"),
        Column(
            "commune",
            label=gettext_lazy("Xã, phường"),
            accessor=lambda t: t.commune or gettext_lazy("Mọi xã"),
        ),
        BooleanColumn("is_active", label=gettext_lazy("Đang dùng")),
        "updated_at",
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "issuing_body"]
    search_backend_name = None
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("commune")]),
                FieldPanel("is_active"),
            ],
            heading=gettext_lazy("Mẫu"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("issuing_body"),
                FieldPanel("heading"),
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("signer_title"), FieldPanel("signer_name")]),
            ],
            heading=gettext_lazy("Nội dung"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("seal_image"), FieldPanel("signature_image")]),
                FieldPanel("background_image"),
                FieldRowPanel([FieldPanel("border_color"), FieldPanel("accent_color")]),
            ],
            heading=gettext_lazy("Hình ảnh và màu"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("show_birth_year"), FieldPanel("show_address")]),
                FieldRowPanel([FieldPanel("show_cycle_year"), FieldPanel("show_decision")]),
                FieldRowPanel([FieldPanel("show_register_number"), FieldPanel("show_qr")]),
                FieldRowPanel([FieldPanel("show_seal"), FieldPanel("show_signature")]),
            ],
            heading=gettext_lazy("Thông tin in trên giấy"),
        ),
    ]


class ActionMenuItem(MenuItem):
    """Shown to people who may do ``action`` somewhere (people.permissions decides)."""

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def is_shown(self, request):
        return user_can(user=request.user, action=self.action)


MENU = [  # (label, url name, icon, order, action)
    (gettext_lazy("Giấy chứng nhận đã cấp"), "issued:officer_decisions", "doc-full-inverse", 320,
     perms.VIEW_ISSUED),
    (gettext_lazy("Mẫu giấy chứng nhận"), "certificates_templates:index", "doc-full", 600,
     perms.MANAGE_TEMPLATES),
]  # fmt: skip


def menu_item(index: int) -> ActionMenuItem:
    label, url_name, icon, order, action = MENU[index]
    return ActionMenuItem(
        label,
        reverse(url_name),
        name=url_name.replace(":", "_"),
        icon_name=icon,
        order=order,
        action=action,
    )
