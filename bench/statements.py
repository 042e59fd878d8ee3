"""Benchmark: xAPI statements through the production ASGI server, against straight inserts.

``.venv/bin/python bench/statements.py [--db sqlite|postgres|both] [--statements N]
[--clients 1,8,32]`` — per database: a fresh one (a temporary SQLite file, WAL; or PostgreSQL's
``cdht_bench``, dropped and recreated through ``--pg-url``), migrated; one course whose lesson holds
the H5P TrueFalse fixture; one learner per client, logged in by a session made in the database;
the production server started with the production settings (Uvicorn with ``--workers``
processes, Redis for cache and sessions when ``--redis-url`` answers; ``--server daphne`` for one
Daphne process instead); real H5P "answered" statements (shaped like
../shared/fixtures/h5p/xapi-captured-truefalse.json) posted from 1, 8 and 32 keep-alive clients,
then in lists of 50; the same rows then inserted straight into the Statement table. The server
is stopped at the end, also on errors. Only 127.0.0.1 is contacted.
"""

import argparse
import http.client
import itertools
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from _server import cpu_seconds, free_port, server_command, server_start, server_stop

ROOT = Path(__file__).resolve().parents[1]
H5P = (ROOT / "../shared/fixtures/h5p").resolve()
FIXTURE = H5P / "truefalse-hello.h5p"
CAPTURED = H5P / "xapi-captured-truefalse.json"
PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DB = "cdht_bench"
BATCH = 50
GOAL_RATE, GOAL_P95_MS, GOAL_BATCH_FACTOR = 300, 50, 3
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


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
    args = parser.parse_args(argv)
    args.client_counts = [int(n) for n in args.clients.split(",") if n.strip()]
    if args.statements < 1 or not args.client_counts or min(args.client_counts) < 1:
        parser.error("--statements and --clients must be positive")
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


# --- The database, Django and the data ---------------------------------------------------------


def pg_database_reset(admin_url: str, *, create: bool) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        if create:
            admin.execute(f"CREATE DATABASE {BENCH_DB}")
    return admin_url.rsplit("/", 1)[0] + "/" + BENCH_DB


def redis_answers(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 2):
            return True
    except OSError:
        return False


def server_env(database_url: str, workdir: Path, redis_url: str = "") -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    if redis_url:  # cache and sessions in Redis, as production runs with several workers
        env.update(REDIS_URL=redis_url, REDIS_PREFIX=f"bench-{secrets.token_hex(4)}")
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", ALLOWED_HOSTS="127.0.0.1")
    env.update(SITE_URL="http://127.0.0.1")  # required by production settings
    env.update(SECRET_KEY=secrets.token_urlsafe(45), SECURE_SSL_REDIRECT="off")  # 60 characters
    env.update(DATABASE_URL=database_url, PYTHONPATH=os.pathsep.join([".", "site"]))
    env.update({name: str(workdir / name.lower()) for name in ("VAR_DIR", "MEDIA_ROOT")})
    return env


def django_setup(env: dict) -> None:
    for name in ("REDIS_URL", "DATABASE_URL"):
        os.environ.pop(name, None)
    os.environ.update(env)
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def course_setup(learner_count: int):
    """(activity IRI, answer key or None for the quiz fallback, learners, note)."""
    from django.contrib.auth import get_user_model

    from courses.selectors import lesson_activities
    from tests.courses import builders

    if FIXTURE.is_file() and CAPTURED.is_file():
        activity = builders.h5p_activity_from_fixture(FIXTURE.name, pass_mark=100)
        key = "true" if activity.package.content_json.get("correct", "true") == "true" else "false"
        block, note = builders.h5p_block(activity), f"H5P activity ({FIXTURE.name})"
    else:
        block, key = builders.quiz_block(), None
        note = "../shared/fixtures/h5p is absent: CMS quiz activity instead of H5P"
    _course, (lesson,) = builders.course_build(lessons=[[block]], title="Khóa học đo tải")
    iri = lesson_activities(lesson=lesson)[0].iri
    user = get_user_model()
    learners = user.objects.bulk_create(
        user(username=f"bench{n}", full_name=f"Học viên {n}", email=f"bench{n}@example.org")
        for n in range(learner_count)
    )
    return iri, key, list(user.objects.filter(pk__in=[u.pk for u in learners])), note


def session_cookie(learner, csrf_secret: str) -> str:
    """A logged-in session created in the database (the production session cookie is Secure,
    so logging in over plain HTTP would not keep it) and the CSRF cookie, as a Cookie header."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(learner.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = learner.get_session_auth_hash()
    session.create()
    return (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
        f"{settings.CSRF_COOKIE_NAME}={csrf_secret}"
    )


def statement_factory(iri: str, key: str | None):
    """make(n) → a new statement (unique id) shaped like the captured H5P one."""
    from courses.quiz import quiz_response_encode

    template = None
    if key is not None:
        captured = json.loads(CAPTURED.read_text())
        template = next(s for s in captured if s["verb"]["id"] == ANSWERED)

    def make(n: int) -> dict:
        if template is None:
            answers = {"0": ["0"], "1": ["true"], "2": ["0", "1"] if n % 2 else ["2"]}
            result = {"response": quiz_response_encode(answers), "completion": True}
            statement = {"verb": {"id": ANSWERED}, "object": {"id": iri}, "result": result}
        else:
            statement = json.loads(json.dumps(template))
            statement["object"]["id"] = iri
            response = "true" if n % 2 else "false"
            right = int(response == key)
            statement["result"].update(response=response, success=bool(right))
            statement["result"]["score"].update(raw=right, scaled=right)
        statement["id"] = str(uuid.uuid4())
        return statement

    return make


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
            database_url = pg_database_reset(args.pg_url, create=True)
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
            pg_database_reset(args.pg_url, create=False)
        shutil.rmtree(workdir, ignore_errors=True)


def measure(args, port: int, pid: int, workdir: Path) -> int:
    from django.db import connection
    from django.db.models import Count

    from progress.models import Statement

    n = args.statements
    iri, key, learners, note = course_setup(max([*args.client_counts, args.batch_clients]))
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
    failures, rates = 0, {}

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
        print(f"{label:>9}{phase.rate:>9.0f}{p50:>8.1f}{p95:>8.1f}{p99:>8.1f}{phase.errors:>7}"
              f"{phase.accepted:>9}{stored:>7}{cpu:>8.1f}  {verdict}", flush=True)  # fmt: skip
        if phase.first_error:
            print(f"          first error: {phase.first_error}")
        if stored != phase.accepted:
            print(f"          MISMATCH: {stored} stored for {phase.accepted} accepted")
        return phase.rate

    for clients in args.client_counts:
        statements = [make(i) for i in range(n)]
        bodies = [json.dumps(s).encode() for s in statements]
        rates[clients] = post(clients, bodies, [1] * n, clients, goal=clients == 8)
    lists = [[make(i) for i in range(start, min(n, start + BATCH))] for start in range(0, n, BATCH)]
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
    if failures:
        log = (workdir / "server.log").read_text()[-2000:]
        print(f"   {failures} measurement(s) with errors or stored ≠ accepted; server log:\n{log}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
