"""Learners' resume state: where a learner left an activity (the H5P player's saved state).

The player (courses.player) reads and writes it through ``courses.extensions``; progress
registers these two functions there in ``ProgressConfig.ready``. Saving a state changes no
course content: it never touches the cached lesson plans (progress.plans).
"""

from progress.models import ActivityState

MAX_STATE_CHARS = 65536


def activity_state_save(*, learner, activity_iri: str, state: str) -> ActivityState:
    """Upsert the learner's resume state for an activity (idempotent; last write wins).
    Raises ValueError when the state is longer than ``MAX_STATE_CHARS``."""
    if len(state) > MAX_STATE_CHARS:
        raise ValueError("state too large")
    row, _created = ActivityState.objects.update_or_create(
        learner=learner, activity_iri=activity_iri, defaults={"state": state}
    )
    return row


def activity_state_get(*, learner, activity_iri: str) -> str:
    """The learner's saved state for the activity, or "" when there is none."""
    row = ActivityState.objects.filter(learner=learner, activity_iri=activity_iri).first()
    return row.state if row else ""
