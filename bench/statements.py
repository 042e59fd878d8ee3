"""Benchmark: xAPI statements through the production ASGI server, against straight inserts.

``.venv/bin/python bench/statements.py [--db sqlite|postgres|both] [--statements N]
[--clients 1,8,32]`` — per database: a fresh one (a temporary SQLite file, WAL; or PostgreSQL's
``cdht_bench``, dropped and recreated through ``--pg-url``), migrated; one course whose lesson holds
the H5P TrueFalse fixture; one learner per client, logged in by a session made in the database;
the production server started with the production settings (Uvicorn with ``--workers``
processes, Redis for cache and sessions when ``--redis-url`` answers; ``--server daphne`` for one
Daphne process instead); real H5P "answered" statements (shaped like
../shared/fixtures/h5p/xapi-captured-truefalse.json) posted from 1, 8 and 32 keep-alive clients,
then in lists of 50; the same rows then inserted straight into the Statement table; then
statements alone beside the class-like mix of statements, resume-state saves and logins
(bench/_mix.py; ``--mix-statements 0`` skips it, ``--only-mix`` measures only it). ``--pg-db``
names the PostgreSQL database (default ``cdht_bench``). The server is stopped at the end, also
on errors. Only 127.0.0.1 is contacted.
"""

import argparse
import http.client
import itertools
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from _anchor import anchor_print, anchor_python, anchor_run
from _database import django_setup, pg_database_reset, redis_answers
from _mix import mix_measure
from _server import cpu_seconds, free_port, server_command, server_start, server_stop
from _statements_setup import (
    BENCH_DB,
    PG_URL,
    ROOT,
    course_setup,
    server_env,
    session_cookie,
    statement_factory,
)

BATCH = 50
GOAL_RATE, GOAL_P95_MS, GOAL_BATCH_FACTOR = 300, 50, 3
GOAL_ANCHOR_FACTOR, ANCHOR_CLIENTS = 5, 8  # issue 16: ≥ 5× wagtail-lms at 8 clients


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--statements", type=int, default=5000, help="per measurement")
    parser.add_argument("--clients", default="1,8,32", help="concurrent clients, comma-separated")
    parser.add_argument("--batch-clients", type=int, default=8, help="clients for batched POSTs")
    parser.add_argument("--max-seconds", type=float, default=60, help="time bound per phase")
    parser.add_argument("--server", choices=["uvicorn", "daphne"], default="uvicorn")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="Uvicorn's")
    parser.add_argument(
        "--redis-url", default="redis://127.0.0.1:6379/3", help="used when it answers; '' for none"
    )
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", PG_URL))
    parser.add_argument("--pg-db", default=BENCH_DB, help="dropped and recreated; yours alone")
    parser.add_argument("--mix-statements", type=int, default=3000, help="0: no class-like mix")
    parser.add_argument("--mix-clients", type=int, default=8)
    parser.add_argument("--only-mix", action="store_true", help="measure only the mix")
    parser.add_argument(
        "--anchor-python",
        default="",
        help="wagtail-lms venv's python "
        "(default $WLMS_PYTHON or $TMPDIR/venv-wlms/bin/python; bench/_anchor.py)",
    )
    parser.add_argument("--no-anchor", action="store_true", help="skip wagtail-lms (PostgreSQL)")
    args = parser.parse_args(argv)
    args.client_counts = [int(n) for n in args.clients.split(",") if n.strip()]
    if args.statements < 1 or not args.client_counts or min(args.client_counts) < 1:
        parser.error("--statements and --clients must be positive")
    if args.mix_clients < 1 or args.mix_statements < (0 if not args.only_mix else 1):
        parser.error("--mix-clients must be positive, --mix-statements too with --only-mix")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.db != "both":
        return run(args)
    worst = 0
    for db in ("sqlite", "postgres"):  # a process each: Django is set up once per process
        command = [sys.executable, __file__, *(argv or sys.argv[1:]), "--db", db]
        worst = max(worst, subprocess.call(command, cwd=ROOT))  # noqa: S603
        print(flush=True)
    return worst


# --- The server and its clients ----------------------------------------------------------------


