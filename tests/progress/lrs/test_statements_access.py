"""Statements resource: who may do what (client scopes of xAPI 1.0.3's OAuth scope names) and
the version header (1.0.x answered as 1.0.3, 2.0.x as 2.0.0, others refused)."""

import uuid

import pytest

from progress.models import Statement
from tests.progress.lrs.conftest import ACTIVITY

URL = "/xapi/statements"
ACTOR = {"objectType": "Agent", "mbox": "mailto:nguoi.hoc@example.org"}
VERB = {"id": "http://adlnet.gov/expapi/verbs/experienced"}


def body():
    return {"id": str(uuid.uuid4()), "actor": ACTOR, "verb": VERB, "object": {"id": ACTIVITY}}


def test_write_needs_the_statements_write_scope(make_lrs):
    reader = make_lrs(scopes=("statements/read",))
    response = reader.call("POST", URL, body=body())
    assert response.status_code == 403
    assert "statements/write" in response.json()["error"]
    assert not Statement.objects.exists()


def test_read_needs_a_read_scope(make_lrs):
    writer = make_lrs(scopes=("statements/write",))
    assert writer.call("POST", URL, body=body()).status_code == 200
    assert writer.call("GET", URL).status_code == 403


def test_read_mine_sees_only_its_own_statements(make_lrs):
    everyone = make_lrs(scopes=("all",))
    mine = make_lrs(scopes=("statements/write", "statements/read/mine"))
    theirs, own = body(), body()
    assert everyone.call("POST", URL, body=theirs).status_code == 200
    assert mine.call("POST", URL, body=own).status_code == 200
    seen = [s["id"] for s in mine.call("GET", URL).json()["statements"]]
    assert seen == [own["id"]]
    assert mine.call("GET", URL, {"statementId": theirs["id"]}).status_code == 404
    all_ids = {s["id"] for s in everyone.call("GET", URL).json()["statements"]}
    assert {theirs["id"], own["id"]} <= all_ids


def test_a_client_statement_keeps_its_actor_and_has_the_client_as_authority(lrs):
    sent = body()
    assert lrs.call("POST", URL, body=sent).status_code == 200
    got = lrs.call("GET", URL, {"statementId": sent["id"]}).json()
    assert got["actor"] == ACTOR
    assert got["authority"]["account"]["name"].startswith("xapi-client:")


@pytest.mark.parametrize("version, answered", [("1.0.3", "1.0.3"), ("2.0.0", "2.0.0")])
def test_both_versions_are_accepted(make_lrs, version, answered):
    client = make_lrs(version=version)
    sent = body()
    response = client.call("POST", URL, body=sent)
    assert response.status_code == 200, response.content
    assert response["X-Experience-API-Version"] == answered
    got = client.call("GET", URL, {"statementId": sent["id"]})
    assert got["X-Experience-API-Version"] == answered


def test_other_versions_are_refused(make_lrs):
    response = make_lrs(version="3.0.0").call("POST", URL, body=body())
    assert response.status_code == 400
    assert response["X-Experience-API-Consistent-Through"]
