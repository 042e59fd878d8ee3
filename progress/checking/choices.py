"""Graders for choosing: Single Choice Set's questions, Mark the Words and Summary's lists."""

import re
from html.parser import HTMLParser

from progress.checking.base import (
    JS_SPACE,
    CheckedResult,
    checked_result,
    choice_indexes,
    js_trim,
    merged_params,
    utf16,
)

# --- H5P.SingleChoiceSet 1.11 (scripts/single-choice.js, scripts/single-choice-set.js) --------


def check_single_choice(params, response: str | None) -> CheckedResult:
    # SingleChoice(): answers[i] becomes {text, correct: i === 0, answerIndex: i} before the
    # shuffle, so the first answer in content.json is the right one. createXApiAnsweredEvent():
    # response userAnswer.toString() (the chosen answerIndex; '' when unanswered), score
    # (userAnswer === 0) ? 1 : 0 out of 1, success userAnswer === 0.
    right = response == "0"
    return checked_result(1 if right else 0, 1, right)


# --- H5P.MarkTheWords 1.9 (scripts/mark-the-words.js, scripts/word.js) -----------------------

_WORD_SPACE = "".join(sorted(JS_SPACE))
_SELECTABLE = re.compile(rf" \*[^* ]+\* |[^{re.escape(_WORD_SPACE)}]+")
_PREFIX = re.compile(r"^[\[({⟨¿¡“\"«„]+")
_SUFFIX = re.compile(r"[\",….:;?!\])}⟩»”]+$")


class _TextNodes(HTMLParser):
    """$.parseHTML(textField)'s text nodes in document order, entities decoded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []

    def handle_data(self, data):
        self.texts.append(data)


def _marked_words(text_field) -> list[str]:
    """The text of each selectable word, in order: createHtmlForWords() over each text node
    (line breaks and "&nbsp;" become spaces, then ' *word* ' or a run of non-space characters;
    trimmed, with leading and trailing punctuation left outside the word)."""
    if not isinstance(text_field, str):
        return []
    parser = _TextNodes()
    parser.feed(text_field)
    parser.close()
    words = []
    for text in parser.texts:
        text = re.sub(r"&nbsp;|\r\n|\n|\r", " ", text)
        for entry in _SELECTABLE.findall(text):
            entry = js_trim(entry)
            prefix, suffix = _PREFIX.search(entry), _SUFFIX.search(entry)
            start = len(prefix.group()) if prefix else 0
            end = len(entry) - start - (len(suffix.group()) if suffix else 0)
            word = entry[start : start + max(end, 0)]
            if word:
                words.append(word)
    return words


def _is_answer(word: str) -> bool:
    # Word's checkForAnswer(); removeDoubleAsterisks() slices from the word each time, so only
    # the last "**" found is removed.
    stripped, index = word, word.find("*")
    while index != -1:
        if word.find("*", index + 1) == index + 1:
            stripped = word[:index] + word[index + 2 :]
        index = word.find("*", index + 1)
    units = utf16(stripped)  # charAt() and length count UTF-16 code units
    return len(units) > 2 and units[0] == 42 and (units[-1] == 42 or units[-2] == 42)


def check_mark_the_words(params, response: str | None) -> CheckedResult:
    # getUserSelections(): the selected words' indexes joined by "[,]"; calculateScore():
    # right marks minus wrong ones, not below 0; with no answer in the text, marking nothing
    # wrong is 1 of 1. getMaxScore(): the answers; success: score === max.
    p = merged_params({"textField": "This is a *nice*, *flexible* content type."}, params)
    answers = [_is_answer(word) for word in _marked_words(p["textField"])]
    blank_is_correct = not any(answers)
    maximum = 1 if blank_is_correct else sum(answers)
    chosen = choice_indexes(response, len(answers))
    if chosen is None:  # not what the player sends
        return checked_result(0, maximum, False)
    right = sum(answers[i] for i in chosen)
    wrong = len(chosen) - right
    if wrong == 0 and blank_is_correct:
        right = 1
    score = max(right - wrong, 0)
    return checked_result(score, maximum, score == maximum)


# --- H5P.Summary 1.10 (js/summary.js) ------------------------------------------------------------


def check_summary_statements(params, response: str | None) -> CheckedResult:
    # A list's "answered" goes out at the first pick only (userResponses[panel].length === 1):
    # response is the picked statement's index in content.json (dataBitMap undoes the shuffle);
    # score (correctOnFirstTry(): the one pick is 0, the first statement) ? 1 : 0 out of 1;
    # the result builder sets no success.
    return checked_result(1 if response == "0" else 0, 1, None)
