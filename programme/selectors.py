"""Reads for the reports: figures per unit and year from the counters (never from raw records),
with the target, gap, last year, the denominator's source and flags for figures that cannot be
trusted as they stand. Keyword-only, named ``<entity>_<action>``.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _

from people.models import AdministrativeUnit, UnitLevel, UnitSuccession
from people.permissions import unit_ids_for
from people.selectors import unit_list_current, unit_scope_q
from programme.models import Counter, DeclaredTotal, FigureSource, Target

VIEW = "programme.view_reports"
EDIT = "programme.edit_targets"
TARGETS = ["t1", "t2", "t3", "t4", "t4p"]
LABELS = {
    "t1": "T1", "t2": "T2", "t3": "T3", "t4": "T4", "t4p": "T4 thành thạo",
}  # fmt: skip
# (numerator metric, denominator metric, target field)
MEASURES = {
    "t1": ("t1_num", "t1_den", "t1"),
    "t2": ("t2_num", "t2_den", "t2"),
    "t3": ("t3_num", "t3_den", "t3"),
    "t4": ("t4_num", "t4_den", "t4"),
    "t4p": ("t4_prof", "t4_num", "t4_proficient"),
}
MONTH_METRICS = [f"{kind}_{m:02d}" for kind in ("sub", "rec") for m in range(1, 13)]
STATES = ["submitted", "returned", "branch_reviewed", "commune_evaluated", "appraised",
          "recognised", "not_recognised"]  # fmt: skip


def target_label(code: str) -> str:
    return {
        "t1": _("Cán bộ, hội viên được tập huấn bộ tiêu chí"),
        "t2": _("Người lớn trong gia đình, dòng họ, cộng đồng học tập đạt danh hiệu"),
        "t3": _("Cán bộ, công chức, người lao động trong đơn vị học tập đạt danh hiệu"),
        "t4": _("Người đạt danh hiệu có kỹ năng số"),
        "t4p": _("Trong số có kỹ năng số: thành thạo"),
    }[code]


@dataclass
class Figure:
    code: str
    numerator: int = 0
    denominator: int = 0
    source: str = FigureSource.COUNTED
    counted_denominator: int = 0
    target: Decimal | None = None
    last_rate: Decimal | None = None
    flags: list[str] = field(default_factory=list)
    last_numerator: int = 0  # last year's figures the last rate comes from (sums of rows)
    last_denominator: int = 0

    @property
    def label(self) -> str:
        return LABELS[self.code]

    @property
    def source_label(self) -> str:
        return FigureSource(self.source).label

    @cached_property
    def rate(self) -> Decimal | None:
        if self.denominator <= 0 or self.numerator > self.denominator:
            return None
        return (Decimal(100) * self.numerator / self.denominator).quantize(Decimal("0.1"))

    @property
    def target_ok(self) -> bool:
        return self.target is not None and Decimal(0) <= self.target <= Decimal(100)

    @cached_property
    def gap(self) -> Decimal | None:
        """Percentage points still missing to the target (0 once reached)."""
        if self.rate is None or not self.target_ok:
            return None
        return max(Decimal(0), (self.target - self.rate).quantize(Decimal("0.1")))

    @property
    def people_missing(self) -> int | None:
        if self.gap is None:
            return None
        needed = -(-self.target * self.denominator // 100)  # ceiling
        return max(0, int(needed) - self.numerator)


@dataclass
class Row:
    unit: AdministrativeUnit | None
    name: str
    figures: dict[str, Figure]
    flags: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.flags) or any(f.flags for f in self.figures.values())


def report_scope(*, user) -> list[int] | None:
    """Unit ids whose subtrees ``user`` may read reports of; None = everywhere."""
    return unit_ids_for(user=user, action=VIEW)


def report_city_allowed(*, user, city: AdministrativeUnit) -> bool:
    scope = report_scope(user=user)
    return scope is None or city.pk in scope


def communes_visible(*, user, city: AdministrativeUnit, on: date | None = None) -> list:
    """Today's communes of ``city`` the user may read, by name."""
    communes = unit_list_current(level=UnitLevel.COMMUNE, on=on).filter(path__startswith=city.path)
    scope = report_scope(user=user)
    if scope is not None:
        communes = communes.filter(unit_scope_q(unit_ids=scope)) if scope else communes.none()
    return list(communes.order_by("name"))


