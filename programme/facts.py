"""From raw records to what counts: each person's facts per year, and the metrics they add.

One implementation serves both the live path (one person, after a change) and the recompute
command (every person, in chunks), so they cannot disagree. It reads certificates, progress,
cohorts and people; nothing here writes.

A person's year counts where their record is attached: the hamlet of that year's application,
else their home hamlet; the commune is the one that answers for that unit today (succession
map), so records of units that no longer exist count in today's commune.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields

from django.db.models import Max
from django.utils import timezone

from certificates.models import Application, Certificate, Cycle, Status
from cohorts.models import Attendance
from courses.models import CompetenceFramework
from people.models import AdministrativeUnit, Profile, UnitLevel
from people.selectors import unit_commune_on
from programme.models import CONTEXT_GROUP, MembershipContext, Target
from progress.indicator5 import indicator5_suggest
from progress.models import CompetenceEvidence
from progress.selectors import NATIONAL_FRAMEWORK, profile_thresholds

try:  # cohorts' definition of "trained on the criteria" (sessions and criteria courses)
    from cohorts.training import cohort_trained_on_criteria
except ImportError:  # HOOK: until cohorts.training lands, present at a criteria session
    cohort_trained_on_criteria = None

# Occupation group whose applicants count as officials/workers when no context is recorded.
OFFICIALS_GROUP = "officials"
STATES = [s.value for s in Status]


@dataclass
class Fact:
    person_id: int
    year: int
    hamlet_id: int | None = None
    commune_id: int | None = None
    groups: str = ""
    derived_context: bool = False
    trained: bool = False
    status: str = ""
    recognised: bool = False
    has_skills: bool = False
    proficient: bool = False
    submitted_month: int | None = None
    recognised_month: int | None = None

    def key(self) -> tuple:
        return tuple(getattr(self, f.name) for f in fields(self))


FACT_FIELDS = [f.name for f in fields(Fact)]


def fact_metrics(fact: Fact) -> dict[str, int]:
    """The counters one person's year adds to (each 1)."""
    groups = set(filter(None, fact.groups.split(",")))
    out: dict[str, int] = {}
    for code in ("t1", "t2", "t3"):
        if code in groups:
            out[f"{code}_den"] = 1
    if "t1" in groups and fact.trained:
        out["t1_num"] = 1
    if fact.recognised:
        for code in ("t2", "t3"):
            if code in groups:
                out[f"{code}_num"] = 1
        out["t4_den"] = 1
        if fact.has_skills:
            out["t4_num"] = 1
            if fact.proficient:
                out["t4_prof"] = 1
        if fact.recognised_month:
            out[f"rec_{fact.recognised_month:02d}"] = 1
    if fact.status:
        out[f"state_{fact.status}"] = 1
    if fact.submitted_month:
        out[f"sub_{fact.submitted_month:02d}"] = 1
    return out


def report_years() -> set[int]:
    """The years facts are kept for: every cycle's and every target's year, and this year."""
    years = set(Cycle.objects.values_list("year", flat=True).distinct())
    years |= set(Target.objects.values_list("year", flat=True).distinct())
    years.add(timezone.localdate().year)
    return years


class UnitResolver:
    """unit id → (hamlet id, today's commune id), asked once per unit and remembered."""

    def __init__(self):
        self._seen: dict[int, tuple[int | None, int | None]] = {}

    def resolve(self, unit_id: int | None) -> tuple[int | None, int | None]:
        if unit_id is None:
            return None, None
        if unit_id not in self._seen:
            unit = AdministrativeUnit.objects.filter(pk=unit_id).first()
            if unit is None or unit.level < UnitLevel.COMMUNE:
                self._seen[unit_id] = (None, None)
            else:
                commune = unit_commune_on(unit=unit)
                hamlet = unit.pk if unit.level == UnitLevel.HAMLET else None
                self._seen[unit_id] = (hamlet, commune.pk if commune else None)
        return self._seen[unit_id]


def _month_in(moment, year: int) -> int | None:
    if moment is None:
        return None
    moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    if moment.year < year:
        return 1
    return 12 if moment.year > year else moment.month


