"""Benchmark: a cached article page against a bare Django view, on the production ASGI server.

Standalone: ``.venv/bin/python bench/pages.py`` (``make bench`` runs it too). It makes a
temporary folder with a SQLite database (migrated, demo loaded), collected static files and
media, then starts Uvicorn (one worker) on 127.0.0.1 with ``config.settings.production`` (a
throwaway SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT off, BENCH_BARE_VIEW=1 for the
/bench/bare/ view). It measures requests per second and latency (p50, p95) for both targets in
the same run, alternating rounds, over keep-alive connections, and prints the ratio
article / bare (goal: at least 0.5). Load is bounded (ROUNDS × REQUESTS per target) and never
leaves 127.0.0.1. Nothing of yours is touched; the folder is removed at the end.
"""

import asyncio
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _server import free_port, manage_run, server_command, server_start, server_stop

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
ARTICLE = "/tin-tuc/cong-dan-hoc-tap-la-gi/"
BARE = "/bench/bare/"
CONNECTIONS = 8
REQUESTS = 800  # per target and round
ROUNDS = 3
GOAL = 0.5


def _environment(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": HOST,
            "SITE_URL": f"http://{HOST}",  # required by production settings; no QR codes here
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "VAR_DIR": str(workdir),
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "BENCH_BARE_VIEW": "1",
            "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'site'}",
        }
    )
    return env


def _get(url: str) -> tuple[int, dict]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — 127.0.0.1 only
        response.read()
        return response.status, {k.lower(): v for k, v in response.headers.items()}


# --- a small HTTP/1.1 keep-alive client ----------------------------------------------------------


async def _read_response(reader) -> tuple[int, dict]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status, headers


async def _connection(port: int, path: str, count: int, latencies: list) -> None:
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept: text/html\r\n"
        "Accept-Encoding: identity\r\nUser-Agent: bench/pages.py\r\n\r\n"
    ).encode()
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        for _ in range(count):
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status, headers = await _read_response(reader)
            latencies.append(time.perf_counter() - started)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            if headers.get("connection", "").lower() == "close":
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, port)
    finally:
        writer.close()


async def _measure(port: int, path: str, total: int) -> tuple[float, list[float]]:
    latencies: list[float] = []
    share = total // CONNECTIONS
    started = time.perf_counter()
    await asyncio.gather(*[_connection(port, path, share, latencies) for _ in range(CONNECTIONS)])
    elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, latencies


def _p(values: list[float], percentile: int) -> float:
    return statistics.quantiles(values, n=100)[percentile - 1] * 1000


def run(port: int) -> float:
    status, headers = _get(f"http://{HOST}:{port}{ARTICLE}")
    status, headers = _get(f"http://{HOST}:{port}{ARTICLE}")
    if status != 200 or headers.get("x-page-cache") != "hit":
        raise RuntimeError(f"The article is not served from the cache: {status} {headers}")
    results = {BARE: ([], []), ARTICLE: ([], [])}
    asyncio.run(_measure(port, BARE, CONNECTIONS * 20))  # warm-up
    for _round in range(ROUNDS):
        for path in (BARE, ARTICLE):
            rate, latencies = asyncio.run(_measure(port, path, REQUESTS))
            results[path][0].append(rate)
            results[path][1].extend(latencies)
    print(
        f"Uvicorn, config.settings.production, SQLite, local-memory cache; {CONNECTIONS} "
        f"keep-alive connections, {ROUNDS} rounds × {REQUESTS} requests per target."
    )
    print(f"{'target':<56}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}")
    rates = {}
    for label, path in (("bare Django view", BARE), ("cached article page", ARTICLE)):
        rate = statistics.median(results[path][0])
        rates[path] = rate
        latencies = results[path][1]
        name = f"{label} {path}"
        print(f"{name:<56}{rate:>9.0f}{_p(latencies, 50):>9.1f}{_p(latencies, 95):>9.1f}")
    ratio = rates[ARTICLE] / rates[BARE]
    verdict = "met" if ratio >= GOAL else "NOT met"
    print(f"ratio article / bare: {ratio:.2f} (goal ≥ {GOAL}: {verdict})")
    print(
        "(A cache hit is answered by the last middleware, before URL resolution; the bare "
        "view is resolved and called, so the ratio can exceed 1.)"
    )
    return ratio


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="pages-bench-"))
    server = None
    try:
        env = _environment(workdir)
        print("Preparing: migrate, collectstatic, demo… ", end="", flush=True)
        manage_run(env, "migrate", "--noinput")
        manage_run(env, "collectstatic", "--noinput")
        manage_run(env, "demo_load", "--force")
        print("done.")
        port = free_port()
        command = server_command(port)  # one Uvicorn worker: one local-memory page cache
        server = server_start(command, env, workdir / "server.log", BARE)
        run(port)
        return 0
    finally:
        if server is not None:
            server_stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
