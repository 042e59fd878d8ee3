"""xAPI 1.0.3 statements: what the statements resource accepts, checked against the spec.

``statement_validate(statement)`` returns the statement normalised (id in lower case, the
object's ``objectType`` filled in, context activities as lists, ``version`` set, the actor,
``stored`` and ``authority`` removed: the server sets those) or raises ``XapiError``. Only
activities are accepted as the object: this platform records learning, not statements about
people or other statements. ``json_parse`` reads a request body and refuses what JSON allows
but the store cannot hold (NaN, infinities, NUL characters, lone surrogates, deep nesting).
Attachments are accepted only by reference (``fileUrl``); multipart bodies are not.
"""

import json
import math
import re
from datetime import UTC, datetime
from typing import Any

XAPI_VERSION = "1.0.3"
MAX_BODY_BYTES = 256 * 1024
MAX_BATCH = 100
MAX_DEPTH = 32
# The columns statement_record fills (progress.models.Statement): verb 255, activity/parent 500.
MAX_VERB_IRI = 255
MAX_ACTIVITY_IRI = 500

VERSION_RE = re.compile(r"^1\.0(\.\d+)?$")
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
IRI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f]+$")
MBOX_RE = re.compile(r"^mailto:[^@\s]+@[^@\s]+$")
SHA1_RE = re.compile(r"^[0-9a-fA-F]{40}$")
LANGUAGE_RE = re.compile(r"^(?:[A-Za-z]{2,8}|[xXiI])(?:-[A-Za-z0-9]{1,8})*$")
TIMESTAMP_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$"
)
_N = r"\d+(?:[.,]\d+)?"
DURATION_RE = re.compile(
    rf"P(?!$)(?:{_N}Y)?(?:{_N}M)?(?:{_N}W)?(?:{_N}D)?(?:T(?=\d)(?:{_N}H)?(?:{_N}M)?(?:{_N}S)?)?"
)
BAD_CHARS_RE = re.compile("[\x00\ud800-\udfff]")
ESCAPE_RE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")
INTERACTION_TYPES = frozenset(
    {"true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing"}
    | {"likert", "numeric", "other"}
)
COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
CONTEXT_ACTIVITY_KINDS = ("parent", "grouping", "category", "other")
STATEMENT_KEYS = frozenset(
    {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority"}
    | {"version", "attachments"}
)
AGENT_IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


class XapiError(Exception):
    """A request the statements resource refuses; ``status`` is the HTTP answer."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def _fail(path: str, message: str):
    raise XapiError(f"{path}: {message}")


# --- JSON body -----------------------------------------------------------------------------


def _no_constants(name: str):
    raise XapiError(f"{name} is not a JSON number")


def _finite(text: str) -> float | int:
    value = float(text)
    if not math.isfinite(value):
        raise XapiError("number out of range")
    if abs(value) >= 2**53:
        # Integral anyway; PostgreSQL's jsonb would give 3.570922909120535e16 back as the int
        # 35709229091205350 (another number), and an identical re-post would then conflict.
        return int(value)
    return value


def _check_depth(data: Any) -> None:
    """Iteratively (containers only): nesting depth."""
    stack = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise XapiError(f"JSON nested deeper than {MAX_DEPTH} levels")
        for item in value.values() if isinstance(value, dict) else value:
            if isinstance(item, dict | list):
                stack.append((item, depth + 1))


def _check_strings(data: Any) -> None:
    """Iteratively: strings (keys too) the databases cannot store."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if BAD_CHARS_RE.search(value):
                raise XapiError("text contains a NUL character or an unpaired surrogate")
        elif isinstance(value, dict):
            stack.extend(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def json_parse(body: bytes) -> Any:
    """The request body as JSON, or XapiError (400)."""
    try:
        text = body.decode("utf-8")
        data = json.loads(text, parse_constant=_no_constants, parse_float=_finite)
    except RecursionError:
        raise XapiError(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    except (UnicodeDecodeError, ValueError):
        raise XapiError("body is not valid JSON (UTF-8)") from None
    _check_depth(data)
    # Valid JSON text holds no raw NUL or surrogate: decoded strings can only get them from a
    # \u escape, so the strings are walked only when the text has such an escape.
    if ESCAPE_RE.search(text):
        _check_strings(data)
    return data


# --- Small value checks --------------------------------------------------------------------


def _object(value, path: str, allowed, required=()) -> dict:
    if not isinstance(value, dict):
        _fail(path, "must be a JSON object")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        names = ", ".join(repr(name[:40]) for name in unknown[:5])
        _fail(path, f"unknown properties {names}")
    for key in required:
        if key not in value:
            _fail(f"{path}.{key}", "is required")
    return value


def _string(value, path: str) -> str:
    if not isinstance(value, str):
        _fail(path, "must be a string")
    return value


def iri_value(value, path: str, max_length: int = 2048) -> str:
    """An absolute IRI (with a scheme), at most ``max_length`` characters."""
    if not isinstance(value, str) or not IRI_RE.fullmatch(value):
        _fail(path, "must be an absolute IRI (with a scheme, e.g. https://…)")
    if len(value) > max_length:
        _fail(path, f"longer than {max_length} characters")
    return value


def uuid_value(value, path: str) -> str:
    """A UUID in its hyphenated form, lower-cased."""
    if not isinstance(value, str) or not UUID_RE.fullmatch(value):
        _fail(path, "must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)")
    return value.lower()


def _number(value, path: str):
    if isinstance(value, bool) or not isinstance(value, int | float):
        _fail(path, "must be a number")
    return value


def _boolean(value, path: str) -> bool:
    if not isinstance(value, bool):
        _fail(path, "must be true or false")
    return value


def timestamp_parse(value, path: str) -> datetime:
    """An ISO 8601 date and time with a time zone, as an aware datetime in UTC."""
    if not isinstance(value, str) or not TIMESTAMP_RE.fullmatch(value):
        _fail(path, "must be an ISO 8601 timestamp with a time zone")
    try:
        return datetime.fromisoformat(value).astimezone(UTC)
    except (ValueError, OverflowError):
        _fail(path, "is not a valid date and time")


def _language_map(value, path: str) -> dict:
    if not isinstance(value, dict):
        _fail(path, "must be a language map")
    for tag, text in value.items():
        if not LANGUAGE_RE.fullmatch(tag):
            _fail(path, f"{tag[:40]!r} is not a language tag (e.g. vi, en-US)")
        _string(text, f"{path}.{tag}")
    return value


def _extensions(value, path: str) -> dict:
    if not isinstance(value, dict):
        _fail(path, "must be a JSON object")
    for key in value:
        iri_value(key, f"{path} key")
    return value


# --- Agents, activities --------------------------------------------------------------------


def _agent(value, path: str, *, kind: str | None = None) -> dict:
    """An Agent or a Group (``kind`` forces one), any identified form the spec allows."""
    agent = _object(value, path, {"objectType", "name", *AGENT_IFIS, "member"})
    object_type = agent.get("objectType", "Agent")
    if object_type not in ("Agent", "Group") or (kind and object_type != kind):
        _fail(f"{path}.objectType", f"must be {kind or 'Agent or Group'}")
    if "name" in agent:
        _string(agent["name"], f"{path}.name")
    ifis = [key for key in AGENT_IFIS if key in agent]
    if len(ifis) > 1:
        _fail(path, "must have exactly one identifier (mbox, mbox_sha1sum, openid, account)")
    if "mbox" in agent and not (
        isinstance(agent["mbox"], str) and MBOX_RE.fullmatch(agent["mbox"])
    ):
        _fail(f"{path}.mbox", "must be a mailto: address")
    if "mbox_sha1sum" in agent and not (
        isinstance(agent["mbox_sha1sum"], str) and SHA1_RE.fullmatch(agent["mbox_sha1sum"])
    ):
        _fail(f"{path}.mbox_sha1sum", "must be 40 hexadecimal characters")
    if "openid" in agent:
        iri_value(agent["openid"], f"{path}.openid")
    if "account" in agent:
        account = _object(agent["account"], f"{path}.account", {"homePage", "name"})
        iri_value(account.get("homePage"), f"{path}.account.homePage")
        if not isinstance(account.get("name"), str) or not account["name"]:
            _fail(f"{path}.account.name", "must be a non-empty string")
    if object_type == "Agent":
        if "member" in agent:
            _fail(f"{path}.member", "only a Group has members")
        if not ifis:
            _fail(path, "an Agent needs an identifier (mbox, mbox_sha1sum, openid, account)")
    elif "member" in agent or not ifis:
        members = agent.get("member")
        if not isinstance(members, list) or (not ifis and not members):
            _fail(f"{path}.member", "must be a list of agents (required for an anonymous Group)")
        for index, member in enumerate(members):
            _agent(member, f"{path}.member[{index}]", kind="Agent")
    return agent


def _definition(value, path: str) -> dict:
    keys = {"name", "description", "type", "moreInfo", "extensions", "interactionType"}
    keys |= {"correctResponsesPattern", *COMPONENT_LISTS}
    definition = _object(value, path, keys)
    for key in ("name", "description"):
        if key in definition:
            _language_map(definition[key], f"{path}.{key}")
    for key in ("type", "moreInfo"):
        if key in definition:
            iri_value(definition[key], f"{path}.{key}")
    if "extensions" in definition:
        _extensions(definition["extensions"], f"{path}.extensions")
    kind = definition.get("interactionType", "other")
    if not isinstance(kind, str) or kind not in INTERACTION_TYPES:
        _fail(f"{path}.interactionType", "is not an xAPI interaction type")
    if "correctResponsesPattern" in definition:
        pattern = definition["correctResponsesPattern"]
        if not isinstance(pattern, list) or not all(isinstance(p, str) for p in pattern):
            _fail(f"{path}.correctResponsesPattern", "must be a list of strings")
    for key in COMPONENT_LISTS:
        if key not in definition:
            continue
        components = definition[key]
        if not isinstance(components, list):
            _fail(f"{path}.{key}", "must be a list of interaction components")
        ids = set()
        for index, component in enumerate(components):
            where = f"{path}.{key}[{index}]"
            component = _object(component, where, {"id", "description"}, required=("id",))
            ids.add(_string(component["id"], f"{where}.id"))
            if "description" in component:
                _language_map(component["description"], f"{where}.description")
        if len(ids) != len(components):
            _fail(f"{path}.{key}", "component ids must be distinct")
    return definition


def _activity(value, path: str) -> dict:
    object_type = value.get("objectType", "Activity") if isinstance(value, dict) else None
    if object_type in ("Agent", "Group", "SubStatement", "StatementRef"):
        _fail(f"{path}.objectType", f"{object_type} objects are not accepted: only activities")
    activity = _object(value, path, {"objectType", "id", "definition"})
    if object_type != "Activity":
        _fail(f"{path}.objectType", "must be Activity")
    if "id" not in activity:
        _fail(f"{path}.id", "is required")
    iri_value(activity["id"], f"{path}.id", MAX_ACTIVITY_IRI)
    if "definition" in activity:
        _definition(activity["definition"], f"{path}.definition")
    return {**activity, "objectType": "Activity"}


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


def _context(value, path: str) -> dict:
    keys = {"registration", "instructor", "team", "contextActivities", "revision", "platform"}
    context = dict(_object(value, path, keys | {"language", "statement", "extensions"}))
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
        where = f"{path}.statement"
        ref = _object(context["statement"], where, {"objectType", "id"}, ("objectType", "id"))
        if ref["objectType"] != "StatementRef":
            _fail(f"{where}.objectType", "must be StatementRef")
        context["statement"] = {"objectType": "StatementRef", "id": uuid_value(ref["id"], where)}
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
        _string(attachment["contentType"], f"{where}.contentType")
        _string(attachment["sha2"], f"{where}.sha2")
        length = attachment["length"]
        if isinstance(length, bool) or not isinstance(length, int) or length < 0:
            _fail(f"{where}.length", "must be a non-negative integer")
        if "fileUrl" not in attachment:
            _fail(f"{where}.fileUrl", "is required: attachment bodies (multipart) are not accepted")
        iri_value(attachment["fileUrl"], f"{where}.fileUrl")
    return value


def statement_validate(statement: dict) -> dict:
    """Check one xAPI 1.0.3 statement; return it normalised, or raise XapiError (400).

    The actor, if sent, must be a valid Agent or Group but is dropped (the server replaces it
    with the learner); ``stored`` and ``authority`` are checked and dropped likewise.
    """
    statement = _object(statement, "statement", STATEMENT_KEYS, required=("verb", "object"))
    out: dict[str, Any] = {}
    if "id" in statement:
        out["id"] = uuid_value(statement["id"], "id")
    if "actor" in statement:
        _agent(statement["actor"], "actor")
    if "authority" in statement:
        _agent(statement["authority"], "authority")
    if "stored" in statement:
        timestamp_parse(statement["stored"], "stored")
    out["verb"] = _verb(statement["verb"], "verb")
    out["object"] = _activity(statement["object"], "object")
    if "result" in statement:
        out["result"] = _result(statement["result"], "result")
    if "context" in statement:
        out["context"] = _context(statement["context"], "context")
    if "timestamp" in statement:
        timestamp_parse(statement["timestamp"], "timestamp")
        out["timestamp"] = statement["timestamp"]
    version = statement.get("version", "1.0.0")
    if not isinstance(version, str) or not VERSION_RE.fullmatch(version):
        _fail("version", "must be 1.0.x")
    out["version"] = version
    if "attachments" in statement:
        out["attachments"] = _attachments(statement["attachments"], "attachments")
    return out
