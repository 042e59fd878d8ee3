"""The live dashboard's events: what changed for a learner, pushed to their classes' groups.

- ``live_learner_changed(learner_id=…, reason=…, activity_iris=…)`` is all the rest of the code
  calls (the progress receivers, attendance). In the caller's thread (a statement request) it
  only puts a tuple on a queue: no query, no cache, no rendering; it never raises.
- One pusher thread per process empties the queue: what arrives within ``COALESCE`` seconds of
  the first change (longer under load: ``REST`` × the last batch's time, at most
  ``MAX_WINDOW``) goes in one batch. It finds the learners' classes (kept per process until a
  membership changes), keeps only the classes some dashboard has open (``live_watch``; the
  others only get a sequence bump), reads every changed learner of every such class in one set
  of queries (cohorts.live_deltas: small JSON deltas, not HTML), numbers each class's events
  with its next sequence numbers (each class keeps its own counter, so catch-up stays per
  class; on Redis every class's INCRBY goes in one pipeline: one round trip per batch), keeps
  them for catch-up (``EVENTS_KEPT`` per class, ``EVENT_TTL`` seconds, one ``set_many``), and
  sends the whole batch as one ``live.batch`` message (each class's frame already encoded)
  with one ``group_send``, at most ``SEND_TIMEOUT`` seconds of waiting, to the one group every
  server process's relay joins (cohorts.live_relay); each relay hands each class's frame only
  to its dashboards of that class (they were let in by the scope rule).
- Across processes (Uvicorn × N sharing Redis) one batch per tick is built for all of them:
  each pusher appends its merged changes to one pending list in Redis, and whichever holds
  the drain lock reads, numbers and sends everyone's, once per class and learner, in sequence
  order (cohorts.live_shared). Without Redis the pusher builds its own batch.
- Sends go through the server's own event loop when a dashboard connected in this process (the
  in-memory channel layer lives on that loop), else through the pusher's loop (Redis).
- ``live_events_since(cohort_id=…, seq=…)``: what a reconnecting dashboard missed, or None when
  it is too far behind (it then reloads its table once).

An event: ``{"seq", "learner", "reason", "queued", "row", "cells"}`` (``queued``: when the
newest change it carries was queued, epoch seconds, for bench/cohorts_live.py; ``row`` and
``cells``: see cohorts.live_deltas). A dashboard gets ``{"type": "events", "events": [...]}``
per class and batch.
"""

import asyncio
import json
import logging
import queue
import threading
import time

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import close_old_connections
from redis.exceptions import RedisError

from cohorts.live_relay import GROUP, MESSAGE_TYPE
from cohorts.live_shared import RETRY, change_merge, pending_shared
from people.caching import LocalCache, cache_invalidate

logger = logging.getLogger("cohorts.live")

EVENTS_KEPT = 200
EVENT_TTL = 3600
WATCH_GRACE = 600  # seconds after its last dashboard closed that a class's events are still made
SEND_TIMEOUT = 0.5
COALESCE = 0.2  # seconds: changes queued this close together make one batch and one send
REST, MAX_WINDOW = 2.0, 0.5  # the window grows to REST × the last batch's time, ≤ MAX_WINDOW
QUEUE_SIZE = 10000

_memberships = LocalCache("cohorts:learner-cohorts", max_age=60)


def learner_cohort_ids(*, learner_id: int) -> tuple[int, ...]:
    """The classes ``learner_id`` belongs to (one query; kept until a membership changes)."""
    from cohorts.models import CohortMember

    return _memberships.get(
        learner_id,
        lambda: tuple(
            CohortMember.objects.filter(learner_id=learner_id).values_list("cohort_id", flat=True)
        ),
        tags=lambda _value: (learner_id,),
    )


def memberships_changed(*, learner_ids) -> None:
    """Forget the classes of ``learner_ids`` (everyone's, when None) in every process."""
    tags = None if learner_ids is None else list(learner_ids)
    cache_invalidate(name="cohorts:learner-cohorts", tags=tags)


def _seq_key(cohort_id: int) -> str:
    return f"cohorts:live:{cohort_id}:seq"


def _event_key(cohort_id: int, seq: int) -> str:
    return f"cohorts:live:{cohort_id}:event:{seq}"


def live_seq_current(*, cohort_id: int) -> int:
    """The sequence number of the class's latest event (0 before any)."""
    return int(cache.get(_seq_key(cohort_id)) or 0)


def _watch_keys(cohort_id: int) -> tuple[str, str]:
    return f"cohorts:live:{cohort_id}:watchers", f"cohorts:live:{cohort_id}:watched-until"


def live_watch(*, cohort_id: int, delta: int) -> None:
    """A dashboard of the class opened (+1) or closed (-1). Classes nobody watched for
    ``WATCH_GRACE`` seconds get no rendered events, only a sequence bump (a page that comes back
    later then reloads its table once). A count left high by a crashed process only costs
    renders."""
    watchers, until = _watch_keys(cohort_id)
    cache.add(watchers, 0, timeout=None)
    try:
        if cache.incr(watchers, delta) < 0:
            cache.set(watchers, 0, timeout=None)
    except ValueError:  # evicted meanwhile
        cache.set(watchers, max(delta, 0), timeout=None)
    if delta < 0:
        cache.set(until, time.time() + WATCH_GRACE, WATCH_GRACE)


