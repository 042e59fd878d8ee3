"""Caches kept true across processes, with one invalidation helper for every app.

Every cache that must follow the database has a *name* ("people:users", "progress:plans",
"cms:pages", "certificates:status-list") and a shared *generation* kept in Django's cache (Redis
when ``REDIS_URL`` is set): an epoch token and a counter. One helper changes it:

- ``cache_invalidate(name=…, tags=…)``: what changed. With ``tags`` only the entries carrying one
  of those tags go (a user id, a course); without, everything under the name. It acts at once and
  again when the transaction commits (nothing built in between from half-saved rows is kept).
- ``generation_current(name=…)``: the generation as a string, for caches kept in the shared
  cache itself (the anonymous page cache, the status list): file entries under it, and a new
  generation makes them stale.
- ``LocalCache(name, …)``: a process-local cache of built values, each with its tags. Every
  ``check_every`` seconds it reads the shared generation; when the counter moved it reads the log
  of what was invalidated since and drops only those tags (everything, when the log is gone or
  the epoch changed). Where the cache is this process's own (local memory), entries also expire
  after ``max_age`` seconds, which bounds how long another process can serve stale data; with a
  shared cache they live until invalidated (``SHARED_MAX_AGE`` at most).

With the shared cache down every read is a miss, so local entries are dropped at every check:
slower, never stale.
"""

import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction

ALL = "*"  # a log entry that drops everything
LOG_SECONDS = 3600  # how long the log of invalidations is kept
MAX_LOG_READ = 200  # further behind than this, a process drops everything instead of reading
SHARED_MAX_AGE = 3600  # seconds an entry lives when the cache is shared between processes
PROCESS_LOCAL_BACKENDS = ("LocMemCache", "DummyCache")

_registry: dict[str, weakref.WeakSet] = {}  # name → this process's LocalCaches of that name
_registry_lock = threading.Lock()


def _keys(name: str) -> tuple[str, str]:
    return f"invalidation:{name}:epoch", f"invalidation:{name}:counter"


def _log_key(name: str, number: int) -> str:
    return f"invalidation:{name}:log:{number}"


def _epoch_ensure(epoch_key: str) -> str | None:
    cache.add(epoch_key, uuid.uuid4().hex, timeout=None)
    return cache.get(epoch_key)


def _shared_read(name: str) -> tuple[str | None, int]:
    """(epoch, counter) of ``name``; epoch None when the shared cache does not answer."""
    epoch_key, counter_key = _keys(name)
    found = cache.get_many([epoch_key, counter_key])
    epoch = found.get(epoch_key) or _epoch_ensure(epoch_key)
    return epoch, int(found.get(counter_key) or 0)


def cache_is_shared() -> bool:
    """Whether Django's cache is shared between processes (Redis), not this process's memory."""
    return type(cache._connections[cache._alias]).__name__ not in PROCESS_LOCAL_BACKENDS


def generation_current(*, name: str) -> str:
    """The shared generation of ``name`` ("epoch:counter"); a fresh token when the cache is down
    (so nothing filed under it is ever found again)."""
    epoch, counter = _shared_read(name)
    return f"{epoch}:{counter}" if epoch else uuid.uuid4().hex


def generation_keys(*, name: str) -> list[str]:
    """The cache keys holding ``name``'s generation, to read with other keys in one get_many."""
    return list(_keys(name))


def generation_from(*, name: str, found: dict) -> str | None:
    """The generation from a get_many that included ``generation_keys(name=name)``, or None."""
    epoch_key, counter_key = _keys(name)
    epoch = found.get(epoch_key)
    return f"{epoch}:{int(found.get(counter_key) or 0)}" if epoch else None


def _counter_increment(counter_key: str) -> int | None:
    try:
        return cache.incr(counter_key)
    except ValueError:  # not there yet (or evicted): start it
        cache.add(counter_key, 0, timeout=None)
        try:
            return cache.incr(counter_key)
        except ValueError:
            return None


def cache_invalidate(*, name: str, tags: Iterable | None = None) -> None:
    """Make ``name``'s entries tagged with any of ``tags`` (all entries when None) stale in every
    process sharing the cache: in this process at once, in others at their next check. Done
    again when the current transaction commits. Never raises because the cache is down."""
    dropped = None if tags is None else frozenset(str(tag) for tag in tags)
    if dropped is not None and not dropped:
        return

    def bump() -> None:
        epoch_key, counter_key = _keys(name)
        epoch = _epoch_ensure(epoch_key)
        number = _counter_increment(counter_key)
        if number is None or dropped is None:
            if number is not None:
                cache.set(_log_key(name, number), ALL, LOG_SECONDS)
        else:
            cache.set(_log_key(name, number), sorted(dropped), LOG_SECONDS)
        for local in list(_registry.get(name, ())):
            local.drop(dropped, own=(epoch, number) if epoch and number else None)

    bump()
    transaction.on_commit(bump)


