"""Server-side re-checking of H5P results (progress.checking): the captured player statements,
forged ones, every graded type built from the real fixture packages, property tests, and a
comparison with the libraries' own JavaScript (from the packages) where node is installed."""

import functools
import json
import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from progress.checking import CHECKERS, CheckedResult, h5p_question_set_result, h5p_result_check
from progress.checking.base import js_trim
from progress.checking.libraries import _blanks_solutions, _cloze_correct, _dragtext_solutions

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
H5P_FIXTURES = FIXTURES / "h5p"
NO_FIXTURES = "../shared/fixtures is not present (a user's own clone)"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
IRI = "http://127.0.0.1:8777/content/x"
MAIN = {
    "truefalse-hello.h5p": "H5P.TrueFalse",
    "multichoice.h5p": "H5P.MultiChoice",
    "blanks.h5p": "H5P.Blanks",
    "dragtext.h5p": "H5P.DragText",
    "questionset.h5p": "H5P.QuestionSet",
}
PROPERTY = settings(max_examples=150, deadline=None, database=None)


def content_json(name: str) -> dict:
    if not FIXTURES.is_dir():
        pytest.skip(NO_FIXTURES)
    return json.loads(_content_bytes(name))


@functools.cache
def _content_bytes(name: str) -> bytes:
    with zipfile.ZipFile(H5P_FIXTURES / name) as archive:
        return archive.read("content/content.json")


def captured(name: str) -> list[dict]:
    if not FIXTURES.is_dir():
        pytest.skip(NO_FIXTURES)
    return json.loads((H5P_FIXTURES / f"xapi-captured-{name}.json").read_text())


def statement(response, *, sub=None, verb=ANSWERED, raw=1, success=True) -> dict:
    """An answered statement as the player sends it, claiming full marks unless told."""
    return {
        "verb": {"id": verb},
        "object": {"id": IRI + (f"?subContentId={sub}" if sub else ""), "objectType": "Activity"},
        "result": {
            "response": response,
            "score": {"min": 0, "max": 1, "raw": raw, "scaled": raw},
            "success": success,
            "completion": True,
        },
    }


def check(name, response, **kwargs):
    return h5p_result_check(
        content_json=content_json(name),
        main_library=MAIN[name],
        statement=statement(response, **kwargs),
    )


def grade(raw, maximum, success):
    return CheckedResult(float(raw), float(maximum), round(raw / maximum, 4), success)


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


def multichoice(correct, **behaviour):
    return {
        "answers": [{"correct": c, "text": f"<p>{i}</p>"} for i, c in enumerate(correct)],
        "behaviour": {"type": "auto", "passPercentage": 100, **behaviour},
    }


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


# --- Statements that are not answers, and malformed ones ---------------------------------------


def test_statements_without_a_gradable_answer():
    content = {"correct": "true"}

    def run(sent, library="H5P.TrueFalse"):
        return h5p_result_check(content_json=content, main_library=library, statement=sent)

    for verb in ["attempted", "interacted", "experienced", "passed"]:
        assert run(statement("true", verb=f"http://adlnet.gov/expapi/verbs/{verb}")) is None
    no_response = statement("true")
    del no_response["result"]["response"]
    assert run(no_response) is None
    assert run({"verb": {"id": ANSWERED}, "object": {"id": IRI}}) is None
    assert run(statement("true"), library="H5P.Dialogcards") is None
    assert run(statement("true"), library="H5P.TrueFalse 1.6") == grade(1, 1, True)
    for broken in [None, [], "x", {"verb": "answered"}, {**statement("true"), "object": []}]:
        assert run(broken) is None
    for response in [1, None, ["true"], {"true": True}]:  # there, but not a response string
        assert run(statement(response)) == grade(0, 1, False)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
marked_text = st.lists(st.sampled_from([*"0123*:/ -\\+aAbé\u00a0\n", "[,]"]), max_size=30).map(
    "".join
)
responses = marked_text | st.text(max_size=60)
answers = st.lists(
    st.fixed_dictionaries({}, optional={"correct": json_values, "weight": json_values}),
    max_size=5,
)
params_values = st.fixed_dictionaries(
    {},
    optional={
        key: json_values | marked_text | st.lists(marked_text | json_values, max_size=3) | answers
        for key in ["answers", "behaviour", "questions", "textField", "correct", "weight"]
    },
)


