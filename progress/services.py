"""Recording learner statements. Results are trusted only when the server can check them."""

import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.dateparse import parse_datetime

from courses.models import LessonPage
from courses.quiz import quiz_check, quiz_response_decode
from courses.selectors import lesson_block
from progress.models import Statement, Verification


class StatementConflict(Exception):
    """The statement id is already stored with different content (xAPI: 409)."""


class StatementInvalid(Exception):
    """The statement is not acceptable; ``str(error)`` says why."""


ACTIVITY_RE = re.compile(r"/xapi/activities/lesson/(?P<lesson>\d+)/(?P<block>[\w-]+)(?:[/?#].*)?$")


@dataclass(frozen=True)
class Checked:
    scaled: float | None
    success: bool | None
    verification: str


def learner_agent(*, learner) -> dict:
    return {
        "objectType": "Agent",
        "name": learner.get_full_name(),
        "account": {"homePage": settings.XAPI_ACTIVITY_ID_BASE, "name": str(learner.pk)},
    }


def _lesson_and_block(activity_iri: str):
    match = ACTIVITY_RE.search(activity_iri or "")
    if not match:
        return None, None, ""
    lesson = LessonPage.objects.live().filter(pk=int(match["lesson"])).first()
    block = lesson_block(lesson=lesson.specific, block_id=match["block"]) if lesson else None
    return lesson, block, match["block"]


def _check_quiz(block, statement) -> Checked:
    response = (statement.get("result") or {}).get("response")
    try:
        answers = quiz_response_decode(response)
    except (TypeError, ValueError):
        return Checked(None, False, Verification.REJECTED)
    result = quiz_check(quiz=block.value, answers=answers)
    return Checked(result.scaled, result.passed, Verification.CHECKED)


def statement_check(*, statement: dict, block) -> Checked:
    """Recompute the result of a statement where we know the answer key."""
    if block is not None and block.block_type == "quiz":
        return _check_quiz(block, statement)
    return Checked(None, None, Verification.UNVERIFIED)


def _canonical(statement: dict) -> dict:
    return {k: v for k, v in statement.items() if k not in {"actor", "stored", "authority"}}


def statement_record(*, learner, statement: dict) -> tuple[Statement, bool]:
    """Store one statement for ``learner``; the actor is always replaced by the learner.

    Returns (stored statement, created). Same id and same content again → the stored one,
    created False. Same id, different content → StatementConflict. Raises StatementInvalid
    when the statement lacks what we need (id, verb id, object id).
    """
    try:
        statement_id = uuid.UUID(str(statement.get("id") or uuid.uuid4()))
        verb = statement["verb"]["id"]
        activity_iri = statement["object"]["id"]
    except (KeyError, TypeError, ValueError) as error:
        raise StatementInvalid(f"missing or malformed field: {error}") from error
    statement = {**statement, "id": str(statement_id), "actor": learner_agent(learner=learner)}
    existing = Statement.objects.filter(statement_id=statement_id).first()
    if existing is not None:
        if existing.learner_id == learner.pk and _canonical(existing.payload) == _canonical(
            statement
        ):
            return existing, False
        raise StatementConflict(str(statement_id))
    lesson, block, block_id = _lesson_and_block(activity_iri)
    checked = statement_check(statement=statement, block=block)
    result = statement.get("result") or {}
    parent = ((statement.get("context") or {}).get("contextActivities") or {}).get("parent") or []
    timestamp = (
        parse_datetime(str(statement.get("timestamp") or ""))
        if statement.get("timestamp")
        else None
    )
    row = Statement(
        statement_id=statement_id,
        learner=learner,
        verb=verb,
        activity_iri=activity_iri,
        lesson_id=lesson.pk if lesson else None,
        block_id=block_id,
        parent_iri=(parent[0].get("id", "") if parent and isinstance(parent[0], dict) else ""),
        payload=statement,
        reported_scaled=(result.get("score") or {}).get("scaled"),
        checked_scaled=checked.scaled,
        success=checked.success
        if checked.verification != Verification.UNVERIFIED
        else result.get("success"),
        completion=result.get("completion"),
        verification=checked.verification,
    )
    if timestamp is not None:
        row.timestamp = timestamp
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        # Raced with an identical post: answer like the slower duplicate.
        existing = Statement.objects.get(statement_id=statement_id)
        if (
            _canonical(existing.payload) == _canonical(statement)
            and existing.learner_id == learner.pk
        ):
            return existing, False
        raise StatementConflict(str(statement_id)) from None
    return row, True
