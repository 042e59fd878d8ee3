"""Server-side re-checking of H5P results (progress.checking): the captured player statements,
forged ones, and every graded type built from the real fixture packages, QuestionSet included.
Property tests are in test_checking_properties, the comparison with the libraries' own
JavaScript in test_checking_javascript."""

import re

from progress.checking import CheckedResult, h5p_question_set_result, h5p_result_check
from tests.progress.checking_helpers import (
    ANSWERED,
    captured,
    check,
    content_json,
    grade,
    multichoice,
    statement,
)

# --- The statements the player emitted ---------------------------------------------------------


def test_captured_multichoice_is_recomputed_as_the_player_reported_it():
    content = content_json("multichoice.h5p")
    for sent in captured("multichoice"):
        checked = h5p_result_check(
            content_json=content, main_library="H5P.MultiChoice", statement=sent
        )
        if sent["verb"]["id"] != ANSWERED:
            assert checked is None  # attempted, interacted: nothing to grade
            continue
        score = sent["result"]["score"]
        assert checked == CheckedResult(
            score["raw"], score["max"], score["scaled"], sent["result"]["success"]
        )


def test_multichoice_response_indexes_are_content_json_order_not_display_order():
    content = content_json("multichoice.h5p")
    (sent,) = [s for s in captured("multichoice") if s["verb"]["id"] == ANSWERED]
    definition = sent["object"]["definition"]
    right = [str(i) for i, answer in enumerate(content["answers"]) if answer["correct"]]
    assert definition["correctResponsesPattern"] == ["[,]".join(right)]
    # The player showed the answers shuffled (ids 0, 2, 1), each id is its content.json index.
    assert [c["id"] for c in definition["choices"]] != sorted(
        c["id"] for c in definition["choices"]
    )
    for choice in definition["choices"]:
        text = re.sub(r"<[^>]+>", "", content["answers"][int(choice["id"])]["text"])
        assert text.strip() == choice["description"]["en-US"].strip()


def test_captured_truefalse_statement_is_not_from_the_truefalse_fixture():
    """xapi-captured-truefalse.json was played from another TrueFalse ("Oslo is the capital of
    Norway.", key "true"); truefalse-hello.h5p asks "Is this false?" with key "false". Against
    this package its claimed full marks are not confirmed; against its own key they are."""
    content = content_json("truefalse-hello.h5p")
    (sent,) = [s for s in captured("truefalse") if s["verb"]["id"] == ANSWERED]
    definition = sent["object"]["definition"]
    assert "Oslo" in definition["description"]["en-US"] and "Is this false?" in content["question"]
    assert h5p_result_check(
        content_json=content, main_library="H5P.TrueFalse", statement=sent
    ) == grade(0, 1, False)
    own_key = {**content, "correct": definition["correctResponsesPattern"][0]}
    score = sent["result"]["score"]
    assert h5p_result_check(
        content_json=own_key, main_library="H5P.TrueFalse", statement=sent
    ) == CheckedResult(score["raw"], score["max"], score["scaled"], sent["result"]["success"])


# --- Forged and honest statements, per type ----------------------------------------------------


def test_truefalse_wrong_answer_claiming_success_checks_wrong():
    assert check("truefalse-hello.h5p", "true", raw=1, success=True) == grade(0, 1, False)
    assert check("truefalse-hello.h5p", "false") == grade(1, 1, True)
    assert check("truefalse-hello.h5p", "False") == grade(0, 1, False)


def test_multichoice_wrong_answer_claiming_success_checks_wrong():
    assert check("multichoice.h5p", "2", raw=1, success=True) == grade(0, 1, False)
    assert check("multichoice.h5p", "0") == grade(1, 1, True)
    # one right answer makes it single-answer (behaviour.type "auto"): two choices are not one
    for forged in ["0[,]1", "0[,]0", "", "3", "-1", "00", " 0", "0[,]", "zero"]:
        assert check("multichoice.h5p", forged) == grade(0, 1, False), forged


def mc(params, response):
    return h5p_result_check(
        content_json=params, main_library="H5P.MultiChoice", statement=statement(response)
    )


