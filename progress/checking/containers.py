"""Content types made of other content: where their children are, and their own result.

A container's children report their own statements, each with "?subContentId=<id>" at the end
of object.id (and the container in context.contextActivities.parent); the container's own
"completed" carries a score but no response. ``CHILDREN`` lists a container's direct children
from its params; ``RESULTS`` builds the container's result from its children's results, as the
container's library adds them up.
"""

from collections.abc import Callable, Iterator

from progress.checking.base import (
    CheckedResult,
    as_dict,
    checked_result,
    js_number,
    merged_params,
    truthy,
)
from progress.checking.base import passes as _passes

SINGLE_CHOICE = "H5P.SingleChoiceSet.choice"  # one question of a Single Choice Set
SUMMARY_STATEMENTS = "H5P.Summary.statements"  # one list of statements of a Summary


def machine_name(library) -> str:
    """The machine name of "H5P.MultiChoice 1.14" (a sub-content's "library") or of a name."""
    return library.split(" ", 1)[0] if isinstance(library, str) else ""


Child = tuple[str | None, str, dict]  # (subContentId, library machine name, params)


def _listed(value) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _library_child(node) -> Child:
    node = as_dict(node)
    sub_content_id = node.get("subContentId")
    return (
        sub_content_id if isinstance(sub_content_id, str) else None,
        machine_name(node.get("library")),
        as_dict(node.get("params")),
    )


# --- H5P.QuestionSet 1.17 (js/questionset.js) -------------------------------------------------


def _question_set_children(params) -> Iterator[Child]:
    for question in _listed(as_dict(params).get("questions")):
        yield _library_child(question)


def _question_set_result(params, children: list[CheckedResult | None]) -> CheckedResult | None:
    # getScore()/getMaxScore(): sums over every question; success is
    # 100 * score / max >= passPercentage (default 50). A random pool (poolSize) shows a subset
    # of the questions we can't know.
    p = merged_params({"passPercentage": 50, "poolSize": 0}, params)
    if js_number(p["poolSize"]) > 0 or any(child is None for child in children):
        return None
    raw = sum(child.raw for child in children)
    maximum = sum(child.max for child in children)
    return checked_result(raw, maximum, _passes(raw, maximum, p["passPercentage"]))


# --- H5P.SingleChoiceSet 1.11 (scripts/single-choice-set.js) ---------------------------------


def _single_choice_set_children(params) -> Iterator[Child]:
    # The constructor drops choices without answers: `choice !== undefined && !!choice.answers`.
    for choice in _listed(as_dict(params).get("choices")):
        if truthy(choice.get("answers")):
            sub_content_id = choice.get("subContentId")
            sub_content_id = sub_content_id if isinstance(sub_content_id, str) else None
            yield (sub_content_id, SINGLE_CHOICE, choice)


def _single_choice_set_result(params, children: list[CheckedResult | None]) -> CheckedResult:
    # setScore(): triggerXAPIScored(corrects, choices.length, 'completed', true,
    # (100 * score / choices.length) >= behaviour.passPercentage), passPercentage 100 by default.
    p = merged_params({"behaviour": {"passPercentage": 100}}, params)
    raw = sum(child.raw for child in children if child is not None)
    maximum = len(children)
    return checked_result(raw, maximum, _passes(raw, maximum, p["behaviour"]["passPercentage"]))


# --- H5P.Summary 1.10 (js/summary.js) ------------------------------------------------------------


def _summary_children(params) -> Iterator[Child]:
    # The constructor keeps `element.summary !== undefined`; each list reports its own
    # "answered" (createXApiAnsweredEvent(), with the list's subContentId).
    for panel in _listed(as_dict(params).get("summaries")):
        if "summary" in panel:
            sub_content_id = panel.get("subContentId")
            sub_content_id = sub_content_id if isinstance(sub_content_id, str) else None
            yield (sub_content_id, SUMMARY_STATEMENTS, panel)


def _summary_result(params, children: list[CheckedResult | None]) -> CheckedResult:
    # The set's own "answered" when the last list is done: triggerXAPIScored(getScore(),
    # getMaxScore(), 'answered'), the lists right at the first try out of every list; no
    # success of its own.
    raw = sum(child.raw for child in children if child is not None)
    return checked_result(raw, len(children), None)


# --- Content that reports no score ---------------------------------------------------------------

# Content types that report no score of their own (and set no isTask): the containers that hold
# any content (ADDS_UP_TASKS_ONLY) leave them out of their result. Anything else we don't check
# makes a container's result uncheckable (in a QuestionSet, even these: it adds up every child).
NO_SCORE = frozenset(
    {
        "H5P.Accordion",
        "H5P.AdvancedText",
        "H5P.AppearIn",
        "H5P.Audio",
        "H5P.Chart",
        "H5P.Collage",
        "H5P.ContinuousText",
        "H5P.Dialogcards",
        "H5P.ExportableTextArea",
        "H5P.GoToQuestion",
        "H5P.IFrameEmbed",
        "H5P.Image",
        "H5P.ImageSlider",
        "H5P.IVHotspot",
        "H5P.Link",
        "H5P.Nil",
        "H5P.OpenEndedQuestion",
        "H5P.Questionnaire",
        "H5P.Shape",
        "H5P.SimpleMultiChoice",
        "H5P.Table",
        "H5P.Text",
        "H5P.TwitterUserFeed",
        "H5P.Video",
    }
)


