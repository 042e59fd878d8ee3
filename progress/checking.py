"""Re-check H5P results on the server from the package's answer key.

The H5P player grades in the browser, so the ``score`` and ``success`` it reports can be forged.
These pure functions (no database) recompute them from the statement's ``result.response`` and the
package's content.json, the way the H5P libraries themselves grade: H5P.TrueFalse 1.6,
H5P.MultiChoice 1.14, H5P.Blanks 1.12, H5P.DragText 1.8 and H5P.QuestionSet 1.17 (the versions in
the test fixtures; the rules quoted below are from their JavaScript). Content params are merged
over each library's defaults as jQuery's deep ``$.extend`` does, so missing keys behave as in the
player. ``None`` means "not gradable": no answer in the statement, a container's own statement,
or a content type we don't know; the caller records such statements as unverified.
"""

import copy
import html
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

GRADABLE_VERBS = {
    "http://adlnet.gov/expapi/verbs/answered",
    "http://adlnet.gov/expapi/verbs/completed",
}
SEPARATOR = "[,]"  # how every H5P library joins the parts of an xAPI response
QUESTION_SET = "H5P.QuestionSet"

# What JavaScript's \s and String.trim() treat as white space.
_JS_SPACE = frozenset(
    "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)


@dataclass(frozen=True)
class CheckedResult:
    raw: float
    max: float
    scaled: float
    success: bool | None  # None: the content type has no pass rule of its own


# --- JavaScript semantics the libraries rely on -----------------------------------------------


def _js_trim(text: str) -> str:
    start, end = 0, len(text)
    while start < end and text[start] in _JS_SPACE:
        start += 1
    while end > start and text[end - 1] in _JS_SPACE:
        end -= 1
    return text[start:end]


def _js_rtrim(text: str) -> str:
    end = len(text)
    while end and text[end - 1] in _JS_SPACE:
        end -= 1
    return text[:end]


def _utf16(text: str) -> list[int]:
    """The UTF-16 code units JavaScript indexes and counts a string by."""
    data = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]


def _truthy(value) -> bool:
    if isinstance(value, float) and math.isnan(value):
        return False
    return isinstance(value, dict | list) or bool(value)


def _number(value) -> float:
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


def _weight(value) -> float:
    """A score weight (``weight`` is no semantics field: in practice always the default 1)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = _number(value)
        if math.isfinite(number):
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


def _params(defaults: dict, params) -> dict:
    """``params`` over a fresh copy of a library's defaults, for the keys we read only."""
    source = params if isinstance(params, dict) else {}
    return _extend(copy.deepcopy(defaults), {k: source[k] for k in defaults if k in source})


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _scaled(raw: float, maximum: float) -> float:
    """H5P's ``Math.round(score / maxScore * 10000) / 10000``; 0 when there is no maximum."""
    ratio = raw / maximum if maximum > 0 else 0.0
    return math.floor(ratio * 10000 + 0.5) / 10000 if math.isfinite(ratio) else 0.0


def _passes(raw: float, maximum: float, pass_percentage) -> bool:
    """``(100 * score / maxScore) >= passPercentage``: false when it is NaN in JavaScript."""
    return maximum > 0 and 100 * raw / maximum >= _number(pass_percentage)


def _result(raw: float, maximum: float, success: bool | None) -> CheckedResult:
    return CheckedResult(float(raw), float(maximum), _scaled(raw, maximum), success)


# --- H5P.TrueFalse 1.6 (scripts/h5p-true-false.js) --------------------------------------------


def _check_true_false(params, response: str | None) -> CheckedResult:
    # getCorrectAnswer(): params.correct === 'true' ? 'true' : 'false'; addResponseToXAPI()
    # reports that string when answerGroup.isCorrect(), the other one when not; MAX_SCORE = 1.
    p = _params({"correct": "true"}, params)
    correct = "true" if p["correct"] == "true" else "false"
    right = response == correct
    return _result(1 if right else 0, 1, right)


# --- H5P.MultiChoice 1.14 (js/multichoice.js) -------------------------------------------------

_MULTICHOICE_DEFAULTS = {
    "answers": [{"text": "Answer 1", "correct": True}],
    "weight": 1,
    "behaviour": {"type": "auto", "singlePoint": True, "passPercentage": 100},
}


def _choice_indexes(response: str | None, count: int) -> list[int] | None:
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


