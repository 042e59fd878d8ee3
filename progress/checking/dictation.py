"""H5P.Dictation 1.3 (src/scripts/h5p-dictation.js, h5p-dictation-sentence.js; 1.4 scores alike).

The library's statement reports, as ``result.response``, the words left after its own alignment
with the solution, with no sentence boundaries: the server can't grade that. The player frame
(courses/static/courses/h5p-frame.js) adds what the learner typed in each sentence's field,
``sentence.getUserInput()``, as a JSON array of strings in content.json order (the sentences
kept after dropping those without a text or a sample), under ``ANSWER_EXTENSION``. This module
then grades each sentence as ``Sentence.computeResults()`` does and adds them up as
``Dictation.showEvaluation()`` does.

What is not reproduced (``dictation_unsupported`` says why, the grader answers None): a word
separator other than a space (the library then builds regular expressions from the content's
alternatives), and a sentence text holding HTML tags (the library reads it through the browser's
HTML parser).
"""

import html
import json
import math
import re

from progress.checking.base import _JS_SPACE as JS_SPACE
from progress.checking.base import (
    CheckedResult,
    as_dict,
    checked_result,
    damerau_levenshtein,
    js_parse_int,
    js_trim,
    merged_params,
    truthy,
    utf16,
)

_DEFAULTS = {
    "sentences": [],
    "behaviour": {
        "scoring": {"ignorePunctuation": True, "zeroMistakeMode": False, "typoFactor": "100"},
        "textual": {"wordSeparator": " ", "autosplit": True},
    },
}

# Sentence.WORD, PUNCTUATION, AUTOSPLIT: JavaScript's \w and \d are ASCII only (no "u" flag);
# Vietnamese letters of U+1E00-U+1EFF (ạ, ế, ộ...) are no WORD characters for the library.
_WORD = (
    "[A-Za-z0-9_]|[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u02af\u0591-\u05bd\u05bf"
    "\u05c1\u05c2\u05c4\u05c5\u05c7-\u060b\u060d-\u061e\u0620-\u08ff]"
)
_PUNCT_CHARS = (
    ".?!,'\";:\\-()/+*\u00ab\u00bb\u00bf\u201c-\u201e\u060c\u061f\u05be\u05c0\u05c3\u05c6"
    "\u2000-\u206f\u22ef\u3000-\u3002\u3008-\u3011\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f"
    "\uff3b\uff3d\ufe41\ufe42\ufe4f\uff5e"
)
_PUNCT = f"[{_PUNCT_CHARS}]"
_PUNCT_NO_QUOTE = f"[{_PUNCT_CHARS.replace(chr(39), '', 1)}]"  # .replace('\'', '') in JS
_AUTOSPLIT = "[\u3040-\u30ff\u4e00-\u62ff\u6300-\u77ff\u7800-\u8cff\u8d00-\u9fff]"
_DIGITS = "[0-9]+"
_SPACES = "[" + "".join(sorted(JS_SPACE)) + "]"

_WORD_THEN_PUNCT = re.compile(rf"({_WORD}|^)({_PUNCT_NO_QUOTE})( |\Z)")
_PUNCT_THEN_WORD = re.compile(rf"( |^)({_PUNCT})({_WORD}|\Z)")
_AUTOSPLIT_PAIRS = re.compile(rf"({_AUTOSPLIT})(?={_AUTOSPLIT})")
_AUTOSPLIT_BEFORE = re.compile(rf"({_AUTOSPLIT})(?={_WORD}|{_DIGITS}|{_PUNCT})")
_AUTOSPLIT_AFTER = re.compile(rf"({_WORD}|{_DIGITS}|{_PUNCT})(?={_AUTOSPLIT})")
_MULTI_SPACE = re.compile(f"{_SPACES}{{2,}}")
_PUNCT_START = re.compile(f"^{_PUNCT}")
_PUNCT_END = re.compile(rf"{_PUNCT}\Z")
_PUNCT_BEFORE = re.compile(f" {_PUNCT}")
_PUNCT_AFTER = re.compile(f"{_PUNCT_NO_QUOTE} ")
_ALTERNATIVE = re.compile(r"(?<!\\)\|")


def _add_spaces(text: str, autosplit: bool) -> str:
    """Sentence.addSpaces() for the space separator: punctuation becomes words of its own."""
    text = _WORD_THEN_PUNCT.sub(r"\1 \2 ", text)
    text = _PUNCT_THEN_WORD.sub(r" \2 \3", text)
    if autosplit:
        text = _AUTOSPLIT_PAIRS.sub(r"\1 ", text)
        text = _AUTOSPLIT_BEFORE.sub(r"\1 ", text)
        text = _AUTOSPLIT_AFTER.sub(r"\1 ", text)
    return js_trim(_MULTI_SPACE.sub(" ", text))


def _strip_punctuation(text: str) -> str:
    """Sentence.stripPunctuation(): punctuation at either end or next to a space goes."""
    text = _PUNCT_START.sub("", text, count=1)
    text = _PUNCT_END.sub("", text, count=1)
    text = _PUNCT_BEFORE.sub(" ", text)
    text = _PUNCT_AFTER.sub(" ", text)
    return text.replace("  ", " ")


