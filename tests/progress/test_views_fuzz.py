"""The xAPI statements resource (/xapi/statements), property-based: malformed statements, bodies,
queries and headers never make the server fail."""

import json
import uuid

import pytest
from django.utils.http import urlencode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from progress.models import Statement
from tests.courses.builders import H5P_FIXTURES
from tests.progress.statements_api import ACTIVITY, ANSWERED, VERSION, get, send, statement
from tests.progress.test_xapi import UUID, json_trees, mutated_statements, valid_statements

pytestmark = pytest.mark.django_db

# --- Property-based: malformed statements never make the server fail --------------------------

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANSWERS = {200, 204, 400, 401, 403, 404, 409, 413}


def assert_answered(response):
    assert response.status_code in ANSWERS, response.content[:500]
    assert response["X-Experience-API-Version"] == "1.0.3"
    if response.status_code >= 400:
        assert response.json()["error"]


def post_any(client, value, **extra):
    raw = json.dumps(value, allow_nan=True)  # NaN and Infinity tokens included on purpose
    return send(client, None, raw=raw, **extra)


@FUZZ
@given(st.one_of(json_trees, st.lists(json_trees, max_size=3)))
def test_random_json_never_fails(browser, value):
    assert_answered(post_any(browser, value))


@FUZZ
@given(st.binary(max_size=200))
def test_random_bytes_never_fail(browser, raw):
    assert_answered(send(browser, None, raw=raw))


def fresh_id(value, draw):
    """Mostly a new id, so that accepted mutations are stored rather than conflicting."""
    if isinstance(value, dict) and value.get("id") == UUID and draw(st.booleans()):
        value["id"] = str(uuid.uuid4())
    return value


@FUZZ
@given(data=st.data())
def test_mutated_statements_never_fail(browser, data):
    value = fresh_id(data.draw(mutated_statements()), data.draw)
    assert_answered(post_any(browser, [value, statement()] if data.draw(st.booleans()) else value))


@FUZZ
@given(valid_statements())
def test_valid_statements_are_stored_and_read_back(browser, learner, value):
    value["id"] = str(uuid.uuid4())  # hypothesis repeats its uuids; rows stay between examples
    response = send(browser, value)
    assert response.status_code == 200, response.content
    back = get(browser, f"?statementId={value['id']}").json()
    assert back["actor"]["account"]["name"] == str(learner.pk)
    for key in ("verb", "result", "timestamp"):
        assert back.get(key) == value.get(key)
    assert (
        back["context"]["contextActivities"]["category"][0]["id"]
        == (value["context"]["contextActivities"]["category"]["id"])
    )


@FUZZ
@given(mutated_statements(), st.one_of(st.uuids().map(str), st.text(max_size=40)))
def test_mutated_puts_never_fail(browser, value, statement_id):
    query = "?" + urlencode({"statementId": statement_id})
    assert_answered(send(browser, None, "put", query, raw=json.dumps(value, allow_nan=True)))


QUERY_NAMES = ["statementId", "voidedStatementId", "verb", "activity", "since", "until"]
QUERY_NAMES += ["limit", "ascending", "cursor", "format", "agent"]
QUERY_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from([ANSWERED, ACTIVITY, "0", "true", "2025-07-01T00:00:00Z"]),
    st.uuids().map(str),
    st.integers().map(str),
)


@FUZZ
@given(st.dictionaries(st.sampled_from(QUERY_NAMES), QUERY_VALUES, max_size=4))
def test_random_queries_never_fail(browser, params):
    assert_answered(get(browser, "?" + urlencode(params)))


@FUZZ
@given(st.text(max_size=60))
def test_random_authorization_headers_never_fail(client, header):
    assert_answered(send(client, statement(), headers={**VERSION, "HTTP_AUTHORIZATION": header}))


@pytest.fixture
def quiz_lesson(db):
    from tests.courses.builders import course_build, quiz_block

    _course, (lesson,) = course_build(lessons=[[quiz_block()]])
    return lesson


@FUZZ
@given(data=st.data())
def test_mutated_statements_about_our_own_quiz_never_fail(browser, quiz_lesson, data):
    from courses.quiz import quiz_response_encode
    from courses.selectors import activity_iri

    block = next(b for b in quiz_lesson.body if b.block_type == "quiz")
    iri = activity_iri(lesson_id=quiz_lesson.pk, block_id=block.id)
    response = quiz_response_encode({"0": ["0"], "1": ["true"]})
    valid = statement(object={"id": iri}, result={"response": response, "success": True})
    # Also IRIs of our own shape with any lesson number and block id.
    lesson_iri = iri.split("/xapi/")[0] + "/xapi/activities/lesson/{}/{}"
    block_ids = st.from_regex(r"[\w-]{1,80}", fullmatch=True)
    ours = st.builds(lesson_iri.format, st.integers(0, 10**30), block_ids)
    value = data.draw(mutated_statements(valid))
    if isinstance(value, dict) and data.draw(st.booleans()):
        value["object"] = {"id": data.draw(ours)}
    assert_answered(post_any(browser, value))


@pytest.mark.skipif(not H5P_FIXTURES.exists(), reason="../shared/fixtures is not present")
def test_what_the_lesson_bridge_forwards_from_h5p_is_accepted(browser, learner, h5p_lesson):
    """lesson.js deletes the player's actor and posts each statement as it comes."""
    _lesson, iri, captured = h5p_lesson
    for sent in captured:
        sent = {key: value for key, value in sent.items() if key != "actor"}
        sent["object"]["id"] = iri
        assert send(browser, sent).status_code == 200
    assert Statement.objects.filter(learner=learner, activity_iri=iri).count() == len(captured)


@pytest.mark.skipif(not H5P_FIXTURES.exists(), reason="../shared/fixtures is not present")
@FUZZ
@given(data=st.data())
def test_mutated_h5p_statements_about_our_own_activity_never_fail(browser, data, h5p_lesson):
    _lesson, iri, captured = h5p_lesson
    value = data.draw(mutated_statements(data.draw(st.sampled_from(captured))))
    if isinstance(value, dict) and isinstance(value.get("object"), dict):
        value["object"]["id"] = iri
    assert_answered(post_any(browser, value))


@pytest.fixture
def h5p_lesson(db):
    from courses.selectors import activity_iri
    from tests.courses.builders import course_build, h5p_activity_from_fixture, h5p_block

    activity = h5p_activity_from_fixture("multichoice.h5p")
    _course, (lesson,) = course_build(lessons=[[h5p_block(activity)]])
    block = next(b for b in lesson.body if b.block_type == "h5p")
    captured = json.loads((H5P_FIXTURES / "xapi-captured-multichoice.json").read_text())
    return lesson, activity_iri(lesson_id=lesson.pk, block_id=block.id), captured
