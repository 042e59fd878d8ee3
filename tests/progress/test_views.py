"""The xAPI statements resource (/xapi/statements) and the admin screen for xAPI clients."""

import base64
import json
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.http import urlencode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from progress.auth import xapi_client_create
from progress.models import Statement, XapiClient
from tests.courses.builders import H5P_FIXTURES
from tests.factories import UserFactory
from tests.progress.test_xapi import UUID, json_trees, mutated_statements, valid_statements

pytestmark = pytest.mark.django_db

URL = "/xapi/statements"
VERSION = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
ACTIVITY = "https://example.org/activities/bai-1"


def statement(**parts) -> dict:
    base = {
        "id": str(uuid.uuid4()),
        "verb": {"id": ANSWERED, "display": {"vi": "đã trả lời"}},
        "object": {"id": ACTIVITY, "objectType": "Activity"},
        "result": {"score": {"scaled": 0.8}, "success": True},
    }
    return {**base, **parts}


def send(client, body, method="post", query="", headers=VERSION, raw=None, **extra):
    data = raw if raw is not None else json.dumps(body)
    extra.setdefault("content_type", "application/json")
    return getattr(client, method)(URL + query, data=data, **headers, **extra)


def get(client, query="", **extra):
    return client.get(URL + query, **VERSION, **extra)


def basic(key, secret) -> dict:
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


@pytest.fixture
def learner():
    return UserFactory(full_name="Trần Thị Học")


@pytest.fixture
def browser(learner):
    client = Client()
    client.force_login(learner)
    return client


def error_of(response) -> str:
    assert response["X-Experience-API-Version"] == "1.0.3"
    return response.json()["error"]


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


# --- Who may call ------------------------------------------------------------------------------


def test_anonymous_is_401_without_a_login_prompt(client):
    response = send(client, statement())
    assert response.status_code == 401
    assert "WWW-Authenticate" not in response
    assert error_of(response)


def test_session_post_without_csrf_token_is_403_and_with_it_200(learner):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)
    response = send(browser, statement())
    assert response.status_code == 403
    assert "CSRF" in error_of(response)
    token = "a1B2c3D4" * 4  # what the lesson page's cookie and meta tag would hold
    browser.cookies["csrftoken"] = token
    assert send(browser, statement(), HTTP_X_CSRFTOKEN=token).status_code == 200
    assert Statement.objects.count() == 1


def test_basic_auth_client_works_without_csrf_and_acts_as_its_user():
    service = UserFactory(full_name="Ứng dụng đối tác")
    api, secret = xapi_client_create(name="Đối tác", user=service)
    assert secret not in api.secret_hash
    caller = Client(enforce_csrf_checks=True)
    actor = {"objectType": "Agent", "mbox": "mailto:hoc.vien@example.org"}
    response = send(caller, statement(actor=actor), headers={**VERSION, **basic(api.key, secret)})
    assert response.status_code == 200
    row = Statement.objects.get()
    assert row.learner == service
    assert row.payload["actor"] == actor  # a client's statement keeps its actor
    assert row.payload["authority"]["account"]["name"] == f"xapi-client:{api.key}"
    api.refresh_from_db()
    assert api.last_used_at is not None
    listed = caller.get(URL, **VERSION, **basic(api.key, secret)).json()["statements"]
    assert [s["id"] for s in listed] == [str(row.statement_id)]


@pytest.mark.parametrize(
    "authorization",
    [
        "wrong-secret",
        "inactive",
        "inactive-user",
        "unknown-key",
        "Bearer abc",
        "Basic !!!",
        "Basic " + base64.b64encode(b"no-colon").decode(),
        "Basic " + base64.b64encode(b"\x00:x").decode(),
    ],
)
def test_bad_client_credentials_are_401(browser, authorization):
    api, secret = xapi_client_create(name="Đối tác", user=UserFactory())
    headers = {
        "wrong-secret": basic(api.key, secret + "x"),
        "unknown-key": basic("nope", secret),
        "inactive": basic(api.key, secret),
        "inactive-user": basic(api.key, secret),
    }.get(authorization, {"HTTP_AUTHORIZATION": authorization})
    if authorization == "inactive":
        XapiClient.objects.update(is_active=False)
    if authorization == "inactive-user":
        type(api.user).objects.filter(pk=api.user.pk).update(is_active=False)
    # The browser's session beside the header does not count.
    response = send(browser, statement(), headers={**VERSION, **headers})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Basic realm="xAPI"'
    assert error_of(response)
    assert not Statement.objects.exists()


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


