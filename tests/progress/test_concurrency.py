"""Races on the statement path, with real threads and real transactions (PostgreSQL only).

Each test builds its course and learners first (committed: these are transactional tests), then
starts its threads together on a barrier. Every thread closes its own database connection when
it is done. SQLite serialises writers, so the races below can only happen on PostgreSQL.
"""

import copy
import json
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from courses.quiz import quiz_response_encode
from courses.selectors import activity_iri
from progress.completion import enrolment_create
from progress.models import ActivityResult, Attempt, Enrolment, Statement
from progress.services import statement_record
from progress.signals import course_completed
from tests.concurrency import POSTGRES_RACES
from tests.courses.builders import course_build, quiz_block
from tests.factories import UserFactory

pytestmark = POSTGRES_RACES

VERB = "http://adlnet.gov/expapi/verbs/"
RIGHT = {"0": ["0"], "1": ["true"], "2": ["0", "1"]}  # 3 of 3 with tests.courses.builders' quiz
WRONG = {"0": ["1"], "1": ["false"], "2": ["2"]}  # 0 of 3
BARRIER_TIMEOUT = 60


@pytest.fixture
def wagtail_root(db):
    """Transactional tests flush the database, Wagtail's root page and root collection with it
    (both made by migrations): put them back."""
    from wagtail.models import Collection, Locale, Page

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        locale, _created = Locale.objects.get_or_create(language_code="vi")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return Page.get_first_root_node()


def quiz_iri(lesson) -> str:
    block = next(block for block in lesson.body if block.block_type == "quiz")
    return activity_iri(lesson_id=lesson.pk, block_id=block.id)


def quiz_statement(iri: str, verb: str, answers: dict) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "verb": {"id": VERB + verb, "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": iri},
        "result": {"response": quiz_response_encode(answers), "completion": True},
    }


def _together(barrier: threading.Barrier, work):
    """Run ``work()`` once every party has arrived; always give the connection back."""
    try:
        barrier.wait()
        return work()
    finally:
        connection.close()


def run_together(works: list) -> list:
    """Start every callable at the same moment, each in its own thread; results in order (the
    first exception is raised)."""
    barrier = threading.Barrier(len(works), timeout=BARRIER_TIMEOUT)
    with ThreadPoolExecutor(max_workers=len(works)) as pool:
        futures = [pool.submit(_together, barrier, work) for work in works]
        return [future.result() for future in futures]


@pytest.fixture
def one_quiz_course(wagtail_root):
    course, (lesson,) = course_build(lessons=[[quiz_block()]])
    return course, lesson


def test_fifty_records_of_one_statement_store_it_once(one_quiz_course):
    _course, lesson = one_quiz_course
    learner = UserFactory()
    statement = quiz_statement(quiz_iri(lesson), "answered", RIGHT)

    results = run_together(
        [
            lambda: statement_record(learner=learner, statement=copy.deepcopy(statement))
            for _ in range(50)
        ]
    )

    assert sum(created for _row, created in results) == 1
    assert {row.pk for row, _created in results} == {Statement.objects.get().pk}
    assert Statement.objects.filter(statement_id=statement["id"]).count() == 1
    assert Attempt.objects.filter(learner=learner).count() == 1
    result = ActivityResult.objects.get(learner=learner)
    assert (result.attempts, result.scaled, result.passed) == (1, 1.0, True)


