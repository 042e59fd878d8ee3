"""Fault drill: Redis and PostgreSQL killed, frozen and restarted under load.

``.venv/bin/python bench/faults.py [--clients 6] [--workers 2]`` — runs its OWN redis-server and
its OWN PostgreSQL cluster (initdb/pg_ctl in a temporary folder, as the ``postgres`` user when
started as root) on free ports of 127.0.0.1, never the machine's 5432/6379; migrates, builds a
course, starts the production server (Uvicorn, ``config.settings.production``) against them, and
puts a bounded load on it from ``--clients`` threads: anonymous pages, a signed-in page, xAPI
statements and a websocket handshake. Meanwhile it kills (SIGKILL), freezes (SIGSTOP/SIGCONT)
and restarts them, and prints per phase the share of requests that succeed, p95, the 5xx count
and the time to recover; at the end, whether every acknowledged statement is stored exactly
once. Goals: ≥ 99 % succeed while Redis is down; p95 ≤ 1 s while Redis hangs; full service
within 2 s of Redis or PostgreSQL returning; no 500 after a restart on a quiet server.
Everything it started is stopped and its folder removed at the end, also on errors.
"""

import argparse
import http.client
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from _database import django_setup
from _server import HOST, free_port, server_command, server_start, server_stop
from statements import server_env, session_cookie, statement_factory

ROOT = Path(__file__).resolve().parents[1]
ANON_PAGE = "/"  # replaced by the drill course's page once it exists
SIGNED_PAGE = "/toi/hoc-tap/"
GOAL_DOWN_OK, GOAL_HUNG_P95, GOAL_RECOVER = 0.99, 1.0, 2.0


# --- Our own Redis and PostgreSQL --------------------------------------------------------------


class OwnRedis:
    def __init__(self, workdir: Path):
        self.port, self.dir, self.process = free_port(), workdir / "redis", None
        self.dir.mkdir()

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> None:
        command = [shutil.which("redis-server") or "redis-server", "--port", str(self.port),
                   "--bind", HOST, "--save", "", "--appendonly", "no",
                   "--dir", str(self.dir)]  # fmt: skip
        log = (self.dir / "redis.log").open("ab")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        wait_port(self.port)

    def signal(self, signum) -> None:
        os.kill(self.process.pid, signum)
        if signum == signal.SIGKILL:
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)
            self.process.kill()
            self.process.wait()


class OwnPostgres:
    def __init__(self, workdir: Path):
        self.port, self.dir = free_port(), workdir / "pg"
        self.dir.mkdir()
        self.as_user = []
        if os.geteuid() == 0:  # initdb refuses root: run the cluster as postgres
            user = pwd.getpwnam("postgres")
            os.chown(workdir, user.pw_uid, user.pw_gid)
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = self.dir / "data"

    @property
    def url(self) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True)  # noqa: S603

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        self.start()

    def start(self) -> None:
        options = (f"-p {self.port} -c listen_addresses={HOST} -k {self.dir} -c fsync=off "
                   "-c max_connections=200")  # fmt: skip
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"),
                  "-w", "start")  # fmt: skip

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


def wait_port(port: int, seconds: float = 20) -> None:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port}")


# --- Load ---------------------------------------------------------------------------------------