def _check_multi_choice(params, response: str | None) -> CheckedResult:
    p = _params(_MULTICHOICE_DEFAULTS, params)
    answers = p["answers"] if isinstance(p["answers"], list) else []
    behaviour = _dict(p["behaviour"])
    weight = _weight(p["weight"])
    correct = [_truthy(_dict(answer).get("correct")) for answer in answers]
    weights = [_weight(_dict(answer).get("weight")) for answer in answers]
    blank_is_correct = not any(correct)
    if behaviour.get("type") == "auto":
        single_answer = sum(correct) == 1
    else:
        single_answer = behaviour.get("type") == "single"
    single_point = _truthy(behaviour.get("singlePoint"))
    # calculateMaxScore() and getMaxScore()
    full = weight if blank_is_correct else sum(w for i, w in enumerate(weights) if correct[i])
    maximum = full if not single_answer and not single_point else weight
    chosen = _choice_indexes(response, len(answers))
    if chosen is None:
        score = 0.0
    elif single_answer:  # toggleCheck(): the one chosen answer is right or not
        score = weight if len(chosen) == 1 and correct[chosen[0]] else 0.0
    else:  # calcScore(): +weight per right choice, -weight per wrong one, not below 0
        score = max(0.0, sum(weights[i] if correct[i] else -weights[i] for i in chosen))
        if not chosen and blank_is_correct:
            score = weight
        if single_point:
            score = weight if _passes(score, full, behaviour.get("passPercentage")) else 0.0
    return _result(score, maximum, _passes(score, maximum, behaviour.get("passPercentage")))


# --- H5P.Blanks 1.12 (js/blanks.js, js/cloze.js; H5P.TextUtilities 1.3) ----------------------

_BLANKS_DEFAULTS = {
    "questions": ["Oslo is the capital of *Norway*."],
    "behaviour": {"caseSensitive": True, "acceptSpellingErrors": False},
}


def _blanks_solutions(questions) -> list[list[str]]:
    """handleBlanks() over each question and parseSolution() of each *cloze*: the text before
    ":" (a tip follows), split at "/", each alternative trimmed, then HTML entities decoded."""
    solutions = []
    for question in questions if isinstance(questions, list) else []:
        if not isinstance(question, str) or not question:
            continue  # the constructor drops empty questions; others would break the player
        start, end = question.find("*"), 0
        while start != -1 and end != -1:
            start += 1
            end = question.find("*", start)
            if end == -1:
                break
            replacer = ""
            if end > start:
                text = question[start:end].split(":", 1)[0]
                solutions.append([html.unescape(_js_trim(s)) for s in text.split("/")])
                replacer = "_"
                end += 1
            else:  # "**" is left as it is
                start += 1
            question = question[: start - 1] + replacer + question[end:]
            end = start + len(replacer)  # one past the replacement, as blanks.js does
            start = question.find("*", end)
    return solutions


def _damerau_levenshtein(first: list[int], second: list[int]) -> int:
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


def _cloze_correct(answered: str, solutions: list[str], behaviour: dict) -> bool:
    """Cloze's correct(): lower-cased unless caseSensitive === true; with acceptSpellingErrors
    === true a solution longer than 9 allows distance 2, longer than 3 distance 1."""
    if behaviour.get("caseSensitive") is not True:
        answered, solutions = answered.lower(), [s.lower() for s in solutions]
    typed = _utf16(answered)
    for solution in solutions:
        if behaviour.get("acceptSpellingErrors") is True:
            wanted = _utf16(solution)
            allowed = 2 if len(wanted) > 9 else 1 if len(wanted) > 3 else 0
            # the length difference is a lower bound: no need to compare a long guess
            if (
                allowed
                and abs(len(typed) - len(wanted)) <= allowed
                and _damerau_levenshtein(typed, wanted) <= allowed
            ):
                return True
        if answered == solution:
            return True
    return False


def _check_blanks(params, response: str | None) -> CheckedResult:
    # getxAPIResponse(): each input's value, untrimmed, joined by "[,]" in cloze order;
    # getScore(): one point per cloze whose trimmed value is correct; getMaxScore(): the clozes.
    # addResponseToXAPI() reports no success.
    p = _params(_BLANKS_DEFAULTS, params)
    solutions = _blanks_solutions(p["questions"])
    behaviour = _dict(p["behaviour"])
    parts = [""] * len(solutions) if response is None else response.split(SEPARATOR)
    if len(parts) != len(solutions):
        return _result(0, len(solutions), None)
    score = sum(
        _cloze_correct(_js_trim(part), alternatives, behaviour)
        for part, alternatives in zip(parts, solutions, strict=True)
    )
    return _result(score, len(solutions), None)


# --- H5P.DragText 1.8 (dist/h5p-drag-text.js) -------------------------------------------------

_DRAGTEXT_DEFAULTS = {
    "textField": "This is a *nice*, *flexible* content type, which allows you to highlight all"
    " the *wonderful* words in this *exciting* sentence.\nThis is another line of *fantastic*"
    " text."
}
_DRAGTEXT_PART = re.compile(r"(\*[^\n\r\u2028\u2029]*?\*)")  # parseText(); JS "." stops there


def _dragtext_solutions(text_field) -> list[str]:
    """The text of each drop zone: lex() of each *answer* part of the text."""
    if not isinstance(text_field, str):
        return []
    text = re.sub(r"\r\n|\n|\r", "<br/>", text_field)
    solutions = []
    for part in (p for p in _DRAGTEXT_PART.split(text) if p):
        if not (part.startswith("*") and part.endswith("*")):
            continue
        word = part[1:]
        word = word[:-1] if word.endswith("*") else word  # cleanCharacter("*", part)
        # a tip after ":", feedback after "\+" and "\-"; String.replace(array) joins with ","
        for marker in (r":[^\\*]+", r"\\\+[^\\*:]+", r"\\-[^\\*:]+"):
            found = re.findall(marker, part)
            if found:
                word = word.replace(",".join(found), "", 1)
        solutions.append(_js_rtrim(word))
    return solutions