def _halfwidth(text: str) -> str:
    """Sentence.replaceFullwidthWithHalfwidth()."""
    text = re.sub("[\uff01-\uff5e]", lambda m: chr(ord(m.group()) - 0xFEE0), text)
    return text.replace("\u3000", " ")


def _similar(first, second) -> bool:
    """H5P.TextUtilities.areSimilar() (falsy for anything but two non-empty strings)."""
    if not first or not isinstance(first, str) or not second or not isinstance(second, str):
        return False
    a, b = utf16(first), utf16(second)
    length, distance = min(len(a), len(b)), damerau_levenshtein(a, b)
    return distance == 0 or (length > 9 and distance <= 2) or (length > 3 and distance <= 1)


def _alternatives(word: str) -> list[str]:
    """Util.splitWordAlternatives(): split at "|" not after "\\", the first "\\|" kept as "|"."""
    return [part.replace("\\|", "|", 1) for part in _ALTERNATIVE.split(word)]


def _match(answer, solution, fuzzy=False):
    """alignWords()'s getMatch(): the first alternative of ``solution`` equal (or similar)."""
    if solution is None:
        return None
    for alternative in _alternatives(solution):
        if _similar(alternative, answer) if fuzzy else alternative == answer:
            return alternative
    return None


def _at(items: list, index: int):
    return items[index] if 0 <= index < len(items) else None


ALIGN_GUARD = 100_000  # the library's last loop never ends on some inputs; we give up there


def _align(solution: list, typed: list) -> tuple[list, list]:
    """One pass of alignWords()'s align(): gaps around every solution word, the typed words
    slid right onto exact matches, back left onto exact ones, then left onto similar ones;
    common gaps removed; clusters made. ``None`` stands for JavaScript's undefined."""
    typed = [word if word != "" else None for word in typed]
    n = len(typed)
    master: list = []
    for word in solution:
        master += [None] * n + [word]
    master += [None] * n
    slave: list = [None] * len(master)
    floor = 0
    for i, current in enumerate(typed):
        for pos in range(len(master) - 1, floor - 1, -1):
            match = _match(current, master[pos])
            found = current is not None and match is not None
            if (found and current not in typed[i + 1 :]) or pos == floor:
                master[pos], slave[pos] = match, current
                floor = pos + 1
                break
    for pos in range(len(slave) - 1, -1, -1):  # right, onto exact matches
        current = slave[pos]
        if current is not None and current != master[pos]:
            moves, pos_match, later = 0, 0, None
            while pos + moves + 1 < len(slave) and slave[pos + moves + 1] is None:
                match = _match(current, master[pos + moves + 1])
                if match is not None:
                    pos_match, later = pos + moves + 1, match
                moves += 1
            slave[pos_match or pos + moves] = current
            if later is not None:
                master[pos_match] = later
            slave[pos] = None
    for pos in range(len(slave)):  # left, onto similar words
        current = slave[pos]
        if current is not None and current != master[pos]:
            moves, pos_match, later = 0, 0, None
            while pos + moves - 1 >= 0 and slave[pos + moves - 1] is None:
                match = _match(current, master[pos + moves - 1], fuzzy=True)
                if match is not None:
                    pos_match, later = pos + moves - 1, match
                moves -= 1
            slave[pos_match or pos + moves] = current
            if later is not None:
                master[pos_match] = later
            slave[pos] = None
    for pos in range(len(master) - 1, -1, -1):
        if master[pos] is None and slave[pos] is None:
            del master[pos], slave[pos]
    pos = 0
    while pos < len(master) - 1:  # a missing word next to an added one: one wrong word
        if master[pos] is None and slave[pos + 1] is None:
            master[pos] = master[pos + 1]
            del master[pos + 1], slave[pos + 1]
        pos += 1
    _clusters(master, slave)
    master.reverse()
    slave.reverse()
    _clusters(master, slave)
    master.reverse()
    slave.reverse()
    return master, slave


def _clusters(master: list, slave: list) -> None:
    """align()'s "Make big clusters" loop, in place."""
    pos = 0
    while pos < len(master) - 1:
        if slave[pos] == master[pos] and master[pos + 1] is None and slave[pos] != slave[pos + 1]:
            moves = 0
            while pos + moves + 1 < len(master) and master[pos + moves + 1] is None:
                moves += 1
            if pos + moves + 1 < len(master) and slave[pos] in slave[pos + 1 : pos + moves + 1]:
                master[pos + moves + 1] = master[pos]
                master[pos] = None
        pos += 1


def _pattern(aligned: tuple[list, list]) -> list[bool]:
    return [w == a or _similar(w, a) for w, a in zip(*aligned, strict=True)]


def _last_index(values: list[bool], start: int) -> int:
    """``values.lastIndexOf(true, start)``: a negative start counts from the end."""
    start = start + len(values) if start < 0 else min(start, len(values) - 1)
    for index in range(start, -1, -1):
        if values[index]:
            return index
    return -1


