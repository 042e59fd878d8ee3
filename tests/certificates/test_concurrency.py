"""Races on the review chain, with real threads and transactions (PostgreSQL only): a double
click, a bulk action racing a single one, two decisions at once."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from django.db import connection

from certificates.models import Action, ApplicationEvent, RecognitionDecision, Status
from certificates.services import (
    Refused,
    application_transition,
    applications_bulk_transition,
    decision_record,
)
from people.models import Role
from tests.concurrency import POSTGRES_RACES

pytestmark = POSTGRES_RACES
BARRIER_TIMEOUT = 60


def race(*calls):
    """Run the calls in threads started together; return each result or the Refused raised."""
    barrier = threading.Barrier(len(calls), timeout=BARRIER_TIMEOUT)

    def run(call):
        try:
            barrier.wait()
            return call()
        except Refused as refusal:
            return refusal
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [f.result() for f in [pool.submit(run, call) for call in calls]]


def test_double_click_applies_once(make_application, make_officer, cycle, cu_chi_hamlet):
    branch = make_officer(cu_chi_hamlet, role=Role.BRANCH_OFFICER)
    application = make_application(cu_chi_hamlet, status=Status.SUBMITTED)

    def click():
        return application_transition(
            application=application, action=Action.BRANCH_REVIEW, by=branch
        )

    results = race(click, click, click)
    refused = [r for r in results if isinstance(r, Refused)]
    assert len(refused) == 2 and all(r.code == "state" for r in refused)
    assert ApplicationEvent.objects.filter(action=Action.BRANCH_REVIEW).count() == 1


def test_bulk_and_single_action_never_both_apply(
    make_application, make_officer, cycle, cu_chi, cu_chi_hamlet
):
    officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    applications = [
        make_application(cu_chi_hamlet, status=Status.BRANCH_REVIEWED) for _ in range(30)
    ]
    contested = applications[17]
    results = race(
        lambda: applications_bulk_transition(
            ids=[a.pk for a in applications], action=Action.COMMUNE_EVALUATE, by=officer,
            chunk_size=10,
        ),
        lambda: application_transition(
            application=contested, action=Action.COMMUNE_RETURN, by=officer, comment="Bổ sung"
        ),
    )  # fmt: skip
    report = results[0]
    contested.refresh_from_db()
    events = ApplicationEvent.objects.filter(
        application=contested, action__in=[Action.COMMUNE_EVALUATE, Action.COMMUNE_RETURN]
    )
    assert events.count() == 1
    if contested.status == Status.RETURNED:
        assert contested.pk in [pk for pk, _name, _reason in report.refused]
    else:
        assert contested.status == Status.COMMUNE_EVALUATED and isinstance(results[1], Refused)
    assert len(report.done) + len(report.refused) == 30


def test_two_decisions_at_once_recognise_each_application_once(
    make_application, make_officer, cycle, cu_chi, cu_chi_hamlet
):
    approver = make_officer(cu_chi, role=Role.COMMUNE_APPROVER)
    ids = [make_application(cu_chi_hamlet, status=Status.APPRAISED).pk for _ in range(3)]

    def decide(number):
        return lambda: decision_record(
            cycle=cycle, commune=cu_chi, number=number, signed_on=date(2025, 11, 20),
            signer_name="Đặng Văn Uy", signer_title="Chủ tịch",
            issuing_body="Ủy ban nhân dân xã Củ Chi", application_ids=ids, by=approver,
        )  # fmt: skip

    results = race(decide("1/QĐ-UBND"), decide("2/QĐ-UBND"))
    assert sum(isinstance(r, RecognitionDecision) for r in results) == 1
    assert RecognitionDecision.objects.count() == 1
    assert ApplicationEvent.objects.filter(action=Action.RECOGNISE).count() == 3
