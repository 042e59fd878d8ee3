"""Learners' resume state: where a learner left an activity (the H5P player's saved state).

The player (courses.player) reads and writes it through ``courses.extensions``; progress
registers these two functions there in ``ProgressConfig.ready``. Saving a state changes no
course content: it never touches the cached lesson plans (progress.plans).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from progress.models import ActivityState

MAX_STATE_CHARS = 65536


def activity_state_save(*, learner, activity_iri: str, state: str, at=None) -> bool:
    """Upsert the learner's resume state for an activity (idempotent; the latest wins): one
    UPDATE when the row exists (the common case: every answer and every 30 s), else an INSERT
    (a racing INSERT of the same row turns into the UPDATE). Raises ValueError when the state is
    longer than ``MAX_STATE_CHARS``.

    ``at`` is when the learner's device saved the state (the lesson page queues saves made
    offline and delivers them later, possibly after a newer one from another device): the row
    keeps the state with the latest ``at``, and an older or repeated save changes nothing. A
    time in the future counts as now, so a phone with a wrong clock cannot lock the row. Returns
    whether this save is the one kept."""
    if len(state) > MAX_STATE_CHARS:
        raise ValueError("state too large")
    now = timezone.now()
    at = min(at, now) if at is not None else now
    rows = ActivityState.objects.filter(learner=learner, activity_iri=activity_iri)
    if rows.filter(updated_at__lte=at).update(state=state, updated_at=at):
        return True
    if rows.exists():
        return False  # a later state is already kept
    try:
        with transaction.atomic():
            ActivityState.objects.create(learner=learner, activity_iri=activity_iri, state=state)
            rows.update(updated_at=at)  # auto_now wrote the server's time
        return True
    except IntegrityError:  # saved meanwhile by another request of the same learner
        return bool(rows.filter(updated_at__lte=at).update(state=state, updated_at=at))


def activity_state_get(*, learner, activity_iri: str) -> str:
    """The learner's saved state for the activity, or "" when there is none."""
    row = ActivityState.objects.filter(learner=learner, activity_iri=activity_iri).first()
    return row.state if row else ""
