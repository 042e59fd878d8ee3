"""Recording learner statements. Results are trusted only when the server can check them.

``statements_record(learner=, statements=)`` stores a list all or nothing, in one transaction,
with a fixed number of queries per list rather than per statement: one insert of the statements
(ids already stored are looked up only when it fails), then progress for the graded ones in one
go (``progress.completion.results_apply``). A statement whose grading reads the learner's history
(a QuestionSet's ``completed``) first stores the ones before it. ``statement_record`` is the same
for one statement. What each activity is comes from the cached lesson plans (progress.plans).
"""

import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils.dateparse import parse_datetime

from courses.selectors import activity_iri_parse
from progress.bulk import rows_insert
from progress.completion import Graded, ResultsLock, results_apply
from progress.models import Statement, Verification
from progress.plans import lesson_plan
from progress.signals import statements_recorded
from progress.verifying import Checked, statement_check, statement_needs_history

GRADED_VERBS = {
    "http://adlnet.gov/expapi/verbs/answered",
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/passed",
    "http://adlnet.gov/expapi/verbs/failed",
    "http://adlnet.gov/expapi/verbs/scored",
}
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
RETRIES = 4  # a deadlock (PostgreSQL) or a busy database (SQLite) is retried, then reported
TRANSIENT_SQLSTATES = {"40P01", "40001"}  # deadlock detected, serialization failure


class StatementConflict(Exception):
    """The statement id is already stored with different content (xAPI: 409)."""


class StatementInvalid(Exception):
    """The statement is not acceptable; ``str(error)`` says why."""


def learner_agent(*, learner) -> dict:
    return {
        "objectType": "Agent",
        "name": learner.get_full_name(),
        "account": {"homePage": settings.XAPI_ACTIVITY_ID_BASE, "name": str(learner.pk)},
    }


@dataclass(frozen=True)
class _Item:
    statement: dict  # with the learner as actor and the id filled in
    statement_id: uuid.UUID
    verb: str
    activity_iri: str


def _item(statement: dict, actor: dict) -> _Item:
    try:
        statement_id = uuid.UUID(str(statement.get("id") or uuid.uuid4()))
        verb = statement["verb"]["id"]
        target = statement["object"]
        # Agents, Groups, StatementRefs and SubStatements are stored without an activity: they
        # never count toward progress.
        is_activity = target.get("objectType", "Activity") == "Activity"
        activity_iri = target["id"] if is_activity else ""
        if not isinstance(verb, str) or not isinstance(activity_iri, str):
            raise TypeError("verb.id and object.id must be strings")
        result = statement.get("result") or {}
        if not isinstance(result, dict):
            raise TypeError("result must be an object")
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise StatementInvalid(f"missing or malformed field: {error}") from error
    statement = {**statement, "id": str(statement_id), "actor": actor}
    return _Item(statement, statement_id, verb, activity_iri)


def _canonical(statement: dict) -> dict:
    return {k: v for k, v in statement.items() if k not in {"actor", "stored", "authority"}}


def _duplicate(existing: Statement, learner, statement: dict) -> tuple[Statement, bool]:
    if existing.learner_id == learner.pk and _canonical(existing.payload) == _canonical(statement):
        return existing, False
    raise StatementConflict(str(existing.statement_id))


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


def _row(learner, item: _Item, plan, block, checked: Checked) -> Statement:
    statement = item.statement
    result = statement.get("result") or {}
    context = statement.get("context") or {}
    parent = ((context.get("contextActivities") or {}) if isinstance(context, dict) else {}).get(
        "parent"
    ) or []
    parent = parent if isinstance(parent, list) else [parent]
    score = result.get("score") if isinstance(result.get("score"), dict) else {}
    reported = score.get("scaled")
    success = result.get("success") if isinstance(result.get("success"), bool) else None
    if checked.verification != Verification.UNVERIFIED:
        success = checked.success
    row = Statement(
        statement_id=item.statement_id,
        learner_id=learner.pk,  # the id: setting the relation costs more (the user is lazy)
        verb=item.verb,
        activity_iri=item.activity_iri,
        lesson_id=plan.lesson.pk if plan else None,
        block_id=block.id if block is not None else "",
        parent_iri=(parent[0].get("id", "") if parent and isinstance(parent[0], dict) else ""),
        payload=statement,
        reported_scaled=reported if isinstance(reported, int | float) else None,
        checked_scaled=checked.scaled,
        checked_raw=checked.raw,
        checked_max=checked.max,
        success=success,
        completion=result.get("completion") if isinstance(result.get("completion"), bool) else None,
        verification=checked.verification,
    )
    timestamp = parse_datetime(str(statement.get("timestamp") or ""))
    if timestamp is not None:
        row.timestamp = timestamp
    return row


