"""Statements resource: every object type of xAPI 1.0.3 §2.4.4 (Activity, Agent, Group,
StatementRef, SubStatement) is stored and read back; only Activities of ours count."""

import uuid

import pytest

from progress.models import Statement
from tests.progress.lrs.conftest import ACTIVITY, AGENT

URL = "/xapi/statements"
ACTOR = {"objectType": "Agent", "mbox": "mailto:nguoi.hoc@example.org"}
VERB = {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"vi": "đã xem"}}
GROUP = {"objectType": "Group", "name": "Tổ 3", "member": [AGENT, ACTOR]}
SUB = {
    "objectType": "SubStatement",
    "actor": ACTOR,
    "verb": VERB,
    "object": {"objectType": "Activity", "id": ACTIVITY},
    "context": {"platform": "ứng dụng"},
    "timestamp": "2026-03-01T08:00:00Z",
}
OBJECTS = {
    "agent": AGENT,
    "group": GROUP,
    "identified group": {"objectType": "Group", "mbox": "mailto:to3@example.org"},
    "statement ref": {"objectType": "StatementRef", "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee"},
    "sub statement": SUB,
}


@pytest.mark.parametrize("name", OBJECTS)
def test_each_object_type_is_stored_and_returned(lrs, name):
    statement_id = str(uuid.uuid4())
    body = {"id": statement_id, "actor": ACTOR, "verb": VERB, "object": OBJECTS[name]}
    response = lrs.call("POST", URL, body=body)
    assert response.status_code == 200, response.content
    row = Statement.objects.get(statement_id=statement_id)
    assert row.activity_iri == ""  # not an activity: never counts toward progress
    assert row.lesson_id is None
    got = lrs.call("GET", URL, {"statementId": statement_id})
    assert got.status_code == 200
    assert got.json()["object"] == OBJECTS[name]


def test_sub_statement_keeps_its_own_actor(browser, learner_agent):
    body = {"actor": ACTOR, "verb": VERB, "object": SUB}
    response = browser.call("POST", URL, body=body)
    assert response.status_code == 200, response.content
    row = Statement.objects.get(statement_id=response.json()[0])
    assert row.payload["actor"]["account"] == learner_agent["account"]  # the learner, as today
    assert row.payload["object"]["actor"] == ACTOR  # what the learner said about someone


def test_activity_object_still_records_its_iri(lrs):
    response = lrs.call(
        "POST", URL, body={"actor": ACTOR, "verb": VERB, "object": {"id": ACTIVITY}}
    )
    assert response.status_code == 200
    assert Statement.objects.get(statement_id=response.json()[0]).activity_iri == ACTIVITY


def test_same_id_with_another_object_type_conflicts(lrs):
    statement_id = str(uuid.uuid4())
    first = {"id": statement_id, "actor": ACTOR, "verb": VERB, "object": AGENT}
    assert lrs.call("POST", URL, body=first).status_code == 200
    assert lrs.call("POST", URL, body=first).status_code == 200  # a retry is a no-op
    second = {**first, "object": GROUP}
    assert lrs.call("POST", URL, body=second).status_code == 409
    assert Statement.objects.filter(statement_id=statement_id).count() == 1
