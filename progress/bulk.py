"""Insert many new rows in one query, setting their primary keys, as ``bulk_create`` does.

On PostgreSQL, Django's ``bulk_create`` sends either one placeholder per value (a list of 50
statements is 850 of them, which psycopg parses again for every list) or, with UNNEST, text
arrays that psycopg quotes character by character (statements are JSON, full of quotes): either
way most of the time of storing a list went into building the query. Here the rows go as one
typed array per column through a server-side-binding cursor, so psycopg sends them in binary,
unquoted, with a short query it parses once. A single row (the usual statement, its attempt)
goes as a plain ``VALUES`` through Django's cursor: about 120 µs of CPU here against 180 µs for
``bulk_create`` and 235 µs for the arrays. Other databases use ``bulk_create``. Queries are logged
like Django's own (``connection.queries``).

``skip_conflicts_on=<unique field>`` (PostgreSQL only) leaves out the rows whose value of that
field is stored already (``ON CONFLICT … DO NOTHING``) instead of failing the whole insert: no
savepoint is needed around it, and a row another transaction is inserting at the same moment is
waited for, then skipped if that transaction commits. The skipped objects keep ``pk`` None.
"""

import time
import uuid
from datetime import datetime

import psycopg
from django.db import connections, models, router

# Field classes whose values PostgreSQL's adapters take as they are, when of these exact types:
# Django's preparation returns them unchanged, at a cost that adds up over a list of statements.
_AS_IS = {
    models.AutoField: int, models.BigAutoField: int, models.IntegerField: int,
    models.BigIntegerField: int, models.FloatField: float, models.BooleanField: bool,
    models.CharField: str, models.TextField: str, models.UUIDField: uuid.UUID,
}  # fmt: skip
_prepared: dict = {}  # model → preparers


def _preparer(field):
    """(obj, connection) → the field's value ready for the database, as Django's
    ``get_db_prep_save(pre_save())``."""
    target = field.target_field if field.is_relation else field
    kind, attname = _AS_IS.get(type(target)), field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj, connection: field.get_db_prep_save(field.pre_save(obj, True), connection)
    if type(field) is models.DateTimeField:

        def prepare_datetime(obj, connection):
            value = getattr(obj, attname)
            if value is None or (isinstance(value, datetime) and value.tzinfo is not None):
                return value  # aware: what Django would send
            return field.get_db_prep_save(value, connection)

        return prepare_datetime
    if kind is None:
        return lambda obj, connection: field.get_db_prep_save(getattr(obj, attname), connection)

    def prepare(obj, connection):
        value = getattr(obj, attname)
        if value is None or type(value) is kind:
            return value
        return field.get_db_prep_save(value, connection)

    return prepare


def _preparers(model, fields) -> list:
    if model not in _prepared:
        _prepared[model] = [_preparer(field) for field in fields]
    return _prepared[model]


def result_sets_read(cursor, *, more: bool = True) -> list[list]:
    """The rows of the cursor's current result set and, with ``more`` (PostgreSQL: several
    statements in one query string), of every result set after it."""
    fetched = [cursor.fetchall() if cursor.description else []]
    while more and cursor.nextset():
        fetched.append(cursor.fetchall() if cursor.description else [])
    return fetched


def _then_sets(cursor, then: tuple) -> None:
    """Hand the rows of the result sets after the current one to ``then``'s reader, if any."""
    if len(then) > 2:
        then[2](result_sets_read(cursor) if cursor.nextset() else [])


def _then_run(connection, then: tuple | None) -> None:
    if then is not None:
        with connection.cursor() as cursor:
            cursor.execute(then[0], then[1])
            if len(then) > 2:
                then[2](result_sets_read(cursor, more=connection.vendor == "postgresql"))


def rows_insert(
    model, objs: list, *, skip_conflicts_on: str | None = None, then: tuple | None = None
) -> list:
    """INSERT ``objs`` (unsaved instances of ``model``, auto primary key) and set their pks.
    Returns the objects inserted: all of them, or fewer with ``skip_conflicts_on``. ``then``,
    statements ``(sql, params)`` or ``(sql, params, read)``, run right after the insert: on
    PostgreSQL with one row in the same round trip (the simple query protocol runs them in
    order); ``read`` gets the rows of each of their result sets (several statements: PostgreSQL
    only)."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        if skip_conflicts_on:
            raise NotImplementedError("skip_conflicts_on needs PostgreSQL")
        model.objects.bulk_create(objs)
        _then_run(connection, then)
        return objs
    if not objs:
        _then_run(connection, then)
        return []
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    conflict, key = "", meta.pk
    if skip_conflicts_on:
        key = meta.get_field(skip_conflicts_on)
        conflict = f" ON CONFLICT ({quote(key.column)}) DO NOTHING"
        by_key = {key.to_python(getattr(obj, key.attname)): obj for obj in objs}
        if len(by_key) != len(objs):
            raise ValueError(f"{skip_conflicts_on} repeats within the rows to insert")
    table = quote(meta.db_table)
    returning = f"RETURNING {quote(meta.pk.column)}, {quote(key.column)}"
    for obj in objs:  # foreign keys to objects saved since they were assigned (Django does too)
        obj._prepare_related_fields_for_save(operation_name="rows_insert")
    preparers = _preparers(model, fields)
    values = [[prepare(obj, connection) for prepare in preparers] for obj in objs]
    if len(objs) == 1:  # one row: plain placeholders through Django's cursor cost less
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders}){conflict} {returning}"  # noqa: S608
        params, joined = values[0], then
        if then is not None:  # client-side binding: one query string, several statements
            sql, params, then = f"{sql}; {then[0]}", [*params, *then[1]], None
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            returned = cursor.fetchall()
            if joined is not None:
                _then_sets(cursor, joined)
    else:
        arrays = ", ".join(f"%b::{field.db_type(connection).split('(')[0]}[]" for field in fields)
        rows = f"SELECT * FROM UNNEST({arrays})"  # noqa: S608 — our column types, no input
        sql = f"INSERT INTO {table} ({columns}) {rows}{conflict} {returning}"
        params = [list(column) for column in zip(*values, strict=True)]
        connection.ensure_connection()
        started = time.monotonic()
        with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql, params)  # errors become Django's (IntegrityError…), as usual
            returned = cursor.fetchall()
        if connection.queries_logged:
            connection.queries_log.append(
                {"sql": f"{sql} -- {len(objs)} rows", "time": f"{time.monotonic() - started:.3f}"}
            )
    _then_run(connection, then)
    inserted = [by_key[key.to_python(v)] for _pk, v in returned] if skip_conflicts_on else objs
    for obj, (pk, _value) in zip(inserted, returned, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    return inserted
