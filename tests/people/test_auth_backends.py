"""people.auth_backends: signed-in users kept between requests, loaded again after any change."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from people.auth_backends import AuthenticationBackend, ModelBackend, users_cache_forget
from people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _user_queries(queries) -> int:
    return sum(User._meta.db_table in query["sql"] for query in queries)


@pytest.mark.parametrize("backend", [ModelBackend(), AuthenticationBackend()])
def test_a_user_is_loaded_once_and_each_request_gets_its_own_copy(backend):
    user = UserFactory(full_name="Nguyễn Văn An")
    with CaptureQueriesContext(connection) as first:
        one = backend.get_user(user.pk)
    with CaptureQueriesContext(connection) as second:
        two = backend.get_user(str(user.pk))  # the session keeps the id as text
    assert _user_queries(first) == 1 and len(second) == 0
    assert one == two == user and one is not two
    one.full_name, one._perm_cache = "Đã sửa trong một yêu cầu", {"x.y"}
    three = backend.get_user(user.pk)
    assert three.full_name == "Nguyễn Văn An" and not hasattr(three, "_perm_cache")


def test_a_saved_user_is_loaded_again():
    user = UserFactory(full_name="Trần Thị Bình")
    backend = ModelBackend()
    backend.get_user(user.pk)
    user.full_name = "Trần Thị Bình An"
    user.save()
    assert backend.get_user(user.pk).full_name == "Trần Thị Bình An"
    user.is_active = False
    user.save()
    assert backend.get_user(user.pk) is None


def test_a_deleted_user_is_gone_and_an_update_needs_forgetting():
    user, other = UserFactory(), UserFactory()
    backend = ModelBackend()
    backend.get_user(user.pk)
    backend.get_user(other.pk)
    User.objects.filter(pk=other.pk).update(is_active=False)  # no signal: kept until forgotten
    users_cache_forget()
    assert backend.get_user(other.pk) is None
    user.delete()
    assert backend.get_user(user.pk) is None


def test_a_new_password_ends_the_other_sessions(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/tai-khoan/email/").status_code == 200  # signed in: the user is kept
    user.set_password("một mật khẩu mới rất dài 2026")
    user.save()
    response = client.get("/tai-khoan/email/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_deactivating_in_wagtails_bulk_action_signs_the_user_out_at_once(client):
    from django.urls import reverse

    learner = UserFactory()
    admin = Client()
    admin.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.force_login(learner)
    assert client.get("/tai-khoan/email/").status_code == 200  # signed in: the user is kept
    url = reverse("wagtail_bulk_action", args=("people", "user", "set_active_state"))
    response = admin.post(f"{url}?id={learner.pk}", {"mark_as_active": "False"})
    assert response.status_code == 302
    assert not User.objects.get(pk=learner.pk).is_active  # by update(): no signal was sent
    assert client.get("/tai-khoan/email/").status_code == 302  # signed out


def test_a_login_keeps_the_signed_in_users():
    from django.contrib.auth.models import update_last_login

    user, other = UserFactory(), UserFactory()
    backend = ModelBackend()
    backend.get_user(user.pk)
    backend.get_user(other.pk)
    update_last_login(None, other)  # other logs in elsewhere: saves only last_login
    with CaptureQueriesContext(connection) as queries:
        assert backend.get_user(user.pk).pk == user.pk
        assert backend.get_user(other.pk).pk == other.pk
    assert len(queries) == 0


def test_saving_one_user_reloads_that_user_only():
    user, other = UserFactory(), UserFactory(full_name="Lê Văn Cường")
    backend = ModelBackend()
    backend.get_user(user.pk)
    backend.get_user(other.pk)
    other.full_name = "Lê Văn Cường Em"
    other.save()
    with CaptureQueriesContext(connection) as queries:
        assert backend.get_user(user.pk).pk == user.pk
    assert len(queries) == 0
    assert backend.get_user(other.pk).full_name == "Lê Văn Cường Em"
