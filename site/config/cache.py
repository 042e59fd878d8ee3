"""Django's Redis cache with one connection pool per process instead of one per thread.

Django keeps a cache backend object per thread, and under ASGI every request runs its code on
a thread of its own, so the stock backend opened a new Redis connection (and built a new
client) for every request. Here the client, its pools and its ``redis.Redis`` objects are shared
by the process; redis-py's pools are thread-safe. Forked processes get their own (pid check).
"""

import os
import threading

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


_shared: dict = {}
_lock = threading.Lock()


class SharedRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedRedisCacheClient

    @property
    def _cache(self):
        key = (os.getpid(), tuple(self._servers), repr(sorted(self._options.items())))
        client = _shared.get(key)
        if client is None:
            with _lock:
                client = _shared.setdefault(key, self._class(self._servers, **self._options))
        return client
