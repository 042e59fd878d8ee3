"""The xAPI statements resource (/xapi/statements): POST and PUT, and the database unreachable."""

import json
import uuid

import pytest
from django.test import Client

from progress.models import Statement
from tests.factories import UserFactory
from tests.progress.statements_api import (
    COMPLETED,
    URL,
    VERSION,
    error_of,
    send,
    statement,
)

pytestmark = pytest.mark.django_db

# --- POST, PUT ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [URL, URL + "/"])
def test_post_one_statement_stores_it_for_the_learner(browser, learner, url):
    sent = statement(actor={"mbox": "mailto:ke.gia.mao@example.org"})
    response = browser.post(url, json.dumps(sent), content_type="application/json", **VERSION)
    assert response.status_code == 200
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert response.json() == [sent["id"]]
    row = Statement.objects.get()
    assert row.learner == learner
    assert row.payload["actor"]["account"]["name"] == str(learner.pk)
    assert row.payload["authority"]["account"]["name"] == "lrs"


def test_post_a_list_answers_with_ids_in_order(browser):
    sent = [statement(), statement(verb={"id": COMPLETED}), statement()]
    del sent[1]["id"]
    response = send(browser, sent)
    assert response.status_code == 200
    ids = response.json()
    assert ids[0] == sent[0]["id"] and ids[2] == sent[2]["id"]
    assert Statement.objects.filter(statement_id__in=ids).count() == 3


def test_identical_repost_is_200_and_one_row(browser):
    sent = statement()
    assert send(browser, sent).status_code == 200
    again = send(browser, {**sent, "id": sent["id"].upper(), "version": "1.0.0"})
    assert again.status_code == 200
    assert again.json() == [sent["id"]]
    assert Statement.objects.count() == 1


def test_identical_repost_with_a_large_float_is_200(browser):
    """PostgreSQL's jsonb returns 3.570922909120535e16 as another (integer) number."""
    sent = statement(result={"score": {"raw": 3.570922909120535e16}})
    assert send(browser, sent).status_code == 200
    assert send(browser, sent).status_code == 200


def test_same_id_other_content_is_409(browser):
    sent = statement()
    send(browser, sent)
    response = send(browser, {**sent, "result": {"success": False}})
    assert response.status_code == 409
    assert sent["id"] in error_of(response)


def test_same_id_from_another_learner_is_409(browser):
    sent = statement()
    send(browser, sent)
    other = Client()
    other.force_login(UserFactory())
    assert send(other, sent).status_code == 409


def test_a_batch_with_one_bad_statement_stores_nothing(browser):
    batch = [statement(), statement(result={"score": {"scaled": 2}}), statement()]
    response = send(browser, batch)
    assert response.status_code == 400
    assert error_of(response).startswith("statement [1]: result.score.scaled")
    assert not Statement.objects.exists()


def test_a_batch_with_a_conflict_stores_nothing(browser):
    stored = statement()
    send(browser, stored)
    response = send(browser, [statement(), {**stored, "result": {"success": False}}])
    assert response.status_code == 409
    assert Statement.objects.count() == 1


def test_put_with_statement_id_is_204_and_idempotent(browser, learner):
    sent = statement()
    statement_id = sent.pop("id")
    query = f"?statementId={statement_id}"
    first = send(browser, sent, "put", query)
    assert first.status_code == 204 and first.content == b""
    assert first["X-Experience-API-Version"] == "1.0.3"
    assert send(browser, sent, "put", query).status_code == 204
    assert send(browser, {**sent, "id": statement_id}, "put", query).status_code == 204
    assert Statement.objects.get().statement_id == uuid.UUID(statement_id)
    assert send(browser, {**sent, "verb": {"id": COMPLETED}}, "put", query).status_code == 409


