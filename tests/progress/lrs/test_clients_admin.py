"""Admin "Ứng dụng kết nối xAPI": scopes chosen when the client is issued, revoking."""

import json

import pytest
from django.test import Client

from progress.models import XapiClient
from tests.factories import UserFactory
from tests.progress.lrs.conftest import ACTIVITY, AGENT, Lrs, agent_json, basic

pytestmark = pytest.mark.django_db
STATE = "/xapi/activities/state"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_issue_with_scopes_then_revoke(admin_client):
    page = admin_client.get("/admin/xapi-clients/new/").content.decode()
    menu = json.dumps("Ứng dụng kết nối xAPI")  # the menu is JSON for the sidebar script
    assert menu in admin_client.get("/admin/").content.decode()
    assert 'value="state"' in page and 'value="statements/read/mine"' in page
    service = UserFactory(full_name="Tài khoản dịch vụ")
    form = {"name": "Ứng dụng học trên điện thoại", "user": service.pk, "is_active": "on",
            "scopes": ["state", "statements/write"]}  # fmt: skip
    response = admin_client.post("/admin/xapi-clients/new/", form)
    assert response.status_code == 200
    api = XapiClient.objects.get()
    assert sorted(api.scopes) == ["state", "statements/write"]
    lrs = Lrs(Client(), basic(api.key, response.context["secret"]))
    where = {"activityId": ACTIVITY, "agent": agent_json(AGENT), "stateId": "s"}
    assert lrs.call("PUT", STATE, where, {"a": 1}).status_code == 204
    edit = {"name": api.name, "user": service.pk, "scopes": ["state"]}  # is_active unticked
    assert admin_client.post(f"/admin/xapi-clients/edit/{api.pk}/", edit).status_code == 302
    assert lrs.call("GET", STATE, where).status_code == 401


def test_no_scope_ticked_gives_the_default_rights(admin_client):
    service = UserFactory()
    form = {"name": "Mặc định", "user": service.pk, "is_active": "on"}
    admin_client.post("/admin/xapi-clients/new/", form)
    assert XapiClient.objects.get().scopes == ["statements/write", "statements/read/mine"]


def test_unknown_scope_is_refused(admin_client):
    form = {"name": "Lạ", "user": UserFactory().pk, "is_active": "on", "scopes": ["root"]}
    response = admin_client.post("/admin/xapi-clients/new/", form)
    assert response.status_code == 200
    assert not XapiClient.objects.exists()


def test_default_version_is_chosen_in_the_form_and_answers_requests_naming_none(admin_client):
    page = admin_client.get("/admin/xapi-clients/new/").content.decode()
    assert "Phiên bản xAPI mặc định" in page
    assert "X-Experience-API-Version" in page  # the help text says when it applies
    assert 'value="1.0.3"' in page and 'value="2.0.0" selected' in page
    form = {"name": "Bộ kiểm tra 1.0.3", "user": UserFactory().pk, "is_active": "on",
            "scopes": ["all"], "default_version": "1.0.3"}  # fmt: skip
    response = admin_client.post("/admin/xapi-clients/new/", form)
    api = XapiClient.objects.get()
    assert api.default_version == "1.0.3"
    lrs = Lrs(Client(), basic(api.key, response.context["secret"]), version=None)
    refused = lrs.call("GET", STATE, {"activityId": ACTIVITY, "agent": agent_json(AGENT)})
    assert refused.status_code == 400
    assert refused["X-Experience-API-Version"] == "1.0.3"
    edit = {**form, "default_version": "2.0.0"}
    assert admin_client.post(f"/admin/xapi-clients/edit/{api.pk}/", edit).status_code == 302
    api.refresh_from_db()
    assert api.default_version == "2.0.0"


def test_default_version_not_sent_is_2_0_0_and_an_unknown_one_is_refused(admin_client):
    form = {"name": "Mặc định", "user": UserFactory().pk, "is_active": "on"}
    admin_client.post("/admin/xapi-clients/new/", form)
    assert XapiClient.objects.get().default_version == "2.0.0"
    response = admin_client.post("/admin/xapi-clients/new/", {**form, "default_version": "3.0"})
    assert response.status_code == 200 and "default_version" in response.context["form"].errors
    assert XapiClient.objects.count() == 1
