"""Reads about learners' progress and digital competence."""

from dataclasses import dataclass, field

from django.db.models import Max

from courses.models import CompetenceFramework, CoursePage
from courses.selectors import course_activities
from progress.models import ActivityResult, CompetenceEvidence, Enrolment, ProfileThresholds

NATIONAL_FRAMEWORK = "tt02-2025"


def enrolment_list(*, learner):
    return (
        Enrolment.objects.filter(learner=learner)
        .select_related("course")
        .order_by("completed_at", "-enrolled_at")
    )


@dataclass
class CourseProgress:
    course: CoursePage
    enrolment: Enrolment | None
    activities: list = field(default_factory=list)  # [(Activity, ActivityResult | None)]

    @property
    def next_activity(self):
        for activity, result in self.activities:
            if activity.required and not (result and result.passed):
                return activity
        return None


def course_progress(*, learner, course: CoursePage) -> CourseProgress:
    enrolment = Enrolment.objects.filter(learner=learner, course=course).first()
    activities = course_activities(course=course)
    results = {
        r.activity_iri: r
        for r in ActivityResult.objects.filter(
            learner=learner, activity_iri__in=[a.iri for a in activities]
        )
    }
    return CourseProgress(
        course=course,
        enrolment=enrolment,
        activities=[(activity, results.get(activity.iri)) for activity in activities],
    )


@dataclass
class DomainLevel:
    code: str
    name: str
    level: int
    competences: list  # [(Competence, level)]


@dataclass
class CompetenceProfile:
    framework: CompetenceFramework | None
    domains: list[DomainLevel]
    has_skills: bool
    proficient: bool
    indicator5_score: int
    max_level: int = 8


def competence_profile(*, learner, framework_code: str = NATIONAL_FRAMEWORK) -> CompetenceProfile:
    """The learner's level per competence (best evidence) and per domain (best competence),
    the T4 flags and indicator 5's suggested score, by the framework's thresholds."""
    framework = (
        CompetenceFramework.objects.filter(code=framework_code)
        .prefetch_related("domains__competences")
        .first()
    )
    if framework is None:
        return CompetenceProfile(None, [], False, False, 0)
    levels = dict(
        CompetenceEvidence.objects.filter(learner=learner, competence__domain__framework=framework)
        .values_list("competence_id")
        .annotate(level=Max("level"))
    )
    thresholds = ProfileThresholds.objects.filter(framework=framework).first() or (
        ProfileThresholds(framework=framework)
    )
    domains = []
    for domain in framework.domains.all():
        competences = [(c, levels.get(c.pk, 0)) for c in domain.competences.all()]
        level = max((lvl for _c, lvl in competences), default=0)
        domains.append(DomainLevel(domain.code, domain.name, level, competences))
    reached = lambda minimum: sum(1 for d in domains if d.level >= minimum)  # noqa: E731
    target = max(1, thresholds.indicator_target_level)
    share = sum(min(d.level / target, 1.0) for d in domains) / len(domains) if domains else 0
    return CompetenceProfile(
        framework=framework,
        domains=domains,
        has_skills=reached(max(1, thresholds.skills_min_level)) >= thresholds.skills_min_domains,
        proficient=reached(max(1, thresholds.proficient_min_level))
        >= thresholds.proficient_min_domains,
        indicator5_score=round(10 * share),
        max_level=framework.levels.aggregate(m=Max("number"))["m"] or 8,
    )
