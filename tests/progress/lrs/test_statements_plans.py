"""GET /xapi/statements on a large table: PostgreSQL's plans use indexes, never a sequential
scan of the statements table (issue 16, item 4). The queries are the view's own
(``progress.views.statements_page_rows``), first page and a ``more`` page, for a learner's
session (their own statements) and for a client granted statements/read (every statement).

PostgreSQL only: SQLite has no planner statistics to speak of and its plans say nothing about
how PostgreSQL answers in production, so the test skips there (with that reason)."""

import json
import uuid

import pytest
from django.db import connection

from progress.auth import XapiCaller
from progress.lrs.statement_filters import query_parse
from progress.models import XapiClient
from progress.views import statements_page_rows
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROWS, LEARNERS = 60_000, 60  # enough that PostgreSQL's planner prefers an index when one fits
HOME = "https://example.org"
VERB = "http://adlnet.gov/expapi/verbs/answered"
ACTIVITY = "https://example.org/activities/{}"


@pytest.fixture
def table():
    if connection.vendor != "postgresql":
        pytest.skip("query plans are checked on PostgreSQL (SQLite's planner says nothing here)")
    learners = UserFactory.create_batch(LEARNERS)
    ids = [learner.pk for learner in learners]
    registration = str(uuid.uuid4())
    with connection.cursor() as cursor:
        # Every learner's statements over 50 verbs and 500 activities, a registration per 200,
        # parents in the context; stored over the last ROWS seconds.
        cursor.execute(
            """
            INSERT INTO progress_statement (statement_id, learner_id, verb, activity_iri,
                lesson_id, block_id, parent_iri, payload, verification, timestamp, stored_at,
                voided)
            SELECT md5(n::text)::uuid, (%(ids)s::bigint[])[1 + n %% %(learners)s],
                %(verb)s || '/' || (n %% 50), replace(%(activity)s, '{}', (n %% 500)::text),
                NULL, '', '',
                jsonb_build_object(
                    'id', md5(n::text)::uuid,
                    'actor', jsonb_build_object('objectType', 'Agent', 'account',
                        jsonb_build_object('homePage', %(home)s,
                            'name', ((%(ids)s::bigint[])[1 + n %% %(learners)s])::text)),
                    'verb', jsonb_build_object('id', %(verb)s || '/' || (n %% 50)),
                    'object', jsonb_build_object('objectType', 'Activity',
                        'id', replace(%(activity)s, '{}', (n %% 500)::text)),
                    'context', jsonb_build_object('registration',
                        md5('r' || (n / 200)::text)::uuid,
                        'contextActivities', jsonb_build_object('parent', jsonb_build_array(
                            jsonb_build_object('id', replace(%(activity)s, '{}',
                                'course-' || (n %% 7)::text)))))),
                'unverified', now() - make_interval(secs => %(rows)s - n),
                now() - make_interval(secs => %(rows)s - n), false
            FROM generate_series(1, %(rows)s) AS n
            """,
            {"ids": ids, "learners": LEARNERS, "verb": VERB, "activity": ACTIVITY,
             "home": HOME, "rows": ROWS},
        )  # fmt: skip
        cursor.execute("SELECT context->>'registration' FROM (SELECT payload->'context' AS "
                       "context FROM progress_statement LIMIT 1) AS first")  # fmt: skip
        registration = cursor.fetchone()[0]
        cursor.execute("ANALYZE progress_statement")
    reader = UserFactory()
    client = XapiClient(name="Đọc tất cả", user=reader, scopes=["statements/read"])
    client.set_new_secret()
    client.save()
    return {"learner": learners[3], "client": client, "registration": registration}


def _plan(caller, params: dict, after=None) -> str:
    rows = statements_page_rows(caller, query_parse(params), after)
    return rows.explain()


def _cases(table) -> dict:
    learner = table["learner"]
    agent = json.dumps({"account": {"homePage": HOME, "name": str(learner.pk)}})
    return {
        "no filter": {},
        "agent": {"agent": agent},
        "verb": {"verb": f"{VERB}/7"},
        "activity": {"activity": ACTIVITY.format(42)},
        "activity, related_activities": {
            "activity": ACTIVITY.format("course-3"), "related_activities": "true",
        },
        "registration": {"registration": table["registration"]},
        "since and until": {
            "since": "2000-01-01T00:00:00Z", "until": "2100-01-01T00:00:00Z",
        },
        "ascending": {"ascending": "true"},
    }  # fmt: skip


def _no_seq_scan(plans: dict) -> None:
    scanned = {
        name: plan for name, plan in plans.items() if "Seq Scan on progress_statement" in plan
    }
    assert not scanned, "\n\n".join(f"{name}:\n{plan}" for name, plan in scanned.items())


def test_learner_pages_use_indexes(table):
    """A learner's session reads its own statements: every filter, first and later pages."""
    caller = XapiCaller(user=table["learner"])
    page = list(statements_page_rows(caller, query_parse({"limit": "10"})))
    after = (page[-1].stored_at, page[-1].pk)
    plans = {}
    for name, params in _cases(table).items():
        plans[name] = _plan(caller, params)
        plans[f"{name}, more page"] = _plan(caller, params, after)
    _no_seq_scan(plans)


def test_client_reading_everything_uses_indexes(table):
    """A client granted statements/read reads every learner's statements: the filters an
    index can serve (all but the related_* ones, see lrs-perf notes), first and later pages."""
    client = table["client"]
    caller = XapiCaller(user=client.user, client=client)
    page = list(statements_page_rows(caller, query_parse({"limit": "10"})))
    after = (page[-1].stored_at, page[-1].pk)
    cases = _cases(table)
    cases.pop("activity, related_activities")
    plans = {}
    for name, params in cases.items():
        plans[name] = _plan(caller, params)
        plans[f"{name}, more page"] = _plan(caller, params, after)
    _no_seq_scan(plans)
