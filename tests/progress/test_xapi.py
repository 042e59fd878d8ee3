"""progress.xapi: the statement structure the statements resource accepts (xAPI 1.0.3)."""

import copy
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from progress.xapi import MAX_DEPTH, XapiError, json_parse, statement_validate
from tests.courses.builders import H5P_FIXTURES

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
ACTIVITY = "https://congdanhoctap.hcm.vn/xapi/activities/lesson/1/quiz"
UUID = "3f2b6c1e-0d4a-4c55-9a43-7f6f2a1b9c01"


def statement(**parts) -> dict:
    base = {
        "id": UUID,
        "actor": {"objectType": "Agent", "mbox": "mailto:hoc.vien@example.org"},
        "verb": {"id": ANSWERED, "display": {"vi": "đã trả lời", "en-US": "answered"}},
        "object": {"id": ACTIVITY},
    }
    base.update(parts)
    return {key: value for key, value in base.items() if value is not None}


def full_statement() -> dict:
    return statement(
        result={
            "score": {"scaled": 0.5, "raw": 5, "min": 0, "max": 10},
            "success": False,
            "completion": True,
            "response": "0[,]1",
            "duration": "PT1M30.5S",
            "extensions": {"https://example.org/x/attempt": {"n": 2}},
        },
        context={
            "registration": "6F9619FF-8B86-D011-B42D-00C04FC964FF",
            "instructor": {"account": {"homePage": "https://example.org", "name": "gv1"}},
            "team": {"objectType": "Group", "member": [{"mbox": "mailto:a@example.org"}]},
            "contextActivities": {
                "parent": {"id": "https://example.org/course/1"},
                "category": [{"id": "http://h5p.org/libraries/H5P.MultiChoice-1.16"}],
            },
            "platform": "H5P",
            "language": "vi-VN",
            "statement": {"objectType": "StatementRef", "id": UUID},
        },
        timestamp="2025-07-01T08:30:00.123+07:00",
        version="1.0.3",
        attachments=[
            {
                "usageType": "http://adlnet.gov/expapi/attachments/signature",
                "display": {"vi": "Chữ ký"},
                "contentType": "image/png",
                "length": 1200,
                "sha2": "ab" * 32,
                "fileUrl": "https://example.org/files/sig.png",
            }
        ],
    )


def invalid(value: dict) -> str:
    with pytest.raises(XapiError) as caught:
        statement_validate(value)
    assert caught.value.status == 400
    return caught.value.message


def test_minimal_statement_is_normalised():
    out = statement_validate(statement(id=UUID.upper()))
    assert out["id"] == UUID
    assert out["object"] == {"id": ACTIVITY, "objectType": "Activity"}
    assert out["version"] == "1.0.0"
    assert out["actor"]["mbox"] == "mailto:hoc.vien@example.org"  # kept; a session replaces it
    assert "authority" not in out and "stored" not in out  # the server sets those


def test_full_statement_is_accepted_and_context_activities_become_lists():
    out = statement_validate(full_statement())
    activities = out["context"]["contextActivities"]
    assert activities["parent"] == [
        {"id": "https://example.org/course/1", "objectType": "Activity"}
    ]
    assert out["context"]["registration"] == "6f9619ff-8b86-d011-b42d-00c04fc964ff"
    assert out["result"]["duration"] == "PT1M30.5S"
    assert statement_validate(out) == out  # normalising twice changes nothing


@pytest.mark.skipif(not H5P_FIXTURES.exists(), reason="../shared/fixtures is not present")
@pytest.mark.parametrize("name", ["xapi-captured-multichoice.json", "xapi-captured-truefalse.json"])
def test_statements_recorded_from_h5p_are_accepted(name):
    for captured in json.loads(Path(H5P_FIXTURES / name).read_text()):
        statement_validate(captured)


@pytest.mark.parametrize(
    "actor",
    [
        {"mbox": "mailto:a@example.org"},
        {"objectType": "Agent", "mbox_sha1sum": "a" * 40, "name": "A"},
        {"openid": "https://openid.example.org/a"},
        {"account": {"homePage": "https://example.org", "name": "42"}},
        {"objectType": "Group", "member": [{"mbox": "mailto:a@example.org"}]},
        {
            "objectType": "Group",
            "name": "Tổ 1",
            "account": {"homePage": "https://e.org", "name": "t"},
        },
    ],
)
def test_any_valid_agent_form_is_accepted_as_actor(actor):
    statement_validate(statement(actor=actor))


