"""Issuing certificates, one at a time (a decision's thousands: ``certificates.issuing.bulk``;
revoking: ``certificates.issuing.revocation``).

Issuing is two steps, each safe to repeat or race:

1. *Reserve* (one short transaction): lock the series counter row (SELECT … FOR UPDATE), look
   again whether the application / enrolment already has a certificate (another worker may have
   issued it while we waited), then take the next serial and a random free status-list index
   (``status_indexes``) and insert the row. The unique keys (application, enrolment, register
   number, series + year + serial, status index, code) back this up: a losing insert rolls the
   whole transaction back, counter increment included, so numbers stay gapless, and the
   reservation is tried again.
2. *Produce*: render the PDF and sign the credential from the row's snapshot, store the file and
   fill both in with a conditional UPDATE (only while still empty). A worker that stops between
   the two leaves a numbered row without a PDF; ``bulk.issue_pending`` finishes it.
"""

import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.issuing import render
from certificates.issuing.codes import (
    code_new,
    course_series,
    register_number,
    title_series,
)
from certificates.issuing.status_indexes import status_indexes_draw
from certificates.models import (
    Application,
    Certificate,
    CertificateKind,
    RegisterCounter,
    Status,
)
from certificates.notices import certificate_ready_notify
from people.models import Gender, Profile, UnitLevel
from people.selectors import unit_commune_on
from progress.models import Enrolment

HONORIFIC = {Gender.FEMALE: "Bà", Gender.MALE: "Ông"}


