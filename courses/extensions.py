"""Extension points for later apps (which may not be imported from here).

``progress`` registers a provider that adds the learner's progress to course and lesson pages,
and the store of learners' resume state (the H5P player's saved state), which the player reads
and writes through ``activity_state_get`` / ``activity_state_save``; ``courses`` itself never
imports ``progress`` (see design.md, "Direction of imports").
"""

from collections.abc import Callable

PageContextProvider = Callable[..., dict]
_providers: dict[str, list[PageContextProvider]] = {"course": [], "lesson": []}


def page_context_register(*, kind: str, provider: PageContextProvider) -> None:
    """Register ``provider(*, page, request) -> dict`` for "course" or "lesson" pages."""
    if provider not in _providers[kind]:
        _providers[kind].append(provider)


def page_context(*, kind: str, page, request) -> dict:
    context: dict = {}
    for provider in _providers[kind]:
        context.update(provider(page=page, request=request))
    return context


StateGet = Callable[..., str]
StateSave = Callable[..., None]
_state_store: dict[str, Callable] = {}


def state_store_register(*, get: StateGet, save: StateSave) -> None:
    """Register ``get(*, learner, activity_iri) -> str`` and ``save(*, learner, activity_iri,
    state)`` (raises ``ValueError`` for a state it refuses), the store of resume states."""
    _state_store.update(get=get, save=save)


def activity_state_get(*, learner, activity_iri: str) -> str:
    """The learner's saved state for an activity ("" when none, or with no store)."""
    get = _state_store.get("get")
    return get(learner=learner, activity_iri=activity_iri) if get else ""


def activity_state_save(*, learner, activity_iri: str, state: str, at=None) -> None:
    """Save the learner's state for an activity as of ``at`` (the device's time; the latest
    kept); raises ``LookupError`` with no store."""
    save = _state_store.get("save")
    if save is None:
        raise LookupError("no resume-state store is registered (progress is not installed)")
    save(learner=learner, activity_iri=activity_iri, state=state, at=at)