def test_a_statement_without_actor_is_accepted():
    statement_validate(statement(actor=None))


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ({"id": "not-a-uuid"}, "id: must be a UUID"),
        ({"id": "{3f2b6c1e-0d4a-4c55-9a43-7f6f2a1b9c01}"}, "id: must be a UUID"),
        ({"actor": {"name": "Không có định danh"}}, "actor: an Agent needs an identifier"),
        ({"actor": {"mbox": "a@example.org"}}, "actor.mbox: must be a mailto: address"),
        ({"actor": {"mbox": "mailto:a@x.org", "openid": "https://x.org"}}, "exactly one"),
        ({"actor": {"objectType": "Group"}}, "actor.member"),
        ({"actor": "Học viên"}, "actor: must be a JSON object"),
        ({"verb": None}, "statement.verb: is required"),
        ({"verb": {"id": "answered"}}, "verb.id: must be an absolute IRI"),
        ({"verb": {"id": "http://x.org/v\n"}}, "verb.id: must be an absolute IRI"),
        ({"verb": {"id": ANSWERED, "display": "answered"}}, "verb.display: must be a language"),
        ({"verb": {"id": ANSWERED, "display": {"en_US": "x"}}}, "is not a language tag"),
        ({"verb": {"id": ANSWERED, "display": {"vi": 1}}}, "verb.display.vi: must be a string"),
        ({"verb": {"id": "https://x.org/" + "v" * 300}}, "longer than 255"),
        ({"object": {"objectType": "Activity"}}, "object.id: is required"),
        ({"object": {"id": "bài-1"}}, "object.id: must be an absolute IRI"),
        ({"object": {"mbox": "mailto:a@x.org"}}, "object: unknown properties 'mbox'"),
        ({"object": {"objectType": "SubStatement"}}, "object.actor: is required"),
        ({"object": {"objectType": "StatementRef", "id": "x"}}, "object.id: must be a UUID"),
        ({"object": {"objectType": "Thing", "id": ACTIVITY}}, "must be Activity"),
        ({"object": {"id": ACTIVITY, "definition": []}}, "object.definition: must be a JSON"),
        ({"object": {"id": ACTIVITY, "definition": {"name": "Bài 1"}}}, "language map"),
        ({"object": {"id": ACTIVITY, "definition": {"colour": "red"}}}, "unknown properties"),
        ({"object": {"id": ACTIVITY, "definition": {"interactionType": "essay"}}}, "interaction"),
        ({"object": {"id": ACTIVITY, "definition": {"extensions": {"k": 1}}}}, "absolute IRI"),
        ({"result": {"score": {"scaled": 1.5}}}, "result.score.scaled: must be between -1 and 1"),
        ({"result": {"score": {"scaled": -1.01}}}, "must be between -1 and 1"),
        ({"result": {"score": {"raw": 11, "min": 0, "max": 10}}}, "raw: must be between min"),
        ({"result": {"score": {"raw": -1, "min": 0}}}, "raw: must be between min"),
        ({"result": {"score": {"min": 10, "max": 10}}}, "min must be less than max"),
        ({"result": {"score": {"scaled": "1"}}}, "result.score.scaled: must be a number"),
        ({"result": {"score": {"raw": True}}}, "result.score.raw: must be a number"),
        ({"result": {"success": "true"}}, "result.success: must be true or false"),
        ({"result": {"completion": 1}}, "result.completion: must be true or false"),
        ({"result": {"duration": "90 seconds"}}, "result.duration: must be an ISO 8601"),
        ({"result": {"duration": "P"}}, "result.duration"),
        ({"result": {"duration": "PT"}}, "result.duration"),
        ({"result": {"response": 3}}, "result.response: must be a string"),
        ({"timestamp": "2025-07-01T08:30:00"}, "timestamp: must be an ISO 8601 timestamp"),
        ({"timestamp": "01/07/2025 08:30"}, "timestamp: must be an ISO 8601"),
        ({"timestamp": "2025-02-30T08:30:00Z"}, "timestamp: is not a valid date"),
        ({"timestamp": "0001-01-01T00:00:00+05:00"}, "timestamp: is not a valid date"),
        ({"context": {"registration": "abc"}}, "context.registration: must be a UUID"),
        ({"context": {"contextActivities": {"parent": "x"}}}, "parent[0]: must be a JSON"),
        ({"context": {"contextActivities": {"parent": [{"id": "x"}]}}}, "parent[0].id"),
        ({"context": {"contextActivities": {"sibling": []}}}, "unknown properties 'sibling'"),
        ({"context": {"team": {"mbox": "mailto:a@x.org"}}}, "context.team.objectType: must be"),
        ({"context": {"statement": {"id": UUID}}}, "context.statement.objectType: is required"),
        ({"context": {"mood": "happy"}}, "context: unknown properties 'mood'"),
        ({"version": "3.0.0"}, "version: must be 1.0.x or 2.0.x"),
        ({"version": "1.0.3\n"}, "version: must be 1.0.x"),
        ({"attachments": {}}, "attachments: must be a list"),
        ({"attachments": [{"usageType": ANSWERED}]}, "attachments[0].display: is required"),
        ({"mood": "happy"}, "statement: unknown properties 'mood'"),
        ({"stored": "yesterday"}, "stored: must be an ISO 8601"),
        ({"authority": {"name": "x"}}, "authority: an Agent needs an identifier"),
    ],
)
def test_invalid_statements_are_refused_with_a_clear_message(parts, expected):
    assert expected in invalid(statement(**parts))


