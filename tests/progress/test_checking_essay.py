"""Essay (H5P.Essay 1.6): the learner's text scored by the editor's keywords as the library does.

The package is not among our fixtures, so these cases are written here; their expected scores are
what H5P.Essay 1.6.2's own code (github.com/otacke/h5p-essay, with H5P.TextUtilities 1.3) gave for
them in a browser, and the same comparison on 1,600 random essays agreed everywhere."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from progress.checking import CheckedResult, h5p_gradable, h5p_result_check
from progress.checking.essay import check_essay

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


def keyword(word, points=1, occurrences=1, alternatives=(), case=False, fuzzy=False):
    return {
        "keyword": word,
        "alternatives": list(alternatives),
        "options": {
            "points": points,
            "occurrences": occurrences,
            "caseSensitive": case,
            "forgiveMistakes": fuzzy,
        },
    }


ESSAY = {
    "taskDescription": "Vì sao nên học tập suốt đời?",
    "keywords": [
        keyword("học tập suốt đời", points=2),
        keyword("UBND xã", occurrences=2, alternatives=["Ủy ban nhân dân xã"]),
        keyword("chứng nhận", fuzzy=True),
    ],
    "behaviour": {"percentagePassing": 60},
}

CASES = [
    # every keyword: 2 + 2 (the keyword and its alternative) + 1 (one letter off is forgiven)
    (ESSAY, "Học tập suốt đời giúp mọi người. UBND xã và Ủy ban nhân dân xã cấp chứng nhân.",
     (5, 5, True)),
    (ESSAY, "Tôi học tập.", (0, 5, False)),
    # a keyword inside a longer word does not count; occurrences cap what a keyword earns
    (ESSAY, "UBND xãhội, UBND xã; UBND xã! UBND xã? học tập suốt đời", (4, 5, True)),
    (ESSAY, "học tập\nsuốt đời", (2, 5, False)),  # a line break is a space
    (ESSAY, "học  tập suốt đời", (2, 5, False)),  # two spaces make one
    (ESSAY, "chung nhan", (1, 5, False)),  # two letters off are forgiven from 10 letters
    (ESSAY, "chung nhận", (1, 5, False)),
    (ESSAY, "chứng", (0, 5, False)),
    # case sensitive keywords, wildcards ("*": one or more Latin letters)
    ({"keywords": [keyword("UBND", case=True), keyword("hoc*")]}, "ubnd hocsinh", (1, 2, True)),
    # the exact search drops the first "*": "hoc" counts too
    ({"keywords": [keyword("UBND", case=True), keyword("hoc*")]}, "UBND hoc", (2, 2, True)),
    # mastering below the maximum: the score never exceeds it
    ({"keywords": [keyword("a", 2), keyword("b", 2)], "behaviour": {"percentageMastering": 50}},
     "a b", (2, 2, True)),
    ({"keywords": [keyword("a", 3)], "behaviour": {"percentageMastering": 50}}, "a",
     (1.5, 1.5, True)),
    # texts the player can't send (shorter than the minimum, longer than the field) score 0 (the
    # library, given them as a saved state, would score 2)
    ({**ESSAY, "behaviour": {"minimumLength": 30, "percentagePassing": 60}}, "học tập suốt đời",
     (0, 5, False)),
    ({**ESSAY, "behaviour": {"maximumLength": 10}}, "học tập suốt đời", (0, 5, True)),
]  # fmt: skip


@pytest.mark.parametrize(("content", "text", "expected"), CASES)
def test_essay_keywords_score_as_the_library_does(content, text, expected):
    raw, maximum, success = expected
    result = check_essay(content, text)
    assert (result.raw, result.max, result.success) == (raw, maximum, success)


def test_essay_through_a_statement():
    statement = {
        "verb": {"id": ANSWERED},
        "object": {"id": "http://127.0.0.1:8777/content/x"},
        "result": {"response": "UBND xã", "score": {"raw": 5, "max": 5, "scaled": 1}},
    }
    checked = h5p_result_check(content_json=ESSAY, main_library="H5P.Essay", statement=statement)
    assert checked == CheckedResult(1, 5, 0.2, False)
    assert h5p_gradable("H5P.Essay 1.6", ESSAY)


@pytest.mark.parametrize(
    "content",
    [
        {"taskDescription": "Viết cảm nghĩ của bạn."},  # free text: no keywords
        {"keywords": [keyword("", alternatives=["x"])]},  # no points to earn
        {**ESSAY, "behaviour": {"ignoreScoring": True}},  # full marks for everyone
        {"keywords": [keyword("/h.c/")]},  # a regular expression: not run on the server
        {"keywords": [{"keyword": "a", "options": {"points": "1", "occurrences": 1}}]},
    ],
)
def test_essays_the_server_cannot_check_stay_unverified(content):
    assert check_essay(content, "học") is None
    statement = {
        "verb": {"id": ANSWERED},
        "object": {"id": "http://127.0.0.1:8777/content/x"},
        "result": {"response": "học", "score": {"raw": 1, "max": 1, "scaled": 1}},
    }
    assert (
        h5p_result_check(content_json=content, main_library="H5P.Essay", statement=statement)
        is None
    )
    assert not h5p_gradable("H5P.Essay 1.6", content)


words = st.text(alphabet="aAbB ḥọc*/.\n😀", max_size=8)


@settings(max_examples=200, deadline=None, database=None)
@given(
    text=st.text(alphabet="aAbB ḥọc*/.,\n\r😀", max_size=60),
    groups=st.lists(
        st.tuples(
            words,
            st.lists(words, max_size=2),
            st.integers(0, 3),
            st.integers(1, 3),
            st.booleans(),
            st.booleans(),
        ),
        max_size=3,
    ),
    behaviour=st.fixed_dictionaries(
        {},
        optional={
            "percentagePassing": st.integers(0, 100),
            "percentageMastering": st.integers(0, 150),
            "linebreakReplacement": st.sampled_from([" ", "\n"]),
            "minimumLength": st.integers(0, 20),
            "maximumLength": st.integers(0, 60),
        },
    ),
)
def test_any_essay_and_text_never_raise(text, groups, behaviour):
    content = {
        "keywords": [
            keyword(w, p, o, alternatives=a, case=c, fuzzy=f) for w, a, p, o, c, f in groups
        ],
        "behaviour": behaviour,
    }
    result = check_essay(content, text)
    assert result is None or (0 <= result.raw <= result.max and 0 <= result.scaled <= 1)


def test_a_long_text_is_checked_quickly():
    content = {"keywords": [keyword("chứng nhận", fuzzy=True), keyword("hoc*", fuzzy=True)]}
    start = time.perf_counter()
    result = check_essay(content, "chứng nhân hocsinh, " * 1000)  # 20,000 characters
    assert result.raw == 2 and time.perf_counter() - start < 2
    assert check_essay(content, "a" * 20_001) is None  # longer: left unverified
