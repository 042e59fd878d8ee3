"""progress.bulk.rows_insert: many new rows in one query, primary keys set as bulk_create does
(PostgreSQL: typed arrays through a server-binding cursor; elsewhere bulk_create)."""

import uuid

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from progress.bulk import rows_insert
from progress.models import Attempt, Statement
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _statement(learner, n):
    payload = {"id": str(uuid.uuid4()), "result": {"response": f'câu {n} "trích" \\ \' ✓'}}
    return Statement(
        statement_id=uuid.UUID(payload["id"]), learner=learner, verb="http://x.example/v",
        activity_iri=f"http://x.example/a/{n}", payload=payload, checked_scaled=n / 10,
        success=bool(n % 2), completion=None,
    )  # fmt: skip


def test_rows_get_their_own_values_and_primary_keys_in_order():
    learner = UserFactory()
    rows = [_statement(learner, n) for n in range(5)]
    with CaptureQueriesContext(connection) as queries:
        rows_insert(Statement, rows)
    assert len(queries) == 1
    assert all(row.pk is not None and not row._state.adding for row in rows)
    for n, row in enumerate(rows):
        stored = Statement.objects.get(pk=row.pk)
        assert stored.statement_id == row.statement_id
        assert stored.payload == row.payload  # JSON with quotes, backslashes and diacritics
        assert stored.activity_iri.endswith(f"/{n}") and stored.checked_scaled == n / 10
        assert stored.success is bool(n % 2) and stored.completion is None
        assert stored.stored_at is not None


def test_foreign_keys_to_rows_saved_after_assignment():
    learner = UserFactory()
    rows = [_statement(learner, n) for n in range(3)]
    attempts = [
        Attempt(learner=learner, activity_iri=row.activity_iri, statement=row, scaled=0.5,
                passed=False, verified=True)
        for row in rows
    ]  # fmt: skip
    rows_insert(Statement, rows)  # the attempts were built while the statements had no pk
    rows_insert(Attempt, attempts)
    assert [a.statement_id for a in Attempt.objects.order_by("pk")] == [r.pk for r in rows]


def test_a_duplicate_raises_django_integrity_error_and_writes_nothing():
    learner = UserFactory()
    first = _statement(learner, 1)
    rows_insert(Statement, [first, _statement(learner, 2)])
    clash = _statement(learner, 3)
    clash.statement_id = first.statement_id
    with pytest.raises(IntegrityError), transaction.atomic():
        rows_insert(Statement, [_statement(learner, 4), clash])
    assert Statement.objects.count() == 2


def test_a_single_row_gets_its_values_and_primary_key():
    learner = UserFactory()
    row = _statement(learner, 7)
    with CaptureQueriesContext(connection) as queries:
        assert rows_insert(Statement, [row]) == [row]
    assert len(queries) == 1
    stored = Statement.objects.get(pk=row.pk)
    assert (stored.statement_id, stored.payload) == (row.statement_id, row.payload)
    assert stored.checked_scaled == 0.7 and stored.success is True


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ON CONFLICT path: PostgreSQL only")
@pytest.mark.parametrize("count", [1, 3])
def test_rows_whose_key_is_stored_are_skipped_and_the_rest_inserted(count):
    learner = UserFactory()
    stored = _statement(learner, 1)
    rows_insert(Statement, [stored])
    again = _statement(learner, 2)
    again.statement_id = stored.statement_id
    new = [_statement(learner, n) for n in range(3, 3 + count - 1)]
    inserted = rows_insert(Statement, [again, *new], skip_conflicts_on="statement_id")
    assert inserted == new
    assert again.pk is None and all(row.pk is not None for row in new)
    assert Statement.objects.count() == count
    assert Statement.objects.get(statement_id=stored.statement_id).payload == stored.payload


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the other databases")
def test_skipping_conflicts_is_refused_where_it_is_not_built():
    with pytest.raises(NotImplementedError):
        rows_insert(Statement, [_statement(UserFactory(), 1)], skip_conflicts_on="statement_id")


@pytest.mark.parametrize("count", [1, 3])
def test_values_of_other_types_are_prepared_as_django_would(count):
    learner = UserFactory()
    rows = [_statement(learner, n) for n in range(count)]
    for row in rows:
        row.statement_id = str(row.statement_id).upper()  # text, not a UUID
        row.checked_scaled, row.success = 1, 0  # an int for a float, an int for a boolean
    rows_insert(Statement, rows)
    for row in rows:
        stored = Statement.objects.get(pk=row.pk)
        assert str(stored.statement_id) == row.statement_id.lower()
        assert stored.checked_scaled == 1.0 and stored.success is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ON CONFLICT path: PostgreSQL only")
def test_skipping_conflicts_maps_keys_of_any_form_and_refuses_repeats():
    learner = UserFactory()
    text_key = _statement(learner, 1)
    text_key.statement_id = str(text_key.statement_id).upper()
    assert rows_insert(Statement, [text_key], skip_conflicts_on="statement_id") == [text_key]
    assert text_key.pk is not None
    first, again = _statement(learner, 2), _statement(learner, 3)
    again.statement_id = first.statement_id
    with pytest.raises(ValueError, match="repeats"):
        rows_insert(Statement, [first, again], skip_conflicts_on="statement_id")
    assert Statement.objects.count() == 1


@pytest.mark.parametrize("count", [1, 2])
def test_then_runs_after_the_insert_in_the_same_round_trip_for_one_row(count):
    learner = UserFactory()
    rows = [_statement(learner, n) for n in range(count)]
    table = connection.ops.quote_name(Statement._meta.db_table)
    then = (
        f"UPDATE {table} SET verb = %s WHERE learner_id = %s",  # noqa: S608
        ["http://x.example/w", learner.pk],
    )
    with CaptureQueriesContext(connection) as queries:
        rows_insert(Statement, rows, then=then)
    assert all(row.pk for row in rows)
    assert set(Statement.objects.values_list("verb", flat=True)) == {"http://x.example/w"}
    one_trip = connection.vendor == "postgresql" and count == 1
    assert len(queries) == (1 if one_trip else 2)


def test_then_with_a_reader_gets_the_rows_of_each_result_set():
    learner = UserFactory()
    several = connection.vendor == "postgresql"
    sql = "SELECT %s; SELECT %s, %s" if several else "SELECT %s"
    params = [1, 2, 3] if several else [1]
    read = []
    with CaptureQueriesContext(connection) as queries:
        rows_insert(Statement, [_statement(learner, 1)], then=(sql, params, read.append))
    assert read == ([[[(1,)], [(2, 3)]]] if several else [[[(1,)]]])
    assert len(queries) == (1 if several else 2)
