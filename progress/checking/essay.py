"""H5P.Essay 1.6 (scripts/essay.js; H5P.TextUtilities 1.3): the learner's text scored by the
editor's keywords, as the library computes it in computeResults() and computeScore().

Learned from the library's public source (github.com/otacke/h5p-essay, 1.6.2; the package is not
among our fixtures) and checked against it in a browser while writing this. Texts are handled as
JavaScript does, in UTF-16 code units (indexes, lengths and word neighbours agree).

Not checked (None, so the result stays unverified): ``ignoreScoring`` (everyone gets full marks),
an essay without points to earn (free text), keywords given as regular expressions ("/…/": the
editor's JavaScript pattern can't be run faithfully, nor safely, on the server), and content the
library itself could not play (keyword options that are not numbers).
"""

import bisect
import html
import math
import re
from html.parser import HTMLParser

from progress.checking.base import (
    JS_SPACE,
    CheckedResult,
    as_dict,
    checked_result,
    damerau_levenshtein,
    js_number,
    truthy,
    utf16,
)

# Essay.CHARS_WILDCARD: the letters a wildcard "*" stands for.
_WILDCARD = (
    "[A-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0370-\u03ff\u0400-\u04ff\u3040-\u309f"
    "\u3040-\u30ff\u4e00-\u62ff\u6300-\u77ff\u7800-\u8cff\u8d00-\u9fff\u0e00-\u0e7f]"
)
_REGEXP_CHARS = ["\\", ".", "[", "]", "?", "+", "(", ")", "{", "}", "|", "!", "^", "-"]
_DELIMITERS = JS_SPACE | set(".?!,';\"")  # TextUtilities.WORD_DELIMITER
_JS_SPACE_CLASS = "[" + re.escape("".join(sorted(JS_SPACE))) + "]"
# Longer texts (in code units, about 3,000 words) are left unverified rather than cost the server.
MAX_TEXT = 20_000


def _units(text: str) -> str:
    """``text`` as JavaScript holds it: one character per UTF-16 code unit."""
    return "".join(map(chr, utf16(text)))


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _html_decode(text: str) -> str:
    """htmlDecode(): DOMParser's text/html document's textContent."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    return html.unescape("".join(parser.parts))


def _isolated(candidate: str, text: str, index: int | None = None) -> bool:
    """TextUtilities.isIsolated(): the characters on both sides are word delimiters or ends."""
    if not candidate or not text:
        return False
    pos = index if index else text.find(candidate)  # an index of 0 falls back to indexOf()
    if pos < 0 or pos > len(text) - 1:
        return False
    end = pos + len(candidate)
    before_ok = pos == 0 or text[pos - 1] in _DELIMITERS
    after_ok = end >= len(text) or text[end] in _DELIMITERS
    return before_ok and after_ok


def _similar(first: str, second: str) -> bool:
    """TextUtilities.areSimilar(): Damerau-Levenshtein distance 0, or 1 when both are longer
    than 3, or 2 when both are longer than 9."""
    if not first or not second:
        return False
    length = min(len(first), len(second))
    distance = damerau_levenshtein([ord(c) for c in first], [ord(c) for c in second])
    return distance == 0 or (length > 9 and distance <= 2) or (length > 3 and distance <= 1)


def _exact(needle: str, haystack: str) -> list[tuple[int, str]]:
    # detectExactMatches(): the first "*" is dropped; each occurrence isolated in what is left
    # of the text after the previous one (the text is cut there, as substr() does)
    needle = needle.replace("*", "", 1)
    found, front = [], 0
    while needle and (pos := haystack.find(needle)) != -1:
        if _isolated(needle, haystack):
            found.append((front + pos, needle))
        front += pos + len(needle)
        haystack = haystack[pos + len(needle) :]
    return found


def _wildcard(needle: str, haystack: str) -> list[tuple[int, str]]:
    # detectWildcardMatches(): "*" is one or more letters; the other characters are literal but
    # for "$", which the library leaves unescaped (the end of the text in JavaScript)
    needle = re.sub(r"\*{2,}", "*", needle)
    for char in _REGEXP_CHARS:
        needle = needle.replace(char, "\\" + char)
    pattern = needle.replace("*", _WILDCARD + "+").replace("$", r"\Z")
    try:
        regexp = re.compile(pattern)
    except re.error:
        return []
    return [
        (match.start(), match.group())
        for match in regexp.finditer(haystack)
        if _isolated(match.group(), haystack, match.start())
    ]


class _Matches:
    """Matches found, (start, text), with contains(): whether one already starts within its
    own length of an index (looked up by start, so long texts stay quick)."""

    def __init__(self, matches=()):
        self.starts: list[int] = []
        self.lengths: dict[int, list[int]] = {}
        self.longest = 0
        self.items: list[tuple[int, str]] = []
        for start, match in matches:
            self.add(start, match)

    def add(self, start: int, match: str) -> None:
        bisect.insort(self.starts, start)
        self.lengths.setdefault(start, []).append(len(match))
        self.longest = max(self.longest, len(match))
        self.items.append((start, match))

    def near(self, index: int) -> bool:
        low = bisect.bisect_left(self.starts, index - self.longest)
        high = bisect.bisect_right(self.starts, index + self.longest)
        return any(
            abs(start - index) <= length
            for start in set(self.starts[low:high])
            for length in self.lengths[start]
        )


def _fuzzy(needle: str, haystack: str) -> list[tuple[int, str]]:
    # detectFuzzyMatches(): every piece of the text 2 shorter to 2 longer than the needle,
    # isolated and similar, unless a match starts close by. (Pieces whose length differs more
    # than areSimilar() allows can't be similar: they are skipped, which changes nothing.)
    found = _Matches()
    # a piece can only be isolated where a word starts
    starts = [p for p in range(len(haystack)) if p == 0 or haystack[p - 1] in _DELIMITERS]
    for size in range(-2, 3):
        length = len(needle) + size
        if length <= 0 or (abs(size) > 1 and length <= 9) or (size and length <= 3):
            continue
        for pos in starts:
            straw = haystack[pos : pos + length]
            if _isolated(straw, haystack, pos) and _similar(needle, straw) and not found.near(pos):
                found.add(pos, straw)
    return found.items


def _merge(*groups: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """mergeMatches(): the first group, then the others' matches not close to one kept."""
    merged = _Matches(groups[0])
    for group in groups[1:]:
        for start, match in group:
            if not merged.near(start):
                merged.add(start, match)
    return merged.items


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _keyword_groups(keywords: list) -> list[tuple[list[str], dict, float, float]] | None:
    """(alternatives, options, points, occurrences) per keyword group, or None when the content
    can't be checked."""
    groups = []
    for group in keywords:
        if not isinstance(group, dict):
            return None
        options = group.get("options")
        if not isinstance(options, dict):
            return None
        points, occurrences = _number(options.get("points")), _number(options.get("occurrences"))
        if points is None or occurrences is None or points < 0 or occurrences < 0:
            return None  # the editor asks for numbers from 0 (points) and 1 (occurrences)
        if "keyword" not in group:  # computeResults() drops groups without a keyword
            continue
        keyword = group["keyword"] or ""
        alternatives = group.get("alternatives") or []
        if not isinstance(keyword, str) or not isinstance(alternatives, list):
            return None
        if not all(isinstance(alternative, str) for alternative in alternatives):
            return None
        decoded = [_html_decode(alternative) for alternative in [keyword, *alternatives]]
        if any(len(a) > 2 and a[0] == "/" and a[-1] == "/" for a in decoded):
            return None  # a regular expression
        plain = [a for a in decoded if a and not (a[0] == "/" and a[-1] == "/")]
        groups.append((plain, options, points, occurrences))
    return groups


