"""Targets and yearly totals: city and commune administrators set a unit's targets (with
history) and enter or upload the totals the platform does not hold."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from people.models import AdministrativeUnit, UnitLevel
from people.permissions import units_visible_to, user_can
from programme.imports import totals_import
from programme.models import DeclaredTotal, Target, TargetCode
from programme.selectors import EDIT, hamlets_of
from programme.services import PLANS, TARGET_FIELDS, InvalidFigure, declared_total_save, target_save
from programme.views.reports import _year

MAX_UPLOAD = 2 * 1024 * 1024


def _unit(request) -> AdministrativeUnit:
    raw = request.POST.get("don-vi") or request.GET.get("don-vi")
    units = units_visible_to(user=request.user, action=EDIT).filter(
        level__in=[UnitLevel.CITY, UnitLevel.COMMUNE], valid_to__isnull=True
    )
    unit = get_object_or_404(units, pk=raw) if raw else units.order_by("level", "name").first()
    if unit is None or not user_can(user=request.user, action=EDIT, unit=unit):
        raise PermissionDenied
    return unit


@login_required
def figures(request):
    if not user_can(user=request.user, action=EDIT):
        raise PermissionDenied
    unit, year = _unit(request), _year(request)
    if request.method == "POST":
        try:
            if request.POST.get("form") == "targets":
                values = {n: request.POST.get(n, "") for n in TARGET_FIELDS}
                values["basis"] = request.POST.get("basis", "")
                target_save(unit=unit, year=year, values=values, by=request.user,
                            note=request.POST.get("note", ""))  # fmt: skip
                messages.success(request, _("Đã lưu chỉ tiêu năm %(y)s.") % {"y": year})
            elif request.POST.get("form") == "totals":
                for code in ("t1", "t2", "t3"):
                    if request.POST.get(code, "").strip():
                        declared_total_save(unit=unit, year=year, target=code,
                                            value=request.POST[code], by=request.user)  # fmt: skip
                messages.success(request, _("Đã lưu tổng số năm %(y)s.") % {"y": year})
            elif request.POST.get("form") == "upload":
                return _upload(request, unit, year)
            return redirect(f"{request.path}?don-vi={unit.pk}&nam={year}")
        except InvalidFigure as error:
            messages.error(request, str(error))
    return _page(request, unit, year)


def _upload(request, unit, year):
    upload = request.FILES.get("file")
    if unit.level != UnitLevel.COMMUNE or upload is None:
        messages.error(request, _("Hãy chọn tệp bảng tính của xã để tải lên."))
        return _page(request, unit, year)
    if upload.size > MAX_UPLOAD:
        messages.error(request, _("Tệp lớn quá 2 MB. Hãy chỉ để lại bảng tổng số."))
        return _page(request, unit, year)
    try:
        result = totals_import(
            content=upload.read(), filename=upload.name, commune=unit,
            units=[unit, *hamlets_of(commune=unit)], by=request.user,
        )  # fmt: skip
    except InvalidFigure as error:
        messages.error(request, str(error))
        return _page(request, unit, year)
    if result.errors:
        messages.error(request, _("Chưa ghi số liệu nào, vì bảng tính còn lỗi:"))
        return _page(request, unit, year, import_errors=result.errors)
    messages.success(request, _("Đã ghi %(n)s tổng số từ bảng tính.") % {"n": result.written})
    return redirect(f"{request.path}?don-vi={unit.pk}&nam={year}")


def _page(request, unit, year, **extra):
    target = Target.objects.filter(unit=unit, year=year).first()
    plan = PLANS.get(request.GET.get("mau", ""))
    initial = plan["values"] if plan else (
        {n: getattr(target, n) for n in TARGET_FIELDS} if target else PLANS["cu-chi-2023"]["values"]
    )  # fmt: skip
    units = units_visible_to(user=request.user, action=EDIT).filter(
        level__in=[UnitLevel.CITY, UnitLevel.COMMUNE], valid_to__isnull=True
    ).order_by("level", "name")  # fmt: skip
    totals = {t.target: t for t in DeclaredTotal.objects.filter(unit=unit, year=year)}
    return render(request, "programme/figures.html", {
        "unit": unit, "year": year, "units": units, "target": target,
        "fields": [(n, {"t1": "T1", "t2": "T2", "t3": "T3", "t4": "T4",
                        "t4_proficient": _("T4: thành thạo")}[n], initial.get(n, ""))
                   for n in TARGET_FIELDS],
        "plans": PLANS, "plan_label": plan["label"] if plan else "",
        "revisions": target.revisions.select_related("changed_by")[:20] if target else [],
        "totals": [(c, TargetCode(c).label, totals.get(c)) for c in ("t1", "t2", "t3")],
        **extra,
    })  # fmt: skip
