"""Re-check H5P results on the server from the package's answer key.

The H5P player grades in the browser, so the ``score`` and ``success`` it reports can be forged.
These pure functions (no database) recompute them from the statement's ``result.response`` and the
package's content.json, the way the H5P libraries themselves grade: H5P.TrueFalse 1.6,
H5P.MultiChoice 1.14, H5P.Blanks 1.12, H5P.DragText 1.8 and H5P.QuestionSet 1.17 (the versions in
the test fixtures; ``libraries`` quotes the JavaScript each rule follows). Content params are merged
over each library's defaults as jQuery's deep ``$.extend`` does, so missing keys behave as in the
player. ``None`` means "not gradable": no answer in the statement, a container's own statement,
or a content type we don't know; the caller records such statements as unverified.
"""

from collections.abc import Mapping

from progress.checking.base import (
    CheckedResult,
    as_dict,
    checked_result,
    js_number,
    merged_params,
    passes,
)
from progress.checking.libraries import CHECKERS

__all__ = ["CHECKERS", "CheckedResult", "h5p_question_set_result", "h5p_result_check"]

GRADABLE_VERBS = {
    "http://adlnet.gov/expapi/verbs/answered",
    "http://adlnet.gov/expapi/verbs/completed",
}
QUESTION_SET = "H5P.QuestionSet"


def _machine_name(library) -> str:
    """The machine name of "H5P.MultiChoice 1.14" (a sub-content's "library") or of a name."""
    return library.split(" ", 1)[0] if isinstance(library, str) else ""


def _question_set_questions(content_json) -> list[dict]:
    questions = as_dict(content_json).get("questions")
    return [q for q in questions if isinstance(q, dict)] if isinstance(questions, list) else []


def _graded_content(*, content_json, main_library, sub_content_id) -> tuple[str, dict] | None:
    """The (library, params) a statement is about, or None when we can't grade it."""
    main = _machine_name(main_library)
    if sub_content_id is None:
        return (main, as_dict(content_json)) if main in CHECKERS else None
    if main != QUESTION_SET:
        return None
    for question in _question_set_questions(content_json):
        if question.get("subContentId") == sub_content_id:
            library = _machine_name(question.get("library"))
            return (library, as_dict(question.get("params"))) if library in CHECKERS else None
    return None


def h5p_result_check(
    *, content_json: dict, main_library: str, statement: dict
) -> CheckedResult | None:
    """The statement's result recomputed from the package's answer key (CheckedResult), or None.

    ``main_library`` is the package's main machine name. Sub-questions of a QuestionSet are
    found by the "?subContentId=<id>" at the end of object.id. None for statements with no
    result.response, verbs other than answered/completed, the QuestionSet's own statement (its
    "completed" carries no response: combine the children with ``h5p_question_set_result``) and
    content types we don't know. A response that can't be read scores 0; this never raises.
    """
    if not isinstance(statement, dict):
        return None
    verb = as_dict(statement.get("verb")).get("id")
    result = as_dict(statement.get("result"))
    object_id = as_dict(statement.get("object")).get("id")
    if verb not in GRADABLE_VERBS or "response" not in result or not isinstance(object_id, str):
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
    if not isinstance(result["response"], str):  # there, but no answer: scores 0
        empty = CHECKERS[library](params, None)
        return checked_result(0, empty.max, None if empty.success is None else False)
    return CHECKERS[library](params, result["response"])


def h5p_question_set_result(
    *, content_json: dict, children: Mapping[str, CheckedResult]
) -> CheckedResult | None:
    """A QuestionSet's own result from its questions' checked results (by subContentId).

    As H5P.QuestionSet 1.17 does: score and maximum are sums over every question, an unanswered
    one graded as left empty (a MultiChoice whose right answer is "none" then earns its point);
    success is 100 * score / max >= passPercentage (default 50). None when a question's type is
    unknown (its maximum can't be known) or poolSize shows a random subset of the questions.
    """
    params = merged_params({"passPercentage": 50, "poolSize": 0}, content_json)
    if js_number(params["poolSize"]) > 0:
        return None
    raw = maximum = 0.0
    for question in _question_set_questions(content_json):
        library = _machine_name(question.get("library"))
        if library not in CHECKERS:
            return None
        sub_content_id = question.get("subContentId")
        child = children.get(sub_content_id) if isinstance(sub_content_id, str) else None
        if not isinstance(child, CheckedResult):
            child = CHECKERS[library](as_dict(question.get("params")), None)
        raw, maximum = raw + child.raw, maximum + child.max
    return checked_result(raw, maximum, passes(raw, maximum, params["passPercentage"]))