@pytest.mark.parametrize(
    ("query", "body", "expected"),
    [
        ("", statement(), "statementId"),
        ("?statementId=abc", statement(), "statementId: must be a UUID"),
        (f"?statementId={uuid.uuid4()}", statement(), "differs"),
        (f"?statementId={uuid.uuid4()}", [statement()], "one statement"),
    ],
)
def test_put_refuses_a_missing_or_mismatched_id(browser, query, body, expected):
    response = send(browser, body, "put", query)
    assert response.status_code == 400
    assert expected in error_of(response)
    assert not Statement.objects.exists()


@pytest.mark.parametrize(
    ("raw", "content_type", "expected"),
    [
        ("{", "application/json", "not valid JSON"),
        ('{"a": NaN}', "application/json", "not a JSON number"),
        ("[]", "application/json", "non-empty list"),
        ("[1]", "application/json", "statement [0]: statement: must be a JSON object"),
        ('"x"', "application/json", "non-empty list"),
        (json.dumps(statement()), "text/plain", "Content-Type"),
        (json.dumps(statement(mood="happy")), "application/json", "unknown properties"),
    ],
)
def test_malformed_bodies_are_400(browser, raw, content_type, expected):
    response = send(browser, None, raw=raw, content_type=content_type)
    assert response.status_code == 400
    assert expected in error_of(response)


def test_too_large_bodies_and_batches_are_413(browser):
    big = statement(result={"response": "x" * (256 * 1024)})
    assert send(browser, big).status_code == 413
    response = send(browser, [statement() for _ in range(101)])
    assert response.status_code == 413
    assert "at most 100" in error_of(response)
    assert send(browser, [statement() for _ in range(100)]).status_code == 200


@pytest.mark.parametrize("method", ["delete", "patch", "options"])
def test_other_methods_are_405(browser, method):
    response = getattr(browser, method)(URL, **VERSION)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST, PUT"
    assert error_of(response)


@pytest.mark.parametrize("version", [None, "", "0.95", "1.1.0", "1.0.3x", "3.0.0"])
def test_version_header_is_required(browser, version):
    headers = {} if version is None else {"HTTP_X_EXPERIENCE_API_VERSION": version}
    for response in (send(browser, statement(), headers=headers), browser.get(URL, **headers)):
        assert response.status_code == 400
        assert response["X-Experience-API-Version"] == "2.0.0"  # a session's (progress.lrs.http)
        assert "X-Experience-API-Version" in response.json()["error"]
    assert not Statement.objects.exists()


@pytest.mark.parametrize("version", ["1.0", "1.0.0", "1.0.1", "1.0.3", "1.0.9"])
def test_every_1_0_version_is_accepted_and_answered_with_1_0_3(browser, version):
    response = send(browser, statement(), headers={"HTTP_X_EXPERIENCE_API_VERSION": version})
    assert response.status_code == 200
    assert response["X-Experience-API-Version"] == "1.0.3"


# --- The database unreachable ------------------------------------------------------------------


def _unreachable(fail_when):
    """A database wrapper failing the queries ``fail_when(sql)`` picks, as a stopped server does."""
    from django.db import OperationalError

    def wrapper(execute, sql, params, many, context):
        if fail_when(sql):
            raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
        return execute(sql, params, many, context)

    return wrapper


@pytest.mark.parametrize(
    "fail_when",
    [lambda sql: True, lambda sql: sql.lstrip().upper().startswith(("INSERT", "UPDATE"))],
    ids=["every-query", "writes"],
)
def test_database_trouble_is_a_json_503_with_retry_after(browser, learner, fail_when):
    from django.db import connection

    browser.get("/")  # the session is loaded once before the database goes away
    body = statement()
    with connection.execute_wrapper(_unreachable(fail_when)):
        response = send(browser, body)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert int(response["Retry-After"]) >= 1
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert "thử lại" in response.json()["error"]
    assert not Statement.objects.exists()  # nothing half-written
    assert send(browser, body).status_code == 200  # the same statement, once it is back
    assert Statement.objects.filter(learner=learner).count() == 1
