"""How far a long import request has got, for the progress bar of the import page.

The upload (reading, checking every row) and the confirmation (registering, enrolling) of a
large list take seconds. The request does the work itself, writing its progress to the cache
under a job id the page chose, tied to the user; the page sends the form with ``fetch`` and
meanwhile asks ``import_status`` twice a second (a progress bar of one's own upload may poll;
the live dashboard never does). Without the shared cache (several processes, no ``REDIS_URL``)
the bar only shows that work is going on; the result is the same.
"""

import re
import time

from django.core.cache import cache

TTL = 15 * 60
JOB_RE = re.compile(r"[A-Za-z0-9_-]{8,64}")
EVERY = 0.25  # seconds between two writes of one job's progress


def _key(*, user_id: int, job: str) -> str:
    return f"cohorts:import-progress:{user_id}:{job}"


def job_valid(job: str | None) -> bool:
    return bool(job) and JOB_RE.fullmatch(job) is not None


class Progress:
    """``progress(phase, done, total)``: written at most every ``EVERY`` seconds, and always
    at the start and the end of a phase. A job id that is missing or malformed writes
    nothing."""

    def __init__(self, *, user_id: int, job: str | None):
        self.key = _key(user_id=user_id, job=job) if job_valid(job) else None
        self.last = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.key is None:
            return
        now = time.monotonic()
        if done not in (0, total) and now - self.last < EVERY:
            return
        self.last = now
        cache.set(self.key, {"phase": phase, "done": done, "total": total}, TTL)


def import_progress_get(*, user_id: int, job: str) -> dict | None:
    """{"phase", "done", "total"} of ``user_id``'s job, or None (unknown, or someone else's)."""
    if not job_valid(job):
        return None
    return cache.get(_key(user_id=user_id, job=job))
