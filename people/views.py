"""Pages for citizens (my page, my information, activation) and officers (people of my area,
assisted registration). Views only translate HTTP to service calls."""

import json

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.forms import (
    ActivationByLinkForm,
    ActivationForm,
    AssistedRegistrationForm,
    ProfileForm,
)
from people.models import Profile, UnitLevel
from people.permissions import profiles_visible_to, units_visible_to, user_can
from people.recovery.services import user_holds_power
from people.selectors import profile_get, unit_commune_on, unit_hamlet_choices
from people.services import (
    ActivationError,
    access_log_record,
    account_activate,
    account_activate_by_token,
    activation_by_token,
    activation_code_issue,
    profile_update,
    user_register_assisted,
)
from people.validators import phone_display

SESSION_ISSUED = "people.issued_activation"


@login_required
def dashboard(request):
    profile = profile_get(user=request.user)
    missing = [
        label
        for label, value in (
            (_("năm sinh"), profile.year_of_birth),
            (_("ấp, khu phố nơi sinh sống"), profile.home_unit_id),
            (_("nhóm đối tượng"), profile.occupation_group_id),
        )
        if not value
    ]
    commune = unit_commune_on(unit=profile.home_unit) if profile.home_unit_id else None
    return render(
        request,
        "people/dashboard.html",
        {"profile": profile, "missing": missing, "commune": commune},
    )


