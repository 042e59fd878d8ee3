"""Benchmark: officers' review work at scale — 20,000 applications across the 7 communes of the
former Củ Chi district, on PostgreSQL.

Standalone: ``.venv/bin/python bench/review.py`` (``make bench`` runs it too). It creates a fresh
database ``cdht_bench_review`` on the local PostgreSQL server (through the ``postgres``
database, user ``postgres``; override with ``BENCH_PG_URL``), migrates it, fills it with
``bulk_create`` and times, through the Django test client logged in as a commune officer:

- the filtered list page of the officer's commune,
- a bulk evaluation of 1,000 applications (one POST, as the "apply" button sends it),
- the Excel export of the commune's proposal list,

each against a single-item action (evaluating one application on its own page) in the same run.
Says so and stops (successfully) when PostgreSQL does not answer. ``--keep`` keeps the database.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from _database import PG_URL, bench_database, hamlets_sample

DB = "cdht_bench_review"
SERVER = os.environ.get("BENCH_PG_URL", PG_URL)
APPLICATIONS = 20_000
BULK = 1_000
HAMLETS_PER_COMMUNE = 6
# Share of applications per status in every commune.
MIX = [
    ("draft", 10),
    ("submitted", 15),
    ("returned", 3),
    ("branch_reviewed", 45),
    ("commune_evaluated", 17),
    ("appraised", 10),
]


def seconds(function, runs: int = 1) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def populate():
    """Places, a cycle open today, 20,000 citizens with scored applications; returns the
    commune officer and their commune."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from certificates.models import Application, CriteriaSet, Cycle, IndicatorScore
    from people.models import AdministrativeUnit, Profile, Role, RoleAssignment, UnitLevel, User
    from people.places import places_load_seed
    from people.selectors import unit_list_current

    places_load_seed()
    today = timezone.localdate()
    city = AdministrativeUnit.objects.get(code="79", level=UnitLevel.CITY)
    windows = {
        f"{stage}_{edge}": today + timedelta(days=offset)
        for stage in ("registration", "branch_review", "commune_evaluation", "appraisal")
        for edge, offset in (("start", -30), ("end", 30))
    }
    cycle = Cycle.objects.create(year=today.year, unit=city, **windows)
    communes = list(unit_list_current(level=UnitLevel.COMMUNE).filter(parent=city).order_by("name"))
    hamlets = {}
    for commune in communes:
        hamlets[commune.pk] = hamlets_sample(commune, HAMLETS_PER_COMMUNE)
    sets = list(CriteriaSet.objects.prefetch_related("indicators"))
    rng = random.Random(7)  # noqa: S311 (test data)
    statuses = [status for status, share in MIX for _ in range(share)]
    password = make_password(None)
    users = User.objects.bulk_create(
        [
            User(username=f"bench{n:05d}", full_name=f"Người Thử {n:05d}", password=password)
            for n in range(APPLICATIONS)
        ],
        batch_size=5000,
    )
    profiles, applications = [], []
    for n, user in enumerate(users):
        commune = communes[n % len(communes)]
        hamlet = rng.choice(hamlets[commune.pk])
        criteria_set = rng.choice(sets)
        profiles.append(
            Profile(
                user=user,
                home_unit=hamlet,
                year_of_birth=rng.randint(1950, 2005),
                occupation_group_id=criteria_set.occupation_group_id,
            )
        )
        status = rng.choice(statuses)
        total = rng.randint(70, 100)
        applications.append(
            Application(
                applicant=user,
                cycle=cycle,
                criteria_set=criteria_set,
                occupation_group_id=criteria_set.occupation_group_id,
                hamlet=hamlet,
                commune=commune,
                status=status,
                self_total=total,
                final_total=total,
                meets_rule=total >= 80,
                commune_result="meets" if status in ("commune_evaluated", "appraised") else "",
            )
        )
    Profile.objects.bulk_create(profiles, batch_size=5000)
    Application.objects.bulk_create(applications, batch_size=5000)
    scores = []
    for application in applications:
        left = application.final_total
        indicators = list(application.criteria_set.indicators.all())
        for index, indicator in enumerate(indicators):
            value = min(10, left - 7 * (len(indicators) - index - 1))
            value = max(7, value) if index < len(indicators) - 1 else max(0, left)
            left -= value
            scores.append(
                IndicatorScore(application=application, indicator=indicator, self_score=value)
            )
        if len(scores) >= 20_000:
            IndicatorScore.objects.bulk_create(scores)
            scores = []
    IndicatorScore.objects.bulk_create(scores)
    commune = communes[0]
    officer = User.objects.create(username="bench-officer", full_name="Cán Bộ Thử", is_staff=True)
    RoleAssignment.objects.create(user=officer, role=Role.COMMUNE_OFFICER, unit=commune)
    officer.groups.add(Group.objects.get(name="Officers"))
    return officer, commune, cycle


