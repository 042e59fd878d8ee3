"""Django's Redis cache with one connection pool per process instead of one per thread.

Django keeps a cache backend object per thread, and under ASGI every request runs its code on
a thread of its own, so the stock backend opened a new Redis connection (and built a new
client) for every request. Here the client, its pools and its ``redis.Redis`` objects are shared
by the process; redis-py's pools are thread-safe. Forked processes get their own (pid check).

``FaultTolerantRedisCache`` (the one settings use) adds short timeouts and turns Redis failures
into misses, logged: the site runs on without its cache, only slower.
"""

import logging
import os
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError


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


# --- Faults: Redis down or hung is a slowdown, never an error ------------------------------------

logger = logging.getLogger("config.cache")

# What each client method answers when Redis does not: a miss, or a write that did not happen.
_MISSES = {
    "get": lambda args, kwargs: args[1] if len(args) > 1 else kwargs.get("default"),
    "get_many": lambda args, kwargs: {},
    "has_key": lambda args, kwargs: False,
    "add": lambda args, kwargs: False,
    "set": lambda args, kwargs: None,
    "touch": lambda args, kwargs: False,
    "delete": lambda args, kwargs: False,
    "set_many": lambda args, kwargs: list(args[0]),
    "delete_many": lambda args, kwargs: None,
    "clear": lambda args, kwargs: False,
}
# Writes whose keys may now hold stale values in Redis (the write was lost): deleted on return.
_KEYS_WRITTEN = {
    "add": lambda args: [args[0]],
    "set": lambda args: [args[0]],
    "touch": lambda args: [args[0]],
    "delete": lambda args: [args[0]],
    "incr": lambda args: [args[0]],
    "set_many": lambda args: list(args[0]),
    "delete_many": lambda args: list(args[0]),
}
MAX_LOST_KEYS = 100_000


class FaultTolerantRedisCacheClient(SharedRedisCacheClient):
    """Each call either reaches Redis within the socket timeouts or is a miss, logged once per
    outage. After a failure Redis is left alone for ``pause`` seconds (every call a miss at
    once: a hung Redis costs one timeout per process per pause, not one per call). Keys whose
    writes were lost meanwhile (a logged-out session, a new pages generation, a forgotten plan)
    are deleted as soon as Redis answers again, before anything else, so nothing stale that
    Redis kept from before the outage is served afterwards."""

    def __init__(self, *args, pause: float = 1.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.pause = pause
        self._down_until = 0.0
        self._lost: set = set()
        self._lost_overflow = False
        self._state_lock = threading.Lock()

    def _call(self, name: str, args, kwargs):
        method = getattr(super(), name)
        if time.monotonic() < self._down_until:
            return self._missed(name, args, kwargs, None)
        try:
            if self._lost:
                self._lost_replay()
            result = method(*args, **kwargs)
        except (RedisError, OSError) as error:
            return self._missed(name, args, kwargs, error)
        if self._down_until:
            self._down_until = 0.0
            logger.warning("Redis cache answers again")
        return result

    def _missed(self, name: str, args, kwargs, error):
        keys = _KEYS_WRITTEN.get(name, lambda args: [])(args)
        with self._state_lock:
            if len(self._lost) + len(keys) > MAX_LOST_KEYS:
                self._lost_overflow = True
            else:
                self._lost.update(keys)
            if error is not None:
                if self._down_until == 0.0:
                    logger.warning("Redis cache unreachable (%s): serving misses", error)
                self._down_until = time.monotonic() + self.pause
        if name == "incr":
            raise ValueError("Redis cache unreachable: the key cannot be incremented now")
        return _MISSES[name](args, kwargs)

    def _lost_replay(self) -> None:
        with self._state_lock:
            keys, self._lost = list(self._lost), set()
            overflow, self._lost_overflow = self._lost_overflow, False
        try:
            for start in range(0, len(keys), 1000):
                super().delete_many(keys[start : start + 1000])
        except BaseException:
            with self._state_lock:
                self._lost.update(keys)
                self._lost_overflow |= overflow
            raise
        if overflow:
            logger.error("Redis cache: over %d writes lost; some keys stay stale", MAX_LOST_KEYS)
        logger.warning("Redis cache: %d key(s) written during the outage dropped", len(keys))

    def get(self, *args, **kwargs):
        return self._call("get", args, kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", args, kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", args, kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", args, kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", args, kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", args, kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", args, kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", args, kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", args, kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", args, kwargs)

    def clear(self, *args, **kwargs):
        return self._call("clear", args, kwargs)


class FaultTolerantRedisCache(SharedRedisCache):
    """``SharedRedisCache`` whose failures are misses (see ``FaultTolerantRedisCacheClient``),
    with short socket timeouts unless OPTIONS set others: ``REDIS_TIMEOUT`` seconds (default
    0.3) to connect and per reply, and a ``REDIS_PAUSE`` (default 1 s) after a failure."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FaultTolerantRedisCacheClient
        timeout = float(os.environ.get("REDIS_TIMEOUT") or 0.3)
        self._options.setdefault("socket_connect_timeout", timeout)
        self._options.setdefault("socket_timeout", timeout)
        self._options.setdefault("pause", float(os.environ.get("REDIS_PAUSE") or 1.0))
