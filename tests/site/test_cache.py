"""config.cache.SharedRedisCache: one Redis client per process, shared by every thread (ASGI
runs each request on its own thread; the stock backend connected again for each)."""

import threading

import pytest
from django.conf import settings
from django.core.cache import cache, caches

pytestmark = pytest.mark.skipif(
    settings.CACHES["default"]["BACKEND"] != "config.cache.SharedRedisCache",
    reason="the cache is not Redis here (set REDIS_URL to test the shared Redis cache)",
)


def test_threads_share_one_client_and_see_each_others_values():
    seen = []

    def worker(n):
        backend = caches["default"]  # a backend object per thread, as Django makes them
        backend.set(f"test-shared-{n}", n, 30)
        seen.append((id(backend), backend._cache, backend._cache.get_client()))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({backend for backend, _client, _redis in seen}) == 4
    assert len({id(client) for _backend, client, _redis in seen}) == 1
    assert len({id(redis) for _backend, _client, redis in seen}) == 1
    assert [cache.get(f"test-shared-{n}") for n in range(4)] == [0, 1, 2, 3]
