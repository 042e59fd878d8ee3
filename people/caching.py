"""Process-local caches kept true across processes: ``LocalCache``.

Each process keeps what it built (a lesson plan, a signed-in user) in its own memory, keyed by a
generation token kept in the shared cache (Redis when ``REDIS_URL`` is set). ``forget()``
replaces the token, at once and again when the transaction commits (so nothing built in between
from half-saved rows is kept), and empties this process's entries; other processes read the token
at most once per ``check_every`` seconds and drop entries built under another one. Without a
shared cache, entries also expire after ``max_age`` seconds, which bounds how long another
process can serve stale data.
"""

import threading
import time
import uuid

from django.core.cache import cache
from django.db import transaction


class LocalCache:
    def __init__(self, key: str, *, max_age: float, check_every: float = 1.0, size: int = 5000):
        self.key, self.max_age, self.check_every, self.size = key, max_age, check_every, size
        self._entries: dict = {}  # key → (generation, stored at, value)
        self._seen: list = []  # [generation, read at]
        self._lock = threading.Lock()

    def generation(self) -> str:
        """The shared generation, read from the cache at most once per ``check_every`` s."""
        now = time.monotonic()
        seen = self._seen
        if seen and now - seen[1] < self.check_every:
            return seen[0]
        token = cache.get(self.key)
        if token is None:
            token = uuid.uuid4().hex
            if not cache.add(self.key, token, timeout=None):
                token = cache.get(self.key) or token
        with self._lock:
            if self._seen is not seen:  # forget() ran meanwhile: its token is the newer one
                return self._seen[0]
            self._seen = [token, now]
        return token

    def get(self, key, build):
        """The value kept for ``key`` under the current generation, else ``build()``'s (kept)."""
        generation, now = self.generation(), time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and entry[0] == generation and now - entry[1] < self.max_age:
            return entry[2]
        value = build()
        with self._lock:
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[key] = (generation, now, value)
        return value

    def forget(self) -> None:
        """Drop every entry, in every process sharing the cache; again on commit."""

        def bump():
            token = uuid.uuid4().hex
            cache.set(self.key, token, timeout=None)
            with self._lock:
                self._entries.clear()
                self._seen = [token, time.monotonic()]

        bump()
        transaction.on_commit(bump)
