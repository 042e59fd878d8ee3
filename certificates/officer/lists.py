"""The commune's proposal list (on screen and as .xlsx) and recognition decisions."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from certificates import permissions as perms
from certificates.models import Application, Cycle, RecognitionDecision, Status
from certificates.officer.excel import proposal_workbook
from certificates.officer.forms import DecisionForm
from certificates.officer.views import OfficerView
from certificates.selectors import (
    applications_in_review_count,
    cycle_for,
    decision_first,
    proposal_rows,
)
from certificates.services import DecisionRefused, Refused, decision_preview, decision_record
from people.models import Organisation, UnitLevel
from people.models.organisations import OrganisationKind
from people.permissions import units_visible_to, user_can
from people.selectors import unit_list_current
from people.services import access_log_record

PROPOSAL_ROLES = (perms.COMMUNE_EVALUATE, perms.APPRAISE, perms.DECIDE)


def communes_for(user):
    visible = units_visible_to(user=user, action=perms.VIEW).filter(level=UnitLevel.COMMUNE)
    return unit_list_current(level=UnitLevel.COMMUNE).filter(pk__in=visible).order_by("name")


def cycles_for(commune):
    return Cycle.objects.filter(unit_id__in=[*commune.ancestor_ids, commune.pk]).order_by("-year")


class CommuneCycleMixin:
    """Reads ``xa`` (commune) and ``dot`` (cycle) from the query: the officer's communes only."""

    def commune_and_cycle(self):
        communes = list(communes_for(self.request.user))
        chosen = self.request.GET.get("xa") or self.request.POST.get("xa")
        commune = next((c for c in communes if str(c.pk) == chosen), None)
        if commune is None and chosen:
            raise Http404
        commune = commune or (communes[0] if communes else None)
        if commune is None:
            return communes, None, [], None
        cycles = list(cycles_for(commune))
        chosen = self.request.GET.get("dot") or self.request.POST.get("dot")
        cycle = next((c for c in cycles if str(c.pk) == chosen), None)
        if cycle is None and chosen:
            raise Http404
        cycle = cycle or cycle_for(commune=commune, year=timezone.localdate().year)
        cycle = cycle or (cycles[0] if cycles else None)
        return communes, commune, cycles, cycle


def _association_name(commune) -> str:
    organisation = Organisation.objects.filter(
        unit=commune, kind=OrganisationKind.ASSOCIATION_COMMUNE
    ).first()
    return (
        organisation.name
        if organisation
        else _("Hội Khuyến học xã %(name)s") % {"name": commune.name}
    )


class ProposalListView(CommuneCycleMixin, OfficerView):
    template_name = "certificates/officer/proposals.html"
    page_title = gettext_lazy("Danh sách đề nghị công nhận")
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        if not any(perms.user_may(request.user, a) for a in PROPOSAL_ROLES):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        communes, commune, cycles, cycle = self.commune_and_cycle()
        rows = proposal_rows(cycle=cycle, commune=commune) if cycle and commune else []
        decisions = (
            RecognitionDecision.objects.filter(cycle=cycle, commune=commune)
            .annotate(count=Count("applications"))
            .select_related("corrects", "supplements")
            if cycle and commune
            else []
        )
        user = self.request.user
        context.update(
            communes=communes,
            commune=commune,
            cycles=cycles,
            cycle=cycle,
            rows=rows,
            decisions=decisions,
            appraised=sum(1 for r in rows if r.application.status == Status.APPRAISED),
            can_decide=bool(commune) and user_can(user=user, action=perms.DECIDE, unit=commune),
        )
        return context


class ProposalExportView(ProposalListView):
    def get(self, request, *args, **kwargs):
        _communes, commune, _cycles, cycle = self.commune_and_cycle()
        if commune is None or cycle is None:
            raise Http404
        rows = proposal_rows(cycle=cycle, commune=commune)
        content = proposal_workbook(
            cycle=cycle, commune=commune, rows=rows, association_name=_association_name(commune)
        )
        access_log_record(
            actor=request.user,
            action="certificates_export_proposals",
            request=request,
            detail=f"cycle={cycle.pk} commune={commune.pk} rows={len(rows)}",
        )
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="danh-sach-de-nghi-cdht-{cycle.year}-{commune.pk}.xlsx"'
        )
        return response