def test_multichoice_scores_as_calcscore_does():
    points = multichoice([True, True, False, True], singlePoint=False)
    assert mc(points, "0[,]1[,]3") == grade(3, 3, True)
    assert mc(points, "3[,]0") == grade(2, 3, False)  # order doesn't matter
    assert mc(points, "0[,]2") == grade(0, 3, False)  # +1 -1
    assert mc(points, "2") == grade(0, 3, False)  # never below 0
    assert mc(points, "0[,]1[,]2[,]3") == grade(2, 3, False)
    assert mc({**points, "behaviour": {**points["behaviour"], "passPercentage": 60}}, "0[,]1") == (
        grade(2, 3, True)
    )
    single_point = multichoice([True, True, False], singlePoint=True)
    assert mc(single_point, "0[,]1") == grade(1, 1, True)
    assert mc(single_point, "0") == grade(0, 1, False)
    half = multichoice([True, True, False], singlePoint=True, passPercentage=50)
    assert mc(half, "1") == grade(1, 1, True)
    # behaviour.singlePoint missing: the library's default (true) applies, as in the player
    assert mc({"answers": points["answers"], "behaviour": {}}, "0[,]1") == grade(0, 1, False)
    assert mc({"answers": points["answers"], "behaviour": {}}, "0[,]1[,]3") == grade(1, 1, True)


def test_multichoice_with_no_right_answer_is_right_when_nothing_is_chosen():
    none_right = multichoice([False, False], singlePoint=False)
    assert mc(none_right, "") == grade(1, 1, True)
    assert mc(none_right, "1") == grade(0, 1, False)
    forced_single = multichoice([True, True], type="single")
    assert mc(forced_single, "1") == grade(1, 1, True)
    assert mc(forced_single, "0[,]1") == grade(0, 1, False)


def test_blanks_from_the_fixture():
    assert check("blanks.h5p", "blue[,]Cloud[,]black") == CheckedResult(3.0, 3.0, 1.0, None)
    # caseSensitive is false in this package, and the player trims the typed words
    assert check("blanks.h5p", " BLUE [,]cloud\u00a0[,]\tBlack\n") == CheckedResult(3, 3, 1.0, None)
    assert check("blanks.h5p", "red[,]Cloud[,]blue", raw=3) == CheckedResult(1, 3, 0.3333, None)
    assert check("blanks.h5p", "[,][,]") == CheckedResult(0, 3, 0.0, None)
    # not one part per blank: unreadable, so nothing counts
    assert check("blanks.h5p", "blue[,]Cloud[,]black[,]x") == CheckedResult(0, 3, 0.0, None)
    assert check("blanks.h5p", "blue") == CheckedResult(0, 3, 0.0, None)


def blanks(response, *questions, **behaviour):
    params = {"questions": list(questions), "behaviour": {"caseSensitive": True, **behaviour}}
    return h5p_result_check(
        content_json=params, main_library="H5P.Blanks", statement=statement(response)
    )


def test_blanks_alternatives_tips_case_and_entities():
    text = "<p>*colour/color:British or not* and *Caf&eacute;* and *a:b:c* but **</p>"
    assert blanks("color[,]Café[,]a", text).raw == 3
    assert blanks("colour[,]café[,]a", text).raw == 2  # caseSensitive
    assert blanks("colour[,]café[,]a", text, caseSensitive=False).raw == 3
    assert blanks("British or not[,]Café[,]b", text).raw == 1


def test_blanks_spelling_errors_as_h5p_text_utilities_counts_them():
    text = "*blue* *tundra* *blackcurrant*"
    assert blanks("blue[,]tundar[,]blackcurrent", text).raw == 1
    # a swap is one edit; "tundra" (6) allows 1, "blackcurrant" (12) allows 2, "blue" (4) 1
    assert blanks("blue[,]tundar[,]blakcurrents", text, acceptSpellingErrors=True).raw == 2
    assert blanks("bleu[,]tundraaa[,]blackcurrantxy", text, acceptSpellingErrors=True).raw == 2
    assert blanks("blu[,]tundra[,]blackcurrantxyz", text, acceptSpellingErrors=True).raw == 2
    assert blanks("bl[,]tunda[,]blackcurrant", text, acceptSpellingErrors=True).raw == 2


