"""The xAPI statements resource (/xapi/statements): who may call it, and the admin screen for
xAPI clients."""

import base64

import pytest
from django.test import Client

from progress.auth import xapi_client_create
from progress.models import Statement, XapiClient
from tests.factories import UserFactory
from tests.progress.statements_api import (
    URL,
    VERSION,
    basic,
    error_of,
    send,
    statement,
)

pytestmark = pytest.mark.django_db

# --- Who may call ------------------------------------------------------------------------------


def test_anonymous_is_401_without_a_login_prompt(client):
    response = send(client, statement())
    assert response.status_code == 401
    assert "WWW-Authenticate" not in response
    assert error_of(response)


def test_session_post_without_csrf_token_is_403_and_with_it_200(learner):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)
    response = send(browser, statement())
    assert response.status_code == 403
    assert "CSRF" in error_of(response)
    token = "a1B2c3D4" * 4  # what the lesson page's cookie and meta tag would hold
    browser.cookies["csrftoken"] = token
    assert send(browser, statement(), HTTP_X_CSRFTOKEN=token).status_code == 200
    assert Statement.objects.count() == 1


def test_basic_auth_client_works_without_csrf_and_acts_as_its_user():
    service = UserFactory(full_name="Ứng dụng đối tác")
    api, secret = xapi_client_create(name="Đối tác", user=service)
    assert secret not in api.secret_hash
    caller = Client(enforce_csrf_checks=True)
    actor = {"objectType": "Agent", "mbox": "mailto:hoc.vien@example.org"}
    response = send(caller, statement(actor=actor), headers={**VERSION, **basic(api.key, secret)})
    assert response.status_code == 200
    row = Statement.objects.get()
    assert row.learner == service
    assert row.payload["actor"] == actor  # a client's statement keeps its actor
    assert row.payload["authority"]["account"]["name"] == f"xapi-client:{api.key}"
    api.refresh_from_db()
    assert api.last_used_at is not None
    listed = caller.get(URL, **VERSION, **basic(api.key, secret)).json()["statements"]
    assert [s["id"] for s in listed] == [str(row.statement_id)]


@pytest.mark.parametrize(
    "authorization",
    [
        "wrong-secret",
        "inactive",
        "inactive-user",
        "unknown-key",
        "Bearer abc",
        "Basic !!!",
        "Basic " + base64.b64encode(b"no-colon").decode(),
        "Basic " + base64.b64encode(b"\x00:x").decode(),
    ],
)
def test_bad_client_credentials_are_401(browser, authorization):
    api, secret = xapi_client_create(name="Đối tác", user=UserFactory())
    headers = {
        "wrong-secret": basic(api.key, secret + "x"),
        "unknown-key": basic("nope", secret),
        "inactive": basic(api.key, secret),
        "inactive-user": basic(api.key, secret),
    }.get(authorization, {"HTTP_AUTHORIZATION": authorization})
    if authorization == "inactive":
        XapiClient.objects.update(is_active=False)
    if authorization == "inactive-user":
        type(api.user).objects.filter(pk=api.user.pk).update(is_active=False)
    # The browser's session beside the header does not count.
    response = send(browser, statement(), headers={**VERSION, **headers})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Basic realm="xAPI"'
    assert error_of(response)
    assert not Statement.objects.exists()


# --- Admin: Ứng dụng xAPI ----------------------------------------------------------------------


def test_admin_creates_a_client_and_shows_the_secret_once(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    service = UserFactory(full_name="Tài khoản dịch vụ")
    client.force_login(admin)
    assert b"/admin/xapi-clients/" in client.get("/admin/").content  # Settings menu
    assert client.get("/admin/xapi-clients/").status_code == 200
    form = {"name": "Nội dung bên ngoài", "user": service.pk, "is_active": "on"}
    response = client.post("/admin/xapi-clients/new/", form)
    assert response.status_code == 200
    api = XapiClient.objects.get()
    assert (api.user, api.created_by, api.is_active) == (service, admin, True)
    secret = response.context["secret"]
    assert secret in response.content.decode() and api.key in response.content.decode()
    assert api.secret_matches(secret) and secret not in api.secret_hash
    assert secret not in client.get("/admin/xapi-clients/").content.decode()
    edit = client.get(f"/admin/xapi-clients/edit/{api.pk}/").content.decode()
    assert secret not in edit and api.secret_hash not in edit
    caller = Client()
    assert send(caller, statement(), headers={**VERSION, **basic(api.key, secret)}).json()


def test_admin_screen_is_for_superusers_only(client, make_officer, cu_chi):
    from django.contrib.auth.models import Group

    from people.models import Role

    officer = make_officer(cu_chi, role=Role.ADMINISTRATOR, is_staff=True)
    officer.groups.add(Group.objects.get(name="Editors"))  # Wagtail's access_admin
    client.force_login(officer)
    home = client.get("/admin/")
    assert home.status_code == 200  # an administrator of the programme, not a superuser
    assert b"/admin/xapi-clients/" not in home.content
    assert client.get("/admin/xapi-clients/").status_code in (302, 403)
    assert client.get("/admin/xapi-clients/new/").status_code in (302, 403)