def _check_drag_text(params, response: str | None) -> CheckedResult:
    # getXAPIResponse(): per drop zone, the text of the word dropped there or "" when empty,
    # joined by "[,]"; calculateScore(): one point per zone whose word's text === the zone's
    # text; max = number of zones. addResponseToXAPI() replaces the result: no success.
    solutions = _dragtext_solutions(_params(_DRAGTEXT_DEFAULTS, params)["textField"])
    parts = [""] * len(solutions) if response is None else response.split(SEPARATOR)
    if len(parts) != len(solutions):
        return _result(0, len(solutions), None)
    # "" is also what an empty zone reports, so it never counts (even for a zone whose text is "")
    pairs = zip(parts, solutions, strict=True)
    score = sum(part != "" and part == solution for part, solution in pairs)
    return _result(score, len(solutions), None)


# --- Dispatch ---------------------------------------------------------------------------------

CHECKERS: dict[str, Callable[[dict, str | None], CheckedResult]] = {
    "H5P.TrueFalse": _check_true_false,
    "H5P.MultiChoice": _check_multi_choice,
    "H5P.Blanks": _check_blanks,
    "H5P.DragText": _check_drag_text,
}


def _machine_name(library) -> str:
    """The machine name of "H5P.MultiChoice 1.14" (a sub-content's "library") or of a name."""
    return library.split(" ", 1)[0] if isinstance(library, str) else ""


def _question_set_questions(content_json) -> list[dict]:
    questions = _dict(content_json).get("questions")
    return [q for q in questions if isinstance(q, dict)] if isinstance(questions, list) else []


def _graded_content(*, content_json, main_library, sub_content_id) -> tuple[str, dict] | None:
    """The (library, params) a statement is about, or None when we can't grade it."""
    main = _machine_name(main_library)
    if sub_content_id is None:
        return (main, _dict(content_json)) if main in CHECKERS else None
    if main != QUESTION_SET:
        return None
    for question in _question_set_questions(content_json):
        if question.get("subContentId") == sub_content_id:
            library = _machine_name(question.get("library"))
            return (library, _dict(question.get("params"))) if library in CHECKERS else None
    return None


def h5p_result_check(*, content_json: dict, main_library: str, statement: dict):
    """The statement's result recomputed from the package's answer key (CheckedResult), or None.

    ``main_library`` is the package's main machine name. Sub-questions of a QuestionSet are
    found by the "?subContentId=<id>" at the end of object.id. None for statements with no
    result.response, verbs other than answered/completed, the QuestionSet's own statement (its
    "completed" carries no response: combine the children with ``h5p_question_set_result``) and
    content types we don't know. A response that can't be read scores 0; this never raises.
    """
    if not isinstance(statement, dict):
        return None
    verb = _dict(statement.get("verb")).get("id")
    result = _dict(statement.get("result"))
    object_id = _dict(statement.get("object")).get("id")
    if verb not in GRADABLE_VERBS or "response" not in result or not isinstance(object_id, str):
        return None
    _base, marker, sub_content_id = object_id.rpartition("?subContentId=")
    target = _graded_content(
        content_json=content_json,
        main_library=main_library,
        sub_content_id=sub_content_id if marker else None,
    )
    if target is None:
        return None
    library, params = target
    if not isinstance(result["response"], str):  # there, but no answer: scores 0
        empty = CHECKERS[library](params, None)
        return _result(0, empty.max, None if empty.success is None else False)
    return CHECKERS[library](params, result["response"])


def h5p_question_set_result(*, content_json: dict, children: Mapping[str, CheckedResult]):
    """A QuestionSet's own result from its questions' checked results (by subContentId).

    As H5P.QuestionSet 1.17 does: score and maximum are sums over every question, an unanswered
    one graded as left empty (a MultiChoice whose right answer is "none" then earns its point);
    success is 100 * score / max >= passPercentage (default 50). None when a question's type is
    unknown (its maximum can't be known) or poolSize shows a random subset of the questions.
    """
    params = _params({"passPercentage": 50, "poolSize": 0}, content_json)
    if _number(params["poolSize"]) > 0:
        return None
    raw = maximum = 0.0
    for question in _question_set_questions(content_json):
        library = _machine_name(question.get("library"))
        if library not in CHECKERS:
            return None
        sub_content_id = question.get("subContentId")
        child = children.get(sub_content_id) if isinstance(sub_content_id, str) else None
        if not isinstance(child, CheckedResult):
            child = CHECKERS[library](_dict(question.get("params")), None)
        raw, maximum = raw + child.raw, maximum + child.max
    return _result(raw, maximum, _passes(raw, maximum, params["passPercentage"]))
