"""Insert many new rows in one query, setting their primary keys, as ``bulk_create`` does.

On PostgreSQL, Django's ``bulk_create`` sends either one placeholder per value (a list of 50
statements is 850 of them, which psycopg parses again for every list) or, with UNNEST, text
arrays that psycopg quotes character by character (statements are JSON, full of quotes): either
way most of the time of storing a list went into building the query. Here the rows go as one
typed array per column through a server-side-binding cursor, so psycopg sends them in binary,
unquoted, with a short query it parses once. Other databases, and single rows, use
``bulk_create``. Queries are logged like Django's own (``connection.queries``).
"""

import time

import psycopg
from django.db import connections, router


def rows_insert(model, objs: list) -> None:
    """INSERT ``objs`` (unsaved instances of ``model``, auto primary key) and set their pks."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql" or len(objs) < 2:
        model.objects.bulk_create(objs)
        return
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    arrays = ", ".join(f"%s::{field.db_type(connection).split('(')[0]}[]" for field in fields)
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) SELECT * FROM UNNEST({arrays}) "  # noqa: S608
        f"RETURNING {quote(meta.pk.column)}"
    )
    for obj in objs:  # foreign keys to objects saved since they were assigned (Django does too)
        obj._prepare_related_fields_for_save(operation_name="rows_insert")
    params = [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for obj in objs]
        for field in fields
    ]
    connection.ensure_connection()
    started = time.monotonic()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params)  # errors become Django's (IntegrityError…), as usual
        pks = [row[0] for row in cursor.fetchall()]
    if connection.queries_logged:
        connection.queries_log.append(
            {"sql": f"{sql} -- {len(objs)} rows", "time": f"{time.monotonic() - started:.3f}"}
        )
    for obj, pk in zip(objs, pks, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