def _watched(cohort_ids) -> set:
    keys = {cohort_id: _watch_keys(cohort_id) for cohort_id in cohort_ids}
    found = cache.get_many([key for pair in keys.values() for key in pair])
    now = time.time()
    return {
        cohort_id
        for cohort_id, (watchers, until) in keys.items()
        if int(found.get(watchers) or 0) > 0 or float(found.get(until) or 0) > now
    }


def live_events_since(*, cohort_id: int, seq: int) -> list[dict] | None:
    """Events of the class after ``seq``, in order; None when some are no longer kept (the
    dashboard must reload its table)."""
    current = live_seq_current(cohort_id=cohort_id)
    if seq >= current:
        return [] if seq == current else None  # ahead of us: the counter was reset
    if current - seq > EVENTS_KEPT:
        return None
    keys = [_event_key(cohort_id, number) for number in range(seq + 1, current + 1)]
    found = cache.get_many(keys)
    if len(found) != len(keys):
        return None
    return [found[key] for key in keys]


def _seq_reserve(counts: dict) -> dict:
    """``counts[cohort]`` consecutive sequence numbers for each class, as ``{cohort: range}``.
    On Redis, one INCRBY per class, all in one pipeline (one round trip per batch; INCRBY
    starts a missing counter at 0, as ``add`` did); elsewhere (the local-memory cache) one
    ``incr`` per class."""
    keys = {cohort_id: _seq_key(cohort_id) for cohort_id in counts}
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        made = {cohort_id: backend.make_and_validate_key(key) for cohort_id, key in keys.items()}
        try:
            pipe = backend._cache.get_client(write=True).pipeline(transaction=False)
            for cohort_id, key in made.items():
                pipe.incrby(key, counts[cohort_id])
            lasts = dict(zip(made, (int(last) for last in pipe.execute()), strict=True))
        except (RedisError, OSError) as error:
            raise ValueError(f"Live sequence numbers not reserved: {error!r}") from error
    else:
        lasts = {}
        for cohort_id, key in keys.items():
            try:
                lasts[cohort_id] = int(cache.incr(key, counts[cohort_id]))
            except ValueError:  # the class's first event, or the counter was evicted
                cache.add(key, 0, timeout=None)
                lasts[cohort_id] = int(cache.incr(key, counts[cohort_id]))
    return {
        cohort_id: range(last - counts[cohort_id] + 1, last + 1)
        for cohort_id, last in lasts.items()
    }


def _events_build(changes: dict, unwatched=()) -> dict:
    """Each class's events for ``changes`` (``{cohort: {learner: (reasons, queued, iris)}}``):
    read in one set of queries, numbered (the ``unwatched`` classes' counters move on by one in
    the same round trip), kept for catch-up (one ``set_many``)."""
    from cohorts.live_deltas import live_deltas_build

    deltas = (
        live_deltas_build(
            {
                cohort_id: {learner_id: change[2] for learner_id, change in learners.items()}
                for cohort_id, learners in changes.items()
            }
        )
        if changes
        else {}
    )
    counts = dict.fromkeys(unwatched, 1)
    counts.update({cohort_id: len(found) for cohort_id, found in deltas.items() if found})
    seqs = _seq_reserve(counts) if counts else {}
    built, kept = {}, {}
    for cohort_id, learners in sorted(deltas.items()):
        ids = sorted(learners)
        events = []
        for learner_id, seq in zip(ids, seqs.get(cohort_id, ()), strict=True):
            reasons, queued, _iris = changes[cohort_id][learner_id]
            event = {"seq": seq, "learner": learner_id, "reason": sorted(reasons),
                     "queued": round(queued, 4), **learners[learner_id]}  # fmt: skip
            events.append(event)
            kept[_event_key(cohort_id, seq)] = event
        built[cohort_id] = events
    if kept:
        cache.set_many(kept, EVENT_TTL)
    return built


