"""Loading bench/programme.py's big tables with PostgreSQL's COPY: columns left out get their
model default, and a big table's secondary indexes are dropped during the COPY and built again
after it. Imported by bench/programme.py, not run."""

import time


def copy_rows(table: str, columns: list[str], rows) -> int:
    """COPY rows into ``table``; NOT NULL columns left out get their model default (other
    engineers add columns with defaults: the bench keeps working)."""
    from django.apps import apps
    from django.db import connection

    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    extra, values = [], []
    for f in model._meta.concrete_fields:
        if f.column in columns or f.primary_key or f.null or not f.has_default():
            continue
        extra.append(f.column)
        values.append(f.get_db_prep_save(f.get_default(), connection))
    n, started = 0, time.perf_counter()
    sql = f"COPY {table} ({', '.join([*columns, *extra])}) FROM STDIN"
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # no per-row FK checks
        try:
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row((*row, *values))
                    n += 1
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
    print(f"  COPY {table}: {n:,} rows in {time.perf_counter() - started:.0f} s", flush=True)
    return n


def secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of ``table``'s indexes that back no constraint."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND NOT "
            "EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [table],
        )
        return cursor.fetchall()


def copy_big(table: str, columns: list[str], rows) -> int:
    """COPY into a big table with its secondary indexes dropped, then built again (a sort
    each, far faster than 10 million random inserts into 7 b-trees)."""
    from django.db import connection

    indexes = secondary_indexes(table)
    with connection.cursor() as cursor:
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    n = copy_rows(table, columns, rows)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for _name, definition in indexes:
            cursor.execute(definition)
    print(
        f"  {len(indexes)} indexes of {table} built in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return n