class Load:
    """Client threads cycling through the request kinds; every request recorded as
    (started at, kind, ok, seconds, status)."""

    KINDS = ("anonymous", "signed-in", "statement", "statement", "websocket")

    def __init__(self, port: int, cookies: list[str], csrf: str, make_statement):
        self.port, self.cookies, self.csrf, self.make = port, cookies, csrf, make_statement
        self.records, self.acked, self.lock = [], [], threading.Lock()
        self.paused, self.stopping, self.inflight = threading.Event(), False, 0

    def request(self, kind: str, cookie: str) -> tuple[bool, int]:
        if kind == "websocket":
            return self.websocket(cookie)
        conn = http.client.HTTPConnection(HOST, self.port, timeout=20)
        try:
            if kind == "statement":
                statement = self.make(0)
                headers = {"Content-Type": "application/json", "X-CSRFToken": self.csrf,
                           "X-Experience-API-Version": "1.0.3", "Cookie": cookie}  # fmt: skip
                conn.request("POST", "/xapi/statements", json.dumps(statement), headers)
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    with self.lock:
                        self.acked.append(statement["id"])
                return response.status == 200, response.status
            path, headers = (
                (ANON_PAGE, {}) if kind == "anonymous" else (SIGNED_PAGE, {"Cookie": cookie})
            )
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            return response.status == 200, response.status
        finally:
            conn.close()

    def websocket(self, cookie: str) -> tuple[bool, int]:
        from websockets.sync.client import connect

        url = f"ws://{HOST}:{self.port}/ws/presence/"
        with connect(url, origin=f"http://{HOST}", additional_headers={"Cookie": cookie},
                     open_timeout=20, close_timeout=2) as ws:  # fmt: skip
            ws.recv(timeout=20)
        return True, 101

    def client(self, n: int) -> None:
        cookie, step = self.cookies[n % len(self.cookies)], n
        while not self.stopping:
            with self.lock:
                paused = self.paused.is_set()
                self.inflight += not paused
            if paused:
                time.sleep(0.05)
                continue
            kind = self.KINDS[step % len(self.KINDS)]
            step += 1
            started = time.monotonic()
            try:
                ok, status = self.request(kind, cookie)
            except Exception:  # refused, reset, timed out, handshake refused: a failure
                ok, status = False, 0
            with self.lock:
                self.records.append((started, kind, ok, time.monotonic() - started, status))
                self.inflight -= 1
            time.sleep(0.02)

    def quiesce(self) -> None:
        """Stop starting requests and wait for those under way to end."""
        with self.lock:
            self.paused.set()
        deadline = time.monotonic() + 60
        while self.inflight and time.monotonic() < deadline:
            time.sleep(0.01)

    def start(self, clients: int) -> None:
        self.threads = [threading.Thread(target=self.client, args=(n,)) for n in range(clients)]
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping = True
        for thread in self.threads:
            thread.join()


def summary(records, t0: float, t1: float, event: float | None) -> dict:
    rows = [r for r in records if t0 <= r[0] < t1]
    ok = sum(r[2] for r in rows)
    latencies = sorted(r[3] for r in rows)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    failed = [r for r in rows if not r[2]]
    recover = None
    if event is not None:  # until the end of the last failed request after the event
        recover = max((r[0] + r[3] - event for r in failed), default=0.0)
        recover = max(recover, 0.0)
    by_kind = {}
    for r in failed:
        by_kind[r[1]] = by_kind.get(r[1], 0) + 1
    return {"n": len(rows), "ok": ok / len(rows) if rows else float("nan"), "p95": p95,
            "5xx": sum(1 for r in rows if r[4] >= 500), "500": sum(1 for r in rows if r[4] == 500),
            "recover": recover, "failed": by_kind}  # fmt: skip


# --- The drill ----------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--phase", type=float, default=8.0, help="seconds per fault phase")
    parser.add_argument("--pg-down", type=float, default=20.0, help="seconds PostgreSQL is down")
    parser.add_argument("--server-log", help="copy the server's log here at the end")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    for tool in ("redis-server", "initdb", "pg_ctl"):
        if not shutil.which(tool):
            print(f"{tool} is not installed (Debian: redis-server, postgresql): nothing measured.")
            return 0
    workdir = Path(tempfile.mkdtemp(prefix="faults-bench-"))
    os.chmod(workdir, 0o755)  # noqa: S103 — the postgres user must reach its cluster folder
    redis, postgres = OwnRedis(workdir), OwnPostgres(workdir)
    try:
        redis.start()
        postgres.init()
        import psycopg

        with psycopg.connect(postgres.url, autocommit=True) as admin:
            admin.execute("CREATE DATABASE cdht")
        database_url = postgres.url.rsplit("/", 1)[0] + "/cdht"
        app_dir = workdir / "app"
        app_dir.mkdir()
        env = server_env(database_url, app_dir, redis.url)
        port = free_port()
        env.update(SITE_URL=f"http://{HOST}:{port}", DB_POOL_MIN="2")
        django_setup(env)
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
        return drill(args, env, port, redis, postgres, workdir, database_url)
    finally:
        if args.server_log and (workdir / "server.log").exists():
            shutil.copy(workdir / "server.log", args.server_log)
        try:  # settings that failed to import fail here again: stop our servers all the same
            if "django" in sys.modules:
                from django.db import connections

                connections.close_all()
        finally:
            redis.stop()
            postgres.stop()
            shutil.rmtree(workdir, ignore_errors=True)


