"""Indicator 5's suggestion: consistent with the catalogue (finishing the digital-skills track
reaches the pass mark), explained, and what the published courses can award."""

import pytest

from progress.indicator5 import catalogue_reach, indicator5_suggest
from progress.models import ProfileThresholds
from progress.selectors import competence_profile, profile_thresholds
from tests.progress.test_completion import RIGHT, submit

pytestmark = pytest.mark.django_db

PASS_MARK = 5  # a criteria set's minimum per indicator


def test_finishing_the_digital_skills_track_reaches_the_pass_mark(
    client, make_citizen, cu_chi_hamlet, digital_track
):
    _course, lesson, block = digital_track
    citizen = make_citizen(cu_chi_hamlet)
    client.force_login(citizen.user)
    assert submit(client, lesson, block["id"], RIGHT).json()["passed"] is True
    profile = competence_profile(learner=citizen.user)
    assert profile.has_skills
    assert profile.indicator5_score >= PASS_MARK
    explained = profile.indicator5
    assert explained.coverage_score == 3 and explained.raised  # 3/10 by coverage, lifted to 5
    assert explained.score == 5 and explained.domains_total == 6
    safety = next(d for d in profile.domains if d.code == "4")
    assert (safety.level, safety.sources) == (2, ["Kỹ năng số cơ bản"])


def test_the_badge_never_stands_next_to_a_failing_suggestion(framework):
    thresholds = ProfileThresholds(framework=framework)
    for levels in ([1, 1, 1, 0, 0, 0], [1, 0, 1, 2, 0, 0], [8, 8, 8, 0, 0, 0]):
        suggestion = indicator5_suggest(domain_levels=levels, thresholds=thresholds)
        assert suggestion.has_skills and suggestion.score >= PASS_MARK
    nothing = indicator5_suggest(domain_levels=[0] * 6, thresholds=thresholds)
    assert (nothing.score, nothing.has_skills, nothing.raised) == (0, False, False)
    full = indicator5_suggest(domain_levels=[2] * 6, thresholds=thresholds)
    assert (full.score, full.raised) == (10, False)


def test_the_catalogue_reach_shows_what_published_courses_can_award(framework, digital_track):
    thresholds = profile_thresholds(framework=framework)
    reach = catalogue_reach(framework=framework, thresholds=thresholds, pass_score=PASS_MARK)
    levels = {d.code: d.level for d in reach.domains}
    assert levels == {"1": 1, "2": 1, "3": 0, "4": 2, "5": 0, "6": 0}
    assert reach.suggestion.score == 5 and not reach.below_pass
    assert "Kỹ năng số cơ bản" in next(d for d in reach.domains if d.code == "4").courses
    thresholds.skills_min_domains = 4  # the catalogue covers only three domains
    reach = catalogue_reach(framework=framework, thresholds=thresholds, pass_score=PASS_MARK)
    assert reach.suggestion.score == 3 and reach.below_pass
