"""State resource /xapi/activities/state (xAPI 1.0.3 Part Three §7.4, §6.3; xAPI 2.0)."""

import hashlib
import json
import uuid

import pytest

from progress.models import XapiDocument
from tests.progress.lrs.conftest import ACTIVITY, AGENT

pytestmark = pytest.mark.django_db
URL = "/xapi/activities/state"


def where(**extra):
    return {"activityId": ACTIVITY, "agent": json.dumps(AGENT), **extra}


@pytest.mark.parametrize("version", ["1.0.3", "2.0.0"])
@pytest.mark.parametrize("url", [URL, URL + "/"])
def test_put_then_get_returns_the_bytes_with_their_type_etag_and_dates(make_lrs, version, url):
    lrs = make_lrs(version=version)
    content = b"\x00\x01binary state"
    put = lrs.call("PUT", url, where(stateId="s1"), content, "application/octet-stream")
    assert put.status_code == 204
    assert put["X-Experience-API-Version"] == version
    got = lrs.call("GET", url, where(stateId="s1"))
    assert got.status_code == 200
    assert got.content == content
    assert got["Content-Type"] == "application/octet-stream"
    assert got["ETag"] == f'"{hashlib.sha1(content).hexdigest()}"'  # noqa: S324
    assert got["Last-Modified"]
    assert got["X-Experience-API-Version"] == version


def test_head_has_the_headers_of_get_and_no_body(lrs):
    lrs.call("PUT", URL, where(stateId="s1"), {"a": 1})
    head = lrs.call("HEAD", URL, where(stateId="s1"))
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == lrs.call("GET", URL, where(stateId="s1"))["ETag"]


def test_missing_document_is_404(lrs):
    assert lrs.call("GET", URL, where(stateId="nothing")).status_code == 404


def test_registration_separates_documents(lrs):
    registration = str(uuid.uuid4())
    lrs.call("PUT", URL, where(stateId="s", registration=registration), {"r": 1})
    assert lrs.call("GET", URL, where(stateId="s")).status_code == 404
    got = lrs.call("GET", URL, where(stateId="s", registration=registration))
    assert got.json() == {"r": 1}


def test_get_without_state_id_lists_ids_and_since_filters(lrs):
    lrs.call("PUT", URL, where(stateId="a"), {"x": 1})
    listed = lrs.call("GET", URL, where())
    assert listed.status_code == 200
    assert listed.json() == ["a"]
    stored = XapiDocument.objects.get(document_id="a").updated_at
    lrs.call("PUT", URL, where(stateId="b"), {"x": 2})
    XapiDocument.objects.filter(document_id="b").update(updated_at=stored.replace(year=2099))
    since = lrs.call("GET", URL, where(since="2098-01-01T00:00:00Z"))
    assert since.json() == ["b"]


def test_post_merges_json_objects(lrs):
    lrs.call("PUT", URL, where(stateId="s"), {"a": 1, "b": 1})
    assert lrs.call("POST", URL, where(stateId="s"), {"b": 2, "c": 3}).status_code == 204
    assert lrs.call("GET", URL, where(stateId="s")).json() == {"a": 1, "b": 2, "c": 3}


def test_post_creates_when_missing(lrs):
    assert lrs.call("POST", URL, where(stateId="new"), {"a": 1}).status_code == 204
    assert lrs.call("GET", URL, where(stateId="new")).json() == {"a": 1}


def test_post_refuses_to_merge_into_a_non_json_document(lrs):
    lrs.call("PUT", URL, where(stateId="s"), b"plain", "text/plain")
    response = lrs.call("POST", URL, where(stateId="s"), {"a": 1})
    assert response.status_code == 400
    assert lrs.call("GET", URL, where(stateId="s")).content == b"plain"


@pytest.mark.parametrize(
    ("body", "content_type"), [(b"[1, 2]", "application/json"), (b"{}", "text/plain")]
)
def test_post_refuses_a_body_that_is_not_a_json_object(lrs, body, content_type):
    assert lrs.call("POST", URL, where(stateId="s"), body, content_type).status_code == 400


def test_put_without_precondition_headers_overwrites_state(lrs):
    lrs.call("PUT", URL, where(stateId="s"), {"a": 1})
    assert lrs.call("PUT", URL, where(stateId="s"), {"a": 2}).status_code == 204
    assert lrs.call("GET", URL, where(stateId="s")).json() == {"a": 2}


