"""Extension points for later apps (which may not be imported from here).

``progress`` registers a provider that adds the learner's progress to course and lesson pages;
``courses`` itself never imports ``progress`` (see design.md, "Direction of imports").
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
