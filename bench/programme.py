"""Benchmark: the programme's reports at city scale, on PostgreSQL.

Standalone: ``.venv/bin/python bench/programme.py [--full] [--people N] [--applications N]
[--statements N] [--runs N] [--database NAME] [--keep] [--reuse]``. ``--full`` takes the
issue's sizes: 1,000,000 people, 100,000 applications and 10,000,000 statements (on two busy
cores: 16 min to load, 16 min for the first build of the counters, 8 min for the recompute
command; 6 GB of disk); the defaults are smaller so a run takes a few minutes on a laptop.
``--keep`` leaves the database behind; ``--reuse`` measures a kept one again without loading
(after a code change; ``--pages-only``: only the pages and plans).

It creates a fresh database (``--database``, default ``cdht_bench_programme``) on the local
PostgreSQL server (override the server with ``BENCH_PG_URL``), migrates it, builds 168
communes (the seven of the former Củ Chi district and 161 more) with hamlets, and loads with
COPY: people and profiles, membership contexts, applications of last year's cycle (every
review state, recognised ones decided in November), attendance at criteria sessions,
digital-competence evidence and xAPI statements.
Then it:

1. runs the recompute (``programme_recompute --fix``: the first build of facts and counters),
   then the ``programme_recompute`` command, which must find 0 differences (printed);
2. times one person's refresh (the live path after a change), against the table sizes;
3. times every report page and the Excel exports through the Django test client (p50, p95 of
   ``--runs``), beside a baseline page in the same run (robots.txt), goal p95 ≤ 1 s;
4. EXPLAINs every query each page ran and lists the scans on big tables (an index, or a
   sequential scan flagged), then prints EXPLAIN ANALYZE of the main report queries.

Statements are loaded as xAPI arrives (one row each, with a small result payload); their
secondary indexes are dropped during the COPY and built afterwards, and foreign keys are not
checked row by row (``session_replication_role = replica``: the rows are generated consistent).

Says so and stops (successfully) when PostgreSQL does not answer. The data it loads is in
``_programme_data.py`` (COPY: ``_programme_copy.py``), the query plans and sizes it prints
in ``_programme_plans.py``.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _database import PG_URL, bench_database
from _programme_data import populate
from _programme_plans import explain, page_queries, scans_summary, sizes, workbook_check

DB = os.environ.get("BENCH_PG_DB", "cdht_bench_programme")
SERVER = os.environ.get("BENCH_PG_URL", PG_URL)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(function, runs):
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return timings


def existing():
    """What populate() returned, read back from a kept database (``--reuse``)."""
    from certificates.models import Cycle
    from people.models import AdministrativeUnit, UnitLevel, User

    commune = AdministrativeUnit.objects.get(
        name="Củ Chi", level=UnitLevel.COMMUNE, valid_to__isnull=True
    )
    hamlet = AdministrativeUnit.objects.filter(parent=commune, name="Ấp 1").order_by("pk").first()
    year = Cycle.objects.order_by("-year").values_list("year", flat=True).first()
    analyst = User.objects.get(username="bench-analyst")
    officer = User.objects.get(username="bench-officer")
    return analyst, officer, commune, hamlet, year


def live_change(year) -> None:
    """An application moves on (a plain save, as the review screens do): the signal refreshes
    that person's facts and the counters in the same request, no recompute needed."""
    from certificates.models import Application
    from programme.models import Counter

    application = (
        Application.objects.filter(cycle__year=year, status="submitted").order_by("pk").first()
    )

    def count(state):
        row = Counter.objects.filter(
            unit_id=application.commune_id, year=year, metric=f"state_{state}"
        ).first()
        return row.value if row else 0

    before = count("submitted"), count("branch_reviewed")
    started = time.perf_counter()
    application.status = "branch_reviewed"
    application.save()
    took = time.perf_counter() - started
    after = count("submitted"), count("branch_reviewed")
    print(
        f"Live change (an application saved submitted → branch_reviewed): {took * 1000:.0f} ms; "
        f"its commune's counters: submitted {before[0]} → {after[0]}, branch_reviewed "
        f"{before[1]} → {after[1]}"
    )