class _Pusher(threading.Thread):
    def __init__(self):
        super().__init__(name="cohorts-live", daemon=True)
        self.jobs: queue.Queue = queue.Queue(maxsize=QUEUE_SIZE)
        self.loop = asyncio.new_event_loop()
        self.server_loop: asyncio.AbstractEventLoop | None = None
        self.idle = threading.Event()
        self.idle.set()
        self.last_busy = 0.0  # seconds the last batch took
        self.waiting = False  # changes left to another process's pusher (cohorts.live_shared)

    def run(self) -> None:
        while True:
            try:  # having left changes to another process's pusher: look again after RETRY
                first = self.jobs.get(timeout=RETRY if self.waiting else None)
            except queue.Empty:
                first = None
            self.idle.clear()
            batch = [] if first is None else [first]
            if first is not None:
                # Coalesce: whatever else changes within COALESCE of the first change goes
                # with it (a learner answering several questions in a row costs one render,
                # one send). The pusher also rests REST times as long as its last batch took,
                # so that under load it never holds more than its share of the process
                # (statements come first).
                window = min(MAX_WINDOW, max(COALESCE, REST * self.last_busy))
                wait = first[4] + window - time.time()
                if wait > 0:
                    time.sleep(min(wait, window))
            while True:
                try:
                    batch.append(self.jobs.get_nowait())
                except queue.Empty:
                    break
            started = time.monotonic()
            try:
                self._push(batch)
            except Exception:  # the pusher must live on whatever one batch does
                logger.exception("Live dashboard push failed")
            finally:
                self.last_busy = time.monotonic() - started
                close_old_connections()
                if self.jobs.empty():
                    self.idle.set()

    def _push(self, batch: list) -> None:
        changes: dict = {}  # cohort → learner → (reasons, newest queued, activity iris)
        for learner_id, cohort_ids, reason, iris, queued in batch:
            if cohort_ids is None:  # looked up here, never in the caller's request
                cohort_ids = learner_cohort_ids(learner_id=learner_id)
            for cohort_id in cohort_ids:
                change_merge(changes, cohort_id, learner_id, (reason,), queued, iris)
        shared = pending_shared()
        if shared is None:  # one process: its own batch
            self._publish(changes)
            return
        # Every process's changes go to one pending list; the drain lock's holder builds and
        # sends them all, once per class and learner (cohorts.live_shared).
        try:
            claimed = shared.stage(changes)
        except (RedisError, OSError) as error:
            logger.warning("Live changes not shared (%r): sent from this process", error)
            self._publish(changes)
            return
        self.waiting = not claimed
        while claimed:
            try:
                self._publish(shared.take())
            except Exception:  # logged; the lock is released (or taken again) all the same
                logger.exception("Live dashboard push failed")
            claimed = shared.release_and_retake()

    def _publish(self, changes: dict) -> None:
        """Build, number, keep and send ``changes`` as one batch."""
        if not changes:
            return
        watched = _watched(changes)
        # The classes nobody watches only get a sequence bump (a page back from long ago
        # reloads its table), in the same round trip as the watched classes' numbers.
        built = _events_build(
            {cohort_id: changes[cohort_id] for cohort_id in watched},
            unwatched=sorted(set(changes) - watched),
        )
        frames = [
            [cohort_id, json.dumps({"type": "events", "events": events}, separators=(",", ":"))]
            for cohort_id, events in sorted(built.items())
            if events
        ]
        if frames:
            self._send({"type": MESSAGE_TYPE, "frames": frames})

    def _send(self, message: dict) -> None:
        """One group_send for the whole batch, with at most SEND_TIMEOUT of waiting."""
        from channels.layers import get_channel_layer

        layer = get_channel_layer()
        if layer is None:
            return

        async def every():
            try:
                await asyncio.wait_for(layer.group_send(GROUP, message), SEND_TIMEOUT)
            except Exception as error:  # logged, never raised (see the module)
                logger.warning("Live events not sent: %r", error)

        loop = self.server_loop
        try:
            if loop is not None and loop.is_running():
                asyncio.run_coroutine_threadsafe(every(), loop).result(SEND_TIMEOUT + 0.5)
            else:
                self.loop.run_until_complete(every())
        except Exception as error:
            logger.warning("Live events not sent: %r", error)


_pusher: _Pusher | None = None
_pusher_lock = threading.Lock()


def _pusher_get() -> _Pusher:
    global _pusher
    with _pusher_lock:
        if _pusher is None or not _pusher.is_alive():
            _pusher = _Pusher()
            _pusher.start()
        return _pusher


def live_loop_register(loop: asyncio.AbstractEventLoop) -> None:
    """Called by the dashboard consumer: send through this (the server's) event loop."""
    _pusher_get().server_loop = loop


def live_learner_changed(
    *, learner_id: int, reason: str, cohort_ids=None, activity_iris=()
) -> None:
    """Queue a live event for ``learner_id`` in each of their classes (``cohort_ids``, else
    looked up by the pusher), about ``activity_iris`` (main activities: their cells are sent).
    Only puts a tuple on the queue: returns at once, never raises (a full queue is logged)."""
    try:
        pusher = _pusher_get()
        pusher.idle.clear()
        ids = None if cohort_ids is None else tuple(cohort_ids)
        pusher.jobs.put_nowait((learner_id, ids, reason, tuple(activity_iris), time.time()))
    except queue.Full:
        logger.warning("Live dashboard queue full: event for learner %s dropped", learner_id)
    except Exception:  # never let the dashboard break a statement or an attendance mark
        logger.exception("Live dashboard event for learner %s not queued", learner_id)


def live_wait_idle(timeout: float = 5.0) -> bool:
    """Wait until every queued event is sent (tests, the bench). True when idle."""
    deadline = time.monotonic() + timeout
    pusher = _pusher_get()
    while time.monotonic() < deadline:
        if pusher.idle.wait(0.05) and pusher.jobs.empty():
            return True
    return False
