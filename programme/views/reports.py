"""Officers' report pages: the city, a commune, a hamlet's people, the Excel summary.

Scope: ``programme.view_reports`` (people.permissions) — city analysts and administrators see
every commune, commune staff their own (and the units it succeeded). Figures come from the
counters (programme.selectors), never from raw records. The list of a hamlet's people is
personal data: opening it is written to the access log.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import AdministrativeUnit, UnitLevel
from people.permissions import user_can
from people.selectors import unit_list_current
from people.services import access_log_record
from programme import charts
from programme.exports import summary_workbook
from programme.models import PersonFact
from programme.selectors import (
    EDIT,
    MEASURES,
    VIEW,
    communes_visible,
    hamlets_of,
    monthly_curve,
    report_city,
    report_city_allowed,
    report_rows,
    target_label,
)

PEOPLE_PAGE = 200


def _year(request) -> int:
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _city():
    city = unit_list_current(level=UnitLevel.CITY).order_by("pk").first()
    if city is None:
        raise Http404
    return city


def _commune_or_403(request, pk: int) -> AdministrativeUnit:
    commune = get_object_or_404(AdministrativeUnit, pk=pk, level=UnitLevel.COMMUNE)
    if not user_can(user=request.user, action=VIEW, unit=commune):
        raise PermissionDenied
    return commune


def _bars(rows, code):
    return charts.progress_bars(
        items=[(r.name, r.figures[code].rate, r.figures[code].target) for r in rows],
        title=f"{code.upper()}: {target_label(code)}",
    )


def _links(rows, year, commune=None) -> None:
    """Each row's drill-down address, built once (not a {% url %} per table cell)."""
    commune_url = reverse("programme:commune", args=[0]).replace("/0/", "/{}/")
    people_url = reverse("programme:people", args=[0, 0]).replace("/0/ap/0/", "/{}/ap/{}/")
    for row in rows:
        row.link = ""
        if row.unit is None:
            continue
        if row.unit.level == UnitLevel.COMMUNE and commune is None:
            row.link = commune_url.format(row.unit.pk) + f"?nam={year}"
        elif row.unit.level == UnitLevel.HAMLET and commune is not None:
            row.link = people_url.format(commune.pk, row.unit.pk) + f"?nam={year}"


def _context(request, *, rows, year, scope_name, curve_units, chart_rows, **extra):
    _links(rows, year, extra.get("commune"))
    points = monthly_curve(unit_ids=curve_units, year=year)
    sections = [
        {
            "code": code,
            "short": code.upper() if code != "t4p" else _("T4 thành thạo"),
            "label": target_label(code),
            "chart": _bars(chart_rows, code) if chart_rows else "",
            "lines": [(row, row.figures[code]) for row in rows],
        }
        for code in MEASURES
    ]
    total = rows[0] if rows else None
    summary = [(s, total.figures[s["code"]]) for s in sections] if total else []
    reform = [(row.name, flag) for row in rows for flag in row.flags]
    flags = [
        (f"{row.name} — {fig.label}", flag)
        for row in rows
        for fig in row.figures.values()
        for flag in fig.flags
    ]
    return {
        "rows": rows,
        "year": year,
        "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
        "scope_name": scope_name,
        "sections": sections,
        "summary": summary,
        "total": total,
        "flags": flags,
        "reform": reform,
        "curve": charts.campaign_curve(
            points=points,
            title=_("Tiến độ đợt đánh giá năm %(year)s theo tháng") % {"year": year},
        ),
        "curve_points": points,
        "print_view": request.GET.get("in") == "1",
        "check_label": _("Số liệu cần kiểm tra lại"),
        "entered_label": _("xã nhập"),
        "reform_label": _("Đơn vị được sắp xếp lại trong năm: xem ghi chú ở đầu trang"),
        "may_edit": user_can(user=request.user, action=EDIT),
        **extra,
    }


@login_required
def report_index(request):
    """The city report for those who may read it; a commune officer goes to their commune."""
    if not user_can(user=request.user, action=VIEW):
        raise PermissionDenied
    city, year = _city(), _year(request)
    communes = communes_visible(user=request.user, city=city)
    if not report_city_allowed(user=request.user, city=city):
        if len(communes) == 1:
            target = reverse("programme:commune", args=[communes[0].pk])
            return redirect(f"{target}?nam={year}")
        if not communes:
            raise PermissionDenied
    rows = report_city(city=city, communes=communes, year=year)
    if not report_city_allowed(user=request.user, city=city):
        rows = rows[1:]  # no city total for someone who sees only part of it
    context = _context(request, rows=rows, year=year, scope_name=str(city),
                       curve_units=[c.pk for c in communes], chart_rows=[r for r in rows
                       if r.unit and r.unit.level == UnitLevel.COMMUNE], level="city",
                       city=city)  # fmt: skip
    return render(request, "programme/report.html", context)


@login_required
def commune_report(request, pk: int):
    commune = _commune_or_403(request, pk)
    year = _year(request)
    hamlets = hamlets_of(commune=commune)
    rows = report_rows(units=hamlets, year=year, total_unit=commune,
                       total_name=_("Toàn xã %(name)s") % {"name": commune.name})  # fmt: skip
    context = _context(request, rows=rows, year=year, scope_name=str(commune),
                       curve_units=[commune.pk], chart_rows=rows[1:], level="commune",
                       commune=commune)  # fmt: skip
    return render(request, "programme/report.html", context)


@login_required
def hamlet_people(request, pk: int, hamlet: int):
    """Who counts in a hamlet for a year (name, what they count in) — logged."""
    commune = _commune_or_403(request, pk)
    unit = get_object_or_404(AdministrativeUnit, pk=hamlet, level=UnitLevel.HAMLET)
    if unit.pk not in {h.pk for h in hamlets_of(commune=commune)} or not user_can(
        user=request.user, action="people.view_person", unit=unit
    ):
        access_log_record(actor=request.user, action="view_programme_people", allowed=False,
                          request=request, detail=f"hamlet={unit.pk}")  # fmt: skip
        raise PermissionDenied
    year = _year(request)
    facts = (
        PersonFact.objects.filter(hamlet=unit, year=year)
        .select_related("person")
        .order_by("person__full_name")[:PEOPLE_PAGE]
    )
    access_log_record(actor=request.user, action="view_programme_people", request=request,
                      detail=f"hamlet={unit.pk} year={year} rows={len(facts)}")  # fmt: skip
    return render(request, "programme/people.html", {
        "commune": commune, "hamlet": unit, "year": year, "facts": facts, "limit": PEOPLE_PAGE,
    })  # fmt: skip


@login_required
def export_xlsx(request):
    year = _year(request)
    if request.GET.get("xa"):
        commune = _commune_or_403(request, int(request.GET["xa"]))
        rows = report_rows(units=hamlets_of(commune=commune), year=year, total_unit=commune,
                           total_name=_("Toàn xã %(name)s") % {"name": commune.name})  # fmt: skip
        scope, body = str(commune), _("Hội Khuyến học xã %(name)s") % {"name": commune.name}
    else:
        city = _city()
        if not report_city_allowed(user=request.user, city=city):
            raise PermissionDenied
        rows = report_city(city=city, communes=communes_visible(user=request.user, city=city),
                           year=year)  # fmt: skip
        scope, body = str(city), _("Hội Khuyến học %(name)s") % {"name": city.name}
    content = summary_workbook(rows=rows, year=year, scope_name=scope, body=body)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="bao-cao-cdht-{year}.xlsx"'
    return response
