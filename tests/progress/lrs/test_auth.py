"""Who may use the LRS resources: client scopes (xAPI 1.0.3 §6.4.2 names) and the learner's
session (own agent only)."""

import json

import pytest
from django.test import Client

from tests.progress.lrs.conftest import ACTIVITY, AGENT, Lrs, basic

pytestmark = pytest.mark.django_db
STATE = "/xapi/activities/state"
ACTIVITY_PROFILE = "/xapi/activities/profile"


def state_of(agent, **extra):
    return {"activityId": ACTIVITY, "agent": json.dumps(agent), "stateId": "s", **extra}


def test_no_credentials_is_401():
    response = Lrs(Client(), {}).call("GET", STATE, state_of(AGENT))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")


def test_wrong_secret_is_401(lrs):
    key = lrs.headers["HTTP_AUTHORIZATION"]
    wrong = Lrs(Client(), basic("x" * 24, "nope"))
    assert wrong.call("GET", STATE, state_of(AGENT)).status_code == 401
    assert key  # the right one works:
    assert lrs.call("GET", STATE, state_of(AGENT)).status_code == 404


@pytest.mark.parametrize(
    ("scopes", "method", "status"),
    [
        (["statements/write"], "GET", 403),
        (["statements/write", "statements/read/mine"], "PUT", 403),
        (["profile"], "PUT", 403),
        (["state"], "PUT", 204),
        (["all/read"], "GET", 404),
        (["all/read"], "PUT", 403),
        (["all"], "PUT", 204),
    ],
)
def test_state_needs_the_state_scope(make_lrs, scopes, method, status):
    lrs = make_lrs(scopes=scopes)
    body = {"a": 1} if method == "PUT" else None
    assert lrs.call(method, STATE, state_of(AGENT), body).status_code == status


def test_profile_scope_for_profiles(make_lrs):
    where = {"activityId": ACTIVITY, "profileId": "p"}
    assert make_lrs(scopes=["state"]).call("GET", ACTIVITY_PROFILE, where).status_code == 403
    writer = make_lrs(scopes=["profile"])
    assert (
        writer.call("PUT", ACTIVITY_PROFILE, where, {}, HTTP_IF_NONE_MATCH="*").status_code == 204
    )


def test_revoked_client_is_401(lrs):
    from progress.models import XapiClient

    XapiClient.objects.update(is_active=False)
    assert lrs.call("GET", STATE, state_of(AGENT)).status_code == 401


def test_learner_session_uses_own_state(browser, learner_agent):
    assert browser.call("PUT", STATE, state_of(learner_agent), {"a": 1}).status_code == 204
    assert browser.call("GET", STATE, state_of(learner_agent)).json() == {"a": 1}


def test_learner_session_by_email_is_own_agent(browser, learner):
    me = {"mbox": f"mailto:{learner.email}"}
    assert browser.call("PUT", STATE, state_of(me), {"a": 1}).status_code == 204


def test_learner_session_cannot_touch_another_agent(browser, lrs):
    lrs.call("PUT", STATE, state_of(AGENT), {"secret": 1})
    assert browser.call("GET", STATE, state_of(AGENT)).status_code == 403
    assert browser.call("DELETE", STATE, state_of(AGENT)).status_code == 403
    assert lrs.call("GET", STATE, state_of(AGENT)).json() == {"secret": 1}


def test_learner_session_reads_but_cannot_write_activity_profiles(browser, lrs):
    where = {"activityId": ACTIVITY, "profileId": "p"}
    lrs.call("PUT", ACTIVITY_PROFILE, where, {"shared": True}, HTTP_IF_NONE_MATCH="*")
    assert browser.call("GET", ACTIVITY_PROFILE, where).json() == {"shared": True}
    assert browser.call("PUT", ACTIVITY_PROFILE, where, {"x": 1}).status_code == 403


def test_learner_session_write_needs_csrf_token(learner, learner_agent):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = Lrs(client, {}).call("PUT", STATE, state_of(learner_agent), {"a": 1})
    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]