def _splice_one(items: list, start: int) -> None:
    """``items.splice(start, 1)``."""
    start = max(start + len(items), 0) if start < 0 else start
    if start < len(items):
        del items[start]


def align_words(solution: list, typed: list) -> tuple[list, list] | None:
    """alignWords(): the better of aligning forwards and backwards, then typed words that have
    no counterpart squeezed out between matches."""
    first = _align(solution, typed)
    second = _align(solution[::-1], typed[::-1])
    if sum(_pattern(second)) > sum(_pattern(first)):
        first = (second[0][::-1], second[1][::-1])
    words1, words2 = first
    pattern = _pattern(first)
    low, high, steps = -1, len(pattern) - 1, 0
    while True:
        low = _last_index(pattern, high)
        while _at(words1, low + 1) is None and _at(words2, high) is None:
            _splice_one(words1, low + 1)
            _splice_one(words2, high)
            high -= 1
            steps += 1
            if steps > ALIGN_GUARD:
                return None
        high = low - 1
        if not low > 0:
            return words1, words2


def _sentence_counts(solution: str, typed: str, behaviour: dict) -> dict[str, int]:
    """Sentence.computeResults(): each aligned word's type, counted."""
    scoring, autosplit = behaviour["scoring"], behaviour["autosplit"]
    words_solution = _add_spaces(solution, autosplit).split(" ")
    typed = _halfwidth(typed)
    if truthy(scoring.get("ignorePunctuation")):
        typed = _strip_punctuation(typed)
    words_typed = (
        [] if js_trim(typed) == "" else [w for w in _add_spaces(typed, autosplit).split(" ") if w]
    )
    aligned = align_words(words_solution, words_typed)
    if aligned is None:
        return None
    counts = dict.fromkeys(("added", "missing", "typo", "wrong", "match"), 0)
    for wanted, answer in zip(*aligned, strict=True):
        if wanted is None:
            counts["added"] += 1
        elif answer is None:
            counts["missing"] += 1
        elif answer == wanted:
            counts["match"] += 1
        elif _similar(wanted, answer):
            counts["typo"] += 1
        else:
            counts["wrong"] += 1
    return counts


def _solution(text: str, ignore_punctuation) -> str:
    text = js_trim(html.unescape(text))
    return _halfwidth(_strip_punctuation(text) if ignore_punctuation else text)


def _setup(params) -> tuple[dict, list[str]] | None:
    p = merged_params(_DEFAULTS, params)
    behaviour = as_dict(p["behaviour"])
    scoring, textual = as_dict(behaviour.get("scoring")), as_dict(behaviour.get("textual"))
    if textual.get("wordSeparator") != " ":
        return None
    factor = js_parse_int(scoring.get("typoFactor"))
    if factor is None:
        return None  # NaN: the library's score would be NaN
    autosplit = textual.get("autosplit")
    settings = {
        "scoring": scoring,
        "typo_factor": factor / 100,
        "autosplit": autosplit if isinstance(autosplit, bool) else True,
    }
    sentences = p["sentences"] if isinstance(p["sentences"], list) else []
    texts = []
    for sentence in sentences:
        sentence = as_dict(sentence)
        if "text" not in sentence or "sample" not in sentence:
            continue  # dropped by the constructor
        if not isinstance(sentence["text"], str) or "<" in sentence["text"]:
            return None
        texts.append(_solution(sentence["text"], truthy(scoring.get("ignorePunctuation"))))
    return settings, texts


def dictation_unsupported(params) -> bool:
    return _setup(params) is None


def _typed(response: str | None, count: int) -> list[str] | None:
    if response is None:
        return [""] * count
    try:
        typed = json.loads(response)
    except ValueError:
        return None
    if not isinstance(typed, list) or len(typed) != count:
        return None
    if not all(isinstance(text, str) for text in typed):
        return None
    return typed


def check_dictation(params, response: str | None) -> CheckedResult | None:
    setup = _setup(params)
    if setup is None:
        return None
    settings, solutions = setup
    # the constructor: each sentence's maximum is its solution's word count, punctuation included
    maximum = sum(len(_add_spaces(text, settings["autosplit"]).split(" ")) for text in solutions)
    typed = _typed(response, len(solutions))
    if typed is None:
        return checked_result(0, maximum, False)
    totals = dict.fromkeys(("added", "missing", "typo", "wrong", "match"), 0)
    for solution, text in zip(solutions, typed, strict=True):
        counts = _sentence_counts(solution, text, settings)
        if counts is None:
            return None
        for key, value in counts.items():
            totals[key] += value
    # showEvaluation(), getScore(), isPassed()
    factor = settings["typo_factor"]
    mistakes = totals["added"] + totals["missing"] + totals["wrong"] + totals["typo"] * factor
    capped = min(mistakes, maximum)
    if truthy(settings["scoring"].get("zeroMistakeMode")):
        score = _js_round(totals["match"] + totals["typo"] * (1 - factor))
    else:
        score = _js_round(maximum - capped)
    return checked_result(score, maximum, capped == 0)


def _js_round(value: float) -> int:
    return math.floor(value + 0.5)
