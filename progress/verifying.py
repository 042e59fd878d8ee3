"""What a statement's result is worth: recomputed where the server knows the answer key.

``statement_check`` grades a CMS quiz from the quiz block and the H5P types of
``progress.checking`` from the package's content.json; anything else is "unverified". A
container's (QuestionSet, Single Choice Set, …) ``completed`` statement is graded from the
learner's stored answers to its children in the current attempt, so it needs the statements before
it stored first (``statement_needs_history``).
"""

from dataclasses import dataclass

from courses.quiz import quiz_check, quiz_response_decode
from progress.checking import (
    CHILDREN,
    CheckedResult,
    h5p_container_result,
    h5p_gradable,
    h5p_result_check,
)
from progress.models import Statement, Verification

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
# A container's own result: "completed" (QuestionSet, Single Choice Set, …) or, with no
# response, "answered" (Summary).
CONTAINER_VERBS = (COMPLETED, ANSWERED)


@dataclass(frozen=True)
class Checked:
    scaled: float | None
    success: bool | None
    verification: str
    raw: float | None = None
    max: float | None = None


UNVERIFIED = Checked(None, None, Verification.UNVERIFIED)


def _check_quiz(block, statement) -> Checked:
    response = (statement.get("result") or {}).get("response")
    try:
        answers = quiz_response_decode(response)
    except (TypeError, ValueError):
        return Checked(0.0, False, Verification.REJECTED)
    result = quiz_check(quiz=block.value, answers=answers)
    return Checked(result.scaled, result.passed, Verification.CHECKED, result.raw, result.max)


def _container_children(*, learner, main_iri: str) -> dict:
    """The learner's checked answers to a container's children in the current attempt (since
    the container's own result was last stored), by subContentId; the latest answer to each one
    wins."""
    previous = (
        Statement.objects.filter(learner=learner, activity_iri=main_iri, verb__in=CONTAINER_VERBS)
        .order_by("-stored_at")
        .values_list("stored_at", flat=True)
        .first()
    )
    children = Statement.objects.filter(
        learner=learner,
        activity_iri__startswith=main_iri + "?subContentId=",
        verification__in=[Verification.CHECKED, Verification.REJECTED],
        checked_raw__isnull=False,
    )
    if previous is not None:
        children = children.filter(stored_at__gt=previous)
    found = {}
    for iri, raw, maximum, scaled, success in children.order_by("stored_at").values_list(
        "activity_iri", "checked_raw", "checked_max", "checked_scaled", "success"
    ):
        found[iri.partition("?subContentId=")[2]] = CheckedResult(raw, maximum, scaled, success)
    return found


def _is_container_result(statement: dict) -> bool:
    """A container's own result: completed or answered, with no response of its own."""
    result = statement.get("result")
    return statement["verb"]["id"] in CONTAINER_VERBS and "response" not in (result or {})


def _check_h5p(block, statement, *, learner=None, main_iri="", is_sub=False) -> Checked:
    h5p = block.value.get("activity")
    if h5p is None:
        return UNVERIFIED
    package = h5p.package
    library = package.main_library.machine_name
    checked = h5p_result_check(
        content_json=package.content_json, main_library=library, statement=statement
    )
    if checked is None and library in CHILDREN and not is_sub and learner is not None:
        if _is_container_result(statement):
            children = _container_children(learner=learner, main_iri=main_iri)
            checked = h5p_container_result(
                content_json=package.content_json, main_library=library, children=children
            )
        if checked is None:
            return UNVERIFIED  # a child type we don't grade, or a random pool of questions
    if checked is None:
        if h5p_gradable(library, package.content_json) and not is_sub:
            # A type we grade, but the statement carries no answer we can grade: it is not
            # evidence of anything, whatever it claims.
            return Checked(None, None, Verification.REJECTED)
        return UNVERIFIED
    reported = ((statement.get("result") or {}).get("score") or {}).get("scaled")
    verification = Verification.CHECKED
    if isinstance(reported, int | float) and abs(float(reported) - checked.scaled) > 0.001:
        verification = Verification.REJECTED  # the player's claim differs from the answer key
    return Checked(checked.scaled, checked.success, verification, checked.raw, checked.max)


def statement_check(
    *, statement: dict, block, learner=None, main_iri: str = "", is_sub: bool = False
) -> Checked:
    """Recompute the result of a statement where we know the answer key."""
    if block is None or not statement.get("result"):
        return UNVERIFIED
    if block.block_type == "quiz":
        return UNVERIFIED if is_sub else _check_quiz(block, statement)
    if block.block_type == "h5p":
        return _check_h5p(block, statement, learner=learner, main_iri=main_iri, is_sub=is_sub)
    return UNVERIFIED


def statement_needs_history(*, statement: dict, block, is_sub: bool) -> bool:
    """Whether grading ``statement`` reads the learner's earlier statements (a container's own
    ``completed``, or a Summary's own ``answered``): those before it must be stored first."""
    if is_sub or block is None or block.block_type != "h5p" or not statement.get("result"):
        return False
    h5p = block.value.get("activity")
    return (
        h5p is not None
        and _is_container_result(statement)
        and h5p.package.main_library.machine_name in CHILDREN
    )
