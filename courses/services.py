"""Writes of the courses app that are not about H5P intake (see courses.h5p.services)."""

from courses.models import ActivityState

MAX_STATE_CHARS = 65536


def activity_state_save(*, learner, activity_iri: str, state: str) -> ActivityState:
    """Upsert the learner's resume state for an activity (idempotent; last write wins)."""
    if len(state) > MAX_STATE_CHARS:
        raise ValueError("state too large")
    row, _created = ActivityState.objects.update_or_create(
        learner=learner, activity_iri=activity_iri, defaults={"state": state}
    )
    return row


def activity_state_get(*, learner, activity_iri: str) -> str:
    row = ActivityState.objects.filter(learner=learner, activity_iri=activity_iri).first()
    return row.state if row else ""
