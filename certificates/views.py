"""Citizen pages: my application (status, history, result), registering, the self-assessment
form, evidence files; and the officer's door into assisted entry. Views translate HTTP into
service calls; the rules live in certificates.services."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from certificates import permissions as perms
from certificates.forms import RegisterForm, parse_scores
from certificates.models import Action, Application, Evidence, Stage, Status
from certificates.selectors import application_of, application_rows, cycle_for
from certificates.services import (
    Refused,
    application_register,
    application_scores_save,
    application_transition,
    evidence_add_course,
    evidence_add_file,
    evidence_add_link,
    evidence_remove,
)
from certificates.services.applications import application_rule, edit_window_refusal
from people.models import Profile
from people.permissions import user_can
from people.selectors import profile_get, unit_commune_on
from people.services import access_log_record
from progress.models import Enrolment
from progress.selectors import competence_profile

STEPS = [
    (Status.DRAFT, gettext_lazy("Đăng ký, tự đánh giá")),
    (Status.SUBMITTED, gettext_lazy("Gửi hồ sơ")),
    (Status.BRANCH_REVIEWED, gettext_lazy("Chi hội kiểm tra")),
    (Status.COMMUNE_EVALUATED, gettext_lazy("Hội Khuyến học xã đánh giá")),
    (Status.APPRAISED, gettext_lazy("UBND xã thẩm định")),
    (Status.RECOGNISED, gettext_lazy("Công nhận")),
]
STEP_INDEX = {status: i for i, (status, _label) in enumerate(STEPS)}
STEP_INDEX[Status.RETURNED] = 0
STEP_INDEX[Status.NOT_RECOGNISED] = len(STEPS) - 1


def _steps(application: Application) -> list[dict]:
    current = STEP_INDEX.get(application.status, 0)
    finished = application.status == Status.RECOGNISED
    return [
        {
            "label": str(label),
            "state": "done"
            if i < current or (finished and i == current)
            else "current"
            if i == current
            else "todo",
        }
        for i, (_status, label) in enumerate(STEPS)
    ]


def _current_cycle(profile: Profile):
    if profile.home_unit_id is None:
        return None
    commune = unit_commune_on(unit=profile.home_unit)
    return cycle_for(commune=commune, year=timezone.localdate().year) if commune else None


@login_required
def my_application(request):
    """Status, history and result of my application; or how to register."""
    profile = profile_get(user=request.user)
    cycle = _current_cycle(profile)
    application = application_of(user=request.user, cycle=cycle) if cycle else None
    application = application or application_of(user=request.user)
    if application is None:
        form = RegisterForm(initial={"occupation_group": profile.occupation_group_id})
        open_now = cycle is not None and cycle.is_open(Stage.REGISTRATION, timezone.localdate())
        return render(
            request,
            "certificates/register.html",
            {"form": form, "cycle": cycle, "open_now": open_now, "profile": profile},
        )
    comments = [
        event
        for event in application.events.select_related("by").order_by("at", "pk")
        if event.comment and event.action not in (Action.REGISTER, Action.SUBMIT)
    ]
    return render(
        request,
        "certificates/my_application.html",
        {
            "application": application,
            "rows": application_rows(application=application),
            "rule": application_rule(application=application),
            "steps": _steps(application),
            "comments": comments,
            "events": application.events.select_related("by").order_by("-at", "-pk"),
            "can_edit": application.is_editable
            and edit_window_refusal(application=application) is None,
        },
    )


@require_POST
@login_required
def register(request):
    form = RegisterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn nhóm đối tượng của bạn."))
        return redirect("certificates:my_application")
    try:
        application = application_register(
            applicant=request.user,
            by=request.user,
            occupation_group=form.cleaned_data["occupation_group"],
            request=request,
        )
    except Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("certificates:my_application")
    return redirect("certificates:self_assessment", pk=application.pk)


def _application_for_editing(request, pk) -> tuple[Application, bool]:
    application = get_object_or_404(
        Application.objects.select_related(
            "cycle", "criteria_set", "applicant", "hamlet", "occupation_group"
        ),
        pk=pk,
    )
    if application.applicant_id == request.user.pk:
        return application, False
    if user_can(user=request.user, action=perms.ASSIST, obj=application):
        return application, True
    raise Http404


def _evidence_from_post(request, application, rows) -> list[str]:
    """Add the files and links posted with the form; return the refusals (Vietnamese)."""
    errors = []
    for row in rows:
        indicator_id = row.indicator.pk
        for upload in request.FILES.getlist(f"file_{indicator_id}"):
            try:
                evidence_add_file(
                    application=application,
                    indicator_id=indicator_id,
                    upload=upload,
                    by=request.user,
                )
            except Refused as refusal:
                errors.append(str(refusal))
        link = (request.POST.get(f"link_{indicator_id}") or "").strip()
        if link:
            try:
                evidence_add_link(
                    application=application, indicator_id=indicator_id, url=link, by=request.user
                )
            except Refused as refusal:
                errors.append(str(refusal))
    return errors


def _button(request, application) -> tuple[str | None, str]:
    """Run a one-tap button (attach a course, remove evidence, save one card); returns its
    message and the card to come back to."""
    kind, _sep, rest = request.POST.get("action", "").partition(":")
    if kind == "attach":
        indicator_id, _sep, enrolment_id = rest.partition(":")
        evidence = evidence_add_course(
            application=application,
            indicator_id=int(indicator_id),
            enrolment_id=int(enrolment_id),
            by=request.user,
        )
        return _("Đã đính kèm khóa học làm minh chứng."), f"chi-so-{evidence.indicator.number}"
    if kind == "remove":
        evidence = get_object_or_404(
            Evidence.objects.select_related("indicator"), pk=int(rest), application=application
        )
        number = evidence.indicator.number
        evidence_remove(evidence=evidence, by=request.user)
        return _("Đã bỏ minh chứng."), f"chi-so-{number}"
    if kind == "save" and re.fullmatch(r"chi-so-\d{1,3}", rest):
        return None, rest
    return None, ""


@login_required
def self_assessment(request, pk: int):
    """One card per indicator: a score, evidence (files, a link, completed courses). Saves as
    a draft, or sends the application. Works without JavaScript."""
    application, assisted = _application_for_editing(request, pk)
    if not application.is_editable:
        if assisted:
            return redirect("certificates_officer_application", pk=application.pk)
        return redirect("certificates:my_application")
    rows = application_rows(application=application)
    if request.method == "POST":
        anchor = ""
        try:
            scores = parse_scores(request.POST, [row.indicator.number for row in rows])
            application_scores_save(application=application, by=request.user, scores=scores)
            for error in _evidence_from_post(request, application, rows):
                messages.error(request, error)
            done, anchor = _button(request, application)
            if request.POST.get("action") == "submit":
                application_transition(application=application, action="submit", by=request.user)
                messages.success(
                    request,
                    _("Đã gửi hồ sơ. Chi hội khuyến học ấp sẽ kiểm tra và báo kết quả tại đây."),
                )
                if assisted:
                    return redirect("certificates_officer_application", pk=application.pk)
                return redirect("certificates:my_application")
            messages.success(request, done or _("Đã lưu nháp."))
        except Refused as refusal:
            messages.error(request, str(refusal))
        except ValueError:  # a tampered button value
            messages.error(request, _("Thao tác không hợp lệ. Hãy tải lại trang."))
        url = reverse("certificates:self_assessment", args=[application.pk])
        return redirect(f"{url}#{anchor}" if anchor else url)
    if assisted:
        access_log_record(
            actor=request.user,
            action="certificates_view_application",
            subject=application.applicant,
            request=request,
            detail=f"application={pk}",
        )
    attached = {
        (e.indicator_id, e.enrolment_id) for row in rows for e in row.evidence if e.enrolment_id
    }
    completed = list(
        Enrolment.objects.filter(learner=application.applicant, completed_at__isnull=False)
        .select_related("course")
        .order_by("-completed_at")
    )
    competence = competence_profile(learner=application.applicant)
    suggestion = competence.indicator5_score if competence.indicator5 else 0
    pass_min = application.criteria_set.pass_min_indicator
    criteria = {c.number: c for c in application.criteria_set.criteria.all()}
    for row in rows:
        row.courses = [e for e in completed if (row.indicator.pk, e.pk) not in attached]
        row.choices = range(0, row.indicator.max_points + 1)
        row.criterion = criteria.get(row.indicator.criterion_number)
        row.value = row.score.self_score if row.score else None
        unscored = row.indicator.is_digital_skills and row.value is None and suggestion
        # A failing suggestion is shown, explained, and never chosen for the citizen.
        row.suggested = bool(unscored and suggestion >= pass_min)
        row.suggestion_low = bool(unscored and suggestion < pass_min)
        if row.suggested:
            row.value = suggestion
        row.below = (
            row.value is not None and row.value < application.criteria_set.pass_min_indicator
        )
    rule = application_rule(application=application, stage="self")
    return render(
        request,
        "certificates/self_assessment.html",
        {
            "application": application,
            "rows": rows,
            "rule": rule,
            "competence": competence,
            "suggestion": suggestion,
            "assisted": assisted,
            "window_problem": edit_window_refusal(application=application),
        },
    )


@login_required
def evidence_download(request, pk: int):
    """An evidence file, for its owner and for officers whose scope covers the application."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("application", "application__hamlet"),
        pk=pk,
        kind=Evidence.Kind.FILE,
    )
    application = evidence.application
    if application.applicant_id != request.user.pk:
        if not user_can(user=request.user, action=perms.VIEW, obj=application):
            access_log_record(
                actor=request.user,
                action="certificates_view_evidence",
                allowed=False,
                subject=application.applicant,
                request=request,
                detail=f"evidence={pk}",
            )
            raise Http404
        access_log_record(
            actor=request.user,
            action="certificates_view_evidence",
            subject=application.applicant,
            request=request,
            detail=f"evidence={pk}",
        )
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    inline = evidence.content_type in ("image/jpeg", "image/png")
    response = FileResponse(
        handle,
        content_type=evidence.content_type or "application/octet-stream",
        as_attachment=not inline,
        filename=evidence.title or f"minh-chung-{pk}",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def assisted_register(request, profile_id: int):
    """An officer opens (or continues) the application of a citizen of their area."""
    profile = get_object_or_404(Profile.objects.select_related("user", "home_unit"), pk=profile_id)
    if not user_can(user=request.user, action=perms.ASSIST, obj=profile):
        raise PermissionDenied
    form = RegisterForm(
        request.POST or None, initial={"occupation_group": profile.occupation_group_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = application_register(
                applicant=profile.user,
                by=request.user,
                occupation_group=form.cleaned_data["occupation_group"],
                request=request,
            )
        except Refused as refusal:
            messages.error(request, str(refusal))
        else:
            if application.is_editable:
                return redirect("certificates:self_assessment", pk=application.pk)
            return redirect("certificates_officer_application", pk=application.pk)
    return render(request, "certificates/assisted_register.html", {"form": form, "person": profile})