def _skills(person_ids: list[int]) -> dict[int, tuple[bool, bool]]:
    """Per person: (has digital skills, proficient), by the framework's thresholds — the same
    rule as progress.selectors.competence_profile, for many people at once."""
    framework = CompetenceFramework.objects.filter(code=NATIONAL_FRAMEWORK).first()
    if framework is None:
        return {}
    domain_ids = list(framework.domains.values_list("pk", flat=True))
    thresholds = profile_thresholds(framework=framework)
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    rows = (
        CompetenceEvidence.objects.filter(
            learner_id__in=person_ids, competence__domain__framework=framework
        )
        .values("learner_id", "competence__domain_id")
        .annotate(level=Max("level"))
    )
    for row in rows:
        levels[row["learner_id"]][row["competence__domain_id"]] = row["level"]
    out = {}
    for person_id, by_domain in levels.items():
        s = indicator5_suggest(
            domain_levels=[by_domain.get(d, 0) for d in domain_ids], thresholds=thresholds
        )
        out[person_id] = (s.has_skills, s.proficient)
    return out


def _trained_in(year: int, ids: list[int], cache: dict | None) -> Iterable[int]:
    """Who of ``ids`` cohorts counts as trained on the criteria in ``year``. With a ``cache``
    (a recompute walking everyone), the whole year's set is read once and reused per chunk."""
    if cache is None:
        people = cohort_trained_on_criteria(unit=None, year=year, person_ids=ids)
        return people.values_list("pk", flat=True)
    if year not in cache:
        people = cohort_trained_on_criteria(unit=None, year=year)
        cache[year] = set(people.values_list("pk", flat=True))
    return cache[year].intersection(ids)


def facts_compute(
    *,
    person_ids: Iterable[int],
    years: set[int] | None = None,
    resolver=None,
    trained_cache: dict | None = None,
) -> dict[tuple[int, int], Fact]:
    """Every (person, year) → Fact for ``person_ids``, from raw records. ``trained_cache``: an
    empty dict shared across the chunks of a walk over everyone (see _trained_in)."""
    ids = list(person_ids)
    years = years if years is not None else report_years()
    resolver = resolver or UnitResolver()
    home = dict(Profile.objects.filter(user_id__in=ids).values_list("user_id", "home_unit_id"))
    contexts = defaultdict(list)
    for context in MembershipContext.objects.filter(person_id__in=ids):
        contexts[context.person_id].append(context)
    applications = defaultdict(dict)
    for row in Application.objects.filter(applicant_id__in=ids).values(
        "pk", "applicant_id", "cycle__year", "hamlet_id", "status", "submitted_at",
        "decided_at", "occupation_group__code",
    ):  # fmt: skip
        applications[row["applicant_id"]][row["cycle__year"]] = row
    revoked = set(
        Certificate.objects.filter(
            application__applicant_id__in=ids, revoked_at__isnull=False
        ).values_list("application_id", flat=True)
    )
    trained = defaultdict(set)
    for person_id, starts_at in Attendance.objects.filter(
        learner_id__in=ids, present=True, session__on_criteria=True
    ).values_list("learner_id", "session__starts_at"):
        trained[person_id].add(timezone.localtime(starts_at).year)
    if cohort_trained_on_criteria is not None:
        check = years | {y for apps in applications.values() for y in apps}
        check |= {y for found in trained.values() for y in found}
        trained = defaultdict(set)
        for year in check:
            for person_id in _trained_in(year, ids, trained_cache):
                trained[person_id].add(year)
    skills = _skills(ids)

    out: dict[tuple[int, int], Fact] = {}
    for person_id in ids:
        person_years = set(applications[person_id]) | trained[person_id]
        person_years |= {y for y in years for c in contexts[person_id] if c.active_in(y)}
        for year in person_years:
            app = applications[person_id].get(year)
            groups = {CONTEXT_GROUP[c.kind] for c in contexts[person_id] if c.active_in(year)}
            fact = Fact(person_id=person_id, year=year, trained=year in trained[person_id])
            if app is not None:
                fact.status = app["status"]
                fact.recognised = app["status"] == Status.RECOGNISED and app["pk"] not in revoked
                if app["status"] not in (Status.DRAFT,):
                    fact.submitted_month = _month_in(app["submitted_at"], year)
                if fact.recognised:
                    fact.recognised_month = _month_in(app["decided_at"], year)
                if not groups and app["status"] != Status.DRAFT:
                    groups = {"t3" if app["occupation_group__code"] == OFFICIALS_GROUP else "t2"}
                    fact.derived_context = True
            fact.groups = ",".join(sorted(groups))
            unit_id = app["hamlet_id"] if app else home.get(person_id)
            fact.hamlet_id, fact.commune_id = resolver.resolve(unit_id)
            fact.has_skills, fact.proficient = skills.get(person_id, (False, False))
            out[(person_id, year)] = fact
    return out
