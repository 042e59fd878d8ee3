"""Statements resource: validation as xAPI 1.0.3 (Part Two §2) and 2.0 state it — each refused
statement answers 400 with a message naming the property, and nothing is stored."""

import uuid

import pytest

from progress.models import Statement
from tests.progress.lrs.conftest import ACTIVITY, AGENT

URL = "/xapi/statements"
ACTOR = {"objectType": "Agent", "mbox": "mailto:nguoi.hoc@example.org"}
VERB = {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"vi": "đã xem"}}


def statement(**parts):
    return {"actor": ACTOR, "verb": VERB, "object": {"id": ACTIVITY}, **parts}


def refused(lrs, body, *words):
    before = Statement.objects.count()
    response = lrs.call("POST", URL, body=body)
    assert response.status_code == 400, response.content
    message = response.json()["error"]
    for word in words:
        assert word in message, message
    assert Statement.objects.count() == before
    return message


def accepted(lrs, body):
    response = lrs.call("POST", URL, body=body)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_clients_statement_needs_an_actor(lrs):
    """xAPI 1.0.3 Part Two §2.2 (2.0 §4.2.2): actor is required; a client's statement keeps
    its actor, so one without is refused (a browser session's actor is its learner)."""
    body = statement()
    del body["actor"]
    refused(lrs, body, "actor", "required")
    refused(lrs, [statement(), body], "statement [1]", "actor")


# --- authority ---------------------------------------------------------------------------


def test_identified_group_as_authority_is_refused(lrs):
    group = {"objectType": "Group", "mbox": "mailto:nhom@example.org", "member": [AGENT, ACTOR]}
    refused(lrs, statement(authority=group), "authority", "identified Group")


def test_anonymous_group_authority_needs_exactly_two_members(lrs):
    third = {"objectType": "Agent", "mbox": "mailto:ba@example.org"}
    group = {"objectType": "Group", "member": [AGENT, ACTOR, third]}
    refused(lrs, statement(authority=group), "authority.member", "two members")


def test_oauth_pair_as_authority_is_accepted(lrs):
    group = {"objectType": "Group", "member": [AGENT, ACTOR]}
    accepted(lrs, statement(authority=group))


# --- interaction definitions --------------------------------------------------------------


@pytest.mark.parametrize(
    "key, value",
    [
        ("correctResponsesPattern", ["a"]),
        ("choices", [{"id": "a", "description": {"vi": "A"}}]),
        ("scale", [{"id": "1"}]),
        ("source", [{"id": "s"}]),
        ("target", [{"id": "t"}]),
        ("steps", [{"id": "b1"}]),
    ],
)
def test_interaction_properties_need_interaction_type(lrs, key, value):
    body = statement(object={"id": ACTIVITY, "definition": {key: value}})
    refused(lrs, body, "interactionType", "required")


@pytest.mark.parametrize(
    "kind, key",
    [("true-false", "choices"), ("choice", "scale"), ("likert", "steps"), ("fill-in", "source")],
)
def test_component_list_must_belong_to_the_interaction_type(lrs, kind, key):
    definition = {"interactionType": kind, key: [{"id": "x"}]}
    refused(lrs, statement(object={"id": ACTIVITY, "definition": definition}), key)


@pytest.mark.parametrize(
    "kind, keys",
    [
        ("choice", ("choices",)),
        ("sequencing", ("choices",)),
        ("likert", ("scale",)),
        ("matching", ("source", "target")),
        ("performance", ("steps",)),
    ],
)
def test_component_lists_of_each_interaction_type_are_accepted(lrs, kind, keys):
    definition = {"interactionType": kind, "correctResponsesPattern": ["x"]}
    definition.update({key: [{"id": "x", "description": {"vi": "X"}}] for key in keys})
    accepted(lrs, statement(object={"id": ACTIVITY, "definition": definition}))


# --- timestamps and durations -------------------------------------------------------------


@pytest.mark.parametrize("offset", ["-00:00", "-0000", "-00"])
def test_timestamp_with_unknown_offset_is_refused(lrs, offset):
    refused(lrs, statement(timestamp=f"2026-03-01T08:00:00{offset}"), "timestamp", "-00:00")


def test_timestamp_with_plus_zero_offset_is_accepted(lrs):
    accepted(lrs, statement(timestamp="2026-03-01T08:00:00+00:00"))


@pytest.mark.parametrize("duration", ["P4W1D", "P1Y2W", "P2WT1H", "P", "PT", "1H"])
def test_invalid_durations_are_refused(lrs, duration):
    refused(lrs, statement(result={"duration": duration}), "result.duration")


@pytest.mark.parametrize("duration", ["P4W", "PT1M30S", "P1Y2M3DT4H5M6.5S", "P0D"])
def test_valid_durations_are_accepted(lrs, duration):
    accepted(lrs, statement(result={"duration": duration}))


# --- other common gaps --------------------------------------------------------------------


def test_voiding_statement_needs_a_statement_ref(lrs):
    body = statement(verb={"id": "http://adlnet.gov/expapi/verbs/voided"})
    refused(lrs, body, "voiding", "StatementRef")


def test_revision_and_platform_only_with_an_activity_object(lrs):
    for key in ("revision", "platform"):
        body = statement(object=AGENT, context={key: "1"})
        refused(lrs, body, f"context.{key}", "Activity")