def drill(args, env, port, redis, postgres, workdir, database_url) -> int:
    from django.contrib.auth import get_user_model
    from django.db import connections

    from courses.selectors import lesson_activities
    from tests.courses import builders

    global ANON_PAGE
    course, (lesson,) = builders.course_build(lessons=[[builders.quiz_block()]], title="Diễn tập")
    ANON_PAGE = course.url
    iri = lesson_activities(lesson=lesson)[0].iri
    user = get_user_model()
    learners = [
        user.objects.create(username=f"drill{n}", full_name=f"Học viên {n}", email=f"d{n}@x.org")
        for n in range(args.clients)
    ]
    csrf = secrets.token_hex(16)
    cookies = [session_cookie(learner, csrf) for learner in learners]
    make = statement_factory(iri, None)
    connections.close_all()  # this process holds no connection through the restarts

    command = server_command(port, workers=args.workers)
    server = server_start(command, env, workdir / "server.log", "/xapi/statements")
    load = Load(port, cookies, csrf, lambda n: make(uuid.uuid4().int % 1000))
    phases = []  # (name, t0, t1, event time or None, goal)

    def phase(name, seconds, action=None, goal="", recover=False, quiet=0.0):
        """Run ``action`` (after ``quiet`` s without load, if any) under load, then keep the
        load on for ``seconds``; the phase ends when its last request has ended, so every
        request belongs to exactly one phase. Recovery is counted from the end of the action."""
        if quiet:
            time.sleep(quiet)
        t0 = time.monotonic()
        if not quiet:
            load.paused.clear()
        if action:
            action()
        event = time.monotonic() if recover else None
        if quiet:
            load.paused.clear()
        time.sleep(seconds)
        load.quiesce()
        phases.append((name, t0, time.monotonic(), event, goal))

    def pg_restart():
        postgres.stop()
        postgres.start()

    try:
        load.start(args.clients)
        phase("baseline", 5)
        phase("Redis killed", args.phase, lambda: redis.signal(signal.SIGKILL), goal="down")
        phase("Redis restarted", 6, redis.start, goal="recover", recover=True)
        phase("Redis frozen", args.phase, lambda: redis.signal(signal.SIGSTOP), goal="hung")
        phase("Redis thawed", 6, lambda: redis.signal(signal.SIGCONT), "recover", True)
        phase("PostgreSQL restarted under load", 6, pg_restart, "recover", True)
        phase("PostgreSQL restarted, quiet server", 6, pg_restart, "no500", True, quiet=3)
        phase(f"PostgreSQL down {args.pg_down:.0f} s", args.pg_down, postgres.stop)
        phase("PostgreSQL back", 8, postgres.start, goal="recover", recover=True)
    finally:
        load.stop()
        server_stop(server)
    return report(load, phases, workdir, database_url)


def report(load, phases, workdir, database_url) -> int:
    import psycopg

    print(f"{'phase':<38}{'requests':>9}{'ok %':>8}{'p95 ms':>8}{'5xx':>5}{'recover s':>10}  goal")
    failures = 0
    for name, t0, t1, event, goal in phases:
        s = summary(load.records, t0, t1, event)
        verdict = ""
        if goal == "down":
            met = s["ok"] >= GOAL_DOWN_OK
            verdict = f"≥ {GOAL_DOWN_OK:.0%} succeed: {'met' if met else 'NOT met'}"
        elif goal == "hung":
            met = s["p95"] <= GOAL_HUNG_P95
            verdict = f"p95 ≤ {GOAL_HUNG_P95 * 1000:.0f} ms: {'met' if met else 'NOT met'}"
        elif goal == "recover":
            met = s["recover"] <= GOAL_RECOVER
            verdict = f"recovered ≤ {GOAL_RECOVER:.0f} s: {'met' if met else 'NOT met'}"
        elif goal == "no500":
            met = s["500"] == 0
            verdict = f"no 500 from a stale connection: {'met' if met else 'NOT met'}"
        else:
            met = True
        failures += not met
        recover = "" if s["recover"] is None else f"{s['recover']:.2f}"
        print(f"{name:<38}{s['n']:>9}{s['ok'] * 100:>8.1f}{s['p95'] * 1000:>8.0f}{s['5xx']:>5}"
              f"{recover:>10}  {verdict}", flush=True)  # fmt: skip
        if s["failed"]:
            print(f"{'':<6}failed: {s['failed']}")
    acked = load.acked
    with psycopg.connect(database_url) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT statement_id::text, count(*) FROM progress_statement "
            "WHERE statement_id = ANY(%s::uuid[]) GROUP BY statement_id",
            [acked],
        )
        counts = dict(cursor.fetchall())
    missing = [i for i in acked if i not in counts]
    doubled = [i for i, n in counts.items() if n != 1]
    once = not missing and not doubled and len(set(acked)) == len(acked)
    print(
        f"acknowledged statements: {len(acked)}; stored exactly once: "
        f"{'yes' if once else 'NO'} (missing {len(missing)}, more than once {len(doubled)})"
    )
    failures += not once
    if failures:
        print("server log (tail):\n" + (workdir / "server.log").read_text()[-3000:])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