@dataclass
class IssueStats:
    """What a run did and where its time went (seconds), for the progress log and the bench."""

    issued: int = 0
    finished: int = 0  # reserved earlier, PDF and credential made now
    already: int = 0
    busy: int = 0  # reserved by another worker that is still making it
    db: float = 0.0
    pdf: float = 0.0
    sign: float = 0.0
    storage: float = 0.0
    errors: list[str] = field(default_factory=list)

    @contextmanager
    def timing(self, part: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            setattr(self, part, getattr(self, part) + time.perf_counter() - started)


# --- Step 1: reserve a number ------------------------------------------------------------------


def _counter_locked(series: str, year: int) -> RegisterCounter:
    """The counter row, locked until the end of the current transaction (created if new)."""
    counters = RegisterCounter.objects.select_for_update()
    try:
        return counters.get(series=series, year=year)
    except RegisterCounter.DoesNotExist:
        try:
            with transaction.atomic():
                RegisterCounter.objects.create(series=series, year=year, last=0)
        except IntegrityError:
            pass  # another worker created it first; its lock is waited for below
        return counters.get(series=series, year=year)


def _take(counter: RegisterCounter) -> int:
    counter.last += 1
    RegisterCounter.objects.filter(pk=counter.pk).update(last=counter.last)
    return counter.last


def _reserve(*, lookup: dict, series: str, year: int, fields: dict) -> tuple[Certificate, bool]:
    """(certificate, created): the certificate matching ``lookup``, inserted when missing."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                counter = _counter_locked(series, year)
                existing = Certificate.objects.filter(**lookup).first()
                if existing is not None:
                    return existing, False
                serial = _take(counter)
                (status_index,) = status_indexes_draw(count=1)
                certificate = Certificate.objects.create(
                    **lookup,
                    **fields,
                    series=series,
                    year=year,
                    serial=serial,
                    register_number=register_number(series, year, serial),
                    code=code_new(),
                    status_index=status_index,
                )
        except IntegrityError:
            existing = Certificate.objects.filter(**lookup).first()
            if existing is not None:
                return existing, False
            continue  # another worker took the same status index (or code): draw again
        return certificate, True
    raise RuntimeError("could not reserve a certificate number after 5 attempts")


def _honorific(profile: Profile | None) -> str:
    return HONORIFIC.get(profile.gender, "") if profile else ""


def _profile(user) -> Profile | None:
    return Profile.objects.filter(user=user).select_related("home_unit").first()


_UNSET = object()


def _title_fields(application: Application, profile=_UNSET) -> dict:
    """The snapshot of a recognised application (``profile`` when already fetched). It names
    the decision that recognised the person, even when a correction holds them now."""
    decision = application.recognised_by or application.decision
    profile = _profile(application.applicant) if profile is _UNSET else profile
    return {
        "kind": CertificateKind.TITLE,
        "learner_id": application.applicant_id,
        "issuer_unit_id": application.commune_id,
        "full_name": application.applicant.get_full_name(),
        "honorific": _honorific(profile),
        "birth_year": profile.year_of_birth if profile else None,
        "hamlet_name": render.unit_label(application.hamlet),
        "commune_name": render.unit_label(application.commune, lower_kind=True),
        "cycle_year": application.cycle.year,
        "decision_number": decision.number,
        "decision_date": decision.signed_on,
        "decision_signer": decision.signer_name,
        "decision_signer_title": decision.signer_title,
        "issuer_name": decision.issuing_body,
        "issued_at": timezone.now(),
    }


def certificate_reserve_for_application(*, application_id: int) -> tuple[Certificate | None, bool]:
    """(certificate, created) for a recognised application; (None, False) when the application
    is not (or no longer) recognised. Idempotent and safe under concurrency."""
    existing = Certificate.objects.filter(application_id=application_id).first()
    if existing is not None:
        return existing, False
    application = (
        Application.objects.select_related(
            "applicant", "hamlet", "commune", "cycle", "decision", "recognised_by"
        )
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.status != Status.RECOGNISED or not application.decision:
        return None, False
    return _reserve(
        lookup={"application_id": application.pk},
        series=title_series(application.commune),
        year=application.cycle.year,
        fields=_title_fields(application),
    )


def _course_fields(enrolment: Enrolment) -> tuple[dict, object]:
    profile = _profile(enrolment.learner)
    home = profile.home_unit if profile else None
    commune = unit_commune_on(unit=home) if home else None
    hamlet = home if home is not None and home.level == UnitLevel.HAMLET else None
    fields = {
        "kind": CertificateKind.COURSE,
        "learner_id": enrolment.learner_id,
        "issuer_unit_id": commune.pk if commune else None,
        "full_name": enrolment.learner.get_full_name(),
        "honorific": _honorific(profile),
        "birth_year": profile.year_of_birth if profile else None,
        "hamlet_name": render.unit_label(hamlet) if hamlet else "",
        "commune_name": render.unit_label(commune, lower_kind=True) if commune else "",
        "course_title": enrolment.course.title,
        # The commune's association; with no commune on record, the platform's operator (a
        # real body, e.g. the city association), never a bare "Hội Khuyến học".
        "issuer_name": (
            "Hội Khuyến học " + render.unit_label(commune, lower_kind=True)
            if commune
            else settings.CERTIFICATE_OPERATOR_NAME
        ),
        "issued_at": timezone.now(),
    }
    return fields, commune


def certificate_reserve_for_enrolment(*, enrolment_id: int) -> tuple[Certificate | None, bool]:
    """(certificate, created) for a completed enrolment in a course that awards certificates;
    (None, False) otherwise. Idempotent and safe under concurrency."""
    existing = Certificate.objects.filter(enrolment_id=enrolment_id).first()
    if existing is not None:
        return existing, False
    enrolment = (
        Enrolment.objects.select_related("learner", "course").filter(pk=enrolment_id).first()
    )
    if enrolment is None or enrolment.completed_at is None:
        return None, False
    if not enrolment.course.awards_certificate:
        return None, False
    fields, commune = _course_fields(enrolment)
    return _reserve(
        lookup={"enrolment_id": enrolment.pk},
        series=course_series(commune),
        year=timezone.localtime(fields["issued_at"]).year,
        fields=fields,
    )


# --- Step 2: produce the PDF and the credential ------------------------------------------------


def certificate_produce(
    *,
    certificate: Certificate,
    templates: render.TemplateCache | None = None,
    stats: IssueStats | None = None,
) -> Certificate:
    """Make and store the PDF and the signed credential of a reserved certificate (no-op when
    they exist). Raises SigningKeyError when the signing key is missing."""
    stats = stats if stats is not None else IssueStats()
    if certificate.is_ready:
        return certificate
    templates = templates or render.TemplateCache()
    with stats.timing("db"):
        template = templates.get(kind=certificate.kind, commune_id=certificate.issuer_unit_id)
    with stats.timing("pdf"):
        pdf_bytes = render.pdf_render(certificate, template)
    with stats.timing("sign"):
        credential = render.credential_make(certificate)
    storage = certificate.pdf.storage
    with stats.timing("storage"):
        name = storage.save(
            f"certificates/{certificate.year}/{certificate.code}.pdf", ContentFile(pdf_bytes)
        )
    with stats.timing("db"):
        updated = Certificate.objects.filter(pk=certificate.pk, pdf="").update(
            pdf=name, credential=credential
        )
    if not updated:  # another worker finished it first: keep theirs
        storage.delete(name)
        certificate.refresh_from_db()
        return certificate
    certificate.pdf.name, certificate.credential = name, credential
    certificate_ready_notify(certificate=certificate)
    return certificate


def certificate_issue_for_application(
    *, application_id: int, templates=None, stats: IssueStats | None = None
) -> Certificate | None:
    """The one certificate of a recognised application, issued if needed (None when the
    application is not recognised). Safe to call twice or from two workers at once."""
    stats = stats if stats is not None else IssueStats()
    with stats.timing("db"):
        certificate, created = certificate_reserve_for_application(application_id=application_id)
    return _produce_counted(certificate, created, templates, stats)


def certificate_issue_for_enrolment(
    *, enrolment_id: int, templates=None, stats: IssueStats | None = None
) -> Certificate | None:
    """The one certificate of a completed course (None when the course awards none)."""
    stats = stats if stats is not None else IssueStats()
    with stats.timing("db"):
        certificate, created = certificate_reserve_for_enrolment(enrolment_id=enrolment_id)
    return _produce_counted(certificate, created, templates, stats)


def _produce_counted(certificate, created, templates, stats):
    """Produce only what this worker reserved: one that another worker reserved and is still
    making is left to it (or, if that worker stopped, to the stale pass of a later run)."""
    if certificate is None:
        return None
    if created:
        certificate = certificate_produce(certificate=certificate, templates=templates, stats=stats)
        stats.issued += 1
    elif certificate.is_ready:
        stats.already += 1
    else:
        stats.busy += 1
    return certificate
