"""Statements resource: GET filters, formats, paging and headers (xAPI 1.0.3 Part Three
§2.1.3): agent (+related_agents), verb, activity (+related_activities), registration, since,
until, limit, ascending, format=ids|exact|canonical with Accept-Language, ``more`` paging to
the end, Consistent-Through and Last-Modified."""

import json
import uuid

import pytest
from django.utils.http import parse_http_date

from tests.progress.lrs.conftest import ACTIVITY, AGENT

URL = "/xapi/statements"
OTHER = "https://example.org/activities/bai-2"
PARENT = "https://example.org/activities/khoa-hoc"
ACTOR = {"objectType": "Agent", "mbox": "mailto:nguoi.hoc@example.org"}
INSTRUCTOR = {"objectType": "Agent", "mbox": "mailto:giang.vien@example.org"}
VERB = {
    "id": "http://adlnet.gov/expapi/verbs/experienced",
    "display": {"vi": "đã xem", "en-US": "experienced"},
}
ANSWERED = {"id": "http://adlnet.gov/expapi/verbs/answered"}
REGISTRATION = str(uuid.uuid4())


def post(lrs, **parts):
    body = {"actor": ACTOR, "verb": VERB, "object": {"id": ACTIVITY}, **parts}
    response = lrs.call("POST", URL, body=body)
    assert response.status_code == 200, response.content
    return response.json()[0]


def ids(lrs, **params):
    response = lrs.call("GET", URL, params)
    assert response.status_code == 200, response.content
    return [s["id"] for s in response.json()["statements"]]


def test_agent_filter_and_related_agents(lrs):
    actor = post(lrs)
    other_actor = post(lrs, actor=AGENT)
    taught = post(lrs, actor=AGENT, context={"instructor": INSTRUCTOR})
    about = post(lrs, actor=AGENT, object=ACTOR)
    assert set(ids(lrs, agent=json.dumps(ACTOR))) == {actor}
    related = ids(lrs, agent=json.dumps(ACTOR), related_agents="true")
    assert set(related) == {actor, about}
    assert set(ids(lrs, agent=json.dumps(INSTRUCTOR), related_agents="true")) == {taught}
    assert other_actor in ids(lrs, agent=json.dumps(AGENT))


def test_related_agents_searches_the_context_agents_and_groups_of_xapi_2(make_lrs):
    lrs = make_lrs(version="2.0.0")
    helper = {"objectType": "Agent", "mbox": "mailto:tro.giang@example.org"}
    hamlet = {"objectType": "Group", "name": "Chi hội ấp 3", "mbox": "mailto:ap3@example.org"}
    context = {
        "contextAgents": [
            {"objectType": "contextAgent", "agent": INSTRUCTOR},
            {"objectType": "contextAgent", "agent": helper},
        ],
        "contextGroups": [{"objectType": "contextGroup", "group": hamlet}],
    }
    with_context = post(lrs, actor=AGENT, context=context)
    in_substatement = post(lrs, actor=AGENT, object={
        "objectType": "SubStatement", "actor": ACTOR, "verb": VERB,
        "object": {"id": OTHER}, "context": context,
    })  # fmt: skip
    post(lrs, actor=AGENT)
    for agent in (helper, hamlet):
        assert ids(lrs, agent=json.dumps(agent)) == []
        found = ids(lrs, agent=json.dumps(agent), related_agents="true")
        assert set(found) == {with_context, in_substatement}


def test_bad_agent_parameter_is_refused(lrs):
    response = lrs.call("GET", URL, {"agent": "mailto:x@example.org"})
    assert response.status_code == 400
    response = lrs.call("GET", URL, {"agent": json.dumps({"name": "không định danh"})})
    assert response.status_code == 400


def test_verb_activity_related_activities_and_registration(lrs):
    seen = post(lrs)
    answered = post(lrs, verb=ANSWERED, object={"id": OTHER})
    child = post(lrs, object={"id": OTHER}, context={
        "registration": REGISTRATION, "contextActivities": {"parent": {"id": PARENT}},
    })  # fmt: skip
    assert set(ids(lrs, verb=ANSWERED["id"])) == {answered}
    assert set(ids(lrs, activity=ACTIVITY)) == {seen}
    assert ids(lrs, activity=PARENT) == []
    assert set(ids(lrs, activity=PARENT, related_activities="true")) == {child}
    assert set(ids(lrs, registration=REGISTRATION)) == {child}


def test_since_until_and_ascending(lrs):
    first, second, third = post(lrs), post(lrs), post(lrs)
    stored = {s["id"]: s["stored"] for s in lrs.call("GET", URL, {"limit": 0}).json()["statements"]}
    assert ids(lrs, ascending="true")[:3] == [first, second, third]
    assert ids(lrs)[:3] == [third, second, first]
    assert set(ids(lrs, since=stored[first])) == {second, third}
    assert set(ids(lrs, until=stored[second])) == {first, second}


