"""Wagtail admin plumbing for people/: the permission policy and the views the hooks use.

Access to every screen is decided by ``people.permissions.user_can`` (never by Django's model
permissions): ``PeopleActionPolicy`` answers Wagtail's questions ("may this user add / change /
delete / view these?") with one of our actions, and narrows lists and objects to the user's
scope when a row belongs to a place.
"""

import csv
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import ProtectedError, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from django.views.generic.edit import FormMixin
from wagtail.admin import messages
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy

from people.forms import HamletImportForm
from people.models import AdministrativeUnit
from people.permissions import ACTIONS, unit_ids_for, user_can
from people.places import MAX_IMPORT_BYTES, ImportRejected, hamlets_import
from people.selectors import unit_scope_q
from people.services import access_log_record, profile_update

ALL_ACTIONS = frozenset({"add", "change", "delete", "view"})


class PeopleActionPolicy(BasePermissionPolicy):
    """Wagtail permission policy backed by ``user_can(user=..., action=people_action)``.

    ``actions`` limits which Wagtail actions exist at all (a read-only screen allows only
    "view"). ``scope`` is the lookup from the model to the AdministrativeUnit a row belongs to
    ("self" for units themselves, None for data without a place); rows outside the user's scope
    are hidden and refused. Rows with no place are open to every holder of the action (only
    administrators hold the manage actions).
    """

    def __init__(self, model, *, action: str, scope: str | None = None, actions=ALL_ACTIONS):
        super().__init__(model)
        if action not in ACTIONS:
            raise ValueError(f"Unknown action {action!r}")
        self.people_action = action
        self.scope = scope
        self.actions = frozenset(actions)

    def _allowed(self, user) -> bool:
        # user_can costs a query; Wagtail asks many times per request (menu, buttons, rows).
        cache = user.__dict__.setdefault("_people_admin_can", {})
        if self.people_action not in cache:
            cache[self.people_action] = user_can(user=user, action=self.people_action)
        return cache[self.people_action]

    def user_has_permission(self, user, action):
        return action in self.actions and self._allowed(user)

    def user_has_any_permission(self, user, actions):
        return bool(self.actions.intersection(actions)) and self._allowed(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.actions.intersection(actions):
            return users.none()
        today = timezone.localdate()
        holders = Q(role_assignments__role__in=ACTIONS[self.people_action]) & (
            Q(role_assignments__valid_until__isnull=True)
            | Q(role_assignments__valid_until__gte=today)
        )
        return users.filter(Q(is_superuser=True) | holders).distinct()

    def unit_of(self, instance):
        if self.scope is None:
            return None
        if self.scope == "self":
            return instance
        value = instance
        for part in self.scope.split("__"):
            try:
                value = getattr(value, part)
            except (ObjectDoesNotExist, AttributeError):
                return None
            if value is None:
                return None
        return value

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        unit = self.unit_of(instance)
        return unit is None or user_can(user=user, action=self.people_action, unit=unit)

    def filter_queryset(self, user, queryset):
        """``queryset`` narrowed to the rows ``user`` may see on this screen."""
        if not self.user_has_any_permission(user, self.actions):
            return queryset.none()
        if self.scope is None:
            return queryset
        unit_ids = unit_ids_for(user=user, action=self.people_action)
        if unit_ids is None:
            return queryset
        field = "" if self.scope == "self" else self.scope
        query = unit_scope_q(unit_ids=unit_ids, field=field)
        if field:
            query |= Q(**{f"{field}__isnull": True})
        return queryset.filter(query)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.actions.intersection(actions):
            return self.model._default_manager.none()
        return self.filter_queryset(user, self.model._default_manager.all())

    def user_has_scope_for_instance(self, user, instance) -> bool:
        """Is ``instance`` one of the rows ``user`` sees on this screen (the same rule as the
        list, so a row missing from the list never opens by its URL)?"""
        rows = self.model._default_manager.filter(pk=instance.pk)
        return self.filter_queryset(user, rows).exists()


class AccessLogPolicy(PeopleActionPolicy):
    """A line of the access log belongs to the place of the person looked at; a line with no
    such person (an export of a list) to the place of the officer who did it. Only lines where
    neither has a place are open to every administrator."""

    def __init__(self, model, *, action: str, actions=ALL_ACTIONS):
        super().__init__(model, action=action, scope="subject__profile__home_unit", actions=actions)

    def unit_of(self, instance):
        for person in (instance.subject, instance.actor):
            profile = getattr(person, "profile", None) if person is not None else None
            if profile is not None and profile.home_unit_id:
                return profile.home_unit
        return None

    def filter_queryset(self, user, queryset):
        if not self.user_has_any_permission(user, self.actions):
            return queryset.none()
        unit_ids = unit_ids_for(user=user, action=self.people_action)
        if unit_ids is None:
            return queryset
        subject, actor = "subject__profile__home_unit", "actor__profile__home_unit"
        subject_placeless = Q(subject__isnull=True) | Q(**{f"{subject}__isnull": True})
        actor_placeless = Q(actor__isnull=True) | Q(**{f"{actor}__isnull": True})
        return queryset.filter(
            unit_scope_q(unit_ids=unit_ids, field=subject)
            | (subject_placeless & (unit_scope_q(unit_ids=unit_ids, field=actor) | actor_placeless))
        )


# --- Generic views narrowed to the user's scope -------------------------------------------------


class ScopedObjectMixin:
    """Any view of one object (edit, delete, history, usage, inspect, copy, revisions…) answers
    404 for an object outside the user's scope, before anything is shown or done."""

    def get_object(self, *args, **kwargs):
        try:
            instance = super().get_object(*args, **kwargs)
        except PermissionDenied as denied:  # Wagtail's copy view checks the instance itself
            raise Http404 from denied
        if instance is not None and not _in_scope(self, instance):
            raise Http404
        return instance


def _in_scope(view, instance) -> bool:
    policy = view.permission_policy
    user = view.request.user
    if hasattr(policy, "user_has_scope_for_instance"):
        return policy.user_has_scope_for_instance(user, instance)
    return policy.user_has_any_permission_for_instance(user, ["view", "change", "delete"], instance)


class ScopedListMixin:
    """A listing narrowed to the rows the user may see (the permission policy decides)."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return self.permission_policy.filter_queryset(self.request.user, queryset)


class ScopedFormMixin:
    """Create and edit forms offer only places inside the user's scope: a commune's
    administrator cannot create or move a row (a cycle, a role, a profile) into another commune.
    A posted place outside the scope is refused by the field's own validation, in Vietnamese."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        action = getattr(self.permission_policy, "people_action", None)
        unit_ids = None if action is None else unit_ids_for(user=self.request.user, action=action)
        if unit_ids is None:  # no place-based policy, or a superuser: every place
            return form
        in_scope = unit_scope_q(unit_ids=unit_ids)
        for field in form.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model is AdministrativeUnit:
                field.queryset = queryset.filter(in_scope)
        return form


class ScopedIndexView(ScopedListMixin, IndexView):
    #: A callable naming the row in the first (linked) column, instead of ``str(row)``.
    title_accessor = None
    #: The first column's heading, when the field's own name is not the right word.
    title_label = None

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        if self.title_accessor is not None:
            kwargs.setdefault("accessor", self.title_accessor)
        column = super()._get_title_column(field_name, column_class, **kwargs)
        if self.title_label is not None:
            column.label = self.title_label
        return column


class ScopedEditView(ScopedObjectMixin, EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, DeleteView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _(
                    "Không xóa được “%(object)s” vì dữ liệu khác còn gắn với nó (đơn vị con, "
                    "tổ chức, người dân, phân quyền…). Hãy chuyển các dữ liệu đó sang nơi khác "
                    "trước, hoặc ghi ngày hết hiệu lực thay vì xóa."
                )
                % {"object": self.object},
            )
            return redirect(self.get_success_url())


def scoped_view_class(view_class):
    """``view_class`` made to respect the user's scope: listings are narrowed, views of one
    object refuse objects outside it (404). Already scoped classes are returned as they are."""
    if issubclass(view_class, IndexView):
        mixins = () if issubclass(view_class, ScopedListMixin) else (ScopedListMixin,)
    else:
        mixins = () if issubclass(view_class, ScopedObjectMixin) else (ScopedObjectMixin,)
        if issubclass(view_class, FormMixin) and not issubclass(view_class, ScopedFormMixin):
            mixins = (ScopedFormMixin, *mixins)
    if not mixins:
        return view_class
    return type(f"Scoped{view_class.__name__}", (*mixins, view_class), {})


class ScopedModelViewSet(ModelViewSet):
    """The base of every admin screen whose access people.permissions decides.

    Every view the set builds (the ones Wagtail has today — index, add, edit, delete, history,
    usage, inspect, copy — and any it adds later) goes through ``construct_view``, which makes
    it scoped: a view cannot be forgotten. No copy view, no Wagtail reference index (work on
    every save; deletes still meet ProtectedError), no Django model permissions offered in the
    Groups screen.
    """

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    copy_view_enabled = False
    add_to_reference_index = False

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped_view_class(view_class), **kwargs)

    def get_permissions_to_register(self):
        return Permission.objects.none()


