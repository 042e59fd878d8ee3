"""Containers built from their children's checked results: Column (the building block of
Interactive Book's chapters; not among our fixtures: the content is written here and the rule
follows H5P.Column 1.18's public source), Course Presentation and Interactive Video (from the
Course Presentation fixture, rules from CP 1.22 and IV 1.22's source)."""

import copy

from progress.checking import CheckedResult, h5p_container_result, h5p_result_check
from tests.progress.h5p_node import hub_content

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


def answered(sub, response, content=COLUMN, main="H5P.Column"):
    statement = {
        "verb": {"id": ANSWERED},
        "object": {"id": f"{IRI}?subContentId={sub}"},
        "result": {"response": response},
    }
    return h5p_result_check(content_json=content, main_library=main, statement=statement)


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
    dictation = item("H5P.Dictation 1.3", "d", {})  # gradable, but no Column task
    assert column({}, {"content": [TRUE_FALSE, dictation]}) is None
    unknown = item("H5P.SomethingNew 1.0", "n", {})  # might be a task
    assert column({}, {"content": [TRUE_FALSE, unknown]}) is None
    row = item("H5P.Row 1.0", "r", {"columns": []})  # its columns hold tasks too
    assert column({}, {"content": [TRUE_FALSE, row]}) is None
    assert column({}, {"content": [TEXT]}) == CheckedResult(0, 0, 0, None)


# --- Course Presentation and Interactive Video --------------------------------------------------


def _without_free_text(content):
    """The fixture, its video's free-text question (which the server can't check) taken out."""
    content = copy.deepcopy(content)
    for slide in content["presentation"]["slides"]:
        for element in slide.get("elements", []):
            action = element.get("action") or {}
            if action.get("library", "").startswith("H5P.InteractiveVideo"):
                assets = action["params"]["interactiveVideo"]["assets"]
                assets["interactions"] = [
                    i for i in assets["interactions"]
                    if not i["action"]["library"].startswith("H5P.FreeTextQuestion")
                ]  # fmt: skip
    return content


def _subs(content, library):
    found = []

    def walk(value):
        if isinstance(value, dict):
            if str(value.get("library", "")).startswith(library):
                found.append(value["subContentId"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(content)
    return found


def test_course_presentation_adds_up_the_tasks_of_its_slides_and_its_video():
    fixture = hub_content("H5P.CoursePresentation")

    def total(content, children):
        return h5p_container_result(
            content_json=content, main_library="H5P.CoursePresentation", children=children
        )

    # its video holds a free-text question: the presentation's result can't be checked
    assert total(fixture, {}) is None
    content = _without_free_text(fixture)
    # slide 2's tasks: 2 Blanks, an empty Single Choice Set, 2 MultiChoice, 2 TrueFalse, Drag
    # and Drop, an empty Summary, Drag the Words (5), Mark the Words (2): 14 points; the video's
    # 9; left empty, the MultiChoices with no right answer and the blank Drag and Drop earn
    # theirs (3 on the slide, 3 in the video). Text, images, shapes, media, cards: nothing.
    assert total(content, {}) == CheckedResult(6, 23, 0.2609, None)
    true_false = _subs(content, "H5P.TrueFalse")  # two on the slide, two in the video
    assert len(true_false) == 4
    correct = [q for q in true_false if _params(content, q).get("correct") == "true"]
    checked = {
        sub: h5p_result_check(
            content_json=content, main_library="H5P.CoursePresentation",
            statement=_answered(sub, "true"),
        )
        for sub in true_false
    }  # fmt: skip
    assert correct and total(content, checked).raw == 6 + len(correct)
    # a video without an end screen is no task: the presentation leaves it out
    no_end = copy.deepcopy(content)
    for action in _actions(no_end, "H5P.InteractiveVideo"):
        del action["params"]["interactiveVideo"]["assets"]["endscreens"]
    assert total(no_end, {}) == CheckedResult(3, 14, 0.2143, None)
    # a type we know nothing about might be a task
    unknown = copy.deepcopy(content)
    unknown["presentation"]["slides"][0]["elements"].append(
        {"action": {"library": "H5P.SomethingNew 1.0", "subContentId": "n", "params": {}}}
    )
    assert total(unknown, {}) is None


def _actions(content, library):
    return [
        element["action"]
        for slide in content["presentation"]["slides"]
        for element in slide.get("elements", [])
        if str((element.get("action") or {}).get("library", "")).startswith(library)
    ]


def _params(content, sub):
    found = []

    def walk(value):
        if isinstance(value, dict):
            if value.get("subContentId") == sub and "params" in value:
                found.append(value["params"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(content)
    return found[0]


def _answered(sub, response):
    return {
        "verb": {"id": ANSWERED},
        "object": {"id": f"{IRI}?subContentId={sub}"},
        "result": {"response": response},
    }


# --- Interactive Book ---------------------------------------------------------------------------


def test_interactive_book_adds_up_its_chapters():
    chapter_two = {"content": [TEXT, item("H5P.TrueFalse 1.6", "tf2", {"correct": "false"})]}
    book = {
        "chapters": [
            {"chapter": {"library": "H5P.Column 1.18", "subContentId": "c1", "params": COLUMN}},
            {"chapter": {"library": "H5P.Column 1.18", "subContentId": "c2",
                         "params": chapter_two}},
        ]
    }  # fmt: skip
    two = answered("tf2", "false", book, "H5P.InteractiveBook")
    assert two == CheckedResult(1, 1, 1, True)  # found inside its chapter
    children = {"tf2": two, "tf": answered("tf", "true")}
    assert h5p_container_result(
        content_json=book, main_library="H5P.InteractiveBook", children=children
    ) == CheckedResult(2, 5, 0.4, None)
    dictation = item("H5P.Dictation 1.3", "d", {})
    chapter_two["content"].append(dictation)  # a chapter we can't add up: the book neither
    assert (
        h5p_container_result(
            content_json=book, main_library="H5P.InteractiveBook", children=children
        )
        is None
    )
