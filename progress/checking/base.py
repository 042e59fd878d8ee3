"""What the H5P checkers share: the result, and the JavaScript semantics H5P libraries rely on
(white space, truthiness, number comparison, jQuery's deep ``$.extend`` of default params)."""

import copy
import math
import re
from dataclasses import dataclass

SEPARATOR = "[,]"  # how every H5P library joins the parts of an xAPI response

# What JavaScript's \s and String.trim() treat as white space.
_JS_SPACE = frozenset(
    "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)
JS_SPACE = _JS_SPACE


@dataclass(frozen=True)
class CheckedResult:
    raw: float
    max: float
    scaled: float
    success: bool | None  # None: the content type has no pass rule of its own


# --- JavaScript semantics the libraries rely on -----------------------------------------------


def js_trim(text: str) -> str:
    start, end = 0, len(text)
    while start < end and text[start] in _JS_SPACE:
        start += 1
    while end > start and text[end - 1] in _JS_SPACE:
        end -= 1
    return text[start:end]


def js_rtrim(text: str) -> str:
    end = len(text)
    while end and text[end - 1] in _JS_SPACE:
        end -= 1
    return text[:end]


def utf16(text: str) -> list[int]:
    """The UTF-16 code units JavaScript indexes and counts a string by."""
    data = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]


def damerau_levenshtein(first: list[int], second: list[int]) -> int:
    """H5P.TextUtilities.computeLevenshteinDistance(first, second, true), swap cost included."""
    if first == second:
        return 0
    if not first or not second:
        return len(first) or len(second)
    rows = [[i] + [0] * len(second) for i in range(len(first) + 1)]
    rows[0] = list(range(len(second) + 1))
    for i in range(1, len(first) + 1):
        for j in range(1, len(second) + 1):
            cost = 0 if first[i - 1] == second[j - 1] else 1
            best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                best = min(best, rows[i - 2][j - 2] + cost)
            rows[i][j] = best
    return rows[-1][-1]


def truthy(value) -> bool:
    if isinstance(value, float) and math.isnan(value):
        return False
    return isinstance(value, dict | list) or bool(value)


def js_number(value) -> float:
    """A number as JavaScript compares it; NaN (never passes) for anything else."""
    if isinstance(value, bool | None):
        return float(bool(value))
    if isinstance(value, int | float):
        try:
            return float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf
    if isinstance(value, str) and re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", value):
        return float(value)
    return math.nan


def js_parse_int(value) -> int | None:
    """JavaScript's ``parseInt(value)`` (no radix): the leading integer of ``String(value)``,
    hexadecimal after "0x"; None for NaN."""
    if isinstance(value, bool) or value is None:
        return None  # "true", "false", "null": NaN
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = js_trim(str(value)) if isinstance(value, str | int | float) else ""
    found = re.match(r"([+-]?)(0[xX]([0-9a-fA-F]*)|\d+)", text)
    if found is None or found.group(3) == "":
        return None  # no digits, or "0x" with no hexadecimal digit after it
    number = int(found.group(3), 16) if found.group(3) else int(found.group(2))
    return -number if found.group(1) == "-" else number


def js_key(value) -> str:
    """The property name JavaScript makes of ``value`` (``object[value]``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "null" if value is None else str(value)


def score_weight(value) -> float:
    """A score weight: ``weight`` is no semantics field, so in practice always the default 1
    (a weight that is not a finite number >= 0 counts as 1 too)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = js_number(value)
        if math.isfinite(number) and number >= 0:
            return number
    return 1.0


def _extend(target, source):
    """jQuery's ``$.extend(true, target, source)``: objects and arrays merge key by key (so an
    empty array keeps the default's items), other values replace."""
    items = source.items() if isinstance(source, dict) else enumerate(source)
    for key, value in items:
        if isinstance(value, dict | list):
            old = target[key] if _has(target, key) else None
            clone = old if type(old) is type(value) else type(value)()
            value = _extend(clone, value)
        if isinstance(target, list) and key >= len(target):
            target.extend([None] * (key - len(target) + 1))
        target[key] = value
    return target


def _has(container, key) -> bool:
    return key in container if isinstance(container, dict) else key < len(container)


def merged_params(defaults: dict, params) -> dict:
    """``params`` over a fresh copy of a library's defaults, for the keys we read only."""
    source = params if isinstance(params, dict) else {}
    return _extend(copy.deepcopy(defaults), {k: source[k] for k in defaults if k in source})


def choice_indexes(response: str | None, count: int) -> list[int] | None:
    """addResponseToXAPI(): the chosen answers' indexes in content.json order (idMap undoes the
    shuffle) joined by "[,]"; "" is no choice. None when it is not such a list."""
    if not response:
        return []
    indexes = []
    for part in response.split(SEPARATOR):
        if not re.fullmatch(r"0|[1-9][0-9]{0,8}", part) or int(part) >= count:
            return None
        indexes.append(int(part))
    return indexes if len(set(indexes)) == len(indexes) else None


def as_dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _scaled(raw: float, maximum: float) -> float:
    """H5P's ``Math.round(score / maxScore * 10000) / 10000``; 0 when there is no maximum."""
    ratio = raw / maximum if maximum > 0 else 0.0
    return math.floor(ratio * 10000 + 0.5) / 10000 if math.isfinite(ratio * 10000) else 0.0


def passes(raw: float, maximum: float, pass_percentage) -> bool:
    """``(100 * score / maxScore) >= passPercentage``: false when it is NaN in JavaScript."""
    return maximum > 0 and 100 * raw / maximum >= js_number(pass_percentage)


def checked_result(raw: float, maximum: float, success: bool | None) -> CheckedResult:
    return CheckedResult(float(raw), float(maximum), _scaled(raw, maximum), success)