def test_attachment_without_file_url_is_valid_its_request_decides():
    # The content then comes as a multipart/mixed part (tests/progress/xapi/test_attachments.py).
    value = full_statement()
    del value["attachments"][0]["fileUrl"]
    assert "fileUrl" not in statement_validate(value)["attachments"][0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"sha2": "not a hash"}, "sha2: must be a SHA-2 digest"),
        ({"sha2": "ab" * 20}, "sha2: must be a SHA-2 digest"),
        ({"contentType": "text"}, "contentType: must be an Internet Media Type"),
        ({"contentType": 999}, "contentType: must be a string"),
        ({"fileUrl": "should fail"}, "fileUrl"),
    ],
)
def test_attachment_properties_are_checked(change, expected):
    value = full_statement()
    value["attachments"][0].update(change)
    assert expected in invalid(value)


def test_interaction_component_ids_must_be_distinct():
    choices = [{"id": "a", "description": {"vi": "A"}}, {"id": "a"}]
    definition = {"interactionType": "choice", "choices": choices}
    value = statement(object={"id": ACTIVITY, "definition": definition})
    assert "distinct" in invalid(value)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"{", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b'{"a": NaN}', "not a JSON number"),
        (b'{"a": 1e400}', "out of range"),
        (b'{"a": "\\u0000"}', "NUL"),
        (b'{"\\ud800": 1}', "surrogate"),
        (b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1), "nested deeper"),
        (b"[" * 100000 + b"]" * 100000, "nested deeper"),
        (b"1" * 5000, "not valid JSON"),
    ],
)
def test_json_the_store_cannot_hold_is_refused(body, expected):
    with pytest.raises(XapiError) as caught:
        json_parse(body)
    assert expected in caught.value.message


def test_large_floats_are_read_as_the_integers_they_are():
    value = json_parse(b'{"a": 3.570922909120535e+16, "b": 0.5, "c": -1e300}')
    assert value["a"] == 35709229091205352 and isinstance(value["a"], int)
    assert value["b"] == 0.5 and value["c"] == -1e300 and isinstance(value["c"], int)


# --- Properties ------------------------------------------------------------------------------

XAPI_WORDS = sorted(
    {"id", "actor", "verb", "object", "result", "context", "timestamp", "version", "objectType"}
    | {"mbox", "account", "homePage", "name", "member", "display", "definition", "score"}
    | {"scaled", "raw", "min", "max", "success", "completion", "duration", "registration"}
    | {"contextActivities", "parent", "category", "extensions", "choices", "attachments"}
)
ODD_TEXT = [ANSWERED, ACTIVITY, UUID, "PT1S", "2025-07-01T00:00:00Z", "mailto:a@x.org", "Group"]
leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(ODD_TEXT)
)
json_trees = st.recursive(
    leaves,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(XAPI_WORDS) | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)