def local_caches_reset() -> None:
    """Make this process's LocalCaches start again as in a new process: nothing kept, nothing
    read yet. For after the shared cache was emptied on purpose (tests do it between tests):
    otherwise each cache would notice the new epoch only at its next check, up to
    ``check_every`` later, and drop then what had been built meanwhile."""
    with _registry_lock:
        caches = [local for group in _registry.values() for local in list(group)]
    for local in caches:
        local.drop(None)
        with local._lock:
            local._seen = None


class LocalCache:
    """Values built in this process, kept under ``name``'s shared generation (see the module)."""

    def __init__(self, name: str, *, max_age: float, check_every: float = 1.0, size: int = 5000):
        self.name, self.max_age, self.check_every, self.size = name, max_age, check_every, size
        self._entries: dict = {}  # key → (stored at, tags, value)
        self._seen: tuple | None = None  # (epoch, counter, read at)
        self._drops = 0  # local drops so far: a value built across a drop is not kept
        self._lock = threading.Lock()
        self._age_limit: float | None = None
        with _registry_lock:
            _registry.setdefault(name, weakref.WeakSet()).add(self)

    def drop(self, tags: frozenset | None, *, own: tuple | None = None) -> None:
        """Drop the entries carrying any of ``tags`` (all entries when None), here only.

        ``own`` is (epoch, number) of the shared invalidation this drop applies. When it is the
        next one after what this cache last read, the cache counts it as read: otherwise the next
        ``sync`` would drop again what was built since from the new rows."""
        with self._lock:
            self._drops += 1
            if tags is None:
                self._entries.clear()
            else:
                for key in [k for k, entry in self._entries.items() if entry[1] & tags]:
                    del self._entries[key]
            seen = self._seen
            if own is not None and seen is not None and seen[0] == own[0] and seen[1] == own[1] - 1:
                self._seen = (seen[0], own[1], seen[2])

    def _log_read(self, first: int, last: int) -> frozenset | None:
        """The tags invalidated in log entries ``first``…``last``; None means everything."""
        if last - first + 1 > MAX_LOG_READ:
            return None
        numbers = range(first, last + 1)
        found = cache.get_many([_log_key(self.name, n) for n in numbers])
        tags: set = set()
        for number in numbers:
            entry = found.get(_log_key(self.name, number))
            if entry is None or entry == ALL:
                return None
            tags.update(entry)
        return frozenset(tags)

    def sync(self) -> None:
        """Apply what other processes invalidated; reads the cache at most every check_every s."""
        now, seen = time.monotonic(), self._seen
        if seen is not None and now - seen[2] < self.check_every:
            return
        epoch, counter = _shared_read(self.name)
        # The shared cache does not answer, or was emptied, or this is the first read: keep nothing.
        if epoch is None or seen is None or seen[0] != epoch or counter < seen[1]:
            self.drop(None)
        elif counter > seen[1]:
            self.drop(self._log_read(seen[1] + 1, counter))
        with self._lock:
            if self._seen is seen:  # another thread may have moved on meanwhile: keep the newer
                self._seen = (epoch, counter, now)

    def get(self, key, build: Callable, *, tags: Callable[..., Iterable] = lambda value: ()):
        """The value kept for ``key``, else ``build()``'s, kept with the tags ``tags(value)``."""
        self.sync()
        now = time.monotonic()
        if self._age_limit is None:
            self._age_limit = SHARED_MAX_AGE if cache_is_shared() else self.max_age
        entry = self._entries.get(key)
        if entry is not None and now - entry[0] < self._age_limit:
            return entry[2]
        drops = self._drops
        value = build()
        entry_tags = frozenset(str(tag) for tag in tags(value))
        with self._lock:
            if self._drops != drops:  # invalidated while building: maybe from old rows
                return value
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[key] = (now, entry_tags, value)
        return value

    def forget(self) -> None:
        """Drop every entry, in every process sharing the cache; again on commit."""
        cache_invalidate(name=self.name)
