"""Activity Profile (/xapi/activities/profile) and Agent Profile (/xapi/agents/profile)
resources: xAPI 1.0.3 Part Three §6.3 (concurrency), §7.5, §7.6; xAPI 2.0."""

import json

import pytest

from tests.progress.lrs.conftest import ACTIVITY, AGENT

pytestmark = pytest.mark.django_db
ACTIVITY_URL = "/xapi/activities/profile"
AGENT_URL = "/xapi/agents/profile"
RESOURCES = [
    (ACTIVITY_URL, {"activityId": ACTIVITY}),
    (AGENT_URL, {"agent": json.dumps(AGENT)}),
]


@pytest.fixture(params=RESOURCES, ids=["activity", "agent"])
def resource(request):
    return request.param


@pytest.mark.parametrize("version", ["1.0.3", "2.0.0"])
def test_put_get_list_delete(make_lrs, resource, version):
    lrs = make_lrs(version=version)
    url, where = resource
    created = lrs.call("PUT", url, {**where, "profileId": "p"}, {"a": 1}, HTTP_IF_NONE_MATCH="*")
    assert created.status_code == 204
    got = lrs.call("GET", url + "/", {**where, "profileId": "p"})
    assert got.json() == {"a": 1}
    assert got["ETag"].startswith('"') and len(got["ETag"]) == 42
    assert got["Last-Modified"]
    assert lrs.call("GET", url, where).json() == ["p"]
    assert lrs.call("GET", url, {**where, "since": "2099-01-01T00:00:00Z"}).json() == []
    deleted = lrs.call("DELETE", url, {**where, "profileId": "p"}, HTTP_IF_MATCH=got["ETag"])
    assert deleted.status_code == 204
    assert lrs.call("GET", url, {**where, "profileId": "p"}).status_code == 404


@pytest.mark.parametrize("version", ["1.0.3", "2.0.0"])
def test_put_over_an_existing_profile_without_precondition_is_409(make_lrs, resource, version):
    lrs = make_lrs(version=version)
    url, where = resource
    lrs.call("PUT", url, {**where, "profileId": "p"}, {"a": 1}, HTTP_IF_NONE_MATCH="*")
    conflict = lrs.call("PUT", url, {**where, "profileId": "p"}, {"a": 2})
    assert conflict.status_code == 409
    assert "If-Match" in conflict.content.decode()
    assert lrs.call("GET", url, {**where, "profileId": "p"}).json() == {"a": 1}


def test_put_with_the_current_etag_replaces(lrs, resource):
    url, where = resource
    lrs.call("PUT", url, {**where, "profileId": "p"}, {"a": 1}, HTTP_IF_NONE_MATCH="*")
    etag = lrs.call("GET", url, {**where, "profileId": "p"})["ETag"]
    ok = lrs.call("PUT", url, {**where, "profileId": "p"}, {"b": 2}, HTTP_IF_MATCH=etag)
    assert ok.status_code == 204
    stale = lrs.call("PUT", url, {**where, "profileId": "p"}, {"c": 3}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert lrs.call("GET", url, {**where, "profileId": "p"}).json() == {"b": 2}


def test_put_creating_a_profile_without_precondition_headers(make_lrs, resource):
    """1.0.3 §6.3: a client creates a profile with If-None-Match: *; without either header the
    1.0.3 request is refused (400, nothing stored). 2.0 creates it."""
    url, where = resource
    old = make_lrs(version="1.0.3")
    refused = old.call("PUT", url, {**where, "profileId": "n"}, {"a": 1})
    assert refused.status_code == 400
    assert "If-None-Match" in refused.json()["error"]
    assert old.call("GET", url, {**where, "profileId": "n"}).status_code == 404
    new = make_lrs(version="2.0.0")
    assert new.call("PUT", url, {**where, "profileId": "n"}, {"a": 1}).status_code == 204


def test_if_match_on_a_missing_profile_is_412(lrs, resource):
    url, where = resource
    response = lrs.call("PUT", url, {**where, "profileId": "p"}, {"a": 1}, HTTP_IF_MATCH='"ab"')
    assert response.status_code == 412
    assert lrs.call("GET", url, {**where, "profileId": "p"}).status_code == 404


def test_post_merges_and_honours_if_match(lrs, resource):
    url, where = resource
    lrs.call("POST", url, {**where, "profileId": "p"}, {"a": 1})
    etag = lrs.call("GET", url, {**where, "profileId": "p"})["ETag"]
    lrs.call("POST", url, {**where, "profileId": "p"}, {"b": 2})
    assert lrs.call("GET", url, {**where, "profileId": "p"}).json() == {"a": 1, "b": 2}
    stale = lrs.call("POST", url, {**where, "profileId": "p"}, {"c": 3}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412


def test_delete_with_a_stale_etag_is_412_and_keeps_the_profile(lrs, resource):
    url, where = resource
    lrs.call("PUT", url, {**where, "profileId": "p"}, {"a": 1}, HTTP_IF_NONE_MATCH="*")
    response = lrs.call("DELETE", url, {**where, "profileId": "p"}, HTTP_IF_MATCH='"0000"')
    assert response.status_code == 412
    assert lrs.call("GET", url, {**where, "profileId": "p"}).status_code == 200


def test_delete_needs_a_profile_id(lrs, resource):
    url, where = resource
    assert lrs.call("DELETE", url, where).status_code == 400


def test_other_text_content_is_kept_as_sent(lrs, resource):
    url, where = resource
    text = "text/plain; charset=utf-8"
    lrs.call("PUT", url, {**where, "profileId": "t"}, "xin chào", text, HTTP_IF_NONE_MATCH="*")
    got = lrs.call("GET", url, {**where, "profileId": "t"})
    assert got["Content-Type"] == "text/plain; charset=utf-8"
    assert got.content.decode() == "xin chào"


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (ACTIVITY_URL, {"profileId": "p"}),
        (ACTIVITY_URL, {"activityId": "no iri", "profileId": "p"}),
        (ACTIVITY_URL, {"activityId": ACTIVITY, "agent": json.dumps(AGENT)}),
        (AGENT_URL, {"profileId": "p"}),
        (AGENT_URL, {"agent": json.dumps({"mbox": "not-mailto"}), "profileId": "p"}),
        (AGENT_URL, {"agent": json.dumps(AGENT), "activityId": ACTIVITY}),
    ],
)
def test_invalid_parameters_are_400(lrs, url, params):
    assert lrs.call("GET", url, params).status_code == 400


def test_agent_profile_is_per_agent_identifier(lrs):
    where = {"agent": json.dumps(AGENT), "profileId": "p"}
    lrs.call("PUT", AGENT_URL, where, {"a": 1}, HTTP_IF_NONE_MATCH="*")
    named = {**AGENT, "name": "Tên khác"}  # same mbox: same agent
    got = lrs.call("GET", AGENT_URL, {"agent": json.dumps(named), "profileId": "p"})
    assert got.json() == {"a": 1}
    other = {"mbox": "mailto:khac@example.org"}
    assert lrs.call("GET", AGENT_URL, {"agent": json.dumps(other)}).json() == []