class DecisionCreateView(CommuneCycleMixin, OfficerView):
    permission = perms.DECIDE
    template_name = "certificates/officer/decision_form.html"
    page_title = gettext_lazy("Ghi quyết định công nhận")
    header_icon = "doc-full"

    def candidates(self, cycle, commune, corrects):
        applications = Application.objects.filter(cycle=cycle, commune=commune).select_related(
            "applicant", "hamlet"
        )
        appraised = applications.filter(status=Status.APPRAISED)
        recognised = (
            applications.filter(status=Status.RECOGNISED, decision=corrects) if corrects else []
        )
        return list(appraised.order_by("hamlet__name", "applicant__full_name")), list(recognised)

    def setup_objects(self):
        _communes, commune, _cycles, cycle = self.commune_and_cycle()
        if commune is None or cycle is None:
            raise Http404
        if not user_can(user=self.request.user, action=perms.DECIDE, unit=commune):
            raise PermissionDenied
        corrects_id = self.request.GET.get("dinh_chinh") or self.request.POST.get("corrects")
        corrects = (
            RecognitionDecision.objects.filter(pk=corrects_id, cycle=cycle, commune=commune).first()
            if corrects_id and str(corrects_id).isdigit()
            else None
        )
        return commune, cycle, corrects

    def get(self, request, *args, **kwargs):
        commune, cycle, corrects = self.setup_objects()
        form = DecisionForm(cycle=cycle, commune=commune, initial={"corrects": corrects})
        return self.render_to_response(self.context(form, commune, cycle, corrects))

    def post(self, request, *args, **kwargs):
        """Three steps: the form; a confirmation listing exactly whom the decision locks (and,
        for a correction, keeps and withdraws); then the decision is recorded."""
        commune, cycle, corrects = self.setup_objects()
        form = DecisionForm(request.POST, cycle=cycle, commune=commune)
        problems = []
        if form.is_valid() and "sua" not in request.POST:
            data = form.cleaned_data
            ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
            arguments = {
                "cycle": cycle,
                "commune": commune,
                "number": data["number"],
                "signed_on": data["signed_on"],
                "signer_name": data["signer_name"],
                "signer_title": data["signer_title"],
                "issuing_body": data["issuing_body"],
                "application_ids": ids,
                "by": request.user,
                "corrects": data["corrects"],
            }
            try:
                if request.POST.get("xac_nhan") != "1":
                    plan = decision_preview(**arguments)
                    return self.confirm(form, commune, cycle, plan, ids)
                decision = decision_record(**arguments, note=data["note"])
            except DecisionRefused as refusal:
                form.add_error(None, str(refusal))
                problems = refusal.problems
            except Refused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("Đã ghi %(decision)s: %(count)s người được công nhận.")
                    % {"decision": decision, "count": len(ids)},
                )
                url = reverse("certificates_officer_proposals")
                return redirect(f"{url}?xa={commune.pk}&dot={cycle.pk}")
        context = self.context(form, commune, cycle, data_corrects(form) or corrects)
        context["problems"] = problems
        return self.render_to_response(context)

    def confirm(self, form, commune, cycle, plan, ids):
        self.page_title = _("Xác nhận ghi quyết định công nhận")
        return TemplateResponse(
            self.request,
            "certificates/officer/decision_confirm.html",
            self.get_context_data(
                form=form,
                commune=commune,
                cycle=cycle,
                plan=plan,
                ids=ids,
                data=form.cleaned_data,
                others=applications_in_review_count(cycle=cycle, commune=commune, exclude_ids=ids),
            ),
        )

    def context(self, form, commune, cycle, corrects):
        appraised, recognised = self.candidates(cycle, commune, corrects)
        first = decision_first(cycle=cycle, commune=commune)
        return self.get_context_data(
            form=form,
            commune=commune,
            cycle=cycle,
            corrects=corrects,
            appraised=appraised,
            recognised=recognised,
            first=first,
            next_supplement=(
                (
                    RecognitionDecision.objects.filter(cycle=cycle, commune=commune)
                    .exclude(supplement_number=None)
                    .count()
                    + 1
                )
                if first
                else None
            ),
            selected={int(i) for i in self.request.POST.getlist("ids") if i.isdigit()}
            if self.request.method == "POST"
            else None,
        )


def data_corrects(form):
    return form.cleaned_data.get("corrects") if hasattr(form, "cleaned_data") else None


class DecisionListView(OfficerView):
    template_name = "certificates/officer/decisions.html"
    page_title = gettext_lazy("Quyết định công nhận")
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        communes = communes_for(self.request.user)
        decisions = (
            RecognitionDecision.objects.filter(commune__in=communes)
            .select_related("cycle", "commune", "corrects", "supplements", "recorded_by")
            .annotate(count=Count("applications"))
            .order_by("-signed_on", "-recorded_at")
        )
        context["decisions"] = decisions
        context["can_decide"] = user_can(user=self.request.user, action=perms.DECIDE)
        return context
