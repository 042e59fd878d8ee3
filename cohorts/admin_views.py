"""Classes in the Wagtail admin: the scoped screens (people.admin_views.ScopedModelViewSet)
and the bulk enrolment from a spreadsheet (upload → preview → confirm).

Trainers see and change only the classes they teach; officers every class of their units
(``cohorts.selectors``). Views of personal data (a class's members, an import's rows) are
written to the access log.
"""

import secrets

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts import imports
from cohorts.import_progress import Progress, import_progress_get
from cohorts.models import Cohort, Session
from cohorts.selectors import cohort_can_manage, cohorts_visible_to
from cohorts.services import cohort_trainers_check
from cohorts.spreadsheets import MAX_ROWS, TEMPLATE_HEADER, SheetRejected, sheet_read, template_xlsx
from people.admin_views import PeopleActionPolicy, ScopedEditView
from people.models import Role, User
from people.permissions import unit_ids_for, user_can
from people.selectors import unit_scope_q
from people.services import access_log_record


class CohortPolicy(PeopleActionPolicy):
    """``cohorts.manage`` opens the screens; which rows a user sees and may change is
    ``cohorts.selectors``' rule (trainers: their classes; officers: their units')."""

    def __init__(self, model):
        super().__init__(model, action="cohorts.manage", scope="unit")

    def filter_queryset(self, user, queryset):
        if not self.user_has_any_permission(user, self.actions):
            return queryset.none()
        return queryset.filter(pk__in=cohorts_visible_to(user=user).values("pk"))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "view":
            return self.user_has_scope_for_instance(user, instance)
        return cohort_can_manage(user=user, cohort=instance)