def hamlets_of(*, commune: AdministrativeUnit) -> list[AdministrativeUnit]:
    """Every hamlet that answers to ``commune`` today, including those of the communes it
    succeeded (they may no longer exist: their records still count here)."""
    return list(
        AdministrativeUnit.objects.filter(
            unit_scope_q(unit_ids=[commune.pk]), level=UnitLevel.HAMLET
        ).order_by("valid_to", "name")
    )


def _counter_map(unit_ids, years) -> dict:
    out = defaultdict(dict)
    for unit_id, year, metric, value in Counter.objects.filter(
        unit_id__in=unit_ids, year__in=years
    ).values_list("unit_id", "year", "metric", "value"):
        out[(unit_id, year)][metric] = value
    return out


def _declared_map(unit_ids, years) -> dict:
    return {
        (row.unit_id, row.year, row.target): row
        for row in DeclaredTotal.objects.filter(unit_id__in=unit_ids, year__in=years)
    }


def targets_for(*, units, years) -> dict:
    """(unit id, year) → the Target that applies: the unit's own, else the nearest ancestor's."""
    ancestors = {u.pk: [*reversed(u.ancestor_ids)] for u in units}  # self first, then upwards
    wanted = {a for chain in ancestors.values() for a in chain}
    found = {
        (t.unit_id, t.year): t for t in Target.objects.filter(unit_id__in=wanted, year__in=years)
    }
    out = {}
    for unit_id, chain in ancestors.items():
        for year in years:
            out[(unit_id, year)] = next(
                (found[(a, year)] for a in chain if (a, year) in found), None
            )
    return out


def _figures(counts, last_counts, declared, target, last_declared, unit_id, year) -> dict:
    figures = {}
    for code, (num, den, target_field) in MEASURES.items():
        figure = Figure(code=code, numerator=counts.get(num, 0))
        figure.counted_denominator = counts.get(den, 0)
        figure.denominator = figure.counted_denominator
        entered = declared.get((unit_id, year, code)) if code in ("t1", "t2", "t3") else None
        if entered is not None:
            figure.denominator, figure.source = entered.value, entered.source
        figure.target = getattr(target, target_field) if target else None
        last = Figure(code=code, numerator=last_counts.get(num, 0))
        last.denominator = last_counts.get(den, 0)
        last_entered = last_declared.get((unit_id, year - 1, code)) if code != "t4" else None
        if last_entered is not None and code != "t4p":
            last.denominator = last_entered.value
        figure.last_rate = last.rate
        figure.last_numerator, figure.last_denominator = last.numerator, last.denominator
        _flag(figure)
        figures[code] = figure
    return figures


def _flag(figure: Figure) -> None:
    if figure.target is not None and not figure.target_ok:
        figure.flags.append(
            _("Chỉ tiêu %(value)s%% nằm ngoài khoảng 0–100%%: cần sửa lại chỉ tiêu.")
            % {"value": figure.target}
        )
    if figure.numerator > figure.denominator:
        figure.flags.append(
            _("Mẫu số (%(den)s) nhỏ hơn tử số (%(num)s): tổng số xã nhập chưa đúng hoặc chưa "
              "cập nhật. Chưa tính tỷ lệ.")
            % {"den": figure.denominator, "num": figure.numerator}
        )  # fmt: skip


def _successions_in(units, year: int) -> dict[int, list]:
    """successor id → the successions that took effect during ``year`` (one query)."""
    ids = {u.pk for u in units}
    found = defaultdict(list)
    for step in UnitSuccession.objects.filter(
        successor_id__in=ids,
        effective_date__gt=date(year, 1, 1),
        effective_date__lte=date(year, 12, 31),
    ).select_related("predecessor"):
        found[step.successor_id].append(step)
    return found


def unit_reform_flags(*, unit: AdministrativeUnit, year: int, successions=None) -> list[str]:
    """Explain a unit created, ended or merged during ``year``."""
    successions = successions if successions is not None else _successions_in([unit], year)
    flags = []
    start, end = date(year, 1, 1), date(year, 12, 31)
    if unit.valid_to and start <= unit.valid_to < end:
        flags.append(
            _("Đơn vị này thôi tồn tại từ sau ngày %(day)s; số liệu của đơn vị được tính vào xã "
              "mới theo quyết định sắp xếp.") % {"day": unit.valid_to.strftime("%d/%m/%Y")}
        )  # fmt: skip
    merged = successions.get(unit.pk, [])
    names = sorted({str(s.predecessor) for s in merged})
    if names:
        day = min(s.effective_date for s in merged)
        flags.append(
            _("Đơn vị được lập giữa năm (từ ngày %(day)s) từ: %(names)s. Số liệu cả năm gồm cả "
              "số liệu của các đơn vị cũ trước ngày đó.")
            % {"day": day.strftime("%d/%m/%Y"), "names": "; ".join(names)}
        )  # fmt: skip
    return flags


