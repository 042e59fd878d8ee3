"""One batch per class per tick across server processes (the live dashboard, issue 13).

Every server process has its own pusher (cohorts.live). When they share Redis (the cache and
the channel layer: production, Uvicorn × N), a pusher does not build the changes it collected
itself; it appends them to one pending list in Redis and asks for the drain lock in the same
round trip (one transaction: RPUSH, ``SET NX PX``). The pusher holding the lock takes the
whole list at once (one transaction: LRANGE, DEL), merges it (a class and learner changed in
two processes is read once) and builds, numbers, keeps and sends it as one batch. It keeps the
lock until that send is done, so one class's events leave in the order of their sequence
numbers, whichever process queued them. Then, in one script, it releases the lock (only if it
is still its own) and takes it again when something is pending: what other pushers appended
meanwhile is drained next, by the same pusher, and never left behind. A pusher that finds the
lock taken leaves its changes to the holder and looks again after ``RETRY`` seconds (a holder
that died lets its lock expire after ``LOCK_MS``).

Without Redis (the local-memory cache or the in-memory channel layer: one process, ``make
run``) nothing is shared: ``pending_shared()`` answers None and the pusher builds its own batch.

Changes: ``{cohort id: {learner id: (reasons set, newest queued epoch, activity iris set)}}``.
"""

import json
import uuid

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

LOCK_MS = 5000  # a drain normally takes well under a second (SEND_TIMEOUT is 0.5 s)
RETRY = 1.0  # seconds: a pusher that left its changes to another looks again this late

# KEYS: lock, pending; ARGV: token, LOCK_MS. Release the lock if it is ours; take it again at
# once (1) when changes are pending, else 0. Atomic: nobody appends between the two.
_RELEASE_AND_RETAKE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
if redis.call('LLEN', KEYS[2]) > 0 and redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
then return 1 end
return 0
"""


def change_merge(changes: dict, cohort_id: int, learner_id: int, reasons, queued, iris) -> None:
    """Fold one change into ``changes``: reasons and activities add up, the newest time wins."""
    learners = changes.setdefault(cohort_id, {})
    known, last, seen = learners.get(learner_id, (set(), 0.0, set()))
    learners[learner_id] = (known | set(reasons), max(last, queued), seen | set(iris))


class PendingShared:
    """The pending list and drain lock of the cache's Redis (one per pusher and claim)."""

    def __init__(self, backend: RedisCache):
        self.client = backend._cache.get_client(write=True)
        self.lock_key = backend.make_and_validate_key("cohorts:live:drain-lock")
        self.list_key = backend.make_and_validate_key("cohorts:live:pending")
        self.token = uuid.uuid4().hex
        self._release = self.client.register_script(_RELEASE_AND_RETAKE)  # EVALSHA

    def stage(self, changes: dict) -> bool:
        """Append ``changes`` to the pending list and try to take the drain lock: True when
        taken (the caller must then ``take`` and ``release_and_retake``). Raises RedisError."""
        items = [
            json.dumps([cohort_id, learner_id, sorted(reasons), queued, sorted(iris)])
            for cohort_id, learners in changes.items()
            for learner_id, (reasons, queued, iris) in learners.items()
        ]
        pipe = self.client.pipeline(transaction=True)
        if items:
            pipe.rpush(self.list_key, *items)
        pipe.set(self.lock_key, self.token, nx=True, px=LOCK_MS)
        return bool(pipe.execute()[-1])

    def take(self) -> dict:
        """Everything pending (every process's changes), merged; the list is left empty."""
        pipe = self.client.pipeline(transaction=True)
        pipe.lrange(self.list_key, 0, -1)
        pipe.delete(self.list_key)
        raw, _deleted = pipe.execute()
        changes: dict = {}
        for item in raw:
            cohort_id, learner_id, reasons, queued, iris = json.loads(item)
            change_merge(changes, cohort_id, learner_id, reasons, queued, iris)
        return changes

    def release_and_retake(self) -> bool:
        """Release the lock; True when it was taken again because changes are pending."""
        return bool(self._release(keys=[self.lock_key, self.list_key], args=[self.token, LOCK_MS]))


def pending_shared() -> PendingShared | None:
    """The shared pending list when both the cache and the channel layer are Redis (every
    process sees the same list and every process's relay gets the send), else None."""
    from channels.layers import InMemoryChannelLayer, get_channel_layer

    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    layer = get_channel_layer()
    if layer is None or isinstance(layer, InMemoryChannelLayer):
        return None
    return PendingShared(backend)
