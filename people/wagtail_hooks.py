"""The people screens in the Wagtail admin, grouped under "Người dùng và địa bàn".

Places (units, successions, organisations, occupation groups, hamlet import) need
``people.manage_units``; roles, profiles and the personal-data access log need
``people.manage_roles``. Superusers pass both. Editors see none of it: the menu group hides
itself when none of its screens is open to the user, and the views refuse direct URLs.
Wagtail's own model permissions are not used (nothing to tick in Groups).
"""

from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from people.admin_forms import (
    AccessLogFilterSet,
    AdministrativeUnitFilterSet,
    AdministrativeUnitForm,
    OrganisationForm,
    ProfileAdminForm,
    RoleAssignmentForm,
    UnitSuccessionForm,
    person_label,
)
from people.admin_views import (
    AccessLogPolicy,
    HamletImportView,
    PeopleActionPolicy,
    ProfileEditView,
    ScopedModelViewSet,
    hamlet_import_template,
)
from people.auth_backends import users_cache_forget
from people.models import (
    AccessLog,
    AdministrativeUnit,
    OccupationGroup,
    Organisation,
    Profile,
    RoleAssignment,
    UnitSuccession,
)
from people.permissions import user_can
from people.work import work_queues_for

# Policies first: Wagtail refuses a custom policy once it has handed out its fallback one.
POLICIES = {
    AdministrativeUnit: PeopleActionPolicy(
        AdministrativeUnit, action="people.manage_units", scope="self"
    ),
    UnitSuccession: PeopleActionPolicy(
        UnitSuccession, action="people.manage_units", scope="successor"
    ),
    Organisation: PeopleActionPolicy(Organisation, action="people.manage_units", scope="unit"),
    OccupationGroup: PeopleActionPolicy(OccupationGroup, action="people.manage_units"),
    RoleAssignment: PeopleActionPolicy(RoleAssignment, action="people.manage_roles", scope="unit"),
    # Profiles are made by sign-up and assisted registration, never here; no add, no delete.
    Profile: PeopleActionPolicy(
        Profile, action="people.manage_roles", scope="home_unit", actions={"change", "view"}
    ),
    # The access log is evidence: it can be read, never written or removed from the admin.
    AccessLog: AccessLogPolicy(AccessLog, action="people.manage_roles", actions={"view"}),
}
for _model, _policy in POLICIES.items():
    register_permission_policy(_model, _policy, exact_class=True)


def _label(model, field_name):
    return capfirst(model._meta.get_field(field_name).verbose_name)


def _day(attribute):
    def accessor(instance):
        value = getattr(instance, attribute)
        return value.strftime("%d/%m/%Y") if value else ""

    return accessor


def _person_of(attribute):
    def accessor(instance):
        return person_label(getattr(instance, attribute))

    return accessor


class PeopleModelViewSet(ScopedModelViewSet):
    """Shared set-up: every view scoped (ScopedModelViewSet), our forms. No Wagtail reference
    index: it would add work to every save (a hamlet import saves thousands of units)."""

    admin_form_class = None
    #: A callable (wrapped in staticmethod) naming a row in the linked first column.
    title_accessor = None
    #: The linked first column's heading, if not the field's verbose name.
    title_label = None

    def get_form_class(self, for_update=False):
        return self.admin_form_class

    def get_index_view_kwargs(self, **kwargs):
        view_kwargs = super().get_index_view_kwargs(**kwargs)
        if self.title_accessor is not None:
            view_kwargs["title_accessor"] = self.title_accessor
        if self.title_label is not None:
            view_kwargs["title_label"] = self.title_label
        return view_kwargs


class AdministrativeUnitViewSet(PeopleModelViewSet):
    model = AdministrativeUnit
    name = "people_units"
    url_prefix = "people/units"
    icon = "site"
    menu_label = _("Đơn vị hành chính")
    admin_form_class = AdministrativeUnitForm
    list_display = [
        "name",
        "kind",
        "level",
        "code",
        Column(
            "valid_from", label=_("Hiệu lực từ"), accessor=_day("valid_from"), sort_key="valid_from"
        ),
        Column("valid_to", label=_("Hiệu lực đến"), accessor=_day("valid_to"), sort_key="valid_to"),
        Column("parent", label=_("Thuộc đơn vị")),
        Column(
            "is_sample",
            label=_label(AdministrativeUnit, "is_sample"),
            accessor=lambda u: _("Mẫu") if u.is_sample else "",
        ),
    ]
    filterset_class = AdministrativeUnitFilterSet
    search_fields = ["name", "code"]
    search_backend_name = None
    ordering = ["level", "name"]
    list_per_page = 50


class UnitSuccessionViewSet(PeopleModelViewSet):
    model = UnitSuccession
    name = "people_successions"
    url_prefix = "people/successions"
    icon = "arrow-right-full"
    menu_label = _("Sắp xếp đơn vị (cũ → mới)")
    admin_form_class = UnitSuccessionForm
    list_display = ["predecessor", "successor", "effective_date", "legal_basis"]
    list_filter = ["effective_date"]
    search_fields = ["predecessor__name", "successor__name", "legal_basis"]
    search_backend_name = None
    ordering = ["successor__name", "predecessor__name"]


class OrganisationViewSet(PeopleModelViewSet):
    model = Organisation
    name = "people_organisations"
    url_prefix = "people/organisations"
    icon = "group"
    menu_label = _("Tổ chức")
    admin_form_class = OrganisationForm
    list_display = [
        "name",
        "kind",
        "unit",
        "parent",
        BooleanColumn("is_active", label=_label(Organisation, "is_active")),
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "unit__name"]
    search_backend_name = None


