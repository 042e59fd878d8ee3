"""xAPI values: the error, the JSON body, and small checks (IRIs, UUIDs, timestamps…)."""

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
# ISO 8601 durations as xAPI uses them: weeks only on their own (``P4W``, never ``P4W1D``).
DURATION_RE = re.compile(
    rf"P(?:{_N}W|(?!$)(?:{_N}Y)?(?:{_N}M)?(?:{_N}D)?(?:T(?=\d)(?:{_N}H)?(?:{_N}M)?(?:{_N}S)?)?)"
)
# RFC 3339 §4.3: -00:00 means "offset unknown"; xAPI forbids it in timestamps.
UNKNOWN_OFFSET_RE = re.compile(r"-00(?::?00)?$")
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
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
# Which interaction component lists each interaction type may have (xAPI 1.0.3 §2.4.4.1).
COMPONENTS_OF = {
    "choice": ("choices",),
    "sequencing": ("choices",),
    "likert": ("scale",),
    "matching": ("source", "target"),
    "performance": ("steps",),
}


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
    if UNKNOWN_OFFSET_RE.search(value):
        _fail(path, "must not use the offset -00:00 (unknown offset): use Z or +00:00")
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
