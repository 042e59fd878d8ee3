"""people.caching.LocalCache: kept per process, dropped everywhere on forget()."""

import time

import pytest
from django.db import transaction

from people.caching import LocalCache


@pytest.fixture
def caches():
    key = "tests:local-cache-generation"
    # Two processes sharing the cache: the second reads the shared generation every time.
    return LocalCache(key, max_age=60), LocalCache(key, max_age=60, check_every=0)


def test_a_value_is_built_once_then_kept(caches):
    here, _elsewhere = caches
    built = []
    for _ in range(3):
        assert here.get("k", lambda: built.append(1) or len(built)) == 1
    assert built == [1]


@pytest.mark.django_db  # forget() also acts on commit
def test_forget_reaches_the_other_process(caches):
    here, elsewhere = caches
    assert elsewhere.get("k", lambda: "old") == "old"
    assert elsewhere.get("k", lambda: "unused") == "old"
    here.forget()
    assert here.get("k", lambda: "new") == "new"
    assert elsewhere.get("k", lambda: "new") == "new"


def test_entries_expire_after_max_age(caches, monkeypatch):
    here, _elsewhere = caches
    here.get("k", lambda: "old")
    clock = time.monotonic() + 61
    monkeypatch.setattr("people.caching.time.monotonic", lambda: clock)
    assert here.get("k", lambda: "new") == "new"


@pytest.mark.django_db(transaction=True)
def test_forget_inside_a_transaction_drops_what_was_built_before_the_commit(caches):
    here, elsewhere = caches
    with transaction.atomic():
        here.forget()
        elsewhere.get("k", lambda: "half-saved")  # built from rows not yet committed
    assert elsewhere.get("k", lambda: "committed") == "committed"


@pytest.mark.django_db
def test_a_token_read_before_a_forget_does_not_replace_the_forgets(caches, monkeypatch):
    here, _elsewhere = caches
    here.get("k", lambda: "old")
    here._seen = [here._seen[0], time.monotonic() - 5]  # due for a read of the shared token
    stale = here._seen[0]

    def read_then_forget(key):  # another thread forgets while this one reads the old token
        here.forget()
        return stale

    monkeypatch.setattr("people.caching.cache.get", read_then_forget)
    assert here.generation() != stale
    assert here.get("k", lambda: "new") == "new"