@login_required
def profile_edit(request):
    profile = profile_get(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            profile_update(profile=profile, by=request.user, request=request, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu thông tin của bạn."))
            return redirect("people:dashboard")
    return render(request, "people/profile_form.html", {"form": form})


@login_required
def my_data_export(request):
    """Everything we hold about the signed-in person, as JSON (personal-data rules)."""
    user, profile = request.user, profile_get(user=request.user)
    data = {
        "account": {
            "full_name": user.full_name,
            "phone": user.phone,
            "email": user.email,
            "date_joined": timezone.localtime(user.date_joined).isoformat(),
        },
        "profile": {
            "year_of_birth": profile.year_of_birth,
            "gender": profile.gender,
            "citizen_id": profile.citizen_id,
            "occupation_group": str(profile.occupation_group or ""),
            "home_unit": str(profile.home_unit or ""),
            "registered_by": str(profile.registered_by or ""),
        },
        "roles": [str(a) for a in user.role_assignments.select_related("unit")],
        "consents": [
            {
                "notice_version": consent.notice_version,
                "given_at": consent.given_at.isoformat(),
                "method": consent.method,
                "recorded_by": str(consent.recorded_by or ""),
            }
            for consent in user.consents.select_related("recorded_by")
        ],
        "notifications": [
            {"at": notice.created_at.isoformat(), "title": notice.title, "body": notice.body}
            for notice in user.notifications.all()
        ],
        "accessed_by_officers": [
            {
                "at": timezone.localtime(log.at).isoformat(),
                "by": str(log.actor or ""),
                "action": log.action,
            }
            for log in user.access_logs.select_related("actor")  # all of them: no cap
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="du-lieu-cua-toi.json"'
    return response


def activate(request):
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_activate(
                phone=form.cleaned_data["phone"],
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password1"],
            )
        except ActivationError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(request, user, backend="people.auth_backends.ModelBackend")
            messages.success(request, _("Tài khoản đã được kích hoạt. Chào mừng bạn!"))
            return redirect("people:dashboard")
    return render(request, "people/activate.html", {"form": form})


def activate_by_link(request, token):
    activation = activation_by_token(token=token)
    if activation is None or not activation.is_usable():
        return render(request, "people/activate_link_invalid.html", status=410)
    form = ActivationByLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_activate_by_token(token=token, password=form.cleaned_data["password1"])
        except ActivationError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(request, user, backend="people.auth_backends.ModelBackend")
            messages.success(request, _("Tài khoản đã được kích hoạt. Chào mừng bạn!"))
            return redirect("people:dashboard")
    return render(request, "people/activate_link.html", {"form": form, "person": activation.user})


def _officer_required(request, action):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    if not user_can(user=request.user, action=action):
        raise PermissionDenied
    return None


def people_list(request):
    if (redirect_response := _officer_required(request, "people.view_person")) is not None:
        return redirect_response
    profiles = profiles_visible_to(user=request.user).order_by("user__full_name")
    query = request.GET.get("q", "").strip()
    if query:
        digits = "".join(ch for ch in query if ch.isdigit())
        condition = Q(user__full_name__icontains=query)
        if len(digits) >= 4:
            condition |= Q(user__phone__endswith=digits[-9:])
        profiles = profiles.filter(condition)
    page = Paginator(profiles, 25).get_page(request.GET.get("page"))
    return render(request, "people/officer/people_list.html", {"page": page, "q": query})


def person_detail(request, pk):
    if (redirect_response := _officer_required(request, "people.view_person")) is not None:
        return redirect_response
    profile = get_object_or_404(Profile.objects.select_related("user", "home_unit"), pk=pk)
    if not user_can(user=request.user, action="people.view_person", obj=profile):
        access_log_record(
            actor=request.user, action="view_person", subject=profile.user, allowed=False,
            request=request,
        )  # fmt: skip
        raise Http404
    access_log_record(
        actor=request.user, action="view_person", subject=profile.user, request=request
    )
    return render(
        request,
        "people/officer/person_detail.html",
        {
            "profile": profile,
            "phone": phone_display(profile.user.phone),
            "commune": unit_commune_on(unit=profile.home_unit) if profile.home_unit_id else None,
            "may_reissue": user_can(
                user=request.user, action="people.register_assisted", obj=profile
            )
            and not profile.user.has_usable_password(),
            "may_reset": profile.user.has_usable_password()
            and user_can(user=request.user, action="people.reset_password", obj=profile)
            and (request.user.is_superuser or not user_holds_power(profile.user)),
        },
    )


@require_POST
def person_reissue_code(request, pk):
    if (redirect_response := _officer_required(request, "people.register_assisted")) is not None:
        return redirect_response
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    if not user_can(user=request.user, action="people.register_assisted", obj=profile):
        raise Http404
    if profile.user.has_usable_password():
        messages.info(request, _("Người này đã tự đặt mật khẩu; không cần mã mới."))
        return redirect("people:person_detail", pk=pk)
    issued = activation_code_issue(user=profile.user, by=request.user)
    access_log_record(
        actor=request.user, action="reissue_code", subject=profile.user, request=request
    )
    _remember_issued(request, issued)
    return redirect("people:assisted_done")


def _remember_issued(request, issued):
    request.session[SESSION_ISSUED] = {
        "user_id": issued.user.pk,
        "name": issued.user.full_name,
        "phone": phone_display(issued.user.phone),
        "code": issued.code,
        "link": request.build_absolute_uri(reverse("people:activate_by_link", args=[issued.token])),
        "expires": issued.expires_at.isoformat(),
    }


def assisted_register(request):
    if (redirect_response := _officer_required(request, "people.register_assisted")) is not None:
        return redirect_response
    hamlets = unit_hamlet_choices().filter(
        pk__in=units_visible_to(user=request.user, action="people.register_assisted")
        .filter(level=UnitLevel.HAMLET)
        .values("pk")
    )
    form = AssistedRegistrationForm(request.POST or None, hamlets=hamlets)
    if request.method == "POST" and form.is_valid():
        try:
            issued = user_register_assisted(by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except PermissionDenied as error:
            form.add_error("home_unit", str(error))
        else:
            _remember_issued(request, issued)
            return redirect("people:assisted_done")
    return render(request, "people/officer/assisted_form.html", {"form": form})


def assisted_done(request):
    if (redirect_response := _officer_required(request, "people.register_assisted")) is not None:
        return redirect_response
    issued = request.session.pop(SESSION_ISSUED, None)
    if not issued:
        messages.info(request, _("Mã kích hoạt chỉ hiện một lần. Hãy cấp mã mới nếu cần."))
        return redirect("people:people_list")
    response = render(request, "people/officer/assisted_done.html", {"issued": issued})
    response["Cache-Control"] = "no-store"
    return response