class RoleAssignmentViewSet(PeopleModelViewSet):
    model = RoleAssignment
    name = "people_roles"
    url_prefix = "people/roles"
    icon = "key"
    menu_label = _("Phân quyền")
    admin_form_class = RoleAssignmentForm
    title_accessor = staticmethod(_person_of("user"))
    list_display = [
        "user",
        "role",
        "unit",
        "organisation",
        "valid_until",
        Column("granted_by", label=_("Người cấp quyền"), accessor=_person_of("granted_by")),
    ]
    list_filter = ["role"]
    search_fields = ["user__full_name", "user__email", "unit__name"]
    search_backend_name = None
    ordering = ["user__full_name", "role"]


class OccupationGroupViewSet(PeopleModelViewSet):
    model = OccupationGroup
    name = "people_occupation_groups"
    url_prefix = "people/occupation-groups"
    icon = "tag"
    menu_label = _("Nhóm đối tượng")
    form_fields = ["code", "name", "ordering", "is_active"]
    # The code is an identifier ("other", used by imports and the criteria): in the form only.
    list_display = [
        "name",
        "ordering",
        BooleanColumn("is_active", label=_label(OccupationGroup, "is_active")),
    ]
    search_fields = ["name", "code"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return ModelViewSet.get_form_class(self, for_update)


class ProfileViewSet(PeopleModelViewSet):
    model = Profile
    name = "people_profiles"
    url_prefix = "people/profiles"
    icon = "user"
    menu_label = _("Hồ sơ cá nhân")
    admin_form_class = ProfileAdminForm
    edit_view_class = ProfileEditView
    title_accessor = staticmethod(_person_of("user"))
    title_label = _("Họ và tên")
    # No phone number and no citizen ID in lists, not even masked: the edit page shows the
    # masked ID to those allowed to open it.
    list_display = [
        "user",
        "year_of_birth",
        "gender",
        "home_unit",
        "occupation_group",
    ]
    list_filter = ["gender", "occupation_group"]
    search_fields = ["user__full_name", "user__email"]
    search_backend_name = None
    ordering = ["user__full_name"]


class AccessLogViewSet(PeopleModelViewSet):
    """Read-only: only the listing exists (no add, edit, delete, history URLs)."""

    model = AccessLog
    name = "people_access_log"
    url_prefix = "people/access-log"
    icon = "history"
    menu_label = _("Nhật ký truy cập dữ liệu cá nhân")
    title_accessor = staticmethod(
        lambda log: timezone.localtime(log.at).strftime("%d/%m/%Y %H:%M:%S")
    )
    title_label = _label(AccessLog, "at")
    list_display = [
        "at",
        Column("actor", label=_("Người xem"), accessor=_person_of("actor")),
        "action",
        Column("subject", label=_("Người được xem"), accessor=_person_of("subject")),
        BooleanColumn("allowed", label=_("Được phép")),
        Column("ip_address", label=_("Địa chỉ IP")),
        "detail",
    ]
    filterset_class = AccessLogFilterSet
    search_fields = ["action", "detail", "actor__full_name", "subject__full_name"]
    search_backend_name = None
    ordering = ["-at"]
    list_per_page = 50

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage", "copy", "inspect"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


class PeopleAdminGroup(ViewSetGroup):
    menu_label = _("Người dùng và địa bàn")
    menu_icon = "site"
    menu_order = 250
    submenu_hook = "register_people_admin_menu_item"
    items = (
        AdministrativeUnitViewSet,
        UnitSuccessionViewSet,
        OrganisationViewSet,
        OccupationGroupViewSet,
        RoleAssignmentViewSet,
        ProfileViewSet,
        AccessLogViewSet,
    )


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleAdminGroup()


class _ManageUnitsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can(user=request.user, action="people.manage_units")


@hooks.register("register_people_admin_menu_item")
def register_hamlet_import_menu_item():
    return _ManageUnitsMenuItem(
        _("Nhập danh sách ấp, khu phố"),
        reverse("people_hamlet_import"),
        name="people-hamlet-import",
        icon_name="upload",
        order=100,
    )


@hooks.register("register_admin_urls")
def register_hamlet_import_urls():
    return [
        path(
            "people/hamlets/import/",
            HamletImportView.as_view(),
            name="people_hamlet_import",
        ),
        path(
            "people/hamlets/import/mau.csv",
            hamlet_import_template,
            name="people_hamlet_import_template",
        ),
    ]


class WorkQueuePanel(Component):
    """The dashboard's "Việc cần làm": each queue of people.work with its count, linking to
    the list it counts. First on the page: it is why officers open the admin."""

    name = "work_queues"
    template_name = "people/admin/work_panel.html"
    order = 50

    def __init__(self, queues):
        self.queues = queues

    def get_context_data(self, parent_context):
        return {"queues": self.queues}


@hooks.register("construct_homepage_panels")
def add_work_queue_panel(request, panels):
    queues = work_queues_for(user=request.user)
    if queues:
        panels.append(WorkQueuePanel(queues))


@hooks.register("after_bulk_action")
def users_forget_after_bulk_action(request, action_type, objects, action_class_instance):
    """Wagtail's bulk actions on users (activate, deactivate, delete, assign a role) change them
    with queryset updates, which send no signal: reload signed-in users (people.auth_backends)."""
    if getattr(action_class_instance, "model", None) is get_user_model():
        users_cache_forget()
