"""Background work (Django tasks, django-tasks): immediate in development and tests, a database
backend and a worker process in production. Every task is safe to run twice: it issues only
what is still missing.
"""

import logging
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)
QUEUED_KEY = "certificates:issue:decision:{id}:queued"
QUEUED_SECONDS = 60


@task()
def decision_certificates_issue(decision_id: int, stale_seconds: float = 300) -> dict:
    """Issue the missing certificates of one recognition decision (resumable)."""
    from certificates.issuing import bulk  # PDF and signing libraries load on first use

    stats = bulk.decision_issue_pending(decision_id=decision_id, stale_seconds=stale_seconds)
    logger.info(
        "decision %s: %s issued, %s finished, %s already there, %s errors",
        decision_id,
        stats.issued,
        stats.finished,
        stats.already,
        len(stats.errors),
    )
    return {
        "issued": stats.issued,
        "finished": stats.finished,
        "already": stats.already,
        "errors": stats.errors[:20],  # the first 20 (the log and error_count give them all)
        "error_count": len(stats.errors),
    }


@task()
def enrolment_certificate_issue(enrolment_id: int) -> int | None:
    """Issue the certificate of one completed course, if the course awards one."""
    from certificates.issuing import services

    certificate = services.certificate_issue_for_enrolment(enrolment_id=enrolment_id)
    return certificate.pk if certificate else None


def decision_issue_enqueue(*, decision_id: int, stale_seconds: float = 300) -> None:
    """Queue the decision's task when the current transaction commits; signals that arrive for
    the same decision in the next minute (one per application) queue nothing more."""
    if not cache.add(QUEUED_KEY.format(id=decision_id), 1, QUEUED_SECONDS):
        return
    transaction.on_commit(
        partial(decision_certificates_issue.enqueue, decision_id, stale_seconds=stale_seconds)
    )


def enrolment_issue_enqueue(*, enrolment_id: int) -> None:
    transaction.on_commit(partial(enrolment_certificate_issue.enqueue, enrolment_id))