def paths(tree, parent=None, key=None):
    """(container, key) of every value inside ``tree``."""
    if parent is not None:
        yield parent, key
    items = (
        tree.items()
        if isinstance(tree, dict)
        else enumerate(tree)
        if isinstance(tree, list)
        else ()
    )
    for child_key, child in list(items):
        yield from paths(child, tree, child_key)


@st.composite
def mutated_statements(draw, base=None):
    """A valid statement with one to three random changes (replace, delete, add)."""
    tree = {"root": copy.deepcopy(base or full_statement())}
    for _ in range(draw(st.integers(1, 3))):
        container, key = draw(st.sampled_from(list(paths(tree))[1:] or [(tree, "root")]))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace" or container is tree:
            container[key] = draw(json_trees)
        elif action == "delete":
            del container[key]
        elif isinstance(container[key], dict):
            container[key][draw(st.sampled_from(XAPI_WORDS) | st.text())] = draw(json_trees)
        elif isinstance(container[key], list):
            container[key].append(draw(json_trees))
    return tree["root"]


safe_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))
iris = st.builds(
    "https://example.org/{}".format, st.text("abcdefghijklmnopqrstuvwxyz0123456789-._~/?=&%")
)
language_maps = st.dictionaries(st.sampled_from(["vi", "en-US", "vi-VN", "und"]), safe_text)
finite = st.floats(allow_nan=False, allow_infinity=False)
safe_trees = st.recursive(
    st.none() | st.booleans() | st.integers() | finite | safe_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(safe_text, children),
    max_leaves=10,
)


@st.composite
def scores(draw):
    numbers = finite | st.integers(-(10**6), 10**6)
    low, high = sorted(draw(st.lists(numbers, min_size=2, max_size=2, unique=True)))
    score = {"min": low, "max": high, "raw": draw(st.floats(low, high) | st.just(low))}
    score["scaled"] = draw(st.floats(-1, 1))
    keys = draw(st.sets(st.sampled_from(sorted(score))))
    return {key: score[key] for key in keys}


@st.composite
def valid_statements(draw):
    """Statements the spec allows, with random values where it allows them."""
    value = {
        "id": str(draw(st.uuids())),
        "verb": {"id": draw(iris | st.just(ANSWERED)), "display": draw(language_maps)},
        "object": {"id": draw(iris), "definition": {"name": draw(language_maps)}},
    }
    result = {
        "score": draw(scores()),
        "success": draw(st.booleans()),
        "completion": draw(st.booleans()),
        "response": draw(safe_text),
        "duration": draw(st.from_regex(r"P(\d{1,3}D)?T\d{1,4}(\.\d{1,3})?S", fullmatch=True)),
    }
    value["result"] = {k: result[k] for k in draw(st.sets(st.sampled_from(sorted(result))))}
    moment = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1))
    value["timestamp"] = draw(moment.map(lambda d: d.replace(tzinfo=UTC).isoformat()))
    value["context"] = {
        "registration": str(draw(st.uuids())),
        "contextActivities": {"parent": [{"id": draw(iris)}], "category": {"id": draw(iris)}},
        "extensions": {draw(iris): draw(safe_trees)},
    }
    return value


HYPOTHESIS = settings(max_examples=300, deadline=None, database=None)


@HYPOTHESIS
@given(valid_statements())
def test_valid_statements_are_accepted(value):
    out = statement_validate(value)
    assert out["result"] == value.get("result") and out["verb"] == value["verb"]


@HYPOTHESIS
@given(json_trees)
def test_any_json_is_accepted_or_refused_with_xapi_error(value):
    try:
        out = statement_validate(value)
    except XapiError as error:
        assert error.status == 400 and error.message
    else:
        assert statement_validate(out) == out


@HYPOTHESIS
@given(mutated_statements())
def test_mutated_statements_are_accepted_or_refused_with_xapi_error(value):
    try:
        out = statement_validate(value)
    except XapiError as error:
        assert error.status == 400 and error.message
    else:
        assert statement_validate(out) == out
        json.dumps(out, allow_nan=False)
