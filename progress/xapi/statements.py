"""xAPI statements: the parts of a statement and ``statement_validate``."""

import functools
import re
from typing import Any

from progress.xapi.objects import _activity, _agent, authority_check, object_check, statement_ref
from progress.xapi.values import (
    CONTEXT_ACTIVITY_KINDS,
    DURATION_RE,
    LANGUAGE_RE,
    MAX_VERB_IRI,
    STATEMENT_KEYS,
    VOIDED,
    _boolean,
    _extensions,
    _fail,
    _language_map,
    _number,
    _object,
    _string,
    iri_value,
    timestamp_parse,
    uuid_value,
)

STATEMENT_VERSION_RE = re.compile(r"^[12]\.0(\.\d+)?$")
MEDIA_TYPE_RE = re.compile(r"^[\w!#$&^.+-]+/[\w!#$&^.+-]+(?:\s*;[^\x00-\x1f\x7f]*)?$")
SHA2_RE = re.compile(r"^(?:[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128})$")
SUB_STATEMENT_FORBIDDEN = frozenset({"id", "stored", "version", "authority"})

# --- Statement parts -----------------------------------------------------------------------


def _verb(value, path: str) -> dict:
    verb = _object(value, path, {"id", "display"}, required=("id",))
    iri_value(verb["id"], f"{path}.id", MAX_VERB_IRI)
    if "display" in verb:
        _language_map(verb["display"], f"{path}.display")
    return verb


def _result(value, path: str) -> dict:
    keys = {"score", "success", "completion", "response", "duration", "extensions"}
    result = _object(value, path, keys)
    if "score" in result:
        score = _object(result["score"], f"{path}.score", {"scaled", "raw", "min", "max"})
        for key in score:
            _number(score[key], f"{path}.score.{key}")
        if "scaled" in score and not -1 <= score["scaled"] <= 1:
            _fail(f"{path}.score.scaled", "must be between -1 and 1")
        low, high, raw = score.get("min"), score.get("max"), score.get("raw")
        if low is not None and high is not None and not low < high:
            _fail(f"{path}.score", "min must be less than max")
        if raw is not None and (
            (low is not None and raw < low) or (high is not None and raw > high)
        ):
            _fail(f"{path}.score.raw", "must be between min and max")
    for key in ("success", "completion"):
        if key in result:
            _boolean(result[key], f"{path}.{key}")
    if "response" in result:
        _string(result["response"], f"{path}.response")
    if "duration" in result and not (
        isinstance(result["duration"], str) and DURATION_RE.fullmatch(result["duration"])
    ):
        _fail(f"{path}.duration", "must be an ISO 8601 duration (e.g. PT1M30S)")
    if "extensions" in result:
        _extensions(result["extensions"], f"{path}.extensions")
    return result


# IEEE 9274.1.1 (xAPI 2.0) §4.2.2.5: agents and groups with their roles in the context.
CONTEXT_2_0 = {"contextAgents": ("contextAgent", "agent", "Agent"),
               "contextGroups": ("contextGroup", "group", "Group")}  # fmt: skip


def _context_members(value, path: str, object_type: str, key: str, kind: str) -> list:
    """contextAgents / contextGroups: a list of {objectType, agent|group, relevantTypes?}."""
    if not isinstance(value, list):
        _fail(path, "must be a list")
    for index, item in enumerate(value):
        where = f"{path}[{index}]"
        member = _object(item, where, {"objectType", key, "relevantTypes"}, ("objectType", key))
        if member["objectType"] != object_type:
            _fail(f"{where}.objectType", f"must be {object_type}")
        _agent(member[key], f"{where}.{key}", kind=kind)
        if "relevantTypes" in member:
            types = member["relevantTypes"]
            if not isinstance(types, list) or not types:
                _fail(f"{where}.relevantTypes", "must be a non-empty list of IRIs")
            for position, iri in enumerate(types):
                iri_value(iri, f"{where}.relevantTypes[{position}]")
    return value


def _context(value, path: str, version: str = "2.0.0") -> dict:
    keys = {"registration", "instructor", "team", "contextActivities", "revision", "platform"}
    keys |= {"language", "statement", "extensions"}
    if not version.startswith("1."):
        keys |= set(CONTEXT_2_0)
    context = dict(_object(value, path, keys))
    for name, (object_type, key, kind) in CONTEXT_2_0.items():
        if name in context:
            _context_members(context[name], f"{path}.{name}", object_type, key, kind)
    if "registration" in context:
        context["registration"] = uuid_value(context["registration"], f"{path}.registration")
    if "instructor" in context:
        _agent(context["instructor"], f"{path}.instructor")
    if "team" in context:
        _agent(context["team"], f"{path}.team", kind="Group")
    for key in ("revision", "platform"):
        if key in context:
            _string(context[key], f"{path}.{key}")
    if "language" in context and not (
        isinstance(context["language"], str) and LANGUAGE_RE.fullmatch(context["language"])
    ):
        _fail(f"{path}.language", "must be a language tag (e.g. vi)")
    if "statement" in context:
        context["statement"] = statement_ref(context["statement"], f"{path}.statement")
    if "extensions" in context:
        _extensions(context["extensions"], f"{path}.extensions")
    if "contextActivities" in context:
        where = f"{path}.contextActivities"
        groups = _object(context["contextActivities"], where, CONTEXT_ACTIVITY_KINDS)
        normalised = {}
        for kind, activities in groups.items():
            items = activities if isinstance(activities, list) else [activities]
            normalised[kind] = [
                _activity(item, f"{where}.{kind}[{index}]") for index, item in enumerate(items)
            ]
        context["contextActivities"] = normalised
    return context