def test_put_over_existing_state_without_precondition_is_409_in_2_0(make_lrs):
    """IEEE 9274.1.1 Concurrency (State included): a PUT without If-Match/If-None-Match over a
    document that exists → 409 with an explanation, document unchanged; creating is allowed."""
    lrs = make_lrs(version="2.0.0")
    assert lrs.call("PUT", URL, where(stateId="s"), {"a": 1}).status_code == 204
    conflict = lrs.call("PUT", URL, where(stateId="s"), {"a": 2})
    assert conflict.status_code == 409
    assert conflict.content
    assert lrs.call("GET", URL, where(stateId="s")).json() == {"a": 1}


def test_if_match_with_an_old_etag_is_412_and_changes_nothing(lrs):
    lrs.call("PUT", URL, where(stateId="s"), {"a": 1})
    old = lrs.call("GET", URL, where(stateId="s"))["ETag"]
    lrs.call("PUT", URL, where(stateId="s"), {"a": 2})
    refused = lrs.call("PUT", URL, where(stateId="s"), {"a": 3}, HTTP_IF_MATCH=old)
    assert refused.status_code == 412
    assert lrs.call("GET", URL, where(stateId="s")).json() == {"a": 2}
    current = lrs.call("GET", URL, where(stateId="s"))["ETag"]
    ok = lrs.call("PUT", URL, where(stateId="s"), {"a": 3}, HTTP_IF_MATCH=current)
    assert ok.status_code == 204


def test_if_none_match_star_refuses_an_existing_document(lrs):
    first = lrs.call("PUT", URL, where(stateId="s"), {"a": 1}, HTTP_IF_NONE_MATCH="*")
    assert first.status_code == 204
    again = lrs.call("PUT", URL, where(stateId="s"), {"a": 2}, HTTP_IF_NONE_MATCH="*")
    assert again.status_code == 412


def test_delete_one_and_delete_all(lrs):
    for state_id in ("a", "b"):
        lrs.call("PUT", URL, where(stateId=state_id), {"x": 1})
    assert lrs.call("DELETE", URL, where(stateId="a")).status_code == 204
    assert lrs.call("GET", URL, where()).json() == ["b"]
    assert lrs.call("DELETE", URL, where()).status_code == 204
    assert lrs.call("GET", URL, where()).json() == []


def test_delete_all_leaves_other_agents_documents(lrs):
    other = {"mbox": "mailto:nguoi.khac@example.org"}
    lrs.call("PUT", URL, {**where(), "agent": json.dumps(other), "stateId": "o"}, {"x": 1})
    lrs.call("PUT", URL, where(stateId="a"), {"x": 1})
    lrs.call("DELETE", URL, where())
    assert lrs.call("GET", URL, {**where(), "agent": json.dumps(other)}).json() == ["o"]


@pytest.mark.parametrize(
    "params",
    [
        {"agent": json.dumps(AGENT), "stateId": "s"},  # no activityId
        {"activityId": ACTIVITY, "stateId": "s"},  # no agent
        where(stateId="s", registration="not-a-uuid"),
        {**where(stateId="s"), "agent": json.dumps({"name": "không định danh"})},
        {**where(stateId="s"), "agent": json.dumps({**AGENT, "openid": "http://x.org/a"})},
        {**where(stateId="s"), "agent": "{not json"},
        {**where(stateId="s"), "activityId": "not an iri"},
        where(stateId="s", unknown="1"),
        where(stateId="s", since="2024-01-01T00:00:00Z"),
    ],
)
def test_invalid_parameters_are_400(lrs, params):
    response = lrs.call("GET", URL, params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_put_needs_a_state_id(lrs):
    assert lrs.call("PUT", URL, where(), {"a": 1}).status_code == 400


@pytest.mark.parametrize("version", [None, "0.9", "1.1.0", "3.0.0"])
def test_missing_or_unsupported_version_header_is_400(make_lrs, version):
    lrs = make_lrs(version=None)
    extra = {} if version is None else {"HTTP_X_EXPERIENCE_API_VERSION": version}
    response = lrs.call("GET", URL, where(stateId="s"), **extra)
    assert response.status_code == 400
    assert "X-Experience-API-Version" in response.json()["error"]


@pytest.mark.parametrize("method", ["PATCH", "OPTIONS"])
def test_other_methods_are_405(lrs, method):
    assert lrs.call(method, URL, where()).status_code == 405