class Phase:
    """Post ``bodies`` (each one statement or a list) from ``len(cookies)`` clients."""

    def __init__(self, port, bodies, counts, cookies, csrf, max_seconds):
        self.port, self.bodies, self.counts, self.cookies = port, bodies, counts, cookies
        self.csrf, self.max_seconds = csrf, max_seconds
        self.next = itertools.count()
        self.lock = threading.Lock()
        self.latencies, self.accepted, self.errors, self.first_error = [], 0, 0, ""

    def client(self, cookie: str, deadline: float) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3"}
        headers.update({"X-CSRFToken": self.csrf, "Cookie": cookie})
        latencies, accepted, errors, first_error = [], 0, 0, ""
        while time.monotonic() < deadline:
            with self.lock:
                index = next(self.next)
            if index >= len(self.bodies):
                break
            started = time.perf_counter()
            try:
                conn.request("POST", "/xapi/statements", self.bodies[index], headers)
                response = conn.getresponse()
                data = response.read()
                ok = response.status == 200
                error = "" if ok else f"HTTP {response.status}: {data[:200]!r}"
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                ok, error = False, f"{type(exc).__name__}: {exc}"
            latencies.append(time.perf_counter() - started)
            if ok:
                accepted += self.counts[index]
            else:
                errors += 1
                first_error = first_error or error
        conn.close()
        with self.lock:
            self.latencies, self.accepted = self.latencies + latencies, self.accepted + accepted
            self.errors, self.first_error = self.errors + errors, self.first_error or first_error

    def run(self) -> "Phase":
        deadline = time.monotonic() + self.max_seconds
        threads = [threading.Thread(target=self.client, args=(c, deadline)) for c in self.cookies]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.elapsed = time.perf_counter() - started
        self.rate = self.accepted / self.elapsed if self.elapsed else 0.0
        return self

    def percentiles(self) -> tuple[float, float, float]:
        ms = [x * 1000 for x in self.latencies] * (2 if len(self.latencies) == 1 else 1)
        cuts = statistics.quantiles(ms, n=100, method="inclusive") if ms else [float("nan")] * 99
        return cuts[49], cuts[94], cuts[98]


# --- Straight inserts --------------------------------------------------------------------------


def raw_insert_rates(n: int) -> tuple[float, float]:
    """Copies of the first ``n`` rows the server stored (new ids), inserted with plain SQL: one
    INSERT per transaction, then executemany in transactions of BATCH. Returns both rows/s."""
    from django.db import connection, transaction

    from progress.models import Statement

    fields = [f for f in Statement._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns, values = ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(Statement._meta.db_table)} ({columns}) VALUES ({values})"  # noqa: S608

    def rows() -> list[list]:
        out = []
        for row in Statement.objects.order_by("pk")[:n]:
            row.statement_id = uuid.uuid4()
            row.payload = {**row.payload, "id": str(row.statement_id)}
            out.append([f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields])
        return out

    single, batched = rows(), rows()
    with connection.cursor() as cursor:
        started = time.perf_counter()
        for params in single:  # autocommit: one transaction per row, as the server commits
            cursor.execute(sql, params)
        single_rate = len(single) / (time.perf_counter() - started)
        started = time.perf_counter()
        for start in range(0, len(batched), BATCH):
            with transaction.atomic():
                cursor.executemany(sql, batched[start : start + BATCH])
        batched_rate = len(batched) / (time.perf_counter() - started)
    return single_rate, batched_rate


# --- The run ------------------------------------------------------------------------------------


def run(args) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="statements-bench-"))
    database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    if args.db == "postgres":
        try:
            database_url = pg_database_reset(args.pg_url, create=True, name=args.pg_db)
        except Exception as error:  # no server: say so, measure nothing
            print(f"PostgreSQL at {args.pg_url} is not reachable ({error}): skipped.")
            shutil.rmtree(workdir, ignore_errors=True)
            return 0
    redis_url = args.redis_url if args.redis_url and redis_answers(args.redis_url) else ""
    env = server_env(database_url, workdir, redis_url)
    process = None
    try:
        django_setup(env)
        port = free_port()
        command = server_command(port, server=args.server, workers=args.workers)
        process = server_start(command, env, workdir / "server.log", "/xapi/statements")
        return measure(args, port, process.pid, workdir)
    finally:
        if process is not None:
            server_stop(process)
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if args.db == "postgres":
            pg_database_reset(args.pg_url, create=False, name=args.pg_db)
        shutil.rmtree(workdir, ignore_errors=True)


