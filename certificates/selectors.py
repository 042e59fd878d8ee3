"""Reads for criteria, cycles and applications. Keyword-only, named ``<entity>_<action>``."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from certificates import permissions as perms
from certificates.models import (
    Application,
    CommuneResult,
    CriteriaSet,
    Cycle,
    Evidence,
    IndicatorScore,
    RecognitionDecision,
    Status,
)
from people.models import AdministrativeUnit
from people.permissions import unit_ids_for
from people.selectors import unit_scope_q

# Score bands of the officers' lists: (code, label, low, high) — high exclusive, None = open.
SCORE_BANDS = [
    ("duoi-70", "< 70", None, 70),
    ("70-79", "70–79", 70, 80),
    ("80-89", "80–89", 80, 90),
    ("tu-90", "≥ 90", 90, None),
]
# The commune's proposal list: the applications it evaluated as meeting the criteria.
PROPOSAL_STATUSES = (Status.COMMUNE_EVALUATED, Status.APPRAISED, Status.RECOGNISED)


def criteria_set_current(*, occupation_group, on: date) -> CriteriaSet | None:
    """The active set for an occupation group on a day: latest start date, then latest version."""
    return (
        CriteriaSet.objects.filter(
            occupation_group=occupation_group, is_active=True, valid_from__lte=on
        )
        .order_by("-valid_from", "-version")
        .first()
    )


def cycle_for(*, commune: AdministrativeUnit, year: int) -> Cycle | None:
    """The commune's own cycle for ``year``, else the cycle of the nearest unit above it."""
    ids = [*commune.ancestor_ids, commune.pk]
    cycles = {c.unit_id: c for c in Cycle.objects.filter(year=year, unit_id__in=ids)}
    for unit_id in reversed(ids):
        if unit_id in cycles:
            return cycles[unit_id]
    return None


def applications_scoped(*, user, action: str = perms.VIEW) -> QuerySet:
    """Applications whose hamlet is in ``user``'s scope for ``action`` (list-level scoping)."""
    applications = Application.objects.all()
    unit_ids = unit_ids_for(user=user, action=action)
    if unit_ids is None:
        return applications
    if not unit_ids:
        return applications.none()
    return applications.filter(unit_scope_q(unit_ids=unit_ids, field="hamlet"))


def applications_waiting_count(*, user, action: str, status: str) -> int:
    """How many applications in ``status`` wait for ``user`` to do ``action`` (their scope for
    that action, every year: late work of last year's cycle still waits)."""
    return applications_scoped(user=user, action=action).filter(status=status).count()


def application_list(
    *,
    user,
    cycle=None,
    year=None,
    status: str = "",
    hamlet_id=None,
    occupation_group_id=None,
    band: str = "",
    result: str = "",
    query: str = "",
    commune_id=None,
) -> QuerySet:
    """The officer's list with its filters (all optional), newest first."""
    applications = applications_scoped(user=user).select_related(
        "applicant", "applicant__profile", "hamlet", "occupation_group", "cycle", "entered_by"
    )
    if cycle is not None:
        applications = applications.filter(cycle=cycle)
    if year:
        applications = applications.filter(cycle__year=year)
    if status:
        applications = applications.filter(status=status)
    if hamlet_id:
        applications = applications.filter(hamlet_id=hamlet_id)
    if commune_id:
        applications = applications.filter(commune_id=commune_id)
    if occupation_group_id:
        applications = applications.filter(occupation_group_id=occupation_group_id)
    if result == "meets":
        applications = applications.filter(meets_rule=True)
    elif result == "not_meets":
        applications = applications.filter(meets_rule=False)
    for code, _label, low, high in SCORE_BANDS:
        if band == code:
            if low is not None:
                applications = applications.filter(final_total__gte=low)
            if high is not None:
                applications = applications.filter(final_total__lt=high)
    if query:
        applications = applications.filter(
            Q(applicant__full_name__icontains=query) | Q(applicant__email__icontains=query)
        )
    return applications.order_by("hamlet__name", "applicant__full_name", "pk")


