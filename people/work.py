"""Work queues: what is waiting for a signed-in officer, trainer or administrator.

people cannot know about applications or course reports (later apps import people, never the
other way), so later apps register *work queue providers* here from their
``AppConfig.ready()``. A provider takes the user and returns the queues that user works on,
each with a count and the address of the list it counts (filtered to exactly those rows):

    work_provider_register(applications_work)   # certificates

The officer lands on the first queue with something in it after logging in
(``work_landing_url``); the Wagtail admin home shows every queue with its count
(people.wagtail_hooks). Providers must be cheap (a few counting queries) and must count only
what the user's scope lets them open.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class WorkQueue:
    """One queue: "12 hồ sơ chờ chi hội kiểm tra" → the list of those 12."""

    label: str | Promise  # what is waiting, in a few words
    count: int | None  # None: not a countable queue (a page of reports)
    url: str  # the list it counts, filtered to exactly those rows
    #: Lower comes first; providers use 100s (certificates), 200s (progress)…
    order: int = 500
    description: str | Promise = ""  # one sentence: what to do there
    #: The queue's own work needs the Wagtail admin (officer lists) or not (public pages).
    in_admin: bool = True


WorkProvider = Callable[..., Iterable[WorkQueue]]
_PROVIDERS: list[WorkProvider] = []


def work_provider_register(provider: WorkProvider) -> WorkProvider:
    """Add ``provider(*, user) -> Iterable[WorkQueue]`` (idempotent; usable as a decorator)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def work_queues_for(*, user) -> list[WorkQueue]:
    """Every queue ``user`` works on, in order (empty for citizens and anonymous users)."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    queues = [queue for provider in _PROVIDERS for queue in provider(user=user)]
    return sorted(queues, key=lambda queue: queue.order)


def work_landing_url(*, user) -> str | None:
    """Where ``user`` starts after logging in: the first queue with something waiting, else
    their first queue; None for people with no work queue (citizens)."""
    queues = work_queues_for(user=user)
    if not queues:
        return None
    waiting = [queue for queue in queues if queue.count]
    return (waiting or queues)[0].url