# --- Admin: Ứng dụng xAPI ----------------------------------------------------------------------


def test_admin_creates_a_client_and_shows_the_secret_once(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    service = UserFactory(full_name="Tài khoản dịch vụ")
    client.force_login(admin)
    assert b"/admin/xapi-clients/" in client.get("/admin/").content  # Settings menu
    assert client.get("/admin/xapi-clients/").status_code == 200
    form = {"name": "Nội dung bên ngoài", "user": service.pk, "is_active": "on"}
    response = client.post("/admin/xapi-clients/new/", form)
    assert response.status_code == 200
    api = XapiClient.objects.get()
    assert (api.user, api.created_by, api.is_active) == (service, admin, True)
    secret = response.context["secret"]
    assert secret in response.content.decode() and api.key in response.content.decode()
    assert api.secret_matches(secret) and secret not in api.secret_hash
    assert secret not in client.get("/admin/xapi-clients/").content.decode()
    edit = client.get(f"/admin/xapi-clients/edit/{api.pk}/").content.decode()
    assert secret not in edit and api.secret_hash not in edit
    caller = Client()
    assert send(caller, statement(), headers={**VERSION, **basic(api.key, secret)}).json()


def test_admin_screen_is_for_superusers_only(client, make_officer, cu_chi):
    from django.contrib.auth.models import Group

    from people.models import Role

    officer = make_officer(cu_chi, role=Role.ADMINISTRATOR, is_staff=True)
    officer.groups.add(Group.objects.get(name="Editors"))  # Wagtail's access_admin
    client.force_login(officer)
    home = client.get("/admin/")
    assert home.status_code == 200  # an administrator of the programme, not a superuser
    assert b"/admin/xapi-clients/" not in home.content
    assert client.get("/admin/xapi-clients/").status_code in (302, 403)
    assert client.get("/admin/xapi-clients/new/").status_code in (302, 403)


# --- Property-based: malformed statements never make the server fail --------------------------

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANSWERS = {200, 204, 400, 401, 403, 404, 409, 413}


def assert_answered(response):
    assert response.status_code in ANSWERS, response.content[:500]
    assert response["X-Experience-API-Version"] == "1.0.3"
    if response.status_code >= 400:
        assert response.json()["error"]


def post_any(client, value, **extra):
    raw = json.dumps(value, allow_nan=True)  # NaN and Infinity tokens included on purpose
    return send(client, None, raw=raw, **extra)


@FUZZ
@given(st.one_of(json_trees, st.lists(json_trees, max_size=3)))
def test_random_json_never_fails(browser, value):
    assert_answered(post_any(browser, value))


@FUZZ
@given(st.binary(max_size=200))
def test_random_bytes_never_fail(browser, raw):
    assert_answered(send(browser, None, raw=raw))


def fresh_id(value, draw):
    """Mostly a new id, so that accepted mutations are stored rather than conflicting."""
    if isinstance(value, dict) and value.get("id") == UUID and draw(st.booleans()):
        value["id"] = str(uuid.uuid4())
    return value


@FUZZ
@given(data=st.data())
def test_mutated_statements_never_fail(browser, data):
    value = fresh_id(data.draw(mutated_statements()), data.draw)
    assert_answered(post_any(browser, [value, statement()] if data.draw(st.booleans()) else value))


@FUZZ
@given(valid_statements())
def test_valid_statements_are_stored_and_read_back(browser, learner, value):
    value["id"] = str(uuid.uuid4())  # hypothesis repeats its uuids; rows stay between examples
    response = send(browser, value)
    assert response.status_code == 200, response.content
    back = get(browser, f"?statementId={value['id']}").json()
    assert back["actor"]["account"]["name"] == str(learner.pk)
    for key in ("verb", "result", "timestamp"):
        assert back.get(key) == value.get(key)
    assert (
        back["context"]["contextActivities"]["category"][0]["id"]
        == (value["context"]["contextActivities"]["category"]["id"])
    )


@FUZZ
@given(mutated_statements(), st.one_of(st.uuids().map(str), st.text(max_size=40)))
def test_mutated_puts_never_fail(browser, value, statement_id):
    query = "?" + urlencode({"statementId": statement_id})
    assert_answered(send(browser, None, "put", query, raw=json.dumps(value, allow_nan=True)))


QUERY_NAMES = ["statementId", "voidedStatementId", "verb", "activity", "since", "until"]
QUERY_NAMES += ["limit", "ascending", "cursor", "format", "agent"]
QUERY_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from([ANSWERED, ACTIVITY, "0", "true", "2025-07-01T00:00:00Z"]),
    st.uuids().map(str),
    st.integers().map(str),
)