def report_rows(
    *, units, year: int, total_unit=None, total_name: str = "", flags: bool = True
) -> list[Row]:
    """One row per unit (and a total row first, summed from the rows, when ``total_name``;
    or read from ``total_unit``'s own counters when given)."""
    ids = [u.pk for u in units] + ([total_unit.pk] if total_unit else [])
    years = [year, year - 1]
    counts = _counter_map(ids, years)
    declared = _declared_map(ids, years)
    everyone = [*units, *([total_unit] if total_unit else [])]
    targets = targets_for(units=everyone, years=[year])
    steps = _successions_in(everyone, year) if flags else {}

    def reform(unit):
        return unit_reform_flags(unit=unit, year=year, successions=steps) if flags else []

    rows = []
    for unit in units:
        figures = _figures(counts[(unit.pk, year)], counts[(unit.pk, year - 1)], declared,
                           targets[(unit.pk, year)], declared, unit.pk, year)  # fmt: skip
        rows.append(Row(unit, str(unit), figures, reform(unit)))
    if total_unit is not None:
        figures = _figures(counts[(total_unit.pk, year)], counts[(total_unit.pk, year - 1)],
                           declared, targets[(total_unit.pk, year)], declared, total_unit.pk,
                           year)  # fmt: skip
        rows.insert(0, Row(total_unit, total_name or str(total_unit), figures,
                           reform(total_unit)))  # fmt: skip
    elif total_name:
        rows.insert(0, _sum_row(rows, total_name, year))
    return rows


def _sum_row(rows: list[Row], name: str, year: int, target=None) -> Row:
    figures = {}
    for code in MEASURES:
        total = Figure(code=code)
        for row in rows:
            part = row.figures[code]
            total.numerator += part.numerator
            total.denominator += part.denominator
            total.counted_denominator += part.counted_denominator
            if part.source != FigureSource.COUNTED:
                total.source = FigureSource.ENTERED
        figures[code] = total
    return Row(None, name, figures)


def report_city(*, city, communes, year: int) -> list[Row]:
    """Communes' rows, with the city's total first (sums of the communes' figures, the city's
    own targets, last year from the same sums: each row already holds last year's numerator
    and denominator, so last year is not read a second time)."""
    rows = report_rows(units=communes, year=year)
    total = _sum_row(rows, str(city), year)
    target = targets_for(units=[city], years=[year])[(city.pk, year)]
    for code, (_n, _d, target_field) in MEASURES.items():
        figure = total.figures[code]
        figure.target = getattr(target, target_field) if target else None
        last = Figure(code=code)
        last.numerator = figure.last_numerator = sum(r.figures[code].last_numerator for r in rows)
        last.denominator = figure.last_denominator = sum(
            r.figures[code].last_denominator for r in rows
        )
        figure.last_rate = last.rate
        _flag(figure)
    total.unit = city
    return [total, *rows]


def monthly_curve(*, unit_ids, year: int) -> list[dict]:
    """Month by month (1–12): applications sent and titles recognised, and their running totals."""
    sums = defaultdict(int)
    for metric, value in Counter.objects.filter(
        unit_id__in=unit_ids, year=year, metric__in=MONTH_METRICS
    ).values_list("metric", "value"):
        sums[metric] += value
    out, sent, recognised = [], 0, 0
    for month in range(1, 13):
        sent += sums[f"sub_{month:02d}"]
        recognised += sums[f"rec_{month:02d}"]
        out.append({"month": month, "sent": sent, "recognised": recognised,
                    "sent_month": sums[f"sub_{month:02d}"],
                    "recognised_month": sums[f"rec_{month:02d}"]})  # fmt: skip
    return out


def state_counts(*, unit_ids, year: int) -> dict[int, dict[str, int]]:
    """unit id → {review state: applications} for the live campaign view."""
    out = {unit_id: dict.fromkeys(STATES, 0) for unit_id in unit_ids}
    for unit_id, metric, value in Counter.objects.filter(
        unit_id__in=unit_ids, year=year, metric__startswith="state_"
    ).values_list("unit_id", "metric", "value"):
        state = metric.removeprefix("state_")
        if state in out[unit_id]:
            out[unit_id][state] = value
    return out