ADDS_UP_TASKS_ONLY = frozenset({"H5P.Column", "H5P.CoursePresentation", "H5P.InteractiveVideo"})


# --- H5P.Column 1.18 (scripts/h5p-column.js) ----------------------------------------------------

# Column.isTask(): the types whose results the Column adds up.
COLUMN_TASKS = frozenset(
    {
        "H5P.ImageHotspotQuestion", "H5P.Blanks", "H5P.Essay", "H5P.SingleChoiceSet",
        "H5P.MultiChoice", "H5P.TrueFalse", "H5P.DragQuestion", "H5P.Summary", "H5P.DragText",
        "H5P.MarkTheWords", "H5P.MemoryGame", "H5P.QuestionSet", "H5P.InteractiveVideo",
        "H5P.CoursePresentation", "H5P.DocumentationTool", "H5P.MultiMediaChoice",
    }
)  # fmt: skip


def _column_children(params) -> Iterator[Child]:
    for item in _listed(as_dict(params).get("content")):
        yield _library_child(item.get("content"))


def _column_result(params, children: list[CheckedResult | None]) -> CheckedResult | None:
    # completed(): once every task has reported a score, triggerXAPIScored(the sum of each
    # task's latest score, the sum of their maxima, 'completed'), no success of its own. A type
    # that is no task and reports no score is left out; any other (or an H5P.Row, whose columns
    # hold tasks too) can't be added up here.
    for _sub, library, _params in _column_children(params):
        if library not in NO_SCORE and library not in COLUMN_TASKS:
            return None
    if any(child is None for child in children):
        return None
    raw = sum(child.raw for child in children)
    return checked_result(raw, sum(child.max for child in children), None)


def _tasks_result(_params, children: list[CheckedResult | None]) -> CheckedResult | None:
    """The sum of the tasks' scores and of their maxima, no success of its own; None when some
    task can't be checked (or is a type we don't know)."""
    if any(child is None for child in children):
        return None
    raw = sum(child.raw for child in children)
    return checked_result(raw, sum(child.max for child in children), None)


# --- H5P.CoursePresentation 1.22 (src/scripts/cp.js, element.js, summary-slide.js) --------------


def _course_presentation_children(params) -> Iterator[Child]:
    # Each slide's elements; one without an action is a "go to slide" button.
    for slide in _listed(as_dict(as_dict(params).get("presentation")).get("slides")):
        for element in _listed(slide.get("elements")):
            if isinstance(element.get("action"), dict):
                yield _library_child(element["action"])


# The summary slide's outputScoreStats(): triggerXAPICompleted(the sum over the slides of their
# tasks' getScore(), of their getMaxScore()), no success. Element(): a task is an instance with
# isTask or showSolutions (every question type), text and media are none.


# --- H5P.InteractiveVideo 1.22 (src/scripts/interactive-video.js, interaction.js, endscreen.js) ---


def _interactive_video_children(params) -> Iterator[Child]:
    video = as_dict(as_dict(params).get("interactiveVideo"))
    for interaction in _listed(as_dict(video.get("assets")).get("interactions")):
        if isinstance(interaction.get("action"), dict):
            yield _library_child(interaction["action"])
    # hasMainSummary(): the Summary shown at the end is one more interaction
    summary = as_dict(video.get("summary"))
    task = as_dict(summary.get("task"))
    panels = as_dict(task.get("params")).get("summaries")
    if "displayAt" in summary and isinstance(panels, list) and panels:
        first = as_dict(panels[0]).get("summary")
        if isinstance(first, list) and first:
            yield _library_child(task)


def _interactive_video_result(params, children: list[CheckedResult | None]):
    # The end screen's handleSubmit(): triggerXAPIScored(getUsersScore(), getUsersMaxScore(),
    # 'completed'): each interaction's latest answered/completed score and its getMaxScore().
    # Without an end screen the video is no task (a Course Presentation then leaves it out).
    video = as_dict(as_dict(params).get("interactiveVideo"))
    if "endscreens" not in as_dict(video.get("assets")):
        return checked_result(0, 0, None)
    return _tasks_result(params, children)


# --- H5P.InteractiveBook 1.11 (src/scripts/app.js, summary.js) ----------------------------------


def _interactive_book_children(params) -> Iterator[Child]:
    # Each chapter is an H5P.Column.
    for item in _listed(as_dict(params).get("chapters")):
        yield _library_child(item.get("chapter"))


# The summary's submit: triggerXAPIScored(getScore(), getMaxScore(), 'completed'), the sums of
# the chapters' Column getScore() and getMaxScore(), no success of its own (_tasks_result).


CHILDREN: dict[str, Callable[[dict], Iterator[Child]]] = {
    "H5P.QuestionSet": _question_set_children,
    "H5P.SingleChoiceSet": _single_choice_set_children,
    "H5P.Summary": _summary_children,
    "H5P.Column": _column_children,
    "H5P.CoursePresentation": _course_presentation_children,
    "H5P.InteractiveVideo": _interactive_video_children,
    "H5P.InteractiveBook": _interactive_book_children,
}
RESULTS: dict[str, Callable[[dict, list], CheckedResult | None]] = {
    "H5P.QuestionSet": _question_set_result,
    "H5P.SingleChoiceSet": _single_choice_set_result,
    "H5P.Summary": _summary_result,
    "H5P.Column": _column_result,
    "H5P.CoursePresentation": _tasks_result,
    "H5P.InteractiveVideo": _interactive_video_result,
    "H5P.InteractiveBook": _tasks_result,
}