@FUZZ
@given(st.dictionaries(st.sampled_from(QUERY_NAMES), QUERY_VALUES, max_size=4))
def test_random_queries_never_fail(browser, params):
    assert_answered(get(browser, "?" + urlencode(params)))


@FUZZ
@given(st.text(max_size=60))
def test_random_authorization_headers_never_fail(client, header):
    assert_answered(send(client, statement(), headers={**VERSION, "HTTP_AUTHORIZATION": header}))


@pytest.fixture
def quiz_lesson(db):
    from tests.courses.builders import course_build, quiz_block

    _course, (lesson,) = course_build(lessons=[[quiz_block()]])
    return lesson


@FUZZ
@given(data=st.data())
def test_mutated_statements_about_our_own_quiz_never_fail(browser, quiz_lesson, data):
    from courses.quiz import quiz_response_encode
    from courses.selectors import activity_iri

    block = next(b for b in quiz_lesson.body if b.block_type == "quiz")
    iri = activity_iri(lesson_id=quiz_lesson.pk, block_id=block.id)
    response = quiz_response_encode({"0": ["0"], "1": ["true"]})
    valid = statement(object={"id": iri}, result={"response": response, "success": True})
    # Also IRIs of our own shape with any lesson number and block id.
    lesson_iri = iri.split("/xapi/")[0] + "/xapi/activities/lesson/{}/{}"
    block_ids = st.from_regex(r"[\w-]{1,80}", fullmatch=True)
    ours = st.builds(lesson_iri.format, st.integers(0, 10**30), block_ids)
    value = data.draw(mutated_statements(valid))
    if isinstance(value, dict) and data.draw(st.booleans()):
        value["object"] = {"id": data.draw(ours)}
    assert_answered(post_any(browser, value))


@pytest.mark.skipif(not H5P_FIXTURES.exists(), reason="../shared/fixtures is not present")
def test_what_the_lesson_bridge_forwards_from_h5p_is_accepted(browser, learner, h5p_lesson):
    """lesson.js deletes the player's actor and posts each statement as it comes."""
    _lesson, iri, captured = h5p_lesson
    for sent in captured:
        sent = {key: value for key, value in sent.items() if key != "actor"}
        sent["object"]["id"] = iri
        assert send(browser, sent).status_code == 200
    assert Statement.objects.filter(learner=learner, activity_iri=iri).count() == len(captured)


@pytest.mark.skipif(not H5P_FIXTURES.exists(), reason="../shared/fixtures is not present")
@FUZZ
@given(data=st.data())
def test_mutated_h5p_statements_about_our_own_activity_never_fail(browser, data, h5p_lesson):
    _lesson, iri, captured = h5p_lesson
    value = data.draw(mutated_statements(data.draw(st.sampled_from(captured))))
    if isinstance(value, dict) and isinstance(value.get("object"), dict):
        value["object"]["id"] = iri
    assert_answered(post_any(browser, value))


@pytest.fixture
def h5p_lesson(db):
    from courses.selectors import activity_iri
    from tests.courses.builders import course_build, h5p_activity_from_fixture, h5p_block

    activity = h5p_activity_from_fixture("multichoice.h5p")
    _course, (lesson,) = course_build(lessons=[[h5p_block(activity)]])
    block = next(b for b in lesson.body if b.block_type == "h5p")
    captured = json.loads((H5P_FIXTURES / "xapi-captured-multichoice.json").read_text())
    return lesson, activity_iri(lesson_id=lesson.pk, block_id=block.id), captured


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