def test_more_pages_to_the_end_without_repeats_or_gaps(lrs):
    posted = [post(lrs) for _ in range(7)]
    seen, url, pages = [], URL + "?limit=3&ascending=true", 0
    while url:
        response = lrs.client.get(url, **lrs.headers, HTTP_X_EXPERIENCE_API_VERSION="1.0.3")
        assert response.status_code == 200
        body = response.json()
        seen += [s["id"] for s in body["statements"]]
        url, pages = body["more"], pages + 1
        if pages == 1:
            post(lrs)  # one stored while paging: it comes at the end, nothing repeats
    assert seen[:7] == posted
    assert len(seen) == len(set(seen)) == 8
    assert pages == 3


def test_format_ids_and_canonical(lrs):
    definition = {"name": {"en-US": "Lesson", "vi": "Bài học"}, "description": {"vi": "Mô tả"}}
    statement_id = post(lrs, object={"id": ACTIVITY, "definition": definition})
    exact = lrs.call("GET", URL, {"statementId": statement_id, "format": "exact"}).json()
    assert exact["verb"] == VERB
    only_ids = lrs.call("GET", URL, {"statementId": statement_id, "format": "ids"}).json()
    assert only_ids["verb"] == {"id": VERB["id"]}
    assert only_ids["object"] == {"id": ACTIVITY}  # an Activity is its id alone
    assert only_ids["actor"] == {"objectType": "Agent", "mbox": ACTOR["mbox"]}
    group = {"objectType": "Group", "mbox": "mailto:nhom@example.org", "name": "Nhóm"}
    sub = {"objectType": "SubStatement", "actor": group, "verb": VERB, "object": {"id": OTHER}}
    context = {"contextActivities": {"parent": [{"id": PARENT, "definition": definition}]}}
    nested_id = post(lrs, object=sub, context=context)
    nested = lrs.call("GET", URL, {"statementId": nested_id, "format": "ids"}).json()
    assert nested["object"]["actor"] == {"objectType": "Group", "mbox": group["mbox"]}
    assert nested["object"]["object"] == {"id": OTHER}
    assert nested["context"]["contextActivities"] == {"parent": [{"id": PARENT}]}
    canonical = lrs.call(
        "GET", URL, {"statementId": statement_id, "format": "canonical"},
        HTTP_ACCEPT_LANGUAGE="vi-VN;q=0.5, vi;q=0.9, en;q=0.1",
    ).json()  # fmt: skip
    assert canonical["verb"]["display"] == {"vi": "đã xem"}
    assert canonical["object"]["definition"]["name"] == {"vi": "Bài học"}
    english = lrs.call(
        "GET", URL, {"statementId": statement_id, "format": "canonical"},
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()  # fmt: skip
    assert english["verb"]["display"] == {"en-US": "experienced"}
    assert lrs.call("GET", URL, {"format": "full"}).status_code == 400


def test_headers_on_every_answer(lrs):
    statement_id = post(lrs)
    single = lrs.call("GET", URL, {"statementId": statement_id})
    stored = single.json()["stored"]
    assert single["X-Experience-API-Consistent-Through"]
    assert abs(parse_http_date(single["Last-Modified"]) - _epoch(stored)) < 1
    listing = lrs.call("GET", URL)
    assert listing["X-Experience-API-Consistent-Through"] and listing["Last-Modified"]
    for response in (
        lrs.call("GET", URL, {"statementId": "not-a-uuid"}),
        lrs.call("GET", URL, {"statementId": str(uuid.uuid4())}),
        lrs.call("POST", URL, body={"verb": VERB}),
        lrs.call("DELETE", URL),
    ):
        assert response.status_code >= 400
        assert response["X-Experience-API-Consistent-Through"]
        assert response["Last-Modified"]


def test_learner_reads_only_own_statements(lrs, browser):
    theirs = post(lrs)
    mine = post(browser)
    assert ids(browser) == [mine]
    assert browser.call("GET", URL, {"statementId": theirs}).status_code == 404
    assert {theirs, mine} <= set(ids(lrs))  # a client granted "all" reads everyone's


def _epoch(stored: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(stored.replace("Z", "+00:00")).timestamp()


def test_filters_following_statement_refs_can_use_indexes_on_postgresql(lrs):
    """The StatementRef part of a verb filter (1.0.3 Part Three §2.1.4) must not force reading
    the whole table: with sequential scans disabled, PostgreSQL's plan has none."""
    from django.db import connection

    from progress.lrs.statement_filters import query_parse, rows_filter
    from progress.models import Statement

    if connection.vendor != "postgresql":
        pytest.skip("query plans are checked on PostgreSQL")
    post(lrs)
    query = query_parse({"verb": VERB["id"], "activity": ACTIVITY})
    rows = rows_filter(Statement.objects.filter(voided=False), query)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            plan = rows.order_by("-stored_at", "-pk")[:10].explain()
        finally:
            cursor.execute("SET enable_seqscan = on")
    assert "Seq Scan" not in plan, plan
