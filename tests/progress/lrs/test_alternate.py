"""Alternate request syntax (xAPI 1.0.3 Part Three §1.3) on the document resources: a POST
with ``?method=`` and a form body carrying headers, parameters and content."""

import json

import pytest
from django.test import Client
from django.utils.http import urlencode

from tests.progress.lrs.conftest import ACTIVITY, AGENT

pytestmark = pytest.mark.django_db
URL = "/xapi/activities/state"
FORM = "application/x-www-form-urlencoded"


def form_call(lrs, method, fields, query=None):
    auth = lrs.headers["HTTP_AUTHORIZATION"]
    body = {"Authorization": auth, "X-Experience-API-Version": "1.0.3", **fields}
    url = URL + "?" + urlencode(query or {"method": method})
    return Client().post(url, urlencode(body), content_type=FORM)


def where(**extra):
    return {"activityId": ACTIVITY, "agent": json.dumps(AGENT), "stateId": "s", **extra}


def test_put_get_delete_through_the_form(lrs):
    put = form_call(lrs, "PUT", {**where(), "Content-Type": "application/json",
                                 "content": json.dumps({"a": 1})})  # fmt: skip
    assert put.status_code == 204
    assert put["X-Experience-API-Version"] == "1.0.3"
    got = lrs.call("GET", URL, where())
    assert got.json() == {"a": 1}
    assert got["Content-Type"] == "application/json"
    form_got = form_call(lrs, "GET", where())
    assert form_got.json() == {"a": 1} and form_got["ETag"] == got["ETag"]
    assert form_call(lrs, "DELETE", where()).status_code == 204
    assert lrs.call("GET", URL, where()).status_code == 404


def test_if_match_travels_in_the_form(lrs):
    lrs.call("PUT", URL, where(), {"a": 1})
    stale = form_call(lrs, "PUT", {**where(), "If-Match": '"0000"', "content": "{}"})
    assert stale.status_code == 412


def test_version_and_credentials_are_read_from_the_form(lrs):
    response = form_call(lrs, "GET", {**where(), "X-Experience-API-Version": "0.9"})
    assert response.status_code == 400
    no_auth = Client().post(URL + "?method=GET", urlencode({**where(),
                            "X-Experience-API-Version": "1.0.3"}), content_type=FORM)  # fmt: skip
    assert no_auth.status_code == 401


@pytest.mark.parametrize("query", [{"method": "PATCH"}, {"method": "GET", "stateId": "s"}])
def test_bad_method_or_extra_query_parameters_are_400(lrs, query):
    assert form_call(lrs, "GET", where(), query=query).status_code == 400


def test_form_syntax_needs_a_form_body(lrs):
    response = lrs.call("POST", URL + "?method=GET", None, body=json.dumps(where()))
    assert response.status_code == 400


STATEMENTS = "/xapi/statements"
STATEMENT = {
    "actor": AGENT,
    "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
    "object": {"id": ACTIVITY},
}


def statements_form(lrs, method, fields, headers=True):
    """The alternate syntax on the statements resource: headers in the form (or as headers)."""
    extra = {}
    if headers:
        fields = {"Authorization": lrs.headers["HTTP_AUTHORIZATION"], **fields}
        fields = {"X-Experience-API-Version": "1.0.3", **fields}
    else:
        extra = {**lrs.headers, "HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}
    url = STATEMENTS + "?" + urlencode({"method": method})
    return Client().post(url, urlencode(fields), content_type=FORM, **extra)


def test_statements_put_and_get_through_the_form(lrs):
    """1.0.3 Part Three §1.3: the statements resource takes the alternate syntax too; the
    content of a statement PUT is JSON without a Content-Type field."""
    import uuid

    statement_id = str(uuid.uuid4())
    fields = {"statementId": statement_id, "content": json.dumps(STATEMENT)}
    put = statements_form(lrs, "PUT", fields)
    assert put.status_code == 204, put.content
    assert put["X-Experience-API-Consistent-Through"]
    got = statements_form(lrs, "GET", {"statementId": statement_id}, headers=False)
    assert got.status_code == 200 and got.json()["id"] == statement_id
    listed = statements_form(lrs, "GET", {"limit": "1"}, headers=False)
    assert listed.status_code == 200 and set(listed.json()) == {"statements", "more"}


def test_statements_form_refuses_extra_query_parameters_and_old_versions(lrs):
    import uuid

    statement_id = str(uuid.uuid4())
    fields = {"statementId": statement_id, "content": json.dumps(STATEMENT)}
    url = STATEMENTS + "?" + urlencode({"method": "PUT", "statementId": statement_id})
    body = {"Authorization": lrs.headers["HTTP_AUTHORIZATION"], **fields}
    assert Client().post(url, urlencode(body), content_type=FORM).status_code == 400
    old = statements_form(lrs, "PUT", {**fields, "X-Experience-API-Version": "0.8"})
    assert old.status_code == 400
    assert lrs.call("GET", STATEMENTS, {"statementId": statement_id}).status_code == 404


@pytest.mark.parametrize("url", [STATEMENTS, URL])
def test_alternate_syntax_is_refused_for_xapi_2_0(lrs, url):
    """IEEE 9274.1.1 (xAPI 2.0) removed the alternate request syntax: a form saying 2.0.0 is 400
    and nothing is stored."""
    import uuid

    statement_id = str(uuid.uuid4())
    fields = {
        "Authorization": lrs.headers["HTTP_AUTHORIZATION"],
        "X-Experience-API-Version": "2.0.0",
        "content": json.dumps(STATEMENT),
        **({"statementId": statement_id} if url == STATEMENTS else where()),
    }
    response = Client().post(url + "?method=PUT", urlencode(fields), content_type=FORM)
    assert response.status_code == 400
    assert "2.0" in response.json()["error"]
    assert lrs.call("GET", STATEMENTS, {"statementId": statement_id}).status_code == 404
    assert lrs.call("GET", URL, where()).status_code == 404
