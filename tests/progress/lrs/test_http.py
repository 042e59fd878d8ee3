"""The version an answer carries when its request names none (``progress.lrs.http``): the
client's ``default_version``, 2.0.0 for a learner's session or a caller without valid client
credentials, alike on the statements resource, a document resource and About."""

import json
import uuid

import pytest
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from progress.auth import xapi_client_create
from progress.lrs.http import DEFAULT_VERSION, unnamed_version
from tests.factories import UserFactory
from tests.progress.lrs.conftest import ACTIVITY, AGENT, Lrs, basic

pytestmark = pytest.mark.django_db
STATEMENTS = "/xapi/statements"
STATE = "/xapi/activities/state"
STATE_QUERY = {"activityId": ACTIVITY, "agent": json.dumps(AGENT), "stateId": "s"}


def statement() -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": AGENT,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": ACTIVITY},
    }


def requests(lrs: Lrs, **extra):
    """Statement GET, POST, PUT and State GET, PUT: each answered, in that order."""
    put = statement()
    return [
        lrs.call("GET", STATEMENTS, **extra),
        lrs.call("POST", STATEMENTS, body=statement(), **extra),
        lrs.call("PUT", STATEMENTS, {"statementId": put["id"]}, put, **extra),
        lrs.call("GET", STATE, STATE_QUERY, **extra),
        lrs.call("PUT", STATE, STATE_QUERY, {"a": 1}, **extra),
    ]


@pytest.fixture
def client_speaking():
    """An LRS caller with the credentials of a client whose default version is ``version``,
    sending no version header."""

    def make(version: str) -> Lrs:
        client, secret = xapi_client_create(name="Đối tác", user=UserFactory())
        client.scopes = ["all"]
        client.default_version = version
        client.save()
        return Lrs(Client(), basic(client.key, secret), version=None)

    return make


@pytest.mark.parametrize("version", ["1.0.3", "2.0.0"])
def test_a_client_without_version_header_is_refused_in_its_own_version(client_speaking, version):
    for response in requests(client_speaking(version)):
        assert response.status_code == 400, response.content
        assert "X-Experience-API-Version" in response.json()["error"]
        assert response["X-Experience-API-Version"] == version


@pytest.mark.parametrize("sent", ["", "0.9.5", "1.1.0", "3.0.0"])
def test_an_unsupported_version_counts_as_none(client_speaking, sent):
    for response in requests(client_speaking("1.0.3"), HTTP_X_EXPERIENCE_API_VERSION=sent):
        assert response.status_code == 400, response.content
        assert response["X-Experience-API-Version"] == "1.0.3"


@pytest.mark.parametrize(("default", "sent"), [("1.0.3", "2.0.0"), ("2.0.0", "1.0.3")])
def test_a_version_named_wins_over_the_clients_default(client_speaking, default, sent):
    lrs = client_speaking(default)
    for response in requests(lrs, HTTP_X_EXPERIENCE_API_VERSION=sent):
        assert response.status_code in (200, 204, 404), response.content
        assert response["X-Experience-API-Version"] == sent


def test_a_learners_session_without_version_header_gets_the_default(learner, learner_agent):
    browser = Client()
    browser.force_login(learner)
    for response in (
        browser.get(STATEMENTS),
        browser.post(STATEMENTS, json.dumps(statement()), content_type="application/json"),
        browser.get(STATE, {**STATE_QUERY, "agent": json.dumps(learner_agent)}),
    ):
        assert response.status_code == 400, response.content
        assert response["X-Experience-API-Version"] == DEFAULT_VERSION == "2.0.0"


@pytest.mark.parametrize("credentials", [{}, basic("khong-co", "sai"), basic("", "")])
def test_callers_without_valid_credentials_get_the_default(credentials):
    anonymous = Lrs(Client(), credentials, version=None)
    for response in requests(anonymous):
        assert response.status_code in (400, 401), response.content
        assert response["X-Experience-API-Version"] == DEFAULT_VERSION


def test_about_without_header_speaks_the_clients_version(client_speaking):
    assert client_speaking("1.0.3").call("GET", "/xapi/about")["X-Experience-API-Version"] == (
        "1.0.3"
    )
    assert Client().get("/xapi/about")["X-Experience-API-Version"] == DEFAULT_VERSION


def test_the_client_is_looked_up_once_per_request(client_speaking):
    lrs = client_speaking("1.0.3")
    for method, url, params in (("GET", STATEMENTS, None), ("GET", STATE, STATE_QUERY)):
        with CaptureQueriesContext(connection) as queries:
            assert lrs.call(method, url, params).status_code == 400
        lookups = [q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
        assert len([q for q in lookups if "progress_xapiclient" in q["sql"]]) == 1


def test_database_unavailable_gives_the_default_without_raising(client_speaking):
    client, secret = xapi_client_create(name="Đối tác", user=UserFactory())
    client.default_version = "1.0.3"
    client.save()
    request = RequestFactory().get(STATEMENTS, **basic(client.key, secret))

    def unreachable(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(unreachable):
        assert unnamed_version(request) == DEFAULT_VERSION
    request = RequestFactory().get(STATEMENTS, **basic(client.key, secret))
    assert unnamed_version(request) == "1.0.3"
