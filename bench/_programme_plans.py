"""bench/programme.py's look at the database: table sizes, the Excel read back, the scans
of every query a page runs (EXPLAIN) and EXPLAIN ANALYZE of the main report queries. Imported
by bench/programme.py, not run."""


def sizes(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute(
            "SELECT relname, reltuples::bigint, pg_total_relation_size(oid) FROM pg_class "
            "WHERE relkind = 'r' AND relname IN ('people_user', 'people_profile', "
            "'certificates_application', 'progress_statement', 'programme_personfact', "
            "'programme_counter', 'programme_membershipcontext') ORDER BY relname"
        )
        rows = cursor.fetchall()
        cursor.execute("SELECT pg_database_size(current_database())")
        total = cursor.fetchone()[0]
    print("Tables (rows as ANALYZE estimates them, size with indexes):")
    for name, count, size in rows:
        print(f"  {name:<30} {count:>12,}  {size / 2**20:8.0f} MB")
    print(f"  database total {total / 2**30:.1f} GB")


def workbook_check(content: bytes) -> None:
    """The Excel opens back with openpyxl, with the city row and its figures."""
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(content)).active
    first = [cell.value for cell in sheet[10]]
    units = sum(1 for row in sheet.iter_rows(min_row=10, max_col=1, values_only=True) if row[0])
    print(
        f"  (city Excel opened back with openpyxl: {sheet.max_row} rows × {sheet.max_column} "
        f"columns, {units} filled in column A from row 10, first row {first[0]!r}: T1 "
        f"{first[1]}/{first[2]})"
    )


BIG = 100_000  # a table with more rows than this must be read through an index
AGGREGATES = {"programme_counter", "programme_personfact"}  # shown whatever their size


def page_queries(client, url) -> list[tuple[str, list]]:
    """Each SELECT the page runs → the scans of its plan (node, table, index)."""
    import json

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    out = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            out.append((sql, list(_scans(plan[0]["Plan"]))))
    return out


def _indexes(node) -> str:
    """The index a scan node reads (a bitmap heap scan: those of its bitmap index scans)."""
    if "Index Name" in node:
        return node["Index Name"]
    return " + ".join(filter(None, (_indexes(child) for child in node.get("Plans", []))))


def _scans(node):
    if "Relation Name" in node:
        yield node["Node Type"], node["Relation Name"], _indexes(node)
    for child in node.get("Plans", []):
        yield from _scans(child)


def scans_summary(plans) -> None:
    """Per page: queries, and how each table with more than BIG rows is read."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r'")
        rows = dict(cursor.fetchall())
    print(
        f"\nQuery plans of every page (the aggregates and tables over {BIG:,} rows: how "
        "they are read):"
    )
    for label, queries in plans.items():
        big = sorted(
            {(kind, table, index) for _sql, scans in queries for kind, table, index in scans
             if rows.get(table, 0) > BIG or table in AGGREGATES}
        )  # fmt: skip
        seq = [f"{t}" for k, t, _i in big if k == "Seq Scan"]
        shown = ", ".join(f"{t} by {i or k}" for k, t, i in big) or "none"
        flag = f"  SEQUENTIAL SCAN of {', '.join(seq)}" if seq else ""
        print(f"  {label:<32} {len(queries):>3} SELECTs; reads {shown}{flag}")


def explain(commune, hamlet, year) -> None:
    from people.models import AdministrativeUnit, UnitLevel
    from programme.models import Counter, PersonFact
    from programme.selectors import MONTH_METRICS

    communes = list(
        AdministrativeUnit.objects.filter(
            level=UnitLevel.COMMUNE, valid_to__isnull=True
        ).values_list("pk", flat=True)
    )
    queries = [
        (
            "city report: counters of 168 communes, this year and last",
            Counter.objects.filter(unit_id__in=communes, year__in=[year, year - 1]).values_list(
                "unit_id", "year", "metric", "value"
            ),
        ),
        (
            "monthly curve of a commune",
            Counter.objects.filter(
                unit_id__in=[commune.pk], year=year, metric__in=MONTH_METRICS
            ).values_list("metric", "value"),
        ),
        (
            "a hamlet's people (drill-down)",
            PersonFact.objects.filter(hamlet=hamlet, year=year)
            .select_related("person")
            .order_by("person__full_name")[:200],
        ),
    ]
    for label, queryset in queries:
        print(f"\nEXPLAIN ANALYZE — {label}:")
        print(queryset.explain(analyze=True))
