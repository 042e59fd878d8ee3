"""The peer in the same run: wagtail-lms 0.11.1 (``../shared/anchors/wagtail-lms``, see its
README) fed the same captured H5P statements, for bench/statements.py. Not run itself.

It runs in its own virtualenv outside the project (never in our requirements):
``python3 -m venv "$TMPDIR/venv-wlms"`` and ``"$TMPDIR/venv-wlms/bin/pip" install
"wagtail-lms==0.11.1" gunicorn aiohttp httpx "psycopg[binary]"``; ``--anchor-python`` (or
``WLMS_PYTHON``) names that interpreter. Its database is a fresh ``<pg-db>_wlms`` on the same
PostgreSQL, its port a free one, its state and results in the bench's temporary folder.
"""

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

from _database import pg_database_reset
from _server import ROOT, free_port

ANCHOR = (ROOT / "../shared/anchors/wagtail-lms").resolve()
LINE_RE = re.compile(r"^\[pg-persist\] K=(\d+): (\{.*\})$")


def anchor_python(given: str) -> Path:
    tmp = os.environ.get("TMPDIR") or tempfile.gettempdir()
    return Path(given or os.environ.get("WLMS_PYTHON") or f"{tmp}/venv-wlms/bin/python")


def anchor_run(*, python: Path, pg_url: str, pg_db: str, clients: int, statements: int,
               workdir: Path) -> dict | None:  # fmt: skip
    """Run the anchor's own bench at ``clients`` clients; its figures (statements_per_s,
    lat_ms_p95, cpu_ms_per_stmt…) or None with the reason printed."""
    if not (ANCHOR / "run_bench.py").is_file():
        print(f"   anchor: {ANCHOR} is absent; no ratio")
        return None
    if not python.is_file():
        print(f"   anchor: no interpreter at {python} (set --anchor-python or WLMS_PYTHON; "
              f"{ANCHOR / 'README.md'} says how to make it); no ratio")  # fmt: skip
        return None
    name = f"{pg_db}_wlms"
    url = pg_database_reset(pg_url, create=True, name=name)
    user = url.split("://", 1)[1].split("@", 1)[0]
    user, _sep, password = user.partition(":")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DATABASE"))}
    env.update(
        BENCH_PORT=str(free_port()), BENCH_STATE=str(workdir / "wlms-state"),
        BENCH_RESULTS=str(workdir / "wlms-results"), BENCH_PG_NAME=name, BENCH_PG_USER=user,
        BENCH_PG_PASSWORD=password, PYTHONPATH="",
    )  # fmt: skip
    command = [str(python), "run_bench.py", "--db", "pg-persist", "--k", str(clients),
               "-n", str(statements)]  # fmt: skip
    try:
        result = subprocess.run(  # noqa: S603 — the anchor's own script, our arguments
            command, cwd=ANCHOR, env=env, capture_output=True, text=True, timeout=3600
        )
    finally:
        pg_database_reset(pg_url, create=False, name=name)
    for line in result.stdout.splitlines():
        match = LINE_RE.match(line.strip())
        if match and int(match.group(1)) == clients:
            return json.loads(match.group(2))
    print(f"   anchor: no figures (exit {result.returncode}):\n{result.stderr[-1500:]}")
    return None


def anchor_print(ours: dict, anchor: dict, clients: int, goal: float) -> bool:
    """Ours beside the anchor at ``clients`` clients; True when the ratio meets ``goal``."""
    rate, p95, cpu = ours["rate"], ours["p95"], ours["cpu"]
    their_rate, their_p95 = anchor["statements_per_s"], anchor["lat_ms_p95"]
    their_cpu = anchor["cpu_ms_per_stmt"]["gunicorn"]
    ratio = rate / their_rate if their_rate else float("inf")
    met = ratio >= goal and p95 <= 50
    print(f"   wagtail-lms 0.11.1 (gunicorn, 2 sync workers), same run, {clients} clients: "
          f"{their_rate:.0f} statements/s, p95 {their_p95:.0f} ms, server CPU {their_cpu:.1f} "
          f"ms/statement")  # fmt: skip
    print(f"   ours ÷ wagtail-lms at {clients} clients: {rate:.0f} / {their_rate:.0f} = "
          f"{ratio:.1f}× (goal ≥ {goal:.0f}× with p95 ≤ 50 ms: {'met' if met else 'NOT met'}); "
          f"server CPU per statement {their_cpu / cpu if cpu else 0:.1f}× less")  # fmt: skip
    return met