def run() -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from certificates.models import Application, Status

    started = time.perf_counter()
    officer, commune, cycle = populate()
    print(
        f"Data: {Application.objects.count():,} applications, "
        f"{Application.objects.filter(commune=commune).count():,} in {commune} "
        f"({time.perf_counter() - started:.1f} s to create)."
    )
    client = Client()
    client.force_login(officer)
    waiting = list(
        Application.objects.filter(commune=commune, status=Status.BRANCH_REVIEWED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    singles, bulk_ids = waiting[:5], waiting[5 : 5 + BULK]
    assert len(bulk_ids) == BULK, "not enough applications waiting for evaluation"

    def single():
        pk = singles.pop()
        response = client.post(
            f"/admin/cong-dan-hoc-tap/ho-so/{pk}/", {"action": "commune_evaluate", "result": "auto"}
        )
        assert response.status_code == 302, response.status_code

    list_url = "/admin/cong-dan-hoc-tap/ho-so/?trang_thai=branch_reviewed&diem=80-89&so_dong=100"

    def listing():
        response = client.get(list_url)
        assert response.status_code == 200 and b'name="ids"' in response.content

    def bulk():
        response = client.post(
            "/admin/cong-dan-hoc-tap/ho-so/hang-loat/",
            {"action": "commune_evaluate", "result": "auto", "ids": bulk_ids, "filters": ""},
        )
        assert f"Đã thực hiện: {BULK} hồ sơ.".encode() in response.content

    export_url = f"/admin/cong-dan-hoc-tap/danh-sach-de-nghi/xlsx/?xa={commune.pk}&dot={cycle.pk}"
    rows = []

    def export():
        response = client.get(export_url)
        assert response.status_code == 200
        rows.append(len(response.content))

    listing()  # warm up (template and URL caches)
    single_s = seconds(single, runs=5)
    with CaptureQueriesContext(connection) as queries:
        listing()
    list_queries = len(queries)
    results = [
        (
            "commune officer's filtered list page (100 rows)",
            seconds(listing, runs=5),
            f"median of 5, {list_queries} queries",
        ),
        (f"bulk evaluation of {BULK:,} applications (one POST)", seconds(bulk), "one run"),
        ("Excel export of the commune's proposal list", seconds(export, runs=3), "median of 3"),
    ]
    listed = Application.objects.filter(
        commune=commune, cycle=cycle, commune_result="meets"
    ).count()
    print(
        f"Single-item action (evaluate one application on its page): {single_s * 1000:.0f} ms"
        " (median of 5)"
    )
    for label, elapsed, note in results:
        print(
            f"{label}: {elapsed * 1000:.0f} ms = {elapsed / single_s:.1f}× the single action"
            f" ({note})"
        )
    print(f"(export: {listed:,} rows, {rows[-1] / 1024:.0f} KB)")
    return 0


def main() -> int:
    keep = "--keep" in sys.argv
    workdir = Path(tempfile.mkdtemp(prefix="review-bench-"))
    note = "; nothing to measure"
    database = bench_database(
        "postgres", pg_url=SERVER, name=DB, workdir=workdir, keep=keep, note=note
    )
    with database as engine:
        return 0 if engine is None else run()


if __name__ == "__main__":
    sys.exit(main())
