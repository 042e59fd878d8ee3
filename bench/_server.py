"""The production ASGI server for the benchmarks: start it on a free 127.0.0.1 port, wait until
it answers, read its CPU time, stop it (also on errors); a demo site served so for a browser.
Imported by the bench scripts, not run."""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_command(port: int, *, server: str = "uvicorn", workers: int = 1) -> list[str]:
    """Uvicorn with ``workers`` processes, as ``make serve`` runs it, or one Daphne process."""
    bin_dir = Path(sys.executable).parent
    if server == "daphne":
        address = ["-b", HOST, "-p", str(port)]
        return [str(bin_dir / "daphne"), *address, "config.asgi:application"]
    return [
        str(bin_dir / "uvicorn"), "config.asgi:application", "--host", HOST, "--port", str(port),
        "--workers", str(workers), "--lifespan", "off", "--no-access-log",
    ]  # fmt: skip


def server_start(command: list[str], env: dict, log: Path, probe: str) -> subprocess.Popen:
    """Start ``command`` (its output to ``log``); return once ``probe`` (a path on the port
    given in the command) answers with any HTTP status, or raise with the log's tail."""
    port = int(command[command.index("--port" if "--port" in command else "-p") + 1])
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 — our server, bound to 127.0.0.1
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("HEAD", probe)
            conn.getresponse().read()
            conn.close()
            return process
        except OSError:
            time.sleep(0.2)
    server_stop(process)
    raise RuntimeError(f"the server did not answer within 60 s:\n{log.read_text()[-3000:]}")


def server_stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children, e.g. Uvicorn's workers (Linux
    /proc; 0 elsewhere)."""
    total, pids = 0.0, [pid]
    while pids:
        current = pids.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        pids.extend(int(child) for child in children)
    return total


def dev_env(workdir: Path, **extra: str) -> dict[str, str]:
    """This process's environment for a site with the development settings in ``workdir``
    (VAR_DIR: its SQLite database; media), without Redis, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "VAR_DIR": str(workdir),
            "MEDIA_ROOT": str(workdir / "media"),
            "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'site'}",
            **extra,
        }
    )
    return env


def manage_run(env: dict, *args: str, root: Path = ROOT) -> None:
    """Run a management command of the project in ``root`` (this one unless given) quietly
    with ``env``; show its output only if it fails."""
    result = subprocess.run(  # noqa: S603 — our interpreter, our arguments
        [sys.executable, str(root / "manage.py"), *args],
        cwd=root, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode:
        print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
        where = "" if root == ROOT else f" in {root}"
        raise RuntimeError(f"manage.py {' '.join(args)} failed{where}")


@contextmanager
def demo_site(env: dict, workdir: Path, *, login: str, probe: str):
    """A demo site in ``workdir`` (its VAR_DIR in ``env``): migrated, demo loaded, served by
    Uvicorn on a free port. Yields (base URL, the password of the demo login ``login``); stops
    the server and removes ``workdir`` afterwards, also on errors."""
    process = None
    try:
        manage_run(env, "migrate", "--noinput", "-v", "0")
        manage_run(env, "demo_load")
        password = next(
            line.split("\t")[3]
            for line in (workdir / "demo-logins.txt").read_text().splitlines()
            if not line.startswith("#") and line.split("\t")[2] == login
        )
        port = free_port()
        process = server_start(server_command(port), env, workdir / "server.log", probe)
        yield f"http://{HOST}:{port}", password
    finally:
        if process is not None:
            server_stop(process)
        shutil.rmtree(workdir, ignore_errors=True)