def measure(args, port: int, pid: int, workdir: Path) -> int:
    from django.db import connection
    from django.db.models import Count

    from progress.models import Statement

    n = args.statements
    password = secrets.token_urlsafe(16)  # the mix's logins; hashed by the production hasher
    count = max([*args.client_counts, args.batch_clients, args.mix_clients])
    iri, key, learners, note = course_setup(count, password)
    csrf = secrets.token_hex(16)  # 32 characters: a CSRF secret, sent as cookie and header
    cookies = [session_cookie(learner, csrf) for learner in learners]
    make = statement_factory(iri, key)
    vendor, journal = connection.vendor, ""
    if vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal = f" (journal_mode={cursor.fetchone()[0]})"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    server = "Daphne" if args.server == "daphne" else f"Uvicorn × {args.workers} workers"
    cache = "Redis" if os.environ.get("REDIS_URL") else "local memory"
    print(f"== {vendor}{journal}, {server}, production settings, cache {cache}; {note}")
    print(f"   {n} statements per measurement (bound {args.max_seconds:.0f} s); load avg {load}")
    print(f"{'clients':>9}{'stmts/s':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'errors':>7}"
          f"{'accepted':>9}{'stored':>7}{'srv CPU':>8}  goal  (srv CPU: ms/statement)")  # fmt: skip
    failures, rates, figures = 0, {}, {}

    def post(label, bodies, counts, clients, goal=False):
        nonlocal failures
        before, cpu = Statement.objects.count(), cpu_seconds(pid)
        phase = Phase(port, bodies, counts, cookies[:clients], csrf, args.max_seconds).run()
        cpu = (cpu_seconds(pid) - cpu) * 1000 / max(phase.accepted, 1)
        stored, (p50, p95, p99) = Statement.objects.count() - before, phase.percentiles()
        failures += bool(stored != phase.accepted or phase.errors)
        verdict = ""
        if goal and vendor == "postgresql":
            met = phase.rate >= GOAL_RATE and p95 <= GOAL_P95_MS
            verdict = f"≥ {GOAL_RATE}/s and p95 ≤ {GOAL_P95_MS} ms: {'met' if met else 'NOT met'}"
        figures[label] = {"rate": phase.rate, "p95": p95, "cpu": cpu}
        print(f"{label:>9}{phase.rate:>9.0f}{p50:>8.1f}{p95:>8.1f}{p99:>8.1f}{phase.errors:>7}"
              f"{phase.accepted:>9}{stored:>7}{cpu:>8.1f}  {verdict}", flush=True)  # fmt: skip
        if phase.first_error:
            print(f"          first error: {phase.first_error}")
        if stored != phase.accepted:
            print(f"          MISMATCH: {stored} stored for {phase.accepted} accepted")
        return phase.rate

    if not args.only_mix:
        for clients in args.client_counts:
            statements = [make(i) for i in range(n)]
            bodies = [json.dumps(s).encode() for s in statements]
            rates[clients] = post(clients, bodies, [1] * n, clients, goal=clients == 8)
        starts = range(0, n, BATCH)
        lists = [[make(i) for i in range(start, min(n, start + BATCH))] for start in starts]
        batched = post(
            f"{args.batch_clients}×{BATCH}", [json.dumps(c).encode() for c in lists],
            [len(c) for c in lists], args.batch_clients,
        )  # fmt: skip
        print("   (×50: lists of 50 statements, latency per list)")
        checked = dict(Statement.objects.values_list("verification").annotate(n=Count("id")))
        print(f"   stored statements by verification: {checked}")

        single, batch_rate = raw_insert_rates(n)
        print(f"raw INSERT of {n} such rows into the Statement table (1 connection, this process):")
        print(f"   one per transaction {single:9.0f} rows/s; executemany, {BATCH} per transaction "
              f"{batch_rate:.0f} rows/s")  # fmt: skip
        for clients, rate in rates.items():
            print(f"   HTTP at {clients:>2} clients ÷ raw single-row = {rate / single:.3f}")
        factor = batch_rate / batched if batched else float("inf")
        verdict = "met" if factor <= GOAL_BATCH_FACTOR else "NOT met"
        print(f"   batched POST {batched:.0f}/s vs raw batched {batch_rate:.0f}/s: raw is "
              f"{factor:.1f}× faster (goal within {GOAL_BATCH_FACTOR}×: {verdict})")  # fmt: skip
        if vendor == "postgresql" and ANCHOR_CLIENTS in rates and not args.no_anchor:
            anchor = anchor_run(
                python=anchor_python(args.anchor_python), pg_url=args.pg_url, pg_db=args.pg_db,
                clients=ANCHOR_CLIENTS, statements=n, workdir=workdir,
            )  # fmt: skip
            if anchor is not None:
                anchor_print(figures[ANCHOR_CLIENTS], anchor, ANCHOR_CLIENTS, GOAL_ANCHOR_FACTOR)
    if args.mix_statements:
        failures += mix_section(args, port, pid, iri, make, learners, password, post)
    if failures:
        log = (workdir / "server.log").read_text()[-2000:]
        print(f"   {failures} measurement(s) with errors or stored ≠ accepted; server log:\n{log}")
    return 1 if failures else 0


def mix_section(args, port: int, pid: int, iri: str, make, learners, password: str, post) -> int:
    """Statements alone, then the class-like mix (bench/_mix.py), from the same clients."""
    from django.conf import settings

    m, clients = args.mix_statements, args.mix_clients
    print(f"-- statements alone, then the class-like mix: {clients} clients, {m} statements")
    bodies = [json.dumps(make(i)).encode() for i in range(m)]
    alone = post(f"{clients} alone", bodies, [1] * m, clients)
    names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    learners_data = []
    for learner in learners[:clients]:
        header = session_cookie(learner, secrets.token_hex(16))
        cookies = dict(part.split("=", 1) for part in header.split("; "))
        learners_data.append((cookies, learner.email, password, names))

    def builds():
        if not os.environ.get("REDIS_URL"):  # each process counts in its own memory
            return None
        from progress.plans import plan_builds

        return plan_builds()

    return mix_measure(
        port=port, learners_data=learners_data, make=make, iri=iri, statements=m,
        max_seconds=args.max_seconds, alone_rate=alone, builds=builds,
        cpu=lambda: cpu_seconds(pid),
    )  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
