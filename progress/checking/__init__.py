"""Re-check H5P results on the server from the package's answer key.

The H5P player grades in the browser, so the ``score`` and ``success`` it reports can be forged.
These pure functions (no database) recompute them from the statement's ``result.response`` and the
package's content.json, the way the H5P libraries themselves grade (``libraries`` and the modules
beside it quote the JavaScript each rule follows, with the library versions of the test fixtures).
Content params are merged over each library's defaults as jQuery's deep ``$.extend`` does, so
missing keys behave as in the player.

Containers (``containers``: QuestionSet, Single Choice Set, Summary, Column, Course Presentation,
Interactive Video, Interactive Book) hold children that report their
own statements ("?subContentId=<id>" at the end of object.id); each child is found anywhere in
the tree and checked by its own type, and the container's own result is built from its
children's checked results with ``h5p_container_result``.

``None`` means "not gradable": no answer in the statement, a container's own statement, a
content type we don't know, or content its type can't check (an Essay without points to earn,
or with keywords given as regular expressions); the caller records such statements as
unverified. Types whose statements carry no answer at all (Find the Hotspot, Find Multiple
Hotspots, Arithmetic Quiz: ``ANSWERED_BY_FRAME``), or only words already matched by the browser
(Dictation), are graded from the answer the player frame reads from the instance and adds under
``ANSWER_EXTENSION`` (see ``pointing`` and ``dictation``).
"""

from collections.abc import Iterator, Mapping

from progress.checking.base import CheckedResult, as_dict, checked_result
from progress.checking.containers import (
    ADDS_UP_TASKS_ONLY,
    CHILDREN,
    NO_SCORE,
    RESULTS,
    Child,
    machine_name,
)
from progress.checking.libraries import CHECKERS
from progress.checking.pointing import ANSWER_EXTENSION

# Types whose statements carry no answer: the player frame adds it under ANSWER_EXTENSION.
ANSWERED_BY_FRAME = frozenset(
    {
        "H5P.ImageHotspotQuestion",
        "H5P.ImageMultipleHotspotQuestion",
        "H5P.ArithmeticQuiz",
        "H5P.Dictation",  # its own response has no sentence boundaries (see dictation)
    }
)

__all__ = [
    "CHECKERS",
    "CHILDREN",
    "CheckedResult",
    "h5p_container_result",
    "h5p_gradable",
    "h5p_question_set_result",
    "h5p_result_check",
]

GRADABLE_VERBS = {
    "http://adlnet.gov/expapi/verbs/answered",
    "http://adlnet.gov/expapi/verbs/completed",
}
MAX_DEPTH = 8  # containers in containers: deeper than any real package


def h5p_gradable(library: str, content_json: dict | None = None) -> bool:
    """Whether the server checks results of this content type (a machine name) and, given the
    package's content.json, of this content (an Essay with no points to earn is free text)."""
    name = machine_name(library)
    if name in CHECKERS and content_json is not None:
        return CHECKERS[name](as_dict(content_json), None) is not None
    return name in CHECKERS or name in RESULTS


def _descendants(library: str, params: dict, depth: int = 0) -> Iterator[Child]:
    if depth > MAX_DEPTH or library not in CHILDREN:
        return
    for child in CHILDREN[library](params):
        yield child
        yield from _descendants(child[1], child[2], depth + 1)


def _graded_content(*, content_json, main_library, sub_content_id) -> tuple[str, dict] | None:
    """The (library, params) a statement is about, or None when we can't grade it."""
    main = machine_name(main_library)
    if sub_content_id is None:
        return (main, as_dict(content_json)) if main in CHECKERS else None
    for found_id, library, params in _descendants(main, as_dict(content_json)):
        if found_id == sub_content_id:
            return (library, params) if library in CHECKERS else None
    return None


def h5p_result_check(
    *, content_json: dict, main_library: str, statement: dict
) -> CheckedResult | None:
    """The statement's result recomputed from the package's answer key (CheckedResult), or None.

    ``main_library`` is the package's main machine name. A container's children are found by
    the "?subContentId=<id>" at the end of object.id. None for statements with no
    result.response, verbs other than answered/completed, a container's own statement (its
    "completed" carries no response: combine the children with ``h5p_container_result``) and
    content types we don't know. A response that can't be read scores 0; this never raises.
    """
    if not isinstance(statement, dict):
        return None
    verb = as_dict(statement.get("verb")).get("id")
    result = as_dict(statement.get("result"))
    object_id = as_dict(statement.get("object")).get("id")
    if verb not in GRADABLE_VERBS or not isinstance(object_id, str):
        return None
    _base, marker, sub_content_id = object_id.rpartition("?subContentId=")
    target = _graded_content(
        content_json=content_json,
        main_library=main_library,
        sub_content_id=sub_content_id if marker else None,
    )
    if target is None:
        return None
    library, params = target
    answer = result
    if library in ANSWERED_BY_FRAME:  # the library sends no answer: the frame adds it
        answer = as_dict(result.get("extensions"))
        answer = {"response": answer[ANSWER_EXTENSION]} if ANSWER_EXTENSION in answer else {}
    if "response" not in answer:
        return None
    if not isinstance(answer["response"], str):  # there, but no answer: scores 0
        empty = CHECKERS[library](params, None)
        if empty is None:  # content that can't be checked
            return None
        return checked_result(0, empty.max, None if empty.success is None else False)
    return CHECKERS[library](params, answer["response"])


def _result(library, params, children, depth) -> CheckedResult | None:
    """A piece of content's result: its checked answer, or as left empty; a container's from
    its children. None when some part can't be graded."""
    if library in CHECKERS:
        return None  # handled by the caller, which knows the subContentId
    if library not in RESULTS or depth > MAX_DEPTH:
        return None
    results = []
    for sub_content_id, child_library, child_params in CHILDREN[library](params):
        if child_library in NO_SCORE and library in ADDS_UP_TASKS_ONLY:
            continue  # text, images, media…: nothing to add up
        if child_library in CHECKERS:
            child = children.get(sub_content_id) if sub_content_id is not None else None
            if not isinstance(child, CheckedResult):
                child = CHECKERS[child_library](child_params, None)
        else:
            child = _result(child_library, child_params, children, depth + 1)
        results.append(child)
    return RESULTS[library](params, results)


def h5p_container_result(
    *, content_json: dict, main_library: str, children: Mapping[str, CheckedResult]
) -> CheckedResult | None:
    """A container's own result from its children's checked results (by subContentId).

    As each container's library adds them up: a child with no answer counts as left empty (a
    MultiChoice whose right answer is "none" then earns its point), a child container's result
    comes from its own children. None for content that is no container we know, or when some
    child's type can't be graded (its maximum can't be known).
    """
    return _result(machine_name(main_library), as_dict(content_json), children, 0)


def h5p_question_set_result(
    *, content_json: dict, children: Mapping[str, CheckedResult]
) -> CheckedResult | None:
    """A QuestionSet's own result (``h5p_container_result`` for H5P.QuestionSet)."""
    return h5p_container_result(
        content_json=content_json, main_library="H5P.QuestionSet", children=children
    )
