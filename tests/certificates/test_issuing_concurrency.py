"""Races on issuing, with real threads and real transactions (PostgreSQL only): the same
application issued by several workers at once, and fifty applications numbered at once.

SQLite serialises writers, so these races cannot happen there. Every thread closes its own
database connection when it is done.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from certificates.issuing import bulk, services
from certificates.models import Certificate, RegisterCounter
from certificates.signals import title_recognised
from tests.certificates.test_issuing_builders import (  # noqa: F401  (fixtures)
    _key_dir,
    decision_make,
    issuing_settings,
    recognised,
)
from tests.concurrency import POSTGRES_RACES

pytestmark = [*POSTGRES_RACES, pytest.mark.usefixtures("issuing_settings")]
BARRIER_TIMEOUT = 60


def run_together(works: list) -> list:
    """Start every callable at the same moment, each in its own thread; results in order."""
    barrier = threading.Barrier(len(works), timeout=BARRIER_TIMEOUT)

    def run(work):
        try:
            barrier.wait()
            return work()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(works)) as pool:
        futures = [pool.submit(run, work) for work in works]
        return [future.result() for future in futures]


def test_two_workers_and_a_repeated_signal_issue_one_certificate_each(cu_chi, ap_trung):
    decision = decision_make(cu_chi)
    applications = recognised(decision, ap_trung, count=120)  # numbered in batches of 50
    first = applications[0]
    run_together(
        [
            lambda: bulk.decision_issue_pending(decision_id=decision.pk),
            lambda: bulk.decision_issue_pending(decision_id=decision.pk),
            lambda: title_recognised.send(sender=None, application=first, decision=decision),
            lambda: title_recognised.send(sender=None, application=first, decision=decision),
        ]
    )
    assert Certificate.objects.count() == 120
    assert set(Certificate.objects.values_list("application_id", flat=True)) == {
        a.pk for a in applications
    }
    assert sorted(Certificate.objects.values_list("serial", flat=True)) == list(range(1, 121))
    assert len(set(Certificate.objects.values_list("status_index", flat=True))) == 120
    assert all(c.is_ready for c in Certificate.objects.all())
    assert RegisterCounter.objects.get(series=f"CDHT-{cu_chi.code}").last == 120


def test_ten_workers_on_one_application_make_one_certificate(cu_chi, ap_trung):
    decision = decision_make(cu_chi)
    (application,) = recognised(decision, ap_trung)
    results = run_together(
        [
            lambda: services.certificate_issue_for_application(application_id=application.pk)
            for _ in range(10)
        ]
    )
    assert {certificate.pk for certificate in results} == {Certificate.objects.get().pk}
    certificate = Certificate.objects.get()
    assert certificate.serial == 1 and certificate.is_ready
    assert RegisterCounter.objects.get(series=f"CDHT-{cu_chi.code}").last == 1
    assert not RegisterCounter.objects.filter(series="status-list").exists()  # random indexes


def test_fifty_concurrent_issues_are_numbered_without_gaps_or_duplicates(cu_chi, ap_trung):
    decision = decision_make(cu_chi)
    applications = recognised(decision, ap_trung, count=50)
    results = run_together(
        [
            lambda application=application: services.certificate_issue_for_application(
                application_id=application.pk
            )
            for application in applications
        ]
    )
    assert len({c.pk for c in results}) == 50
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    assert serials == list(range(1, 51))
    numbers = set(Certificate.objects.values_list("register_number", flat=True))
    year = decision.cycle.year
    assert numbers == {f"CDHT-{year}-{cu_chi.code}-{n:06d}" for n in range(1, 51)}
    assert len(set(Certificate.objects.values_list("status_index", flat=True))) == 50
    assert len(set(Certificate.objects.values_list("code", flat=True))) == 50
