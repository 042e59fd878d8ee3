"""Benchmark: paging GET /xapi/statements through 1,000,000 statements on PostgreSQL.

``.venv/bin/python bench/statements_paging.py [--rows 1000000] [--limit 50] [--repeat 15]
[--pg-db cdht_paging]`` — a fresh PostgreSQL database (dropped and recreated through ``--pg-url``),
migrated; ``--rows`` statements COPY-loaded (the table's secondary indexes dropped during the COPY
and built afterwards, then ANALYZE), half of them one learner's; then the first page, a ``more``
page in the middle and the last ``more`` page, each timed ``--repeat`` times through the view
(``progress.views.statements``: query, JSON, signed cursor) for a client granted statements/read
(every statement) and for the learner's own session. Prints the medians and last ÷ first: keyset
paging (``progress.views.statements_page_rows``) should keep it near 1. The database is dropped
at the end. Only 127.0.0.1 is contacted.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _database import django_setup, pg_database_reset
from _statements_setup import PG_URL, server_env

VERB = "http://adlnet.gov/expapi/verbs/answered"
ACTIVITY = "https://example.org/activities/bai-{}"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--limit", type=int, default=50, help="statements per page")
    parser.add_argument("--repeat", type=int, default=15, help="timings per page (median)")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", PG_URL))
    parser.add_argument("--pg-db", default="cdht_paging", help="dropped and recreated; yours alone")
    args = parser.parse_args(argv)
    if args.rows < 4 * args.limit or args.limit < 1 or args.repeat < 1:
        parser.error("--rows must hold a few pages; --limit and --repeat positive")
    return args


def load(rows: int, learner_ids: list[int]) -> None:
    """COPY ``rows`` statements, every other one the first learner's, stored a second apart."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = 'progress_statement' "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    columns = (
        "statement_id, learner_id, verb, activity_iri, block_id, parent_iri, payload, "
        "verification, timestamp, stored_at, voided"
    )
    start = datetime.now(UTC) - timedelta(seconds=rows)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # no per-row FK checks
        try:
            with cursor.copy(f"COPY progress_statement ({columns}) FROM STDIN") as copy:
                for n in range(rows):
                    learner = learner_ids[0] if n % 2 else learner_ids[n % len(learner_ids)]
                    statement_id, activity = uuid.uuid4(), ACTIVITY.format(n % 500)
                    payload = {
                        "id": str(statement_id),
                        "actor": {"objectType": "Agent", "account": {
                            "homePage": "https://example.org", "name": str(learner)}},
                        "verb": {"id": VERB}, "object": {"objectType": "Activity", "id": activity},
                        "result": {"response": "true", "success": True},
                    }  # fmt: skip
                    stored = start + timedelta(seconds=n)
                    row = (statement_id, learner, VERB, activity, "", "", json.dumps(payload))
                    copy.write_row((*row, "unverified", stored, stored, False))
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
    copied = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute("ANALYZE progress_statement")
    print(f"   COPY {rows:,} statements in {copied:.0f} s; {len(indexes)} indexes built and "
          f"ANALYZE in {time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip


def measure(label: str, caller_request, query: dict, args) -> float:
    """First, middle and last page for one caller; prints medians, returns last ÷ first."""
    from django.core import signing
    from django.utils.http import urlencode

    from progress import views
    from progress.lrs.statement_filters import query_parse

    parsed = query_parse(query)
    count = views._readable(caller_request.caller).filter(voided=False).count()
    keys = views._readable(caller_request.caller).filter(voided=False).order_by(
        "-stored_at", "-pk"
    ).values_list("stored_at", "pk")  # fmt: skip
    middle, last = keys[count // 2 - 1], keys[count - args.limit - 1]  # the cursor rows

    def cursor_of(row) -> dict:
        token = signing.dumps(
            {"user": caller_request.caller.user.pk, "query": parsed,
             "after": [views._iso(row[0]), row[1]]},
            salt=views.CURSOR_SALT, compress=True,
        )  # fmt: skip
        return {"cursor": token}

    pages = {"first": query, "middle": cursor_of(middle), "last": cursor_of(last)}
    medians = {}
    for name, params in pages.items():
        times = []
        for _ in range(args.repeat):
            request = caller_request.get("/xapi/statements?" + urlencode(params))
            started = time.perf_counter()
            response = views.statements(request)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:300]
            body = json.loads(response.content)
            assert len(body["statements"]) == args.limit, (name, len(body["statements"]))
        medians[name] = statistics.median(times)
    ratio = medians["last"] / medians["first"]
    print(f"{label:>36}{count:>10,}{medians['first']:>9.1f}{medians['middle']:>9.1f}"
          f"{medians['last']:>9.1f}{ratio:>10.2f}", flush=True)  # fmt: skip
    return ratio


class Caller:
    """Builds GET requests as one caller sends them (Basic credentials or a session user)."""

    def __init__(self, caller, headers: dict):
        from django.test import RequestFactory

        self.caller, self.headers, self.factory = caller, headers, RequestFactory()

    def get(self, path: str):
        from django.contrib.auth.models import AnonymousUser

        request = self.factory.get(path, HTTP_X_EXPERIENCE_API_VERSION="1.0.3", **self.headers)
        request.user = self.caller.user if self.caller.client is None else AnonymousUser()
        request.session = {}
        return request


def run(args) -> int:
    import base64

    workdir = Path(tempfile.mkdtemp(prefix="paging-bench-"))
    try:
        url = pg_database_reset(args.pg_url, create=True, name=args.pg_db)
    except Exception as error:  # no server: say so, measure nothing
        print(f"PostgreSQL at {args.pg_url} is not reachable ({error}): skipped.")
        return 0
    try:
        django_setup(server_env(url, workdir))
        from django.contrib.auth import get_user_model

        from progress.auth import XapiCaller, xapi_client_create

        user = get_user_model()
        learners = user.objects.bulk_create(
            user(username=f"paging{n}", full_name=f"Học viên {n}", email=f"p{n}@example.org")
            for n in range(100)
        )
        reader = user.objects.create(username="paging-reader", full_name="Ứng dụng đọc")
        client, secret = xapi_client_create(name="Đọc tất cả", user=reader)
        client.scopes = ["statements/read"]
        client.save(update_fields=["scopes"])
        print(f"== PostgreSQL, production settings; {args.rows:,} statements, pages of "
              f"{args.limit}, median of {args.repeat}")  # fmt: skip
        load(args.rows, [learner.pk for learner in learners])
        token = base64.b64encode(f"{client.key}:{secret}".encode()).decode()
        client_caller = Caller(XapiCaller(user=reader, client=client),
                               {"HTTP_AUTHORIZATION": f"Basic {token}"})  # fmt: skip
        learner_caller = Caller(XapiCaller(user=learners[0]), {})
        print(f"{'reader':>36}{'rows':>10}{'first':>9}{'middle':>9}{'last':>9}{'last÷1st':>10}"
              "  (ms per page, through the view)")  # fmt: skip
        worst = 0.0
        for label, caller in (("client, statements/read", client_caller),
                              ("learner's own session", learner_caller)):  # fmt: skip
            worst = max(worst, measure(label, caller, {"limit": str(args.limit)}, args))
            ascending = {"limit": str(args.limit), "ascending": "true"}
            worst = max(worst, measure(f"{label}, ascending", caller, ascending, args))
        verdict = "met" if worst <= 1.5 else "NOT met"
        print(
            f"   worst last ÷ first page: {worst:.2f} (goal: as fast at the end, ≤ 1.5: {verdict})"
        )
        return 0 if worst <= 1.5 else 1
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        pg_database_reset(args.pg_url, create=False, name=args.pg_db)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(run(parse_args()))