class _Batch:
    """One pass over a list of statements inside the caller's transaction."""

    def __init__(self, learner, items: list[_Item]):
        self.learner, self.items = learner, items
        self.out: list = [None] * len(items)
        self.pending: list = []  # (index, row, Graded | None), not stored yet

    def run(self) -> list[tuple[Statement, bool]]:
        new: dict = {}  # statement id → row, for the same id twice in one list
        for index, item in enumerate(self.items):
            earlier = new.get(item.statement_id)
            if earlier is not None:
                self.out[index] = _duplicate(earlier, self.learner, item.statement)
                continue
            row, graded = self._prepare(item)
            new[item.statement_id] = row
            self.pending.append((index, row, graded))
        self._flush()
        return self.out

    def _prepare(self, item: _Item) -> tuple[Statement, Graded | None]:
        main_iri, _sep, query = item.activity_iri.partition("?")
        is_sub = bool(query)
        lesson_id, block_id = activity_iri_parse(main_iri)
        plan = lesson_plan(lesson_id) if lesson_id is not None else None
        block, activity = plan.activity(block_id) if plan is not None else (None, None)
        if statement_needs_history(statement=item.statement, block=block, is_sub=is_sub):
            self._flush()  # its grading reads the answers stored before it
        checked = statement_check(
            statement=item.statement, block=block, learner=self.learner, main_iri=main_iri,
            is_sub=is_sub,
        )  # fmt: skip
        row = _row(self.learner, item, plan, block, checked)
        graded = None
        if activity is not None and not is_sub:
            scaled, verified = _graded_score(item.statement, checked, activity)
            if scaled is not None:
                graded = Graded(
                    statement=row, activity=activity, course=plan.course,
                    required_iris=plan.required_iris, scaled=scaled, verified=verified,
                    lesson_required_iris=plan.lesson_required_iris,
                )  # fmt: skip
        return row, graded

    def _flush(self) -> None:
        pending, self.pending = self.pending, []
        if not pending:
            return
        lock = None  # PostgreSQL: the results' locks go with the INSERT (one round trip)
        if connection.vendor == "postgresql" and any(entry[2] for entry in pending):
            lock = ResultsLock(learner=self.learner, graded=[e[2] for e in pending if e[2]])
        created = self._insert(pending, lock.then if lock is not None else None)
        for index, row, _graded in created:
            self.out[index] = (row, True)
        statements_void(learner=self.learner, voiding=[entry[1] for entry in created])
        graded = [entry[2] for entry in created if entry[2] is not None]
        if graded:
            results_apply(learner=self.learner, graded=graded, lock=lock)

    def _insert(self, pending: list, then=None) -> list:
        """Store the pending rows whose ids are new; the entries stored. New ids are the rule:
        insert first, and look for stored ones only when some id turns out to be taken (a
        retry, or another request). ``then``: progress.bulk.rows_insert's (PostgreSQL)."""
        rows = [row for _index, row, _graded in pending]
        if connection.vendor == "postgresql":
            rows_insert(Statement, rows, skip_conflicts_on="statement_id", then=then)
            skipped = [entry for entry in pending if entry[1].pk is None]
            if not skipped:
                return pending
            stored = Statement.objects.in_bulk(
                [row.statement_id for _index, row, _graded in skipped], field_name="statement_id"
            )
            for index, row, graded in skipped:
                existing = stored.get(row.statement_id)
                if existing is None:  # deleted since the insert skipped it: store it after all
                    self._store_one(index, row, graded)
                else:
                    self.out[index] = _duplicate(existing, self.learner, row.payload)
            return [entry for entry in pending if entry[1].pk is not None]
        try:
            with transaction.atomic():
                rows_insert(Statement, rows)
            return pending
        except IntegrityError:
            return [entry for entry in pending if self._store_one(*entry)]

    def _store_one(self, index: int, row: Statement, _graded) -> bool:
        row.pk, row._state.adding = None, True
        try:
            with transaction.atomic():
                row.save()
            return True
        except IntegrityError:
            existing = Statement.objects.filter(statement_id=row.statement_id).first()
            if existing is None:
                raise
            self.out[index] = _duplicate(existing, self.learner, row.payload)
            return False


def statements_void(*, learner, voiding: list[Statement]) -> None:
    """Mark voided the learner's statements that ``voiding`` statements (verb …/voided, object
    a StatementRef) target. A voiding statement cannot be voided: StatementInvalid. A target
    not stored (yet, or someone else's) is no reason to refuse (xAPI 1.0.3 §2.5)."""
    targets = {
        row.payload["object"]["id"]
        for row in voiding
        if row.verb == VOIDED and row.payload["object"].get("objectType") == "StatementRef"
    }
    if not targets:
        return
    rows = Statement.objects.filter(learner_id=learner.pk, statement_id__in=targets)
    if rows.filter(verb=VOIDED).exists():
        raise StatementInvalid("a voiding statement cannot be voided")
    rows.update(voided=True)


def _transient(error: OperationalError) -> bool:
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in TRANSIENT_SQLSTATES:
        return True
    return "database is locked" in str(error)


def _announce(learner, created: list[Statement]) -> None:
    if created:
        transaction.on_commit(
            lambda: statements_recorded.send(sender=Statement, learner=learner, statements=created)
        )


def statements_record(
    *, learner, statements: list[dict], keep_actor: bool = False
) -> list[tuple[Statement, bool]]:
    """Store ``statements`` for ``learner``, all or none; the actor is the learner (a client's
    statements keep theirs with ``keep_actor``).

    Returns (stored statement, created) for each, in order. Same id and same content again →
    the stored one, created False. Same id, different content → StatementConflict. Raises
    StatementInvalid when a statement lacks what we need (verb id, object id). Graded statements
    about our activities record attempts and update progress in the same transaction. A deadlock
    or a busy database is retried when this is the outermost transaction.
    """
    actor = learner_agent(learner=learner)
    items = [
        _item(statement, statement.get("actor") if keep_actor and "actor" in statement else actor)
        for statement in statements
    ]
    for attempt in range(RETRIES):
        try:
            with transaction.atomic():
                stored = _Batch(learner, items).run()
                _announce(learner, [row for row, created in stored if created])
                return stored
        except OperationalError as error:
            if connection.in_atomic_block or attempt == RETRIES - 1 or not _transient(error):
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def statement_record(*, learner, statement: dict) -> tuple[Statement, bool]:
    """``statements_record`` for one statement: (stored statement, created)."""
    return statements_record(learner=learner, statements=[statement])[0]
