"""Reads for the issued-certificates pages: a decision's progress, officers' decision lists."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from certificates.issuing import permissions as perms
from certificates.models import Application, Certificate, RecognitionDecision, Status
from people.permissions import unit_ids_for
from people.selectors import unit_scope_q


@dataclass(frozen=True)
class Progress:
    total: int  # applications the decision recognises (and still does)
    issued: int  # with their PDF and credential made
    reserved: int  # numbered, PDF still being made
    revoked: int

    @property
    def pending(self) -> int:
        return self.total - self.issued

    @property
    def done(self) -> bool:
        return self.issued >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.issued / self.total)


def decision_progress(*, decision: RecognitionDecision) -> Progress:
    total = Application.objects.filter(decision=decision, status=Status.RECOGNISED).count()
    counts = Certificate.objects.filter(
        application__decision=decision, application__status=Status.RECOGNISED
    ).aggregate(
        issued=Count("pk", filter=~Q(pdf="")),
        reserved=Count("pk", filter=Q(pdf="")),
        revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
    )
    return Progress(total=total, **counts)


def decisions_for(*, user) -> QuerySet:
    """Decisions of the communes where ``user`` may see issued certificates, newest first,
    with ``total`` and ``issued`` counts."""
    decisions = RecognitionDecision.objects.select_related("commune", "cycle")
    unit_ids = unit_ids_for(user=user, action=perms.VIEW_ISSUED)
    if unit_ids is not None:
        decisions = decisions.filter(unit_scope_q(unit_ids=unit_ids, field="commune"))
    recognised = Q(current_applications__status=Status.RECOGNISED)
    return decisions.annotate(
        total=Count("current_applications", filter=recognised, distinct=True),
        issued=Count(
            "current_applications__certificate",
            filter=recognised & ~Q(current_applications__certificate__pdf=""),
            distinct=True,
        ),
    ).order_by("-signed_on", "-recorded_at")


def decision_certificates(*, decision: RecognitionDecision) -> QuerySet:
    return (
        Certificate.objects.filter(application__decision=decision)
        .select_related("application__hamlet")
        .order_by("serial")
    )
