"""The xAPI statements resource (/xapi/statements): GET, its filters and paging."""

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from progress.models import Statement
from tests.factories import UserFactory
from tests.progress.statements_api import (
    ACTIVITY,
    ANSWERED,
    COMPLETED,
    URL,
    VERSION,
    error_of,
    get,
    send,
    statement,
)

pytestmark = pytest.mark.django_db

# --- GET ---------------------------------------------------------------------------------------


def test_get_one_own_statement(browser, learner):
    sent = statement(timestamp="2025-07-01T08:30:00+07:00")
    send(browser, sent)
    response = get(browser, f"?statementId={sent['id']}")
    assert response.status_code == 200
    assert response["Last-Modified"]
    body = response.json()
    assert body["id"] == sent["id"] and body["verb"] == sent["verb"]
    assert body["actor"]["account"]["name"] == str(learner.pk)
    assert body["stored"].endswith("Z") and body["authority"]["objectType"] == "Agent"
    assert body["timestamp"] == "2025-07-01T08:30:00+07:00"
    assert body["version"] == "1.0.0"
    assert browser.head(URL + f"?statementId={sent['id']}", **VERSION).content == b""


def test_a_learner_cannot_get_another_learners_statement(browser):
    other = Client()
    other.force_login(UserFactory())
    sent = statement()
    send(other, sent)
    response = get(browser, f"?statementId={sent['id']}")
    assert response.status_code == 404
    assert error_of(response)
    assert get(browser).json() == {"statements": [], "more": ""}


@pytest.mark.parametrize(
    ("query", "status"),
    [
        (f"?voidedStatementId={uuid.uuid4()}", 404),
        ("?statementId=nope", 400),
        (f"?statementId={uuid.uuid4()}&verb={ANSWERED}", 400),
        ("?agent={}", 400),
        ("?verb=answered", 400),
        ("?since=hôm qua", 400),
        ("?limit=-1", 400),
        ("?limit=ten", 400),
        ("?ascending=yes", 400),
        ("?cursor=forged", 400),
    ],
)
def test_bad_queries(browser, query, status):
    response = get(browser, query)
    assert response.status_code == status
    assert error_of(response)


def test_get_filters_by_verb_activity_and_stored_time(browser):
    answered, completed = statement(), statement(verb={"id": COMPLETED})
    other = statement(object={"id": "https://example.org/activities/bai-2"})
    send(browser, [answered, completed, other])
    old = timezone.now() - timedelta(days=3)
    Statement.objects.filter(statement_id=answered["id"]).update(stored_at=old)

    def ids(query):
        response = get(browser, query)
        assert response.status_code == 200, response.content
        assert response["X-Experience-API-Consistent-Through"]
        return {s["id"] for s in response.json()["statements"]}

    assert ids(f"?verb={ANSWERED}") == {answered["id"], other["id"]}
    assert ids(f"?activity={ACTIVITY}") == {answered["id"], completed["id"]}
    assert ids(f"?activity={ACTIVITY}&verb={COMPLETED}") == {completed["id"]}
    day_ago = (timezone.now() - timedelta(days=1)).isoformat().replace("+00:00", "Z")
    assert ids(f"?since={day_ago}") == {completed["id"], other["id"]}
    assert ids(f"?until={day_ago}") == {answered["id"]}


@pytest.mark.parametrize("ascending", [False, True])
def test_more_link_pages_through_all_statements_once(browser, learner, ascending):
    sent = [statement() for _ in range(7)]
    send(browser, sent)
    same_time = timezone.now() - timedelta(hours=1)  # ties are ordered by row
    Statement.objects.filter(statement_id__in=[s["id"] for s in sent[:4]]).update(
        stored_at=same_time
    )
    query = "?limit=3&ascending=true" if ascending else "?limit=3"
    response, seen, ids, pages = get(browser, query), [], set(), 0
    while True:
        body = response.json()
        pages += 1
        seen += [s["stored"] for s in body["statements"]]
        ids |= {s["id"] for s in body["statements"]}
        assert len(body["statements"]) <= 3
        if not body["more"]:
            break
        response = browser.get(body["more"], **VERSION)
        assert response.status_code == 200
    assert pages == 3 and len(seen) == 7
    assert ids == {s["id"] for s in sent}
    assert seen == sorted(seen, reverse=not ascending)
    # The link is the learner's own: someone else following it is refused.
    more = get(browser, query).json()["more"]
    other = Client()
    other.force_login(UserFactory())
    assert other.get(more, **VERSION).status_code == 400
    assert get(browser, "?" + more.split("?")[1] + "&limit=2").status_code == 400


def test_limit_defaults_to_50_and_is_capped_at_500(browser):
    send(browser, [statement() for _ in range(60)])
    assert len(get(browser).json()["statements"]) == 50
    assert len(get(browser, "?limit=0").json()["statements"]) == 60
    assert len(get(browser, "?limit=100000").json()["statements"]) == 60