def _attachments(value, path: str) -> list:
    if not isinstance(value, list):
        _fail(path, "must be a list")
    keys = {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"}
    for index, item in enumerate(value):
        where = f"{path}[{index}]"
        required = ("usageType", "display", "contentType", "length", "sha2")
        attachment = _object(item, where, keys, required)
        iri_value(attachment["usageType"], f"{where}.usageType")
        _language_map(attachment["display"], f"{where}.display")
        if "description" in attachment:
            _language_map(attachment["description"], f"{where}.description")
        if not MEDIA_TYPE_RE.fullmatch(_string(attachment["contentType"], f"{where}.contentType")):
            _fail(f"{where}.contentType", "must be an Internet Media Type (e.g. image/png)")
        if not SHA2_RE.fullmatch(_string(attachment["sha2"], f"{where}.sha2")):
            _fail(f"{where}.sha2", "must be a SHA-2 digest (SHA-224, 256, 384 or 512) in hex")
        length = attachment["length"]
        if isinstance(length, bool) or not isinstance(length, int) or length < 0:
            _fail(f"{where}.length", "must be a non-negative integer")
        # Without fileUrl the content comes as a multipart/mixed part (progress.xapi.attachments).
        if "fileUrl" in attachment:
            iri_value(attachment["fileUrl"], f"{where}.fileUrl")
    return value


def _parts(statement: dict, out: dict, path: str, *, sub_statement, version: str) -> None:
    """Verb, object, result, context, timestamp and attachments, shared by a statement and a
    SubStatement; checked into ``out`` (``version``: the request's, for the context)."""
    prefix = f"{path}." if path else ""
    out["verb"] = _verb(statement["verb"], f"{prefix}verb")
    where = f"{prefix}object"
    out["object"] = object_check(statement["object"], where, sub_statement=sub_statement)
    if out["verb"]["id"] == VOIDED and out["object"]["objectType"] != "StatementRef":
        _fail(f"{prefix}object", "a voiding statement's object must be a StatementRef")
    if "result" in statement:
        out["result"] = _result(statement["result"], f"{prefix}result")
    if "context" in statement:
        out["context"] = _context(statement["context"], f"{prefix}context", version)
        if out["object"]["objectType"] != "Activity":
            for key in ("revision", "platform"):
                if key in out["context"]:
                    message = "is only allowed when the object is an Activity"
                    _fail(f"{prefix}context.{key}", message)
    if "timestamp" in statement:
        timestamp_parse(statement["timestamp"], f"{prefix}timestamp")
        out["timestamp"] = statement["timestamp"]
    if "attachments" in statement:
        out["attachments"] = _attachments(statement["attachments"], f"{prefix}attachments")


def _sub_statement(value, path: str, version: str = "2.0.0") -> dict:
    """A SubStatement: a statement without id, stored, version or authority, and no nesting."""
    keys = STATEMENT_KEYS - SUB_STATEMENT_FORBIDDEN | {"objectType"}
    if isinstance(value, dict):
        for key in sorted(SUB_STATEMENT_FORBIDDEN & set(value)):
            _fail(f"{path}.{key}", "is not allowed in a SubStatement")
    sub = _object(value, path, keys, required=("actor", "verb", "object"))
    actor = _agent(sub["actor"], f"{path}.actor")
    out: dict[str, Any] = {"objectType": "SubStatement", "actor": actor}
    _parts(sub, out, path, sub_statement=None, version=version)
    return out


def statement_validate(statement: dict, version: str = "2.0.0") -> dict:
    """Check one xAPI statement; return it normalised, or raise XapiError (400). ``version``
    is the request's ("1.0.3" refuses the properties 2.0 added: contextAgents, contextGroups).

    The actor, if sent, must be a valid Agent or Group; it is kept (the statements resource
    replaces it with the learner for a browser session); ``stored`` and ``authority`` are
    checked and dropped: the server sets them. The
    object may be an Activity, Agent, Group, StatementRef or SubStatement.
    """
    statement = _object(statement, "statement", STATEMENT_KEYS, required=("verb", "object"))
    out: dict[str, Any] = {}
    if "id" in statement:
        out["id"] = uuid_value(statement["id"], "id")
    if "actor" in statement:
        out["actor"] = _agent(statement["actor"], "actor")
    if "authority" in statement:
        authority_check(statement["authority"])
    if "stored" in statement:
        timestamp_parse(statement["stored"], "stored")
    sub_statement = functools.partial(_sub_statement, version=version)
    _parts(statement, out, "", sub_statement=sub_statement, version=version)
    version = statement.get("version", "1.0.0")
    if not isinstance(version, str) or not STATEMENT_VERSION_RE.fullmatch(version):
        _fail("version", "must be 1.0.x or 2.0.x")
    out["version"] = version
    return out