class ProfileEditView(ScopedEditView):
    """Profiles are personal data: opening one is logged, saving goes through the service
    (which checks the officer's scope and logs the change)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)  # sets self.object (or 404s)
        access_log_record(
            actor=request.user, action="view_person", subject=self.object.user,
            request=request, detail="trang quản trị",
        )  # fmt: skip
        return response

    def save_instance(self):
        data = self.form.cleaned_data
        fields = {name: data.get(name) for name in self.form._meta.fields}
        return profile_update(
            profile=self.object,
            by=self.request.user,
            request=self.request,
            full_name=data["full_name"].strip(),
            **fields,
        )


# --- Spreadsheet import of hamlets --------------------------------------------------------------

TEMPLATE_HEADER = ["Mã xã", "Tên xã", "Tên ấp/khu phố", "Loại", "Từ ngày", "Mã"]
TEMPLATE_EXAMPLE = ["27553", "Củ Chi", "Ấp Ví Dụ", "ấp", "01/07/2025", ""]


def _require_manage_units(user) -> None:
    if not user_can(user=user, action="people.manage_units"):
        raise PermissionDenied


class HamletImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a spreadsheet of hamlets: every row is checked first and nothing is written if
    any row is wrong (people.places.hamlets_import)."""

    form_class = HamletImportForm
    template_name = "people/admin/hamlet_import.html"
    page_title = gettext_lazy("Nhập danh sách ấp, khu phố")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        _require_manage_units(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["template_url"] = reverse("people_hamlet_import_template")
        context["template_header"] = ",".join(TEMPLATE_HEADER)
        context["units_url"] = reverse("people_units:index")
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            errors = [_("Tệp quá lớn (tối đa 2 MB).")]
            return self.render_to_response(self.get_context_data(form=form, errors=errors))
        try:
            report = hamlets_import(content=upload.read(), filename=upload.name)
        except ImportRejected as rejected:
            return self.render_to_response(
                self.get_context_data(form=form, errors=rejected.errors, filename=upload.name)
            )
        messages.success(
            self.request,
            _("Đã nhập xong: %(created)s ấp, khu phố mới; %(unchanged)s đã có từ trước.")
            % {"created": len(report.created), "unchanged": len(report.unchanged)},
        )
        return self.render_to_response(
            self.get_context_data(form=self.form_class(), report=report, filename=upload.name)
        )


def hamlet_import_template(request):
    """A CSV to fill in: UTF-8 with a byte order mark so Excel shows Vietnamese correctly."""
    _require_manage_units(request.user)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TEMPLATE_HEADER)
    writer.writerow(TEMPLATE_EXAMPLE)
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-ap-khu-pho.csv"'
    return response