@PROPERTY
@given(response=responses, name=st.sampled_from(sorted(MAIN)))
def test_any_response_to_a_fixture_never_raises(response, name):
    if not FIXTURES.is_dir():
        pytest.skip(NO_FIXTURES)
    content = content_json(name)
    subs = [None] + [q["subContentId"] for q in content.get("questions", []) if isinstance(q, dict)]
    for sub in subs if name == "questionset.h5p" else [None]:
        checked = check(name, response, sub=sub)
        if checked is not None:
            assert 0 <= checked.raw <= checked.max and 0 <= checked.scaled <= 1


@PROPERTY
@given(
    params=params_values,
    response=responses | st.none(),
    library=st.sampled_from(sorted(CHECKERS)),
)
def test_any_content_and_response_never_raise(params, response, library):
    checked = CHECKERS[library](params, response)  # None: content its type can't check
    assert checked is None or (0 <= checked.raw <= checked.max and 0 <= checked.scaled <= 1)


statements = json_values | st.fixed_dictionaries(
    {
        "verb": st.just({"id": ANSWERED}) | json_values,
        "object": st.fixed_dictionaries({"id": st.sampled_from([IRI, f"{IRI}?subContentId=s"])})
        | json_values,
        "result": st.fixed_dictionaries({}, optional={"response": responses | json_values})
        | json_values,
    }
)


@PROPERTY
@given(
    sent=statements,
    main=st.sampled_from([*sorted(CHECKERS), "H5P.QuestionSet", "", None]),
    child=st.sampled_from([*sorted(CHECKERS), "H5P.DragQuestion 1.13"]),
    params=params_values,
)
def test_any_statement_never_raises(sent, main, child, params):
    content = {
        **params,
        "questions": [{"library": f"{child} 1.0", "subContentId": "s", "params": params}],
    }
    checked = h5p_result_check(content_json=content, main_library=main, statement=sent)
    assert checked is None or 0 <= checked.scaled <= 1


words = st.text(alphabet="ab:/ *-\\+", max_size=12)


@PROPERTY
@given(pieces=st.lists(st.tuples(st.text(alphabet="xy .", max_size=6), words), max_size=6))
def test_the_key_itself_always_scores_full_marks(pieces):
    text = "".join(f"{plain}*{word}*" for plain, word in pieces)
    solutions = _blanks_solutions([text])
    right = "[,]".join(alternatives[0] for alternatives in solutions)
    assert CHECKERS["H5P.Blanks"]({"questions": [text or "x"]}, right).raw == len(solutions)
    zones = _dragtext_solutions(text)
    checked = CHECKERS["H5P.DragText"]({"textField": text}, "[,]".join(zones))
    assert checked.raw == sum(zone != "" for zone in zones)  # "" is an empty zone, never right


@PROPERTY
@given(correct=st.lists(st.booleans(), min_size=1, max_size=6), data=st.data())
def test_multichoice_only_the_exact_right_set_gets_full_marks(correct, data):
    params = multichoice(correct, singlePoint=data.draw(st.booleans()))
    chosen = data.draw(st.sets(st.integers(0, len(correct) - 1)))
    checked = CHECKERS["H5P.MultiChoice"](params, "[,]".join(map(str, sorted(chosen))))
    right = {i for i, c in enumerate(correct) if c}
    assert (checked.raw == checked.max) is (chosen == right)
    assert checked.success is (chosen == right)  # passPercentage 100


# --- The libraries' own JavaScript, run by node ------------------------------------------------

