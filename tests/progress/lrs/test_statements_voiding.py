"""Statements resource: voiding (xAPI 1.0.3 Part Two §2.5) — a voiding statement marks its
target voided; GET statementId no longer returns it, voidedStatementId does; a voiding
statement cannot be voided; lists leave voided statements out."""

import uuid

from tests.progress.lrs.conftest import ACTIVITY

URL = "/xapi/statements"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
ACTOR = {"objectType": "Agent", "mbox": "mailto:nguoi.hoc@example.org"}
VERB = {"id": "http://adlnet.gov/expapi/verbs/experienced"}


def post(lrs, **parts):
    statement_id = str(uuid.uuid4())
    body = {"id": statement_id, "actor": ACTOR, "verb": VERB, "object": {"id": ACTIVITY}, **parts}
    response = lrs.call("POST", URL, body=body)
    return response, statement_id


def void(lrs, target):
    ref = {"objectType": "StatementRef", "id": target}
    return post(lrs, verb={"id": VOIDED, "display": {"vi": "đã huỷ"}}, object=ref)


def test_voided_statement_moves_from_statement_id_to_voided_statement_id(lrs):
    response, target = post(lrs)
    assert response.status_code == 200
    assert lrs.call("GET", URL, {"voidedStatementId": target}).status_code == 404
    response, voiding = void(lrs, target)
    assert response.status_code == 200, response.content
    gone = lrs.call("GET", URL, {"statementId": target})
    assert gone.status_code == 404
    assert gone["X-Experience-API-Consistent-Through"]
    found = lrs.call("GET", URL, {"voidedStatementId": target})
    assert found.status_code == 200
    assert found.json()["id"] == target
    assert lrs.call("GET", URL, {"statementId": voiding}).status_code == 200


def test_lists_leave_voided_statements_out_but_keep_the_voiding_one(lrs):
    _response, kept = post(lrs)
    _response, target = post(lrs)
    _response, voiding = void(lrs, target)
    ids = [s["id"] for s in lrs.call("GET", URL).json()["statements"]]
    assert kept in ids and voiding in ids
    assert target not in ids


def test_a_voiding_statement_cannot_be_voided(lrs):
    _response, target = post(lrs)
    _response, voiding = void(lrs, target)
    response, again = void(lrs, voiding)
    assert response.status_code == 400
    assert "cannot be voided" in response.json()["error"]
    assert lrs.call("GET", URL, {"statementId": voiding}).status_code == 200
    assert lrs.call("GET", URL, {"statementId": again}).status_code == 404


def test_voiding_an_unknown_statement_is_accepted(lrs):
    response, _voiding = void(lrs, str(uuid.uuid4()))
    assert response.status_code == 200


def test_a_learner_cannot_void_someone_elses_statement(lrs, browser):
    _response, target = post(lrs)
    response, _voiding = void(browser, target)
    assert response.status_code == 200  # a target it cannot see is no reason to refuse
    assert lrs.call("GET", URL, {"statementId": target}).status_code == 200


def test_statement_id_with_other_filters_is_refused(lrs):
    _response, target = post(lrs)
    response = lrs.call("GET", URL, {"statementId": target, "verb": VERB["id"]})
    assert response.status_code == 400
    assert response["X-Experience-API-Consistent-Through"]
    assert response["Last-Modified"]
    both = lrs.call("GET", URL, {"statementId": target, "voidedStatementId": target})
    assert both.status_code == 400
    assert lrs.call("GET", URL, {"statementId": target, "format": "ids"}).status_code == 200


def _listed(lrs, **params):
    response = lrs.call("GET", URL, params)
    assert response.status_code == 200, response.content
    return {s["id"] for s in response.json()["statements"]}


def test_filters_find_statements_targeting_a_matching_statement(lrs):
    """1.0.3 Part Three §2.1.4 (2.0: Filter Conditions for StatementRefs): a statement whose
    object is a StatementRef meets the verb/activity/agent filters when its target does — the
    voiding statement of a voided match included, and chains of references; time filters apply
    to the statement itself."""
    verb = {"id": f"https://example.org/verbs/{uuid.uuid4()}"}
    _response, target = post(lrs, verb=verb)
    _response, voiding = void(lrs, target)
    ref = {"objectType": "StatementRef", "id": target}
    _response, referring = post(lrs, object=ref)  # another verb: found through its target
    _response, chained = post(lrs, object={"objectType": "StatementRef", "id": referring})
    _response, other = post(lrs)
    post(lrs, object={"objectType": "StatementRef", "id": other})  # its target does not match
    found = _listed(lrs, verb=verb["id"])
    assert found == {voiding, referring, chained}  # the voided target itself is left out
    assert _listed(lrs, verb=verb["id"], since="2000-01-01T00:00:00Z") == found
    assert _listed(lrs, verb=verb["id"], until="2000-01-01T00:00:00Z") == set()
    activity = _listed(lrs, activity=ACTIVITY, verb=verb["id"])
    assert activity == {voiding, referring, chained}
