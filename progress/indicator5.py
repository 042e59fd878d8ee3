"""Indicator 5 (digital skills) of the criteria: the suggested score and how it is reached.

The rule, explained to the learner on the self-assessment form and to the administrator on the
thresholds screen (``ProfileThresholds``):

1. Coverage: each domain of the framework counts in full once the learner reaches the target
   level in it (``indicator_target_level``), in part below it; the share of the domains, times
   10, rounded, is the coverage score.
2. Floor: a learner who "has digital skills" (``skills_min_domains`` domains at
   ``skills_min_level`` or above) is suggested at least ``indicator_skills_score`` (the pass mark
   of an indicator, 5 by default). So the badge "Có kỹ năng số" never stands next to a failing
   suggestion.

``catalogue_reach`` applies the same rule to the best levels the published courses can award,
so the administrator sees what finishing the catalogue gives.
"""

from dataclasses import dataclass, field

from courses.models import CompetenceFramework, CoursePage
from courses.selectors import course_activities

MAX_SCORE = 10


@dataclass
class Suggestion:
    score: int  # what is suggested, 0–10
    coverage_score: int  # rule 1 alone
    target_level: int
    domains_total: int
    domains_at_target: int
    has_skills: bool
    proficient: bool
    skills_min_domains: int
    skills_min_level: int
    skills_score: int
    raised: bool = False  # the floor for "has digital skills" lifted the score


def indicator5_suggest(*, domain_levels: list[int], thresholds) -> Suggestion:
    """The suggestion for a learner whose best level per domain is ``domain_levels`` (one entry
    per domain of the framework, 0 when none), by ``thresholds`` (a ProfileThresholds)."""
    target = max(1, thresholds.indicator_target_level)
    skills_level = max(1, thresholds.skills_min_level)
    proficient_level = max(1, thresholds.proficient_min_level)
    total = len(domain_levels)
    share = sum(min(level / target, 1.0) for level in domain_levels) / total if total else 0
    coverage = round(MAX_SCORE * share)
    has_skills = total > 0 and (
        sum(1 for level in domain_levels if level >= skills_level) >= thresholds.skills_min_domains
    )
    proficient = total > 0 and (
        sum(1 for level in domain_levels if level >= proficient_level)
        >= thresholds.proficient_min_domains
    )
    raised = has_skills and thresholds.indicator_skills_score > coverage
    score = thresholds.indicator_skills_score if raised else coverage
    return Suggestion(
        score=min(score, MAX_SCORE),
        coverage_score=coverage,
        target_level=target,
        domains_total=total,
        domains_at_target=sum(1 for level in domain_levels if level >= target),
        has_skills=has_skills,
        proficient=proficient,
        skills_min_domains=thresholds.skills_min_domains,
        skills_min_level=skills_level,
        skills_score=thresholds.indicator_skills_score,
        raised=raised,
    )


@dataclass
class DomainReach:
    code: str
    name: str
    level: int  # the best level published courses award in this domain (0: none)
    courses: list = field(default_factory=list)  # titles of the courses that award it


@dataclass
class CatalogueReach:
    domains: list[DomainReach]
    suggestion: Suggestion
    pass_score: int

    @property
    def below_pass(self) -> bool:
        return self.suggestion.score < self.pass_score


def catalogue_reach(
    *, framework: CompetenceFramework, thresholds, pass_score: int | None = None
) -> CatalogueReach:
    """What a learner who finishes every published course (of any track) would be suggested:
    the best level per domain that live courses and their activities award, through
    ``indicator5_suggest``. ``pass_score`` (default: the thresholds' floor) is the mark the
    suggestion is compared with."""
    domain_of = {
        competence.pk: domain.code
        for domain in framework.domains.all()
        for competence in domain.competences.all()
    }
    best: dict[str, tuple[int, list]] = {}
    for course in (
        CoursePage.objects.live().order_by("title").prefetch_related("competence_targets")
    ):
        awards = [(t.competence_id, t.level) for t in course.competence_targets.all()]
        for activity in course_activities(course=course):
            awards += list(activity.competences)
        for competence_id, level in awards:
            code = domain_of.get(competence_id)
            if code is None:
                continue
            current, titles = best.get(code, (0, []))
            if level > current:
                best[code] = (level, [course.title])
            elif level == current and course.title not in titles:
                titles.append(course.title)
    domains = [
        DomainReach(d.code, d.name, *best.get(d.code, (0, []))) for d in framework.domains.all()
    ]
    return CatalogueReach(
        domains=domains,
        suggestion=indicator5_suggest(
            domain_levels=[d.level for d in domains], thresholds=thresholds
        ),
        pass_score=thresholds.indicator_skills_score if pass_score is None else pass_score,
    )