HARNESS = r"""
const fs = require('fs'), vm = require('vm'), dir = process.argv[2] + '/';
const run = file => vm.runInThisContext(fs.readFileSync(dir + file, 'utf8'));
const stub = () => function () {};  // constructors (a method shorthand has no prototype)
global.H5P = {trim: v => v.replace(/^\s+|\s+$/g, ''), jQuery: stub(), Question: stub(),
  ConfirmationDialog: stub(), EventDispatcher: stub(), Blanks: stub()};
run('H5P.TextUtilities-1.3/scripts/text-utilities.js');
run('H5P.Blanks-1.12/js/cloze.js');
run('H5P.DragText-1.8/dist/h5p-drag-text.js');
const blanks = fs.readFileSync(dir + 'H5P.Blanks-1.12/js/blanks.js', 'utf8');
const method = name => eval('(' + blanks.match(new RegExp(
  'Blanks\\.prototype\\.' + name + ' = (function[\\s\\S]*?\\n  \\});'))[1] + ')');
const self = {parseSolution: method('parseSolution')}, handleBlanks = method('handleBlanks');
global.document = {createElement: () => ({set innerHTML(v) { this.value = v; }})};
const input = v => {  // the jQuery input a Cloze reads its value from
  const f = {val: () => v};
  for (const m of ['parent', 'attr', 'blur', 'keyup']) f[m] = () => f;
  return f;
};
const dragText = H5P.DragText.prototype;
process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync(0, 'utf8')).map(c => {
  if (c.kind === 'blanks') {
    const found = [];
    handleBlanks.call(self, c.text, s => { found.push(s.solutions); return '<input>'; });
    return found;
  }
  if (c.kind === 'dragtext') return dragText.getSolutionsFromQuestion.call(
    {isAnswerPart: dragText.isAnswerPart}, c.text.replace(/(\r\n|\n|\r)/gm, '<br/>'));
  const cloze = new H5P.Blanks.Cloze({solutions: c.solutions}, c.behaviour, null, {inputLabel: ''});
  cloze.setInput(input(c.answer));
  return cloze.correct();
})));
"""


def test_parsing_and_comparing_agree_with_the_libraries_javascript(tmp_path):
    """Blanks' handleBlanks/parseSolution and Cloze correct() (with TextUtilities' distance) and
    DragText's parseText/lex, run from the packages, on random texts with the markers."""
    if not FIXTURES.is_dir():
        pytest.skip(NO_FIXTURES)
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    with zipfile.ZipFile(H5P_FIXTURES / "questionset.h5p") as archive:
        for name in archive.namelist():
            if name.startswith(("H5P.TextUtilities-1.3/", "H5P.Blanks-1.12/", "H5P.DragText-1.8/")):
                archive.extract(name, tmp_path)
    (tmp_path / "harness.js").write_text(HARNESS)
    rng = random.Random(20261127)
    alphabet = [*"**::// \n\r\\+-abAéİßΣ\u00a0\u2028😀\ufeff\x85K\u212a"]

    def text(size):
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, size)))

    cases = []
    for _ in range(600):
        cases.append({"kind": "blanks", "text": text(30)})
        cases.append({"kind": "dragtext", "text": text(40)})
        solutions = [text(10) for _ in range(rng.randint(1, 3))]
        near = rng.choice(solutions)
        at = rng.randint(0, len(near))
        edited = near[:at] + rng.choice(["", "a", "A"]) + near[at + 1 :]
        behaviour = {
            "caseSensitive": rng.choice([True, False]),
            "acceptSpellingErrors": rng.choice([True, False]),
        }
        cases.append(
            {
                "kind": "cloze",
                "solutions": solutions,
                "answer": edited if rng.random() < 0.6 else text(10),
                "behaviour": behaviour,
            }
        )
    command = [shutil.which("node"), str(tmp_path / "harness.js"), str(tmp_path)]
    result = subprocess.run(  # noqa: S603 - our own script, on data made here
        command, input=json.dumps(cases).encode(), capture_output=True, check=True, timeout=120
    )
    expected = json.loads(result.stdout)
    for case, js in zip(cases, expected, strict=True):
        if case["kind"] == "blanks":
            assert _blanks_solutions([case["text"]]) == js, case
        elif case["kind"] == "dragtext":
            assert "[,]".join(_dragtext_solutions(case["text"])) == js, case
        else:
            answer = js_trim(case["answer"])  # Cloze getUserAnswer(): H5P.trim(input value)
            assert _cloze_correct(answer, case["solutions"], case["behaviour"]) == js, case
    assert sum(js is True for js in expected) > 50  # the comparison saw right answers too