class CohortForm(WagtailAdminModelForm):
    """Trainers offered: people holding the trainer role over the user's units. Trainers are
    checked against the class's unit (``courses.teach``); a trainer who is not an officer
    there must teach the class they create."""

    class Meta:
        model = Cohort
        fields = ["name", "unit", "courses", "trainers", "start_date", "end_date"]
        widgets = {"courses": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        trainers = User.objects.filter(
            is_active=True, role_assignments__role__in=[Role.TRAINER, Role.ADMINISTRATOR]
        )
        unit_ids = unit_ids_for(user=self.for_user, action="cohorts.manage")
        if unit_ids is not None:
            trainers = trainers.filter(
                unit_scope_q(unit_ids=unit_ids, field="role_assignments__unit")
            )
        self.fields["trainers"].queryset = trainers.distinct().order_by("full_name")
        self.fields["trainers"].widget = forms.CheckboxSelectMultiple()
        self.fields["trainers"].choices = [
            (user.pk, user.get_full_name() or str(user))
            for user in self.fields["trainers"].queryset
        ]

    def clean(self):
        data = super().clean()
        unit, trainers = data.get("unit"), list(data.get("trainers") or [])
        if unit is None:
            return data
        try:
            cohort_trainers_check(unit=unit, trainers=trainers)
        except ValidationError as error:
            self.add_error(None, error)
            return data
        user = self.for_user
        if not user_can(user=user, action="cohorts.oversee", unit=unit) and user not in trainers:
            self.add_error(
                "trainers",
                _("Bạn là giảng viên: hãy chọn cả chính mình để theo dõi được lớp này."),
            )
        return data

    def save(self, commit=True):
        cohort = super().save(commit=False)
        if cohort.created_by_id is None:
            cohort.created_by = self.for_user
        if commit:
            cohort.save()
            self.save_m2m()
        return cohort


class CohortEditView(ScopedEditView):
    """A class's page names its members: opening it is written to the access log."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        access_log_record(
            actor=request.user, action="view_cohort", request=request,
            detail=f"cohort={self.object.pk}",
        )  # fmt: skip
        return response


class SessionPolicy(PeopleActionPolicy):
    """A session belongs to its class: seen with it, changed by who manages it."""

    def __init__(self, model):
        super().__init__(model, action="cohorts.manage", scope="cohort__unit")

    def filter_queryset(self, user, queryset):
        if not self.user_has_any_permission(user, self.actions):
            return queryset.none()
        return queryset.filter(cohort__in=cohorts_visible_to(user=user).values("pk"))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "view":
            return self.user_has_scope_for_instance(user, instance)
        return cohort_can_manage(user=user, cohort=instance.cohort)


class SessionForm(WagtailAdminModelForm):
    """Offers only the classes the user manages."""

    class Meta:
        model = Session
        fields = ["cohort", "title", "starts_at", "place", "on_criteria"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        manageable = [
            c.pk for c in cohorts_visible_to(user=user) if cohort_can_manage(user=user, cohort=c)
        ]
        self.fields["cohort"].queryset = Cohort.objects.filter(pk__in=manageable)


# --- Bulk enrolment -----------------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Danh sách học viên (.xlsx hoặc .csv)"),
        help_text=gettext_lazy(
            "Các cột: Họ và tên, Năm sinh, Số điện thoại, CCCD (có thể để trống), Ấp, khu phố."
        ),
    )


def _cohort_for(request, pk) -> Cohort:
    cohort = get_object_or_404(cohorts_visible_to(user=request.user), pk=pk)
    if not cohort_can_manage(user=request.user, cohort=cohort):
        raise PermissionDenied
    return cohort


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    """GET: the upload form. POST with a file: read and check it, show the preview. POST with
    a token: confirm (everything checked again; nothing written before)."""

    template_name = "cohorts/admin/import.html"
    page_title = gettext_lazy("Ghi danh học viên từ danh sách")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.cohort = _cohort_for(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.cohort)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohorts:index"), "label": _("Lớp học")},
            {"url": reverse("cohorts:edit", args=[self.cohort.pk]), "label": str(self.cohort)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportUploadForm())
        context.update(
            cohort=self.cohort,
            template_url=reverse("cohorts_import_template"),
            template_header=", ".join(TEMPLATE_HEADER),
            max_rows=f"{MAX_ROWS:,}".replace(",", "."),
            kinds=imports,
            job=secrets.token_urlsafe(12),  # the progress bar's id for the next request
            status_url=reverse("cohorts_import_status", args=[self.cohort.pk]),
        )
        return context

    def _progress(self, request) -> Progress:
        return Progress(user_id=request.user.pk, job=request.POST.get("job"))

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self._confirm(request)
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        progress = self._progress(request)
        progress("read", 0, 0)
        try:
            sheet = sheet_read(content=upload.read(), filename=upload.name)
        except SheetRejected as rejected:
            return self.render_to_response(
                self.get_context_data(form=form, errors=rejected.errors, filename=upload.name)
            )
        preview = imports.import_preview_create(
            cohort=self.cohort, user=request.user, rows=sheet.rows, filename=upload.name,
            request=request, progress=progress,
        )  # fmt: skip
        return self.render_to_response(self.get_context_data(preview=preview))

    def _confirm(self, request):
        token = request.POST["token"]
        consent = request.POST.get("consent") == "on"
        try:
            result = imports.import_confirm(
                token=token, user=request.user, consent=consent, request=request,
                progress=self._progress(request),
            )  # fmt: skip
        except imports.ImportAlreadyConfirmed as already:
            return self.render_to_response(
                self.get_context_data(already=already, confirmed_at=already.confirmed_at)
            )
        except imports.ImportError_ as error:
            return self.render_to_response(self.get_context_data(errors=[str(error)]))
        except imports.ImportChanged as changed:
            return self.render_to_response(
                self.get_context_data(preview=changed.preview, changed=True)
            )
        except ValidationError as error:
            preview = imports.import_preview_get(token=token, user=request.user)
            return self.render_to_response(
                self.get_context_data(preview=preview, consent_error=" ".join(error.messages))
            )
        return self.render_to_response(self.get_context_data(result=result))


def import_status(request, pk):
    """How far the user's own import request ``?job=`` has got (JSON), for the progress bar:
    {"phase": "read" | "check" | "register" | "enrol", "done": n, "total": n}, or {} when
    unknown."""
    _cohort_for(request, pk)
    status = import_progress_get(user_id=request.user.pk, job=request.GET.get("job", ""))
    response = JsonResponse(status or {})
    response["Cache-Control"] = "no-store"
    return response


def import_template(request):
    """The list to fill in (.xlsx), for whoever may manage classes."""
    if not user_can(user=request.user, action="cohorts.manage"):
        raise PermissionDenied
    response = HttpResponse(
        template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-hoc-vien.xlsx"'
    return response
