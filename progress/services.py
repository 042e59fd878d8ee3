"""Recording learner statements. Results are trusted only when the server can check them."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.dateparse import parse_datetime

from courses.quiz import quiz_check, quiz_response_decode
from courses.selectors import activity_find, course_of_lesson
from progress.checking import CheckedResult, h5p_question_set_result, h5p_result_check
from progress.completion import attempt_record
from progress.models import Statement, Verification

GRADED_VERBS = {
    "http://adlnet.gov/expapi/verbs/answered",
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/passed",
    "http://adlnet.gov/expapi/verbs/failed",
    "http://adlnet.gov/expapi/verbs/scored",
}
# H5P content types whose answers the server re-checks (progress.checking).
CHECKED_H5P = {"H5P.TrueFalse", "H5P.MultiChoice", "H5P.Blanks", "H5P.DragText", "H5P.QuestionSet"}


class StatementConflict(Exception):
    """The statement id is already stored with different content (xAPI: 409)."""


class StatementInvalid(Exception):
    """The statement is not acceptable; ``str(error)`` says why."""


@dataclass(frozen=True)
class Checked:
    scaled: float | None
    success: bool | None
    verification: str
    raw: float | None = None
    max: float | None = None


UNVERIFIED = Checked(None, None, Verification.UNVERIFIED)


def learner_agent(*, learner) -> dict:
    return {
        "objectType": "Agent",
        "name": learner.get_full_name(),
        "account": {"homePage": settings.XAPI_ACTIVITY_ID_BASE, "name": str(learner.pk)},
    }


def _check_quiz(block, statement) -> Checked:
    response = (statement.get("result") or {}).get("response")
    try:
        answers = quiz_response_decode(response)
    except (TypeError, ValueError):
        return Checked(0.0, False, Verification.REJECTED)
    result = quiz_check(quiz=block.value, answers=answers)
    return Checked(result.scaled, result.passed, Verification.CHECKED, result.raw, result.max)


def _question_set_children(*, learner, main_iri: str) -> dict:
    """The learner's checked answers to a QuestionSet's questions in the current attempt (since
    the set was last completed), by subContentId; the latest answer to each question wins."""
    previous = (
        Statement.objects.filter(
            learner=learner, activity_iri=main_iri, verb="http://adlnet.gov/expapi/verbs/completed"
        )
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


def _check_h5p(block, statement, *, learner=None, main_iri="", is_sub=False) -> Checked:
    h5p = block.value.get("activity")
    if h5p is None:
        return UNVERIFIED
    package = h5p.package
    library = package.main_library.machine_name
    checked = h5p_result_check(
        content_json=package.content_json, main_library=library, statement=statement
    )
    if checked is None and library == "H5P.QuestionSet" and not is_sub and learner is not None:
        if statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed":
            children = _question_set_children(learner=learner, main_iri=main_iri)
            checked = h5p_question_set_result(content_json=package.content_json, children=children)
        if checked is None:
            return UNVERIFIED  # a question type we don't grade, or a random pool of questions
    if checked is None:
        if library in CHECKED_H5P and not is_sub:
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


def _canonical(statement: dict) -> dict:
    return {k: v for k, v in statement.items() if k not in {"actor", "stored", "authority"}}


def _main_iri(activity_iri: str) -> tuple[str, bool]:
    """The activity's own IRI and whether the statement is about a sub-question."""
    base, _sep, query = activity_iri.partition("?")
    return base, bool(query)


def _graded_score(statement: dict, checked: Checked, activity) -> tuple[float | None, bool]:
    """The score that counts for progress and whether the server verified it."""
    if statement["verb"]["id"] not in GRADED_VERBS:
        return None, False
    if checked.verification == Verification.CHECKED:
        return checked.scaled, True
    if checked.verification == Verification.REJECTED:
        return (checked.scaled if checked.scaled is not None else None), True
    if activity.allow_unverified:
        score = (statement.get("result") or {}).get("score") or {}
        if score.get("scaled") is not None:
            return float(score["scaled"]), False
    return None, False


def statement_record(*, learner, statement: dict) -> tuple[Statement, bool]:
    """Store one statement for ``learner``; the actor is always replaced by the learner.

    Returns (stored statement, created). Same id and same content again → the stored one,
    created False. Same id, different content → StatementConflict. Raises StatementInvalid
    when the statement lacks what we need (verb id, object id). A graded statement about one of
    our activities also records an attempt and updates progress, in the same transaction.
    """
    try:
        statement_id = uuid.UUID(str(statement.get("id") or uuid.uuid4()))
        verb = statement["verb"]["id"]
        activity_iri = statement["object"]["id"]
        if not isinstance(verb, str) or not isinstance(activity_iri, str):
            raise TypeError("verb.id and object.id must be strings")
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise StatementInvalid(f"missing or malformed field: {error}") from error
    statement = {**statement, "id": str(statement_id), "actor": learner_agent(learner=learner)}
    existing = Statement.objects.filter(statement_id=statement_id).first()
    if existing is not None:
        return _duplicate(existing, learner, statement)
    main_iri, is_sub = _main_iri(activity_iri)
    lesson, block, activity = activity_find(activity_iri=main_iri)
    checked = statement_check(
        statement=statement, block=block, learner=learner, main_iri=main_iri, is_sub=is_sub
    )
    result = statement.get("result") or {}
    if not isinstance(result, dict):
        raise StatementInvalid("result must be an object")
    context = statement.get("context") or {}
    parent = ((context.get("contextActivities") or {}) if isinstance(context, dict) else {}).get(
        "parent"
    ) or []
    parent = parent if isinstance(parent, list) else [parent]
    timestamp = parse_datetime(str(statement.get("timestamp") or ""))
    score = result.get("score") if isinstance(result.get("score"), dict) else {}
    row = Statement(
        statement_id=statement_id,
        learner=learner,
        verb=verb,
        activity_iri=activity_iri,
        lesson_id=lesson.pk if lesson else None,
        block_id=block.id if block is not None else "",
        parent_iri=(parent[0].get("id", "") if parent and isinstance(parent[0], dict) else ""),
        payload=statement,
        reported_scaled=score.get("scaled")
        if isinstance(score.get("scaled"), int | float)
        else None,
        checked_scaled=checked.scaled,
        checked_raw=checked.raw,
        checked_max=checked.max,
        success=(
            checked.success
            if checked.verification != Verification.UNVERIFIED
            else result.get("success")
            if isinstance(result.get("success"), bool)
            else None
        ),
        completion=result.get("completion") if isinstance(result.get("completion"), bool) else None,
        verification=checked.verification,
    )
    if timestamp is not None:
        row.timestamp = timestamp
    try:
        with transaction.atomic():
            row.save()
            if activity is not None and not is_sub:
                scaled, verified = _graded_score(statement, checked, activity)
                if scaled is not None:
                    attempt_record(
                        statement=row, activity=activity, course=course_of_lesson(lesson=lesson),
                        scaled=scaled, verified=verified,
                    )  # fmt: skip
    except IntegrityError:
        existing = Statement.objects.filter(statement_id=statement_id).first()
        if existing is None:
            raise
        return _duplicate(existing, learner, statement)
    return row, True


def _duplicate(existing: Statement, learner, statement: dict) -> tuple[Statement, bool]:
    if existing.learner_id == learner.pk and _canonical(existing.payload) == _canonical(statement):
        return existing, False
    raise StatementConflict(str(existing.statement_id))
