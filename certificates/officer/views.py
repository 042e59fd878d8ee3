"""Officers' screens in the Wagtail admin: the filterable list of applications of their units
with bulk actions, one application (scores, evidence, history, actions), and assisted entry.

Every screen asks people.permissions: lists are narrowed with ``applications_scoped``, objects
outside the officer's scope are 404, and bulk actions re-check every posted id in the service.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from certificates import permissions as perms
from certificates.forms import parse_scores
from certificates.models import Action, Application, Status
from certificates.officer.forms import ActionForm, BulkForm, FilterForm
from certificates.selectors import (
    application_list,
    application_rows,
    applications_scoped,
    status_counts,
)
from certificates.services import Refused, application_transition, applications_bulk_transition
from certificates.services.applications import application_rule
from certificates.services.review import TRANSITIONS, transitions_available
from people.permissions import profiles_visible_to, user_can
from people.services import access_log_record

MAX_BULK = 5000
# Actions that close an application for the cycle: the officer confirms the exact list first.
FINAL_ACTIONS = frozenset({Action.NOT_RECOGNISE})


class OfficerView(WagtailAdminTemplateMixin, TemplateView):
    """Base: refuses users without ``permission`` anywhere; breadcrumbs from Home."""

    permission = perms.VIEW
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if not perms.user_may(request.user, self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


def _filtered(user, params: QueryDict, *, counts: bool = False):
    """The officer's list for the filters in ``params`` (defaults: this year); with ``counts``
    also the number per status under the same filters except the status."""
    data = params.copy()
    if "nam" not in data:
        data["nam"] = str(timezone.localdate().year)
    data.setdefault("so_dong", "100")
    form = FilterForm(data, user=user)
    filters = {**form.filters(), "year": form.cleaned_data.get("nam")}
    applications = application_list(user=user, **filters)
    if not counts:
        return form, applications
    per_status = status_counts(
        applications=application_list(user=user, **{**filters, "status": ""})
    )
    return form, applications, per_status


class ApplicationListView(OfficerView):
    template_name = "certificates/officer/application_list.html"
    page_title = gettext_lazy("Hồ sơ Công dân học tập")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form, applications, counts = _filtered(user, self.request.GET, counts=True)
        per_page = form.cleaned_data.get("so_dong") or 100
        page = Paginator(applications, per_page).get_page(self.request.GET.get("p"))
        filters_only = self.request.GET.copy()
        filters_only.pop("p", None)
        context.update(
            filter_form=form,
            page=page,
            bulk_form=BulkForm(user=user),
            querystring=filters_only.urlencode(),
            counts=[
                (value, label, counts[value])
                for value, label in Status.choices
                if counts.get(value)
            ],
            status_query=_without(filters_only).urlencode(),
            can_assist=perms.user_may(user, perms.ASSIST),
        )
        return context


def _without(params: QueryDict, name: str = "trang_thai") -> QueryDict:
    params = params.copy()
    params.pop(name, None)
    return params


class ApplicationBulkView(OfficerView):
    """POST only: apply one action to the ticked applications (or every one the filters match)
    and show what was done and what was refused, with reasons."""

    template_name = "certificates/officer/bulk_result.html"
    page_title = gettext_lazy("Kết quả thao tác hàng loạt")
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = BulkForm(request.POST, user=request.user)
        filters = QueryDict(request.POST.get("filters", ""))
        back = reverse("certificates_officer_applications") + "?" + filters.urlencode()
        if not form.is_valid():
            messages.error(request, _("Hãy chọn một thao tác."))
            return redirect(back)
        if request.POST.get("all_matching"):
            _form, applications = _filtered(request.user, filters)
            ids = list(applications.values_list("pk", flat=True)[: MAX_BULK + 1])
        else:
            ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
        if not ids:
            messages.warning(request, _("Chưa chọn hồ sơ nào."))
            return redirect(back)
        if len(ids) > MAX_BULK:
            messages.error(
                request,
                _("Mỗi lần làm tối đa %(max)s hồ sơ. Hãy lọc danh sách nhỏ hơn.")
                % {"max": MAX_BULK},
            )
            return redirect(back)
        data = form.cleaned_data
        if data["action"] in FINAL_ACTIONS and not request.POST.get("confirmed"):
            if TRANSITIONS[data["action"]].comment_required and not data["comment"].strip():
                messages.error(request, _("Thao tác này cần ý kiến gửi người dân."))
                return redirect(back)
            return self._confirm(request, form, ids, back)
        try:
            report = applications_bulk_transition(
                ids=ids,
                action=data["action"],
                by=request.user,
                comment=data["comment"],
                result=data.get("result") or "auto",
            )
        except Refused as refusal:
            messages.error(request, str(refusal))
            return redirect(back)
        context = self.get_context_data(
            report=report, label=TRANSITIONS[data["action"]].label, back_url=back
        )
        return self.render_to_response(context)

    def _confirm(self, request, form, ids, back):
        """A final action is shown first: exactly which applications it closes, and that it
        cannot be undone except by a correcting decision. Nothing is written here."""
        applications = (
            applications_scoped(user=request.user)
            .filter(pk__in=ids)
            .select_related("applicant", "hamlet")
            .order_by("hamlet__name", "applicant__full_name")
        )
        context = self.get_context_data(
            label=TRANSITIONS[form.cleaned_data["action"]].label,
            applications=applications,
            ids=[a.pk for a in applications],
            form=form,
            filters=request.POST.get("filters", ""),
            back_url=back,
        )
        return render(request, "certificates/officer/bulk_confirm.html", context)


class ApplicationDetailView(OfficerView):
    template_name = "certificates/officer/application_detail.html"

    def get_object(self) -> Application:
        queryset = applications_scoped(user=self.request.user).select_related(
            "applicant",
            "applicant__profile",
            "cycle",
            "criteria_set",
            "hamlet",
            "commune",
            "occupation_group",
            "entered_by",
            "decision",
        )
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Hồ sơ của %(name)s") % {"name": self.object.applicant.get_full_name()}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("certificates_officer_applications"),
                "label": _("Hồ sơ Công dân học tập"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        access_log_record(
            actor=request.user,
            action="certificates_view_application",
            subject=self.object.applicant,
            request=request,
            detail=f"application={self.object.pk}",
        )
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        transitions = transitions_available(application=self.object, user=request.user)
        form = ActionForm(request.POST, transitions=transitions)
        if not form.is_valid():
            messages.error(request, _("Hãy chọn một thao tác."))
            return self.render_to_response(self.get_context_data(form=form))
        transition = TRANSITIONS[form.cleaned_data["action"]]
        scores = None
        if transition.score_field:
            numbers = [i.number for i in self.object.criteria_set.indicators.all()]
            scores = parse_scores(request.POST, numbers)
        try:
            application_transition(
                application=self.object,
                action=transition.action,
                by=request.user,
                comment=form.cleaned_data["comment"],
                scores=scores,
                result=form.cleaned_data.get("result") or "auto",
                request=request,
            )
        except Refused as refusal:
            messages.error(request, str(refusal))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": transition.label})
        return redirect("certificates_officer_application", pk=self.object.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        user = self.request.user
        transitions = transitions_available(application=application, user=user)
        score_field = next((t.score_field for t in transitions if t.score_field), None)
        rows = application_rows(application=application)
        for row in rows:
            row.stage_value = getattr(row.score, score_field) if score_field and row.score else None
        context.update(
            application=application,
            rows=rows,
            rule=application_rule(application=application),
            own_rule=application_rule(application=application, stage="self"),
            events=application.events.select_related("by").order_by("at", "pk"),
            form=kwargs.get("form") or ActionForm(transitions=transitions),
            transitions=transitions,
            final_action_offered=any(t.action in FINAL_ACTIONS for t in transitions),
            score_field=score_field,
            can_assist=application.is_editable
            and user_can(user=user, action=perms.ASSIST, obj=application),
        )
        return context


class AssistView(OfficerView):
    """Find a person of my area and open (or continue) their application for them."""

    permission = perms.ASSIST
    template_name = "certificates/officer/assist.html"
    page_title = gettext_lazy("Lập hồ sơ hộ người dân")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = (self.request.GET.get("q") or "").strip()
        people = profiles_visible_to(user=self.request.user, action=perms.ASSIST).order_by(
            "user__full_name"
        )
        if query:
            people = people.filter(user__full_name__icontains=query)
        page = Paginator(people, 50).get_page(self.request.GET.get("p"))
        year = timezone.localdate().year
        applications = {
            a.applicant_id: a
            for a in Application.objects.filter(
                applicant_id__in=[p.user_id for p in page], cycle__year=year
            )
        }
        for profile in page:
            profile.application = applications.get(profile.user_id)
        context.update(page=page, q=query, year=year)
        return context
