"""Authentication backends that find the signed-in user without a database query per request.

Django loads the user of a session from the database on every request; for the busiest
endpoint (xAPI statements, several a minute per learner) that query cost about a sixth of the
request. These backends (the default ModelBackend and allauth's, otherwise unchanged) keep each
user in this process's memory (``people.caching.LocalCache``, never in Redis: the row holds a
phone number and a password hash). A save or delete of a user makes every process load that user
afresh (``user_cache_forget``), and ``users_cache_forget()`` after a queryset ``update()`` all of
them: this process at once, others within a second when they share the cache (``REDIS_URL``),
and after a minute at most otherwise. A save of ``last_login`` alone (every login) changes
nothing a request reads from the signed-in user, so it keeps the cache (the cached copy may show
an older ``last_login``). Each request gets its own copy, so nothing one request caches on the
user (its permissions, a related row) reaches another.
"""

import copy

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from people.caching import LocalCache, cache_invalidate

CACHE_NAME = "people:users"
_users = LocalCache(CACHE_NAME, max_age=60, size=20000)


def users_cache_forget() -> None:
    """Load every signed-in user from the database again (after changing users in bulk)."""
    cache_invalidate(name=CACHE_NAME)


def user_cache_forget(*, user_id) -> None:
    """Load this user from the database again, in every process."""
    cache_invalidate(name=CACHE_NAME, tags=[user_id])


class _CachedUser:
    def get_user(self, user_id):
        user = _users.get(
            str(user_id),
            lambda: super(_CachedUser, self).get_user(user_id),
            tags=lambda _user: [user_id],
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        return copy.copy(user)


class ModelBackend(_CachedUser, DjangoModelBackend):
    """django.contrib.auth's ModelBackend, users kept between requests."""


class AuthenticationBackend(_CachedUser, AllauthBackend):
    """allauth's backend (log in by e-mail or phone), users kept between requests."""
