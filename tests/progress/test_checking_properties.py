"""Server-side re-checking of H5P results (progress.checking): statements that are not answers,
malformed ones, and property tests (any content, response or statement never raises; the key
itself scores full marks)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from progress.checking import CHECKERS, h5p_result_check
from progress.checking.libraries import _blanks_solutions, _dragtext_solutions
from tests.progress.checking_helpers import (
    ANSWERED,
    FIXTURES,
    IRI,
    MAIN,
    NO_FIXTURES,
    PROPERTY,
    check,
    content_json,
    grade,
    multichoice,
    statement,
)

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
