"""Classes in the Wagtail admin: the scoped list and forms, and the bulk enrolment screens."""

from django.db.models import Count
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from cohorts.admin_views import (
    CohortEditView,
    CohortForm,
    CohortPolicy,
    ImportView,
    SessionForm,
    SessionPolicy,
    import_status,
    import_template,
)
from cohorts.models import Cohort, Session
from cohorts.selectors import cohort_can_manage
from people.admin_views import ScopedIndexView, ScopedModelViewSet

register_permission_policy(Cohort, CohortPolicy(Cohort), exact_class=True)
register_permission_policy(Session, SessionPolicy(Session), exact_class=True)


class CohortIndexView(ScopedIndexView):
    """Each class with its number of members and a way to enrol a hamlet's list."""

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(member_count=Count("memberships"))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if cohort_can_manage(user=self.request.user, cohort=instance):
            buttons.insert(0, MenuItem(
                _("Ghi danh từ danh sách"), url=reverse("cohorts_import", args=[instance.pk]),
                icon_name="upload", priority=5,
            ))  # fmt: skip
        return buttons


class CohortViewSet(ScopedModelViewSet):
    model = Cohort
    name = "cohorts"
    url_prefix = "cohorts"
    icon = "group"
    menu_label = _("Lớp học")
    form_fields = ["name", "unit", "courses", "trainers", "start_date", "end_date"]
    index_view_class = CohortIndexView
    edit_view_class = CohortEditView
    list_display = [
        "name",
        "unit",
        Column("member_count", label=_("Số học viên"), accessor="member_count"),
        "start_date",
        "end_date",
    ]
    search_fields = ["name", "unit__name"]
    search_backend_name = None
    ordering = ["-start_date", "name"]

    def get_form_class(self, for_update=False):
        return CohortForm


class SessionViewSet(ScopedModelViewSet):
    model = Session
    name = "cohort_sessions"
    url_prefix = "cohorts/sessions"
    icon = "date"
    menu_label = _("Buổi học")
    list_display = ["title", "cohort", "starts_at", "place"]
    list_filter = ["on_criteria"]
    search_fields = ["title", "cohort__name"]
    search_backend_name = None
    ordering = ["-starts_at"]

    def get_form_class(self, for_update=False):
        return SessionForm


class CohortAdminGroup(ViewSetGroup):
    menu_label = _("Lớp học")
    menu_icon = "group"
    menu_order = 240
    items = (CohortViewSet, SessionViewSet)


@hooks.register("register_admin_viewset")
def register_cohort_viewsets():
    return CohortAdminGroup()


@hooks.register("register_admin_urls")
def register_cohort_import_urls():
    return [
        path("cohorts/<int:pk>/ghi-danh/", ImportView.as_view(), name="cohorts_import"),
        path("cohorts/mau-danh-sach.xlsx", import_template, name="cohorts_import_template"),
        path("cohorts/<int:pk>/ghi-danh/tien-do/", import_status, name="cohorts_import_status"),
    ]