def check_essay(params, response: str | None) -> CheckedResult | None:
    p = as_dict(params)
    behaviour = as_dict(p.get("behaviour"))
    keywords = p.get("keywords") if isinstance(p.get("keywords"), list) else []
    if truthy(behaviour.get("ignoreScoring")):
        return None
    groups = _keyword_groups(keywords)
    if groups is None:
        return None
    # the constructor: scoreMax over every group (a group's points count only with a keyword)
    score_max = 0.0
    for group in keywords:
        options = group["options"]
        points = options["points"] if truthy(group.get("keyword")) and options["points"] else 0
        score_max += points * (options["occurrences"] or 1)
    if score_max <= 0:
        return None  # free text: nothing to earn
    if "percentageMastering" in behaviour:
        mastering = js_number(behaviour["percentageMastering"]) * score_max / 100
    else:
        mastering = score_max
    if math.isnan(mastering):
        return None
    maximum = max(1.0, mastering)
    passing = js_number(behaviour.get("percentagePassing", math.nan)) * score_max / 100
    passing = min(maximum, 0.0 if math.isnan(passing) or not passing else passing)

    text = _units(response) if isinstance(response, str) else ""
    if len(text) > MAX_TEXT:
        return None
    minimum = js_number(behaviour.get("minimumLength") or 0)
    longest = behaviour.get("maximumLength")
    if "maximumLength" in behaviour:  # the constructor: no more than the maximum
        minimum = min(minimum, js_number(longest))
    # the text field's maxlength ("null" is no limit)
    longest = math.inf if longest is None else js_number(longest)
    if len(text) < minimum or len(text) > longest:
        return checked_result(0, maximum, passing <= 0)  # what the player can't send
    # getInput(): line breaks replaced (a space by default), then each pair of spaces made one
    replacement = behaviour.get("linebreakReplacement") or " "
    replacement = replacement if isinstance(replacement, str) else " "
    typed = re.sub(r"\r\n|\r|\n", lambda _match: _units(replacement), text)
    typed = re.sub(_JS_SPACE_CLASS + "{2}", " ", typed)

    override_case = behaviour.get("overrideCaseSensitive")
    override_fuzzy = behaviour.get("overrideForgiveMistakes")
    score = 0.0
    for alternatives, options, points, occurrences in groups:
        case_sensitive = override_case != "off" and (
            override_case == "on" or truthy(options.get("caseSensitive"))
        )
        forgive = override_fuzzy != "off" and (
            override_fuzzy == "on" or truthy(options.get("forgiveMistakes"))
        )
        matches = 0
        for alternative in alternatives:
            needle, haystack = alternative, typed
            if not case_sensitive:  # toLowerCase() of the whole strings, then code units
                needle = _units(needle.lower())
                haystack = _lower_units(haystack)
            else:
                needle = _units(needle)
            exact = _exact(needle, haystack)
            wildcard = _wildcard(needle, haystack) if "*" in needle else []
            fuzzy = _fuzzy(needle, haystack) if forgive else []
            matches += len(_merge(exact, wildcard, fuzzy))
        score += min(matches, occurrences) * points  # computeScore()
    score = min(score, maximum)  # updateScore()
    return checked_result(score, maximum, score >= passing)  # isPassed()


def _lower_units(units: str) -> str:
    """toLowerCase() of a string held as code units."""
    text = units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return _units(text.lower())
