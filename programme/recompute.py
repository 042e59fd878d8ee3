"""Recompute every figure from raw records and compare with what the counters hold.

Used by ``manage.py programme_recompute`` (and the bench): it walks every person in chunks,
derives their facts with the same code the live path uses (programme.facts), sums the counters
they imply and reports each stored fact and counter that differs. ``fix=True`` writes the
recomputed values (facts and counters) in one transaction per chunk, then the counters.
"""

from collections import Counter as Tally
from dataclasses import dataclass

from django.db import transaction

from people.models import User
from programme.facts import FACT_FIELDS, UnitResolver, facts_compute, report_years
from programme.models import Counter, PersonFact
from programme.services import _fact_of, fact_deltas

CHUNK = 5000
KEEP_FACTS = 1000  # fact differences listed (all are counted)


class Differences(list):
    """The differences found (fact ones listed up to KEEP_FACTS), with the full counts."""

    facts_total = 0
    counters_total = 0


@dataclass
class Difference:
    kind: str  # "fact" or "counter"
    key: tuple
    stored: object
    expected: object


def _chunks(chunk: int):
    last = 0
    while True:
        ids = list(
            User.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:chunk]
        )
        if not ids:
            return
        yield ids
        last = ids[-1]


def _write_facts(person_ids, stored: dict, computed: dict) -> None:
    with transaction.atomic():
        PersonFact.objects.filter(person_id__in=person_ids).exclude(
            pk__in=[row.pk for key, row in stored.items() if key in computed]
        ).delete()
        new = []
        for key, fact in computed.items():
            values = {n: getattr(fact, n) for n in FACT_FIELDS if n not in ("person_id", "year")}
            row = stored.get(key)
            if row is None:
                new.append(PersonFact(person_id=fact.person_id, year=fact.year, **values))
            elif _fact_of(row).key() != fact.key():
                PersonFact.objects.filter(pk=row.pk).update(**values)
        PersonFact.objects.bulk_create(new, batch_size=2000)


def counters_recompute(*, fix: bool = False, chunk: int = CHUNK) -> Differences:
    """Every difference between the stored facts/counters and the raw records (none expected)."""
    differences = Differences()
    expected: Tally = Tally()
    years, resolver, trained = report_years(), UnitResolver(), {}
    for ids in _chunks(chunk):
        computed = facts_compute(
            person_ids=ids, years=years, resolver=resolver, trained_cache=trained
        )
        stored = {(r.person_id, r.year): r for r in PersonFact.objects.filter(person_id__in=ids)}
        expected.update(fact_deltas([], computed.values()))
        bad = False
        for key in sorted(set(computed) | set(stored)):
            old = _fact_of(stored[key]).key() if key in stored else None
            new = computed[key].key() if key in computed else None
            if old != new:
                differences.facts_total += 1
                if differences.facts_total <= KEEP_FACTS:
                    differences.append(Difference("fact", key, old, new))
                bad = True
        if fix and bad:
            _write_facts(ids, stored, computed)
    stored_counters = {
        (unit_id, year, metric): value
        for unit_id, year, metric, value in Counter.objects.values_list(
            "unit_id", "year", "metric", "value"
        )
    }
    for key in sorted(set(stored_counters) | set(expected)):
        old, new = stored_counters.get(key, 0), expected.get(key, 0)
        if old != new:
            differences.counters_total += 1
            differences.append(Difference("counter", key, old, new))
    if fix:
        rows = [
            Counter(unit_id=d.key[0], year=d.key[1], metric=d.key[2], value=d.expected)
            for d in differences
            if d.kind == "counter"
        ]
        with transaction.atomic():
            Counter.objects.bulk_create(
                rows, batch_size=2000, update_conflicts=True,
                unique_fields=["unit", "year", "metric"], update_fields=["value"],
            )  # fmt: skip
    return differences
