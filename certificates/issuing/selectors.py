"""Reads for the issued-certificates pages: a decision's progress, officers' decision lists.

A decision's certificates are those of the people it recognised (``Application.recognised_by``);
its page counts and its ZIP holds the same ones: made, never revoked, holder still recognised.
After a correction the old decision's page says what became of each person it named."""

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from certificates.issuing import permissions as perms
from certificates.models import Application, Certificate, RecognitionDecision, Status
from people.permissions import unit_ids_for
from people.selectors import unit_scope_q


@dataclass(frozen=True)
class Progress:
    total: int  # people the decision recognised who still hold the title, revoked ones aside
    issued: int  # their certificates made and valid: exactly what the ZIP holds
    reserved: int  # numbered, PDF still being made
    revoked: int  # certificates of the decision revoked (not in the ZIP)

    @property
    def pending(self) -> int:
        return self.total - self.issued

    @property
    def done(self) -> bool:
        return self.issued >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.issued / self.total)


def recognised_by_q(decision, prefix: str = "") -> Q:
    """Applications whose title ``decision`` gave (rows made before ``recognised_by`` existed:
    the decision holding them)."""
    return Q(**{f"{prefix}recognised_by": decision}) | Q(
        **{f"{prefix}recognised_by__isnull": True, f"{prefix}decision": decision}
    )


def decision_certificates_valid(*, decision: RecognitionDecision) -> QuerySet:
    """The certificates of the decision's ZIP: made, not revoked, of people the decision
    recognised and who still hold the title. The progress page counts exactly these."""
    return (
        Certificate.objects.filter(recognised_by_q(decision, "application__"))
        .filter(application__status=Status.RECOGNISED, revoked_at__isnull=True)
        .exclude(pdf="")
        .order_by("serial")
    )


def decision_progress(*, decision: RecognitionDecision) -> Progress:
    recognised = Application.objects.filter(recognised_by_q(decision), status=Status.RECOGNISED)
    counts = Certificate.objects.filter(application__in=recognised).aggregate(
        reserved=Count("pk", filter=Q(pdf="", revoked_at__isnull=True)),
        revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
    )
    return Progress(
        total=recognised.count() - counts["revoked"],
        issued=decision_certificates_valid(decision=decision).count(),
        **counts,
    )


def _count(queryset) -> Subquery:
    return Subquery(
        queryset.order_by().values("status").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )


def decisions_for(*, user) -> QuerySet:
    """Decisions of the communes where ``user`` may see issued certificates, newest first,
    with ``total`` (people owed a valid certificate) and ``issued`` counts, as on each
    decision's page."""
    decisions = RecognitionDecision.objects.select_related("commune", "cycle")
    unit_ids = unit_ids_for(user=user, action=perms.VIEW_ISSUED)
    if unit_ids is not None:
        decisions = decisions.filter(unit_scope_q(unit_ids=unit_ids, field="commune"))
    owed = Application.objects.filter(
        recognised_by_q(OuterRef("pk")), status=Status.RECOGNISED
    ).exclude(certificate__revoked_at__isnull=False)
    return decisions.annotate(
        total=Coalesce(_count(owed), 0),
        issued=Coalesce(
            _count(owed.filter(certificate__isnull=False).exclude(certificate__pdf="")), 0
        ),
    ).order_by("-signed_on", "-recorded_at")


@dataclass
class PersonRow:
    """One person a decision named, recognised or withdrew, and what became of them."""

    application: Application
    certificate: Certificate | None
    fate: str  # valid, preparing, pending, revoked, moved, withdrawn, earlier
    other: RecognitionDecision | None = None  # the decision the fate refers to


def _fate(decision, application, certificate) -> tuple[str, RecognitionDecision | None]:
    holder = application.decision
    recogniser = application.recognised_by or holder
    if application.status == Status.NOT_RECOGNISED:
        return "withdrawn", holder
    if recogniser is not None and recogniser.pk != decision.pk:
        return "earlier", recogniser
    if certificate is not None and certificate.is_revoked:
        return "revoked", None
    if holder is not None and holder.pk != decision.pk:
        return "moved", holder
    if certificate is None:
        return "pending", None
    return ("valid" if certificate.is_ready else "preparing"), None


def decision_people(*, decision: RecognitionDecision) -> QuerySet:
    """Everyone the decision named, recognised or withdrew, in register order."""
    return (
        Application.objects.filter(
            Q(decisions=decision) | Q(decision=decision) | Q(recognised_by=decision)
        )
        .distinct()
        .select_related("applicant", "hamlet", "decision", "recognised_by", "certificate")
        .order_by(F("certificate__serial").asc(nulls_last=True), "applicant__full_name", "pk")
    )


def decision_people_rows(*, decision: RecognitionDecision, applications) -> list[PersonRow]:
    """What became of each of ``applications`` (a page of ``decision_people``)."""
    rows = []
    for application in applications:
        certificate = getattr(application, "certificate", None)
        fate, other = _fate(decision, application, certificate)
        rows.append(PersonRow(application, certificate, fate, other))
    return rows
