"""Activities (/xapi/activities) and Agents (/xapi/agents) resources: xAPI 1.0.3 Part Three
§7.5, §7.6 and xAPI 2.0 — the Activity object with its definition, the Person object."""

import json
import uuid

import pytest
from django.conf import settings

from progress.models import Statement
from tests.progress.lrs.conftest import ACTIVITY, AGENT

pytestmark = pytest.mark.django_db
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


def stored(learner, definition):
    Statement.objects.create(
        statement_id=uuid.uuid4(), learner=learner, verb=ANSWERED, activity_iri=ACTIVITY,
        payload={"verb": {"id": ANSWERED},
                 "object": {"objectType": "Activity", "id": ACTIVITY, "definition": definition}},
    )  # fmt: skip


@pytest.mark.parametrize("url", ["/xapi/activities", "/xapi/activities/"])
def test_activity_definition_is_merged_from_statements(lrs, learner, url):
    stored(
        learner,
        {"name": {"vi": "Bài 1"}, "type": "http://adlnet.gov/expapi/activities/cmi.interaction"},
    )
    stored(learner, {"name": {"en": "Lesson 1"}, "description": {"vi": "Mô tả"}})
    response = lrs.call("GET", url, {"activityId": ACTIVITY})
    assert response.status_code == 200
    assert response.json() == {
        "objectType": "Activity",
        "id": ACTIVITY,
        "definition": {
            "name": {"vi": "Bài 1", "en": "Lesson 1"},
            "description": {"vi": "Mô tả"},
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
        },
    }


def test_unknown_activity_has_an_empty_definition(lrs):
    response = lrs.call("GET", "/xapi/activities", {"activityId": "https://example.org/moi"})
    assert response.json() == {"objectType": "Activity", "id": "https://example.org/moi",
                               "definition": {}}  # fmt: skip


@pytest.mark.parametrize(
    "params", [{}, {"activityId": "not an iri"}, {"activityId": ACTIVITY, "extra": "1"}]
)
def test_activities_invalid_parameters_are_400(lrs, params):
    assert lrs.call("GET", "/xapi/activities", params).status_code == 400


def test_activities_writes_are_405(lrs):
    assert lrs.call("PUT", "/xapi/activities", {"activityId": ACTIVITY}, {}).status_code == 405


def test_activities_head(lrs):
    response = lrs.call("HEAD", "/xapi/activities", {"activityId": ACTIVITY})
    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize("url", ["/xapi/agents", "/xapi/agents/"])
def test_person_of_an_unknown_agent_echoes_it_as_lists(lrs, url):
    response = lrs.call("GET", url, {"agent": json.dumps({**AGENT, "name": "Học viên"})})
    assert response.status_code == 200
    assert response.json() == {
        "objectType": "Person", "name": ["Học viên"], "mbox": [AGENT["mbox"]],
    }  # fmt: skip


def test_person_of_our_learner_has_their_name_account_and_email(lrs, learner):
    response = lrs.call(
        "GET", "/xapi/agents", {"agent": json.dumps({"mbox": f"mailto:{learner.email}"})}
    )
    person = response.json()
    assert person["objectType"] == "Person"
    assert person["name"] == [learner.get_full_name()]
    assert person["mbox"] == [f"mailto:{learner.email}"]
    assert person["account"] == [
        {"homePage": settings.XAPI_ACTIVITY_ID_BASE, "name": str(learner.pk)}
    ]


@pytest.mark.parametrize(
    "agent",
    ['{"name": "không định danh"}', "{bad", json.dumps({**AGENT, "openid": "http://a.org/x"})],
)
def test_agents_invalid_agent_is_400(lrs, agent):
    assert lrs.call("GET", "/xapi/agents", {"agent": agent}).status_code == 400


def test_learner_may_look_up_only_themselves(browser, learner_agent):
    assert (
        browser.call("GET", "/xapi/agents", {"agent": json.dumps(learner_agent)}).status_code == 200
    )
    assert browser.call("GET", "/xapi/agents", {"agent": json.dumps(AGENT)}).status_code == 403


def test_agents_need_a_read_scope(make_lrs):
    lrs = make_lrs(scopes=["statements/write"])
    assert lrs.call("GET", "/xapi/agents", {"agent": json.dumps(AGENT)}).status_code == 403
    lrs = make_lrs(scopes=["all/read"])
    assert lrs.call("GET", "/xapi/agents", {"agent": json.dumps(AGENT)}).status_code == 200
