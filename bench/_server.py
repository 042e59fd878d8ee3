"""The production ASGI server for the benchmarks: start it on a free 127.0.0.1 port, wait until
it answers, read its CPU time, stop it (also on errors). Imported by the bench scripts, not run."""

import http.client
import os
import socket
import subprocess
import sys
import time
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


def manage_run(env: dict, *args: str) -> None:
    """Run a management command quietly with ``env``; show its output only if it fails."""
    result = subprocess.run(  # noqa: S603 — our interpreter, our arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode:
        print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
        raise RuntimeError(f"manage.py {' '.join(args)} failed")