def test_agent_object_needs_object_type(lrs):
    refused(lrs, statement(object={"mbox": "mailto:ai@example.org"}), "object")


def test_unknown_object_type_is_refused(lrs):
    refused(lrs, statement(object={"objectType": "Person", "id": ACTIVITY}), "object.objectType")


def test_statement_ref_needs_a_uuid(lrs):
    refused(lrs, statement(object={"objectType": "StatementRef", "id": "abc"}), "object.id")


@pytest.mark.parametrize("key", ["id", "stored", "version", "authority"])
def test_sub_statement_forbidden_properties(lrs, key):
    values = {
        "id": str(uuid.uuid4()),
        "stored": "2026-03-01T08:00:00Z",
        "version": "1.0.0",
        "authority": AGENT,
    }
    sub = {"objectType": "SubStatement", "actor": ACTOR, "verb": VERB, "object": {"id": ACTIVITY}}
    refused(lrs, statement(object={**sub, key: values[key]}), f"object.{key}", "SubStatement")


def test_nested_sub_statement_is_refused(lrs):
    inner = {"objectType": "SubStatement", "actor": ACTOR, "verb": VERB, "object": {"id": ACTIVITY}}
    outer = {"objectType": "SubStatement", "actor": ACTOR, "verb": VERB, "object": inner}
    refused(lrs, statement(object=outer), "object.object", "another SubStatement")


def test_sub_statement_needs_an_actor(lrs):
    sub = {"objectType": "SubStatement", "verb": VERB, "object": {"id": ACTIVITY}}
    refused(lrs, statement(object=sub), "object.actor", "required")


def test_a_batch_with_one_invalid_statement_stores_none(lrs):
    good = statement()
    bad = statement(timestamp="2026-03-01T08:00:00-00:00")
    refused(lrs, [good, bad], "statement [1]", "timestamp")


# --- xAPI 2.0 context agents and groups ------------------------------------------------------

PLAYER = "https://example.org/xapi/kinds/player"
CONTEXT_AGENTS = [
    {"objectType": "contextAgent", "agent": {"mbox": "mailto:a@example.org"},
     "relevantTypes": [PLAYER]},
]  # fmt: skip
CONTEXT_GROUPS = [
    {
        "objectType": "contextGroup",
        "group": {"objectType": "Group", "mbox": "mailto:g@example.org"},
    },
]


def test_context_agents_and_groups_are_accepted_in_2_0(make_lrs):
    """IEEE 9274.1.1 §4.2.2.5: contextAgents and contextGroups, in a statement and in a
    SubStatement; format=ids keeps each member's identifier."""
    lrs = make_lrs(version="2.0.0")
    context = {"contextAgents": CONTEXT_AGENTS, "contextGroups": CONTEXT_GROUPS}
    sub = {"objectType": "SubStatement", "actor": ACTOR, "verb": VERB, "object": {"id": ACTIVITY},
           "context": context}  # fmt: skip
    [statement_id] = accepted(lrs, statement(context=context))
    accepted(lrs, statement(object=sub))
    stored = lrs.call("GET", URL, {"statementId": statement_id, "format": "ids"}).json()
    assert stored["context"]["contextAgents"][0]["agent"] == {
        "objectType": "Agent", "mbox": "mailto:a@example.org"
    }  # fmt: skip


def test_context_agents_are_not_xapi_1_0_3(lrs):
    refused(lrs, statement(context={"contextAgents": CONTEXT_AGENTS}), "contextAgents")


@pytest.mark.parametrize(
    ("member", "words"),
    [
        ({**CONTEXT_AGENTS[0], "objectType": "Agent"}, ("objectType", "contextAgent")),
        ({**CONTEXT_AGENTS[0], "agent": {"key": "x"}}, ("agent",)),
        ({**CONTEXT_AGENTS[0], "agent": CONTEXT_GROUPS[0]["group"]}, ("agent.objectType",)),
        ({**CONTEXT_AGENTS[0], "relevantTypes": []}, ("relevantTypes", "non-empty")),
        ({**CONTEXT_AGENTS[0], "relevantTypes": ["abc"]}, ("relevantTypes[0]",)),
        ({"objectType": "contextAgent"}, ("agent", "required")),
    ],
)
def test_invalid_context_agents_are_refused(make_lrs, member, words):
    refused(make_lrs(version="2.0.0"), statement(context={"contextAgents": [member]}), *words)


def test_invalid_context_groups_are_refused(make_lrs):
    lrs = make_lrs(version="2.0.0")
    agent_as_group = {**CONTEXT_GROUPS[0], "group": {"mbox": "mailto:a@example.org"}}
    refused(lrs, statement(context={"contextGroups": [agent_as_group]}), "group.objectType")
    wrong_type = {**CONTEXT_GROUPS[0], "objectType": "contextAgent"}
    refused(lrs, statement(context={"contextGroups": [wrong_type]}), "contextGroup")
    refused(lrs, statement(context={"contextGroups": CONTEXT_GROUPS[0]}), "list")


@pytest.mark.parametrize("version", ["1.0.3", "2.0.0"])
def test_a_batch_with_one_id_twice_is_refused(make_lrs, version):
    """2.0 §4.1.6.1 (and 1.0.3's one statement per id): a batch repeating an id is 400."""
    same = str(uuid.uuid4())
    refused(make_lrs(version=version), [statement(id=same), statement(id=same)], "more than once")