def test_dragtext_from_the_fixture():
    # "*blue:Check the name of the berry!*": the tip is not part of the word
    assert check("dragtext.h5p", "blue[,]red[,]orange") == CheckedResult(3, 3, 1.0, None)
    assert check("dragtext.h5p", "red[,]blue[,]orange", raw=3) == CheckedResult(1, 3, 0.3333, None)
    assert check("dragtext.h5p", "[,][,]") == CheckedResult(0, 3, 0.0, None)
    assert check("dragtext.h5p", "Blue[,]red [,]orange") == CheckedResult(1, 3, 0.3333, None)
    assert check("dragtext.h5p", "blue[,]red") == CheckedResult(0, 3, 0.0, None)


# --- QuestionSet -------------------------------------------------------------------------------


def questions_by_library():
    questions = content_json("questionset.h5p")["questions"]
    found = {}
    for question in questions:
        found.setdefault(question["library"].split()[0], []).append(question["subContentId"])
    return found


def test_questionset_children_are_checked_against_their_own_params():
    found = questions_by_library()
    # This package's sub-questions are nearly empty, so the libraries' defaults apply: the
    # Blanks asks "Oslo is the capital of *Norway*.", the DragText has its five default words,
    # and both MultiChoice questions have no right answer (choosing nothing is right).
    cases = {
        "H5P.TrueFalse": [("true", 1, 1), ("false", 0, 1)],
        "H5P.MultiChoice": [("", 1, 1), ("0", 0, 1), ("0[,]1", 0, 1)],
        "H5P.Blanks": [("Norway", 1, 1), (" Norway ", 1, 1), ("norway", 0, 1), ("Oslo", 0, 1)],
        "H5P.DragText": [
            ("nice[,]flexible[,]wonderful[,]exciting[,]fantastic", 5, 5),
            ("flexible[,]nice[,]wonderful[,]exciting[,]fantastic", 3, 5),
            ("nice", 0, 5),
        ],
    }
    for library, responses in cases.items():
        for sub in found[library]:
            for response, raw, maximum in responses:
                checked = check("questionset.h5p", response, sub=sub, raw=maximum, success=True)
                assert (checked.raw, checked.max) == (raw, maximum), (library, response)
                if checked.success is not None:
                    assert checked.success is (raw == maximum)


def test_questionset_unknown_children_and_the_container_are_not_graded():
    found = questions_by_library()
    content = content_json("questionset.h5p")
    unknown = {"library": "H5P.Dialogcards 1.8", "subContentId": "cards", "params": {}}
    with_unknown = {**content, "questions": [*content["questions"], unknown]}
    assert (
        h5p_result_check(
            content_json=with_unknown,
            main_library="H5P.QuestionSet",
            statement=statement("0[,]1", sub="cards"),
        )
        is None
    )
    assert check("questionset.h5p", "true", sub="no-such-sub-content") is None
    assert check("questionset.h5p", "true") is None  # the container itself
    completed = statement("x", verb="http://adlnet.gov/expapi/verbs/completed")
    del completed["result"]["response"]
    assert (
        h5p_result_check(
            content_json=content_json("questionset.h5p"),
            main_library="H5P.QuestionSet",
            statement=completed,
        )
        is None
    )
    # a sub-content id on a content type that has no sub-questions
    assert check("truefalse-hello.h5p", "false", sub=found["H5P.TrueFalse"][0]) is None


def test_questionset_total_from_checked_children():
    content = content_json("questionset.h5p")
    unknown = {"library": "H5P.Dialogcards 1.8", "subContentId": "cards", "params": {}}
    with_unknown = {**content, "questions": [*content["questions"], unknown]}
    assert h5p_question_set_result(content_json=with_unknown, children={}) is None
    four = {"H5P.TrueFalse", "H5P.MultiChoice", "H5P.Blanks", "H5P.DragText"}
    questions = [q for q in content["questions"] if q["library"].split()[0] in four]
    known = {**content, "questions": questions}
    children = {
        q["subContentId"]: check("questionset.h5p", "true", sub=q["subContentId"])
        for q in questions
        if q["library"].startswith("H5P.TrueFalse")
    }
    # 2 TrueFalse right + 2 unanswered MultiChoice (nothing chosen is right) out of
    # 2 + 2 + 2 Blanks + 5 DragText = 11 points
    total = h5p_question_set_result(content_json=known, children=children)
    assert total == CheckedResult(4, 11, 0.3636, False)  # passPercentage 50
    assert h5p_question_set_result(
        content_json={**known, "passPercentage": 30}, children=children
    ) == CheckedResult(4, 11, 0.3636, True)
    assert h5p_question_set_result(content_json={**known, "poolSize": 2}, children=children) is None
