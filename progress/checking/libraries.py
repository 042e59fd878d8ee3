"""Per-library graders: ``(params, response) -> CheckedResult`` as the library grades.

``response`` is the xAPI ``result.response`` string; None grades the question as left empty (as
an unanswered question counts in a QuestionSet). Each grader quotes the JavaScript it follows.
"""

import html
import re
from collections.abc import Callable

from progress.checking.base import (
    SEPARATOR,
    CheckedResult,
    as_dict,
    checked_result,
    choice_indexes,
    damerau_levenshtein,
    js_rtrim,
    js_trim,
    merged_params,
    passes,
    score_weight,
    truthy,
    utf16,
)
from progress.checking.choices import (
    check_mark_the_words,
    check_single_choice,
    check_summary_statements,
)
from progress.checking.containers import SINGLE_CHOICE, SUMMARY_STATEMENTS
from progress.checking.dictation import check_dictation
from progress.checking.dragging import check_drag_question, check_image_sequencing
from progress.checking.essay import check_essay
from progress.checking.pointing import (
    check_arithmetic_quiz,
    check_image_hotspot,
    check_image_multiple_hotspot,
)

# --- H5P.TrueFalse 1.6 (scripts/h5p-true-false.js) --------------------------------------------


def _check_true_false(params, response: str | None) -> CheckedResult:
    # getCorrectAnswer(): params.correct === 'true' ? 'true' : 'false'; addResponseToXAPI()
    # reports that string when answerGroup.isCorrect(), the other one when not; MAX_SCORE = 1.
    p = merged_params({"correct": "true"}, params)
    correct = "true" if p["correct"] == "true" else "false"
    right = response == correct
    return checked_result(1 if right else 0, 1, right)


# --- H5P.MultiChoice 1.14 (js/multichoice.js) -------------------------------------------------

_MULTICHOICE_DEFAULTS = {
    "answers": [{"text": "Answer 1", "correct": True}],
    "weight": 1,
    "behaviour": {"type": "auto", "singlePoint": True, "passPercentage": 100},
}


def _check_multi_choice(params, response: str | None) -> CheckedResult:
    p = merged_params(_MULTICHOICE_DEFAULTS, params)
    answers = p["answers"] if isinstance(p["answers"], list) else []
    behaviour = as_dict(p["behaviour"])
    weight = score_weight(p["weight"])
    correct = [truthy(as_dict(answer).get("correct")) for answer in answers]
    weights = [score_weight(as_dict(answer).get("weight")) for answer in answers]
    blank_is_correct = not any(correct)
    if behaviour.get("type") == "auto":
        single_answer = sum(correct) == 1
    else:
        single_answer = behaviour.get("type") == "single"
    single_point = truthy(behaviour.get("singlePoint"))
    # calculateMaxScore() and getMaxScore()
    full = weight if blank_is_correct else sum(w for i, w in enumerate(weights) if correct[i])
    maximum = full if not single_answer and not single_point else weight
    chosen = choice_indexes(response, len(answers))
    if chosen is None:
        score = 0.0
    elif single_answer:  # toggleCheck(): the one chosen answer is right or not
        score = weight if len(chosen) == 1 and correct[chosen[0]] else 0.0
    else:  # calcScore(): +weight per right choice, -weight per wrong one, not below 0
        score = max(0.0, sum(weights[i] if correct[i] else -weights[i] for i in chosen))
        if not chosen and blank_is_correct:
            score = weight
        if single_point:
            score = weight if passes(score, full, behaviour.get("passPercentage")) else 0.0
    return checked_result(score, maximum, passes(score, maximum, behaviour.get("passPercentage")))


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
                solutions.append([html.unescape(js_trim(s)) for s in text.split("/")])
                replacer = "_"
                end += 1
            else:  # "**" is left as it is
                start += 1
            question = question[: start - 1] + replacer + question[end:]
            end = start + len(replacer)  # one past the replacement, as blanks.js does
            start = question.find("*", end)
    return solutions


def _cloze_correct(answered: str, solutions: list[str], behaviour: dict) -> bool:
    """Cloze's correct(): lower-cased unless caseSensitive === true; with acceptSpellingErrors
    === true a solution longer than 9 allows distance 2, longer than 3 distance 1."""
    if behaviour.get("caseSensitive") is not True:
        answered, solutions = answered.lower(), [s.lower() for s in solutions]
    spelling = behaviour.get("acceptSpellingErrors") is True
    typed_length = len(answered.encode("utf-16-le", "surrogatepass")) // 2 if spelling else 0
    for solution in solutions:
        if spelling:
            wanted = utf16(solution)
            allowed = 2 if len(wanted) > 9 else 1 if len(wanted) > 3 else 0
            # the length difference is a lower bound: a long guess is never compared
            if (
                allowed
                and abs(typed_length - len(wanted)) <= allowed
                and damerau_levenshtein(utf16(answered), wanted) <= allowed
            ):
                return True
        if answered == solution:
            return True
    return False


def _check_blanks(params, response: str | None) -> CheckedResult:
    # getxAPIResponse(): each input's value, untrimmed, joined by "[,]" in cloze order;
    # getScore(): one point per cloze whose trimmed value is correct; getMaxScore(): the clozes.
    # addResponseToXAPI() reports no success.
    p = merged_params(_BLANKS_DEFAULTS, params)
    solutions = _blanks_solutions(p["questions"])
    behaviour = as_dict(p["behaviour"])
    parts = [""] * len(solutions) if response is None else response.split(SEPARATOR)
    if len(parts) != len(solutions):
        return checked_result(0, len(solutions), None)
    score = sum(
        _cloze_correct(js_trim(part), alternatives, behaviour)
        for part, alternatives in zip(parts, solutions, strict=True)
    )
    return checked_result(score, len(solutions), None)


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
        solutions.append(js_rtrim(word))
    return solutions


def _check_drag_text(params, response: str | None) -> CheckedResult:
    # getXAPIResponse(): per drop zone, the text of the word dropped there or "" when empty,
    # joined by "[,]"; calculateScore(): one point per zone whose word's text === the zone's
    # text; max = number of zones. addResponseToXAPI() replaces the result: no success.
    solutions = _dragtext_solutions(merged_params(_DRAGTEXT_DEFAULTS, params)["textField"])
    parts = [""] * len(solutions) if response is None else response.split(SEPARATOR)
    if len(parts) != len(solutions):
        return checked_result(0, len(solutions), None)
    # "" is also what an empty zone reports, so it never counts (even for a zone whose text is "")
    pairs = zip(parts, solutions, strict=True)
    score = sum(part != "" and part == solution for part, solution in pairs)
    return checked_result(score, len(solutions), None)


# --- By machine name ------------------------------------------------------------------------------

CHECKERS: dict[str, Callable[[dict, str | None], CheckedResult | None]] = {
    "H5P.TrueFalse": _check_true_false,
    "H5P.MultiChoice": _check_multi_choice,
    "H5P.Blanks": _check_blanks,
    "H5P.DragText": _check_drag_text,
    "H5P.MarkTheWords": check_mark_the_words,
    "H5P.DragQuestion": check_drag_question,
    "H5P.ImageSequencing": check_image_sequencing,
    "H5P.Essay": check_essay,
    "H5P.ImageHotspotQuestion": check_image_hotspot,
    "H5P.ImageMultipleHotspotQuestion": check_image_multiple_hotspot,
    "H5P.ArithmeticQuiz": check_arithmetic_quiz,
    "H5P.Dictation": check_dictation,
    SINGLE_CHOICE: check_single_choice,
    SUMMARY_STATEMENTS: check_summary_statements,
}
