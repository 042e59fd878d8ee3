"""Reads about learners' progress and digital competence."""

from dataclasses import dataclass, field

from django.db.models import Max

from courses.models import CompetenceFramework, CoursePage
from courses.selectors import course_activities
from progress.indicator5 import Suggestion, indicator5_suggest
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
    sources: list = field(default_factory=list)  # what gave the best level: course, activity…


@dataclass
class CompetenceProfile:
    framework: CompetenceFramework | None
    domains: list[DomainLevel]
    has_skills: bool
    proficient: bool
    indicator5_score: int
    max_level: int = 8
    indicator5: Suggestion | None = None  # how the score was reached


def profile_thresholds(*, framework: CompetenceFramework) -> ProfileThresholds:
    """The framework's thresholds, or the defaults when an administrator set none."""
    return ProfileThresholds.objects.filter(framework=framework).first() or ProfileThresholds(
        framework=framework
    )


def competence_profile(*, learner, framework_code: str = NATIONAL_FRAMEWORK) -> CompetenceProfile:
    """The learner's level per competence (best evidence) and per domain (best competence),
    the T4 flags and indicator 5's suggested score (progress.indicator5), by the framework's
    thresholds; each domain names the evidence that gave its level."""
    framework = (
        CompetenceFramework.objects.filter(code=framework_code)
        .prefetch_related("domains__competences")
        .first()
    )
    if framework is None:
        return CompetenceProfile(None, [], False, False, 0)
    levels: dict[int, int] = {}
    sources: dict[int, list[str]] = {}
    for competence_id, level, description, source_key in CompetenceEvidence.objects.filter(
        learner=learner, competence__domain__framework=framework
    ).values_list("competence_id", "level", "description", "source_key"):
        label = description or source_key
        if level > levels.get(competence_id, 0):
            levels[competence_id], sources[competence_id] = level, [label]
        elif level == levels.get(competence_id) and label not in sources[competence_id]:
            sources[competence_id].append(label)
    thresholds = profile_thresholds(framework=framework)
    domains = []
    for domain in framework.domains.all():
        competences = [(c, levels.get(c.pk, 0)) for c in domain.competences.all()]
        level = max((lvl for _c, lvl in competences), default=0)
        found = []
        for competence, competence_level in competences:
            if level and competence_level == level:
                found += [label for label in sources[competence.pk] if label not in found]
        domains.append(DomainLevel(domain.code, domain.name, level, competences, found))
    suggestion = indicator5_suggest(domain_levels=[d.level for d in domains], thresholds=thresholds)
    return CompetenceProfile(
        framework=framework,
        domains=domains,
        has_skills=suggestion.has_skills,
        proficient=suggestion.proficient,
        indicator5_score=suggestion.score,
        max_level=framework.levels.aggregate(m=Max("number"))["m"] or 8,
        indicator5=suggestion,
    )
