"""Writes: a person's facts and the counters (one transaction), targets with their history,
membership contexts and the totals communes enter. Keyword-only, named ``<entity>_<action>``.

Lock order: the person's PersonFact rows (SELECT … FOR UPDATE), then the Counter rows in
(unit, year, metric) order, so two refreshes that touch the same counters cannot deadlock.
"""

from collections import Counter as Tally
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from programme.facts import FACT_FIELDS, Fact, UnitResolver, fact_metrics, facts_compute
from programme.models import (
    Counter,
    DeclaredTotal,
    FigureSource,
    MembershipContext,
    PersonFact,
    Target,
    TargetCode,
)

TARGET_FIELDS = ["t1", "t2", "t3", "t4", "t4_proficient"]


class InvalidFigure(ValueError):
    """A figure was refused; ``str(error)`` says why, in Vietnamese, and what to do."""


def _fact_of(row: PersonFact) -> Fact:
    return Fact(**{name: getattr(row, name) for name in FACT_FIELDS})


def fact_deltas(old: Iterable[Fact], new: Iterable[Fact]) -> Tally:
    """(unit id, year, metric) → change, between two sets of one person's facts."""
    deltas: Tally = Tally()
    for sign, facts in ((-1, old), (1, new)):
        for fact in facts:
            for metric, value in fact_metrics(fact).items():
                for unit_id in {fact.hamlet_id, fact.commune_id} - {None}:
                    deltas[(unit_id, fact.year, metric)] += sign * value
    return deltas


def counters_apply(deltas: Tally) -> None:
    """Add ``deltas`` to the counters, creating missing rows (race-safe)."""
    for (unit_id, year, metric), delta in sorted(deltas.items()):
        if not delta:
            continue
        key = {"unit_id": unit_id, "year": year, "metric": metric}
        if Counter.objects.filter(**key).update(value=F("value") + delta):
            continue
        try:
            with transaction.atomic():
                Counter.objects.create(value=delta, **key)
        except IntegrityError:  # someone created it meanwhile
            Counter.objects.filter(**key).update(value=F("value") + delta)


def person_refresh(*, person_ids: Iterable[int], resolver: UnitResolver | None = None) -> int:
    """Recompute these people's facts from raw records and move the counters by the difference,
    in one transaction. Idempotent; returns how many fact rows changed."""
    ids = sorted(set(person_ids))
    if not ids:
        return 0
    with transaction.atomic():
        rows = {
            (r.person_id, r.year): r
            for r in PersonFact.objects.select_for_update().filter(person_id__in=ids)
        }
        new = facts_compute(person_ids=ids, resolver=resolver)
        old = {key: _fact_of(row) for key, row in rows.items()}
        changed_old = [f for k, f in old.items() if k not in new or new[k].key() != f.key()]
        changed_new = [f for k, f in new.items() if k not in old or old[k].key() != f.key()]
        deltas = fact_deltas(changed_old, changed_new)
        counters_apply(deltas)
        _live_notify(deltas)
        gone = [rows[k].pk for k in old if k not in new]
        PersonFact.objects.filter(pk__in=gone).delete()
        for fact in changed_new:
            values = {n: getattr(fact, n) for n in FACT_FIELDS if n not in ("person_id", "year")}
            PersonFact.objects.update_or_create(
                person_id=fact.person_id, year=fact.year, defaults=values
            )
        return len(gone) + len(changed_new)


def _live_notify(deltas: Tally) -> None:
    """After commit, push new review-state counts of the communes whose states moved."""
    from people.models import AdministrativeUnit, UnitLevel
    from programme.live import states_broadcast

    moved = {(u, y) for (u, y, m), d in deltas.items() if d and m.startswith("state_")}
    if not moved:
        return
    communes = set(
        AdministrativeUnit.objects.filter(
            pk__in={u for u, _y in moved}, level=UnitLevel.COMMUNE
        ).values_list("pk", flat=True)
    )
    for year in {y for _u, y in moved}:
        ids = {u for u, y in moved if y == year and u in communes}
        transaction.on_commit(
            lambda ids=ids, year=year: states_broadcast(commune_ids=ids, year=year)
        )


# --- targets -------------------------------------------------------------------------------


