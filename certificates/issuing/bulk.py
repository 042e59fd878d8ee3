"""Issuing in bulk: every missing certificate of a decision (thousands of people), and
everything still owed anywhere (the resume command).

A decision's applications share one register (commune and cycle year), so they are numbered in
batches: one transaction locks the counter, looks again which of the batch already have a
certificate, locks the applications (a correcting decision cannot withdraw one meanwhile),
takes a run of serials and random free status-list indexes and inserts the rows. Then each PDF and
credential is made. Two workers on the same decision take alternate batches (the second finds
the first's batch numbered and moves on); a failure on one certificate is logged and counted,
and it stays pending for the next run.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from certificates.credentials import SigningKeyError
from certificates.issuing import render, signing
from certificates.issuing.codes import code_new, register_number, title_series
from certificates.issuing.services import (
    IssueStats,
    _counter_locked,
    _title_fields,
    certificate_issue_for_enrolment,
    certificate_produce,
)
from certificates.issuing.status_indexes import status_indexes_draw
from certificates.models import Application, Certificate, Status
from people.models import Profile
from progress.models import Enrolment

logger = logging.getLogger(__name__)
BATCH = 50
CHUNK = 200


def _of_decision(decision_id: int) -> Q:
    """Applications a decision holds or recognised (a correction holds those it kept)."""
    return Q(decision_id=decision_id) | Q(recognised_by_id=decision_id)


def decision_pending_ids(*, decision_id: int) -> list[int]:
    return list(
        Application.objects.filter(
            _of_decision(decision_id), status=Status.RECOGNISED, certificate__isnull=True
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _guarded(stats: IssueStats, label: str, work) -> None:
    """One item of a bulk run: a failure is logged and counted, and the run goes on. A missing
    signing key stops the run."""
    try:
        work()
    except SigningKeyError:
        raise
    except Exception as error:
        logger.exception("certificate for %s not issued", label)
        stats.errors.append(f"{label}: {error}")


def _reserve_batch(decision_id: int, ids: list[int]) -> list[Certificate]:
    """Number the still-unnumbered, still-recognised applications among ``ids`` (one decision)
    in one transaction; the new certificates (empty list when another worker was first)."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                applications = list(
                    Application.objects.select_for_update(of=("self",))
                    .select_related(
                        "applicant", "hamlet", "commune", "cycle", "decision", "recognised_by"
                    )
                    .filter(
                        _of_decision(decision_id),
                        pk__in=ids,
                        status=Status.RECOGNISED,
                        certificate__isnull=True,
                    )
                    .order_by("pk")
                )
                if not applications:
                    return []
                commune, year = applications[0].commune, applications[0].cycle.year
                series = title_series(commune)
                counter = _counter_locked(series, year)
                done = set(
                    Certificate.objects.filter(application__in=applications).values_list(
                        "application_id", flat=True
                    )
                )
                todo = [a for a in applications if a.pk not in done]
                if not todo:
                    return []
                indexes = status_indexes_draw(count=len(todo))
                profiles = {
                    p.user_id: p
                    for p in Profile.objects.filter(user__in=[a.applicant for a in todo])
                }
                certificates = [
                    Certificate(
                        application=application,
                        **_title_fields(application, profiles.get(application.applicant_id)),
                        series=series,
                        year=year,
                        serial=counter.last + offset,
                        register_number=register_number(series, year, counter.last + offset),
                        code=code_new(),
                        status_index=index,
                    )
                    for offset, (application, index) in enumerate(
                        zip(todo, indexes, strict=True), start=1
                    )
                ]
                Certificate.objects.bulk_create(certificates)
                counter.last += len(todo)
                type(counter).objects.filter(pk=counter.pk).update(last=counter.last)
        except IntegrityError:
            continue  # another worker took one of these status indexes (or a code): draw again
        for certificate in certificates:
            certificate.issuer_unit = commune
        return certificates
    raise RuntimeError("could not reserve certificate numbers after 5 attempts")


def _finish_stale(queryset, stale_seconds: float, templates, stats: IssueStats) -> None:
    """Make the PDF of certificates numbered more than ``stale_seconds`` ago and never made
    (their worker stopped)."""
    cutoff = timezone.now() - timedelta(seconds=stale_seconds)
    stale = queryset.filter(pdf="", issued_at__lte=cutoff).select_related("enrolment")
    for certificate in stale.iterator(chunk_size=CHUNK):

        def finish(certificate=certificate):
            certificate_produce(certificate=certificate, templates=templates, stats=stats)
            stats.finished += 1

        _guarded(stats, certificate.register_number, finish)


def decision_issue_pending(
    *, decision_id: int, stats: IssueStats | None = None, stale_seconds: float = 300
) -> IssueStats:
    """Issue every missing certificate of a decision's recognised applications, then finish
    those numbered more than ``stale_seconds`` ago whose worker stopped before the PDF.

    Resumable: run it again after a stop and nothing is issued twice. Raises SigningKeyError
    before numbering anything when the signing key is missing.
    """
    stats = stats if stats is not None else IssueStats()
    signing.signing_key()
    templates = render.TemplateCache()
    pending = decision_pending_ids(decision_id=decision_id)
    for start in range(0, len(pending), BATCH):
        with stats.timing("db"):
            certificates = _reserve_batch(decision_id, pending[start : start + BATCH])
        stats.already += len(pending[start : start + BATCH]) - len(certificates)
        for certificate in certificates:

            def produce(certificate=certificate):
                certificate_produce(certificate=certificate, templates=templates, stats=stats)
                stats.issued += 1

            _guarded(stats, certificate.register_number, produce)
    _finish_stale(
        Certificate.objects.filter(
            Q(application__decision_id=decision_id) | Q(application__recognised_by_id=decision_id)
        ),
        stale_seconds,
        templates,
        stats,
    )
    return stats


def issue_pending(*, stats: IssueStats | None = None, stale_seconds: float = 0) -> IssueStats:
    """Everything owed: certificates of every recognised application and every completed
    course that awards one, plus numbered rows whose PDF was never made (the resume command)."""
    stats = stats if stats is not None else IssueStats()
    signing.signing_key()
    decisions = (
        Application.objects.filter(
            status=Status.RECOGNISED, decision__isnull=False, certificate__isnull=True
        )
        .values_list("decision_id", flat=True)
        .distinct()
    )
    for decision_id in sorted(set(decisions)):
        decision_issue_pending(decision_id=decision_id, stats=stats, stale_seconds=stale_seconds)
    templates = render.TemplateCache()
    enrolments = Enrolment.objects.filter(
        completed_at__isnull=False, course__awards_certificate=True, certificate__isnull=True
    ).order_by("pk")
    for enrolment_id in list(enrolments.values_list("pk", flat=True)):
        _guarded(
            stats,
            f"enrolment {enrolment_id}",
            lambda enrolment_id=enrolment_id: certificate_issue_for_enrolment(
                enrolment_id=enrolment_id, templates=templates, stats=stats
            ),
        )
    _finish_stale(Certificate.objects.all(), stale_seconds, templates, stats)
    return stats
