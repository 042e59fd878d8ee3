"""people.work: the registry of work queues that later apps fill in, and where people land."""

import pytest
from django.contrib.auth.models import AnonymousUser

from people import work
from people.work import WorkQueue, work_landing_url, work_provider_register, work_queues_for
from tests.factories import UserFactory


@pytest.fixture
def providers(monkeypatch):
    """An empty registry for the test (the apps' own providers are put back afterwards)."""
    monkeypatch.setattr(work, "_PROVIDERS", [])
    return work._PROVIDERS


def _queue(label, count, order):
    return WorkQueue(label=label, count=count, url=f"/{label}/", order=order)


def test_queues_come_from_every_provider_in_order(db, providers):
    work_provider_register(lambda *, user: [_queue("b", 0, 20)])
    work_provider_register(lambda *, user: [_queue("a", 3, 10), _queue("c", None, 30)])
    assert [q.label for q in work_queues_for(user=UserFactory())] == ["a", "b", "c"]


def test_registering_twice_adds_once(providers):
    def provider(*, user):
        return []

    work_provider_register(provider)
    work_provider_register(provider)
    assert providers == [provider]


def test_anonymous_and_inactive_users_have_no_queue(db, providers):
    work_provider_register(lambda *, user: [_queue("a", 1, 10)])
    assert work_queues_for(user=AnonymousUser()) == []
    assert work_queues_for(user=UserFactory(is_active=False)) == []


def test_landing_is_the_first_queue_with_something_waiting(db, providers):
    work_provider_register(lambda *, user: [_queue("empty", 0, 10), _queue("full", 4, 20)])
    assert work_landing_url(user=UserFactory()) == "/full/"


def test_landing_is_the_first_queue_when_nothing_waits(db, providers):
    work_provider_register(lambda *, user: [_queue("reports", None, 30), _queue("empty", 0, 10)])
    assert work_landing_url(user=UserFactory()) == "/empty/"


def test_no_queue_no_landing(db, providers):
    assert work_landing_url(user=UserFactory()) is None


def test_the_apps_register_their_providers():
    from certificates.work import applications_work
    from progress.work import course_reports_work

    assert applications_work in work._PROVIDERS
    assert course_reports_work in work._PROVIDERS