def application_of(*, user, cycle=None) -> Application | None:
    """The person's application in ``cycle`` (or their latest one)."""
    applications = Application.objects.filter(applicant=user).select_related(
        "cycle", "criteria_set", "hamlet", "commune", "occupation_group", "decision"
    )
    if cycle is not None:
        applications = applications.filter(cycle=cycle)
    return applications.order_by("-cycle__year", "-created_at").first()


@dataclass
class IndicatorRow:
    indicator: object
    score: IndicatorScore | None
    evidence: list = field(default_factory=list)


def application_rows(*, application: Application) -> list[IndicatorRow]:
    """Each indicator of the application's set with its scores and evidence, in order."""
    indicators = list(application.criteria_set.indicators.order_by("number"))
    scores = {s.indicator_id: s for s in application.scores.all()}
    evidence: dict[int, list] = {}
    for item in Evidence.objects.filter(application=application).select_related(
        "enrolment", "enrolment__course", "added_by"
    ):
        evidence.setdefault(item.indicator_id, []).append(item)
    return [IndicatorRow(i, scores.get(i.pk), evidence.get(i.pk, [])) for i in indicators]


@dataclass
class ProposalRow:
    number: int
    application: Application
    criteria: dict  # criterion number → points


def _final_score():
    return Coalesce("commune_score", "branch_score", "self_score")


def proposal_rows(*, cycle: Cycle, commune: AdministrativeUnit) -> list[ProposalRow]:
    """The commune's proposal list for a cycle: applications evaluated as meeting the criteria
    (and those appraised or recognised since), numbered, with points per criterion."""
    applications = list(
        Application.objects.filter(
            cycle=cycle,
            commune=commune,
            status__in=PROPOSAL_STATUSES,
            commune_result=CommuneResult.MEETS,
        )
        .select_related("applicant", "applicant__profile", "hamlet", "occupation_group")
        .order_by("hamlet__name", "applicant__full_name", "pk")
    )
    sums: dict[int, dict[int, int]] = {}
    criterion_numbers = (
        IndicatorScore.objects.filter(application__in=[a.pk for a in applications])
        .values("application_id", "indicator__criterion_number")
        .annotate(points=Sum(_final_score()))
    )
    for row in criterion_numbers:
        sums.setdefault(row["application_id"], {})[row["indicator__criterion_number"]] = (
            row["points"] or 0
        )
    return [
        ProposalRow(number, application, sums.get(application.pk, {}))
        for number, application in enumerate(applications, start=1)
    ]


def status_counts(*, applications: QuerySet) -> dict[str, int]:
    return dict(applications.order_by().values_list("status").annotate(n=Count("pk")))


def applications_total_points(*, applications: QuerySet) -> int:
    return applications.aggregate(total=Coalesce(Sum(F("final_total")), 0))["total"]


def decision_first(*, cycle: Cycle, commune: AdministrativeUnit) -> RecognitionDecision | None:
    """The commune's first decision of the cycle (neither a correction nor a supplement): the
    one later batches supplement."""
    return (
        RecognitionDecision.objects.filter(
            cycle=cycle, commune=commune, corrects__isnull=True, supplements__isnull=True
        )
        .order_by("recorded_at", "pk")
        .first()
    )


def applications_in_review_count(
    *, cycle: Cycle, commune: AdministrativeUnit, exclude_ids=()
) -> int:
    """Applications of the commune still on their way to a decision (sent, checked, evaluated
    or appraised), leaving out ``exclude_ids``: a decision that does not name them leaves them
    free for a later one."""
    in_review = (
        Status.SUBMITTED,
        Status.BRANCH_REVIEWED,
        Status.COMMUNE_EVALUATED,
        Status.APPRAISED,
    )
    return (
        Application.objects.filter(cycle=cycle, commune=commune, status__in=in_review)
        .exclude(pk__in=list(exclude_ids))
        .count()
    )