def recompute_command() -> int:
    """``manage.py programme_recompute`` as an officer runs it; returns the differences."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    started = time.perf_counter()
    call_command("programme_recompute", show=20, stdout=out)
    took = time.perf_counter() - started
    text = out.getvalue().strip()
    print(f"programme_recompute ({took:.0f} s):")
    print("\n".join(f"  {line}" for line in text.splitlines()))
    last = text.splitlines()[-1]
    return int(last.split()[1]) if last.startswith("differences:") else -1


def run(args) -> int:
    from django.db import connection
    from django.test import Client

    from people.models import User
    from programme.recompute import counters_recompute
    from programme.services import person_refresh

    if args.reuse:
        analyst, officer, commune, hamlet, year = existing()
    else:
        rng = random.Random(677)  # noqa: S311  (sample data, not secrets)
        analyst, officer, commune, hamlet, year = populate(args, rng)
        started = time.perf_counter()
        built = counters_recompute(fix=True)
        print(
            f"Recompute with --fix (first build): {time.perf_counter() - started:.1f} s, "
            f"{built.facts_total:,} facts and {built.counters_total:,} counters written"
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE programme_personfact; ANALYZE programme_counter")
    sizes(connection)
    differences = None
    if not args.pages_only:
        person = User.objects.filter(certificate_applications__status="recognised").first()
        refresh = timed(lambda: person_refresh(person_ids=[person.pk]), 10)
        print(f"One person's refresh (live path): p50 {statistics.median(refresh) * 1000:.0f} ms")
        live_change(year)
        differences = recompute_command()

    city_client, commune_client, admin_client = Client(), Client(), Client()
    city_client.force_login(analyst)
    commune_client.force_login(officer)
    admin = User.objects.filter(username="bench-admin").first()
    if admin is None:
        from people.models import Role, RoleAssignment

        admin = User.objects.create(username="bench-admin", full_name="Quản trị")
        RoleAssignment.objects.create(user=admin, role=Role.ADMINISTRATOR, unit=commune.parent)
    admin_client.force_login(admin)
    c, h = commune.pk, hamlet.pk
    pages = [
        ("baseline: robots.txt", city_client, "/robots.txt"),
        ("city report + charts", city_client, f"/can-bo/bao-cao/?nam={year}"),
        ("city report, print view", city_client, f"/can-bo/bao-cao/?nam={year}&in=1"),
        ("city → commune drill-down", city_client, f"/can-bo/bao-cao/xa/{c}/?nam={year}"),
        ("commune report + charts", commune_client, f"/can-bo/bao-cao/xa/{c}/?nam={year}"),
        ("commune print view", commune_client, f"/can-bo/bao-cao/xa/{c}/?nam={year}&in=1"),
        ("hamlet people (drill, logged)", commune_client,
         f"/can-bo/bao-cao/xa/{c}/ap/{h}/?nam={year}"),
        ("city Excel summary", city_client, f"/can-bo/bao-cao/excel/?nam={year}"),
        ("commune Excel summary", commune_client, f"/can-bo/bao-cao/excel/?nam={year}&xa={c}"),
        ("live campaign view (city)", city_client, f"/can-bo/bao-cao/truc-tiep/?nam={year}"),
        ("targets and totals page", admin_client,
         f"/can-bo/bao-cao/chi-tieu/?don-vi={c}&nam={year}"),
    ]  # fmt: skip
    print(f"\nPages ({args.runs} runs each, after one warm-up; goal p95 ≤ 1000 ms):")
    baseline = None
    worst = 0.0
    plans = {}
    for label, client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, (label, response.status_code)
        if label.startswith("city Excel"):
            workbook_check(response.content)
        timings = timed(lambda c=client, u=url: c.get(u), args.runs)
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        baseline = baseline or p50
        if not label.startswith("baseline"):
            worst = max(worst, p95)
            plans[label] = page_queries(client, url)
        print(
            f"  {label:<32} p50 {p50 * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
            f"({p50 / baseline:5.1f}× baseline)",
            flush=True,
        )
    print(f"Slowest p95: {worst * 1000:.0f} ms — {'within' if worst <= 1 else 'OVER'} the 1 s goal")
    if differences is not None:
        print(f"Recompute differences: {differences} — {'OK' if differences == 0 else 'WRONG'}")
    scans_summary(plans)
    explain(commune, hamlet, year)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="the issue's sizes (1M/100k/10M)")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database", default=DB, help=f"database name (default {DB})")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    parser.add_argument(
        "--pages-only", action="store_true", help="with --reuse: no refresh, no recompute"
    )
    args = parser.parse_args()
    if args.full:
        args.people, args.applications, args.statements = 1_000_000, 100_000, 10_000_000
    if not args.database.replace("_", "").isalnum():
        parser.error(f"not a plain database name: {args.database!r}")
    if args.reuse:
        args.keep = True
    database = bench_database(
        "postgres", pg_url=SERVER, name=args.database, keep=args.keep, reuse=args.reuse,
        workdir=Path(tempfile.mkdtemp(prefix="programme-bench-")), note="; nothing to measure",
    )  # fmt: skip
    with database as engine:
        return 0 if engine is None else run(args)


if __name__ == "__main__":
    sys.exit(main())