def test_answered_and_completed_at_the_same_moment_lose_nothing(one_quiz_course):
    """200 learners; each sends a right "answered" and a wrong "completed" statement at once,
    racing on the same ActivityResult and Enrolment rows: created by the race for a third of
    them, the enrolment already there for another third, both already there (a wrong attempt
    earlier) for the last third."""
    course, lesson = one_quiz_course
    iri = quiz_iri(lesson)
    learners = UserFactory.create_batch(200)
    for learner in learners[1::3]:
        enrolment_create(learner=learner, course=course)
    for learner in learners[2::3]:
        statement_record(learner=learner, statement=quiz_statement(iri, "answered", WRONG))

    def pair(learner):
        barrier = threading.Barrier(2, timeout=BARRIER_TIMEOUT)
        answered = quiz_statement(iri, "answered", RIGHT)
        completed = quiz_statement(iri, "completed", WRONG)
        return [
            (barrier, lambda: statement_record(learner=learner, statement=answered)),
            (barrier, lambda: statement_record(learner=learner, statement=completed)),
        ]

    # Pairs are queued side by side and workers take them in order, so no barrier starves.
    tasks = [task for learner in learners for task in pair(learner)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        futures = [pool.submit(_together, barrier, work) for barrier, work in tasks]
        created = [future.result()[1] for future in futures]

    assert all(created)
    graded = Counter(Attempt.objects.filter(learner__in=learners).values_list("learner_id"))
    statements = Counter(Statement.objects.filter(learner__in=learners).values_list("learner_id"))
    assert graded == statements and sum(graded.values()) == 400 + len(learners[2::3])
    results = {r.learner_id: r for r in ActivityResult.objects.filter(learner__in=learners)}
    enrolments = {e.learner_id: e for e in Enrolment.objects.filter(course=course)}
    lost = [
        learner.pk
        for learner in learners
        if results[learner.pk].attempts != graded[(learner.pk,)]
        or (results[learner.pk].scaled, results[learner.pk].passed) != (1.0, True)
        or enrolments[learner.pk].passed_count != 1
        or enrolments[learner.pk].completed_at is None
    ]
    assert lost == []
    assert len(results) == len(enrolments) == 200


def test_completing_the_last_two_activities_at_once_completes_the_course_once(wagtail_root):
    course, lessons = course_build(lessons=[[quiz_block()], [quiz_block()], [quiz_block()]])
    first, *last_two = [quiz_iri(lesson) for lesson in lessons]
    completed = []
    lock = threading.Lock()

    def on_completed(sender, learner, course, enrolment, **kwargs):
        with lock:
            completed.append((learner.pk, course.pk))

    course_completed.connect(on_completed, weak=False, dispatch_uid="test_concurrency")
    try:
        learners = UserFactory.create_batch(20)
        for learner in learners:
            statement_record(learner=learner, statement=quiz_statement(first, "answered", RIGHT))
        completed.clear()
        for learner in learners:  # one race per learner, 20 times
            run_together(
                [
                    lambda iri=iri, learner=learner: statement_record(
                        learner=learner, statement=quiz_statement(iri, "answered", RIGHT)
                    )
                    for iri in last_two
                ]
            )
    finally:
        course_completed.disconnect(dispatch_uid="test_concurrency")

    assert sorted(completed) == sorted((learner.pk, course.pk) for learner in learners)
    for enrolment in Enrolment.objects.filter(learner__in=learners):
        assert enrolment.completed_at is not None
        assert (enrolment.passed_count, enrolment.required_count) == (3, 3)


def test_fifty_posts_of_one_statement_through_the_endpoint_store_it_once(one_quiz_course):
    _course, lesson = one_quiz_course
    learner = UserFactory()
    statement = quiz_statement(quiz_iri(lesson), "answered", RIGHT)
    clients = []
    for _ in range(50):
        client = Client(enforce_csrf_checks=False)
        client.force_login(learner)
        clients.append(client)

    def post(client):
        return client.post(
            "/xapi/statements",
            data=json.dumps(statement),
            content_type="application/json",
            headers={"X-Experience-API-Version": "1.0.3"},
        )

    responses = run_together([lambda client=client: post(client) for client in clients])

    assert [response.status_code for response in responses] == [200] * 50
    assert {tuple(response.json()) for response in responses} == {(statement["id"],)}
    assert Statement.objects.filter(statement_id=statement["id"]).count() == 1
    assert Attempt.objects.filter(learner=learner).count() == 1
    assert ActivityResult.objects.get(learner=learner).attempts == 1


def test_two_batches_of_one_learner_in_opposite_order_do_not_deadlock(wagtail_root):
    """A batch is stored in one transaction: each statement locks the course enrolment before
    its activity result, so [x, y] and [y, x] at once wait for each other instead of deadlocking
    (each is tried 10 times with a fresh learner)."""
    _course, lessons = course_build(lessons=[[quiz_block()], [quiz_block()], [quiz_block()]])
    x, y, _z = [quiz_iri(lesson) for lesson in lessons]
    for _ in range(10):
        learner = UserFactory()
        clients = [Client(), Client()]
        for client in clients:
            client.force_login(learner)
        batches = [
            [quiz_statement(iri, "answered", RIGHT) for iri in order] for order in ([x, y], [y, x])
        ]
        responses = run_together(
            [
                lambda client=client, batch=batch: client.post(
                    "/xapi/statements",
                    data=json.dumps(batch),
                    content_type="application/json",
                    headers={"X-Experience-API-Version": "1.0.3"},
                )
                for client, batch in zip(clients, batches, strict=True)
            ]
        )
        assert [response.status_code for response in responses] == [200, 200]
        assert ActivityResult.objects.filter(learner=learner, attempts=2).count() == 2
