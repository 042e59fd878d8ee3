"""Containers built from their children's checked results: Column (the building block of
Interactive Book's chapters). Column is not among our fixtures: the content is written here and
the rule (completed(): the sum of each task's latest score and of their maxima; Column.isTask())
follows H5P.Column 1.18's public source."""

from progress.checking import CheckedResult, h5p_container_result, h5p_result_check

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
IRI = "http://127.0.0.1:8777/content/x"


def item(library, sub, params):
    return {"content": {"library": library, "subContentId": sub, "params": params}}


TRUE_FALSE = item("H5P.TrueFalse 1.6", "tf", {"question": "Đúng hay sai?", "correct": "true"})
MULTI_CHOICE = item(
    "H5P.MultiChoice 1.14", "mc",
    {"answers": [{"text": "Đúng", "correct": True}, {"text": "Sai", "correct": False},
                 {"text": "Cũng đúng", "correct": True}],
     "behaviour": {"singlePoint": False}},
)  # fmt: skip
TEXT = item("H5P.AdvancedText 1.1", "t", {"text": "<p>Đọc kỹ trước khi trả lời.</p>"})
QUESTION_SET = item(
    "H5P.QuestionSet 1.17", "qs",
    {"questions": [{"library": "H5P.TrueFalse 1.6", "subContentId": "qs-tf",
                    "params": {"correct": "false"}}]},
)  # fmt: skip
COLUMN = {"content": [TEXT, TRUE_FALSE, MULTI_CHOICE, QUESTION_SET]}


def answered(sub, response, content=COLUMN):
    statement = {
        "verb": {"id": ANSWERED},
        "object": {"id": f"{IRI}?subContentId={sub}"},
        "result": {"response": response},
    }
    return h5p_result_check(content_json=content, main_library="H5P.Column", statement=statement)


def column(children, content=COLUMN):
    return h5p_container_result(content_json=content, main_library="H5P.Column", children=children)


def test_column_children_are_checked_by_their_own_type():
    assert answered("tf", "true") == CheckedResult(1, 1, 1, True)
    assert answered("mc", "0[,]2") == CheckedResult(2, 2, 1, True)
    assert answered("qs-tf", "false") == CheckedResult(1, 1, 1, True)  # inside the QuestionSet
    assert answered("t", "x") is None  # a text has nothing to check


def test_column_result_adds_up_its_tasks_and_leaves_text_out():
    right = {"tf": answered("tf", "true"), "mc": answered("mc", "0[,]2"),
             "qs-tf": answered("qs-tf", "false")}  # fmt: skip
    assert column(right) == CheckedResult(4, 4, 1, None)
    assert column({**right, "mc": answered("mc", "1")}) == CheckedResult(2, 4, 0.5, None)
    assert column({}) == CheckedResult(0, 4, 0, None)  # nothing answered: left empty


def test_a_column_with_a_type_we_cannot_add_up_is_not_checked():
    hotspot = item("H5P.ImageHotspotQuestion 1.8", "h", {})  # reports a score, no answer
    assert column({}, {"content": [TRUE_FALSE, hotspot]}) is None
    unknown = item("H5P.SomethingNew 1.0", "n", {})  # might be a task
    assert column({}, {"content": [TRUE_FALSE, unknown]}) is None
    row = item("H5P.Row 1.0", "r", {"columns": []})  # its columns hold tasks too
    assert column({}, {"content": [TRUE_FALSE, row]}) is None
    assert column({}, {"content": [TEXT]}) == CheckedResult(0, 0, 0, None)
