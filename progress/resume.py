"""Learners' resume state: where a learner left an activity (the H5P player's saved state).

The player (courses.player) reads and writes it through ``courses.extensions``; progress
registers these two functions there in ``ProgressConfig.ready``. Saving a state changes no
course content: it never touches the cached lesson plans (progress.plans).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from progress.models import ActivityState

MAX_STATE_CHARS = 65536


def activity_state_save(*, learner, activity_iri: str, state: str) -> None:
    """Upsert the learner's resume state for an activity (idempotent; last write wins): one
    UPDATE when the row exists (the common case: every answer and every 30 s), else an INSERT
    (a racing INSERT of the same row turns into the UPDATE). Raises ValueError when the state is
    longer than ``MAX_STATE_CHARS``."""
    if len(state) > MAX_STATE_CHARS:
        raise ValueError("state too large")
    rows = ActivityState.objects.filter(learner=learner, activity_iri=activity_iri)
    now = timezone.now()
    if not rows.update(state=state, updated_at=now):
        try:
            with transaction.atomic():
                ActivityState.objects.create(
                    learner=learner, activity_iri=activity_iri, state=state
                )
        except IntegrityError:  # saved meanwhile by another request of the same learner
            rows.update(state=state, updated_at=now)


def activity_state_get(*, learner, activity_iri: str) -> str:
    """The learner's saved state for the activity, or "" when there is none."""
    row = ActivityState.objects.filter(learner=learner, activity_iri=activity_iri).first()
    return row.state if row else ""