def percent_parse(value, *, label: str) -> Decimal:
    """A percentage 0–100 from a form or a spreadsheet cell ("80", "80%", "80,5", 0.8 is 0.8%)."""
    text = str(value if value is not None else "").strip().rstrip("%").strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise InvalidFigure(
            _("%(label)s: “%(value)s” không phải là một số. Hãy nhập tỷ lệ phần trăm, ví dụ 80.")
            % {"label": label, "value": value}
        ) from None
    if not Decimal(0) <= number <= Decimal(100):
        raise InvalidFigure(
            _("%(label)s phải từ 0 đến 100%%; đã nhập %(value)s. Hãy sửa lại.")
            % {"label": label, "value": value}
        )
    return number.quantize(Decimal("0.01"))


def target_save(*, unit, year: int, values: dict, by, note: str = "") -> Target:
    """Create or change the targets of ``unit`` for ``year``; every change leaves a revision
    (before, after, who, when). Raises InvalidFigure (nothing written) on a bad figure."""
    labels = {
        "t1": "T1",
        "t2": "T2",
        "t3": "T3",
        "t4": "T4",
        "t4_proficient": _("Tỷ lệ thành thạo"),
    }
    clean = {
        name: percent_parse(values[name], label=labels[name])
        for name in TARGET_FIELDS
        if name in values
    }
    if not 2000 <= int(year) <= 2100:
        raise InvalidFigure(_("Năm %(year)s không hợp lệ.") % {"year": year})
    with transaction.atomic():
        target = Target.objects.select_for_update().filter(unit=unit, year=year).first()
        before = {n: str(getattr(target, n)) for n in TARGET_FIELDS} if target else {}
        if target is None:
            missing = [labels[n] for n in TARGET_FIELDS if n not in clean]
            if missing:
                raise InvalidFigure(
                    _("Còn thiếu chỉ tiêu: %(names)s.") % {"names": ", ".join(missing)}
                )
            target = Target(unit=unit, year=year)
        for name, number in clean.items():
            setattr(target, name, number)
        if "basis" in values:
            target.basis = str(values["basis"])[:200]
        target.updated_by, target.updated_at = by, timezone.now()
        target.save()
        after = {n: str(getattr(target, n)) for n in TARGET_FIELDS}
        if after != before:
            target.revisions.create(changed_by=by, before=before, after=after, note=note[:200])
    return target


# --- denominators --------------------------------------------------------------------------


def declared_total_save(
    *, unit, year: int, target: str, value, by, source: str = FigureSource.ENTERED, note=""
) -> DeclaredTotal:
    """Enter (or replace) a commune's total for a target's denominator."""
    if target not in TargetCode.values:
        raise InvalidFigure(
            _("Chỉ tiêu “%(code)s” không có; dùng T1, T2, T3 hoặc T4.") % {"code": target}
        )
    try:
        number = int(str(value).strip().replace(".", "").replace(" ", ""))
    except ValueError:
        raise InvalidFigure(
            _("Tổng số “%(value)s” không phải số nguyên. Hãy nhập số người, ví dụ 1250.")
            % {"value": value}
        ) from None
    if number < 0:
        raise InvalidFigure(_("Tổng số không được âm."))
    total, _created = DeclaredTotal.objects.update_or_create(
        unit=unit, year=year, target=target,
        defaults={"value": number, "source": source, "entered_by": by,
                  "entered_at": timezone.now(), "note": note[:200]},
    )  # fmt: skip
    return total


def context_set(
    *, person, kind: str, by=None, organisation=None, since_year=None
) -> MembershipContext:
    """Record that ``person`` counts in a context (idempotent); the counters follow."""
    with transaction.atomic():
        context, _created = MembershipContext.objects.update_or_create(
            person=person, kind=kind,
            defaults={"organisation": organisation, "since_year": since_year, "recorded_by": by},
        )  # fmt: skip
    return context


# Figures of the plans a unit can start from (domain guide §1); administrators change them.
PLANS = {
    "cu-chi-2023": {
        "label": "Kế hoạch huyện Củ Chi năm 2023",
        "values": {"t1": 80, "t2": 30, "t3": 60, "t4": 50, "t4_proficient": 60},
    },
    "quoc-gia-2025": {
        "label": "Mục tiêu quốc gia đến năm 2025 (Đề án 677)",
        "values": {"t1": 100, "t2": 40, "t3": 60, "t4": 70, "t4_proficient": 60},
    },
}
