"""config.cache: one Redis client per process, shared by every thread (ASGI runs each request
on its own thread; the stock backend connected again for each); Redis down or hung is a miss
within the timeout, and writes lost meanwhile are dropped when it answers again.

The fault tests never touch the machine's Redis: they use a dead port, a socket that accepts
and never answers, or a redis-server of their own (skipped where redis-server is missing).
"""

import os
import shutil
import signal
import socket
import subprocess
import threading
import time

import pytest
from django.conf import settings
from django.core.cache import cache, caches

from config.cache import FaultTolerantRedisCache

needs_redis = pytest.mark.skipif(
    not settings.CACHES["default"]["BACKEND"].startswith("config.cache."),
    reason="the cache is not Redis here (set REDIS_URL to test the shared Redis cache)",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _backend(location: str, **options) -> FaultTolerantRedisCache:
    params = {"OPTIONS": {"socket_timeout": 0.2, "socket_connect_timeout": 0.2, **options}}
    return FaultTolerantRedisCache(location, params)


@pytest.fixture
def hung_redis():
    """A port that accepts connections (the kernel's backlog) and never answers: a frozen Redis."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        yield f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


@pytest.fixture
def own_redis(tmp_path):
    server = shutil.which("redis-server")
    if not server:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 — redis-server of our own, on 127.0.0.1
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    yield process, f"redis://127.0.0.1:{port}/0"
    os.kill(process.pid, signal.SIGCONT)
    process.kill()
    process.wait()


def test_redis_on_a_dead_port_is_a_miss_at_once():
    backend = _backend(f"redis://127.0.0.1:{_free_port()}/0")
    started = time.monotonic()
    assert backend.get("k", "default") == "default"
    assert backend.get_many(["a", "b"]) == {}
    assert backend.add("k", 1) is False
    backend.set("k", 1)
    backend.delete("k")
    assert time.monotonic() - started < 1


def test_a_hung_redis_is_a_miss_within_the_timeout_then_left_alone(hung_redis):
    backend = _backend(hung_redis)
    started = time.monotonic()
    assert backend.get("k", "default") == "default"
    assert 0.15 < time.monotonic() - started < 0.6
    started = time.monotonic()
    for _ in range(20):  # within the pause after a failure: misses without waiting
        assert backend.get("k") is None
        backend.set("k", 1)
    assert time.monotonic() - started < 0.2


def test_the_settings_use_short_timeouts(hung_redis):
    backend = FaultTolerantRedisCache(hung_redis, {})
    assert 0 < backend._options["socket_timeout"] < 1
    assert 0 < backend._options["socket_connect_timeout"] < 1


def test_writes_lost_while_redis_hangs_are_dropped_when_it_answers(own_redis):
    process, url = own_redis
    backend = _backend(url, pause=0.1)
    backend.set("session", "signed in")
    backend.set("kept", "yes")
    os.kill(process.pid, signal.SIGSTOP)
    backend.delete("session")  # the log-out: lost while Redis is frozen
    assert backend.get("kept") is None  # a miss, not an error
    os.kill(process.pid, signal.SIGCONT)
    time.sleep(0.15)
    assert backend.get("session") is None  # never the signed-in session kept from before
    assert backend.get("kept") == "yes"


@needs_redis
def test_threads_share_one_client_and_see_each_others_values():
    seen = []

    def worker(n):
        backend = caches["default"]  # a backend object per thread, as Django makes them
        backend.set(f"test-shared-{n}", n, 30)
        # the objects themselves, not their id(): a finished thread's backend is freed and
        # another thread's may be given the same address
        seen.append((backend, backend._cache, backend._cache.get_client()))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(backend) for backend, _client, _redis in seen}) == 4
    assert len({id(client) for _backend, client, _redis in seen}) == 1
    assert len({id(redis) for _backend, _client, redis in seen}) == 1
    assert [cache.get(f"test-shared-{n}") for n in range(4)] == [0, 1, 2, 3]


@pytest.mark.django_db
def test_sessions_work_with_the_cache_down(client, settings):
    """The production session engine (cached_db) over a Redis that is not there: signing in,
    staying signed in and signing out all work from the database."""
    from tests.factories import UserFactory

    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FaultTolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_free_port()}/0",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    user = UserFactory()
    client.force_login(user)
    response = client.get("/toi/hoc-tap/")
    assert response.status_code == 200
    assert response.wsgi_request.user == user
    client.post("/tai-khoan/logout/")
    assert not client.get("/toi/hoc-tap/").wsgi_request.user.is_authenticated
