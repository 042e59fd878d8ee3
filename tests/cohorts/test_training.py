"""What classes feed the programme: the people trained on the criteria per unit and year (T1),
and a class's course still feeding its learners' competence profile."""

from datetime import datetime

import pytest
from django.utils import timezone

from cohorts.models import Attendance, Session
from cohorts.services import cohort_members_add
from cohorts.training import cohort_trained_on_criteria
from courses.models import Competence, CourseCompetence
from progress.models import CompetenceEvidence, Enrolment
from progress.selectors import competence_profile
from tests.courses.builders import course_build, quiz_block

pytestmark = pytest.mark.django_db

RIGHT = {"q0": "0", "q1": "true", "q2": ["0", "1"]}
ZONE = timezone.get_default_timezone()


def _session(cohort, when, *, on_criteria=True):
    return Session.objects.create(
        cohort=cohort, title="Phổ biến bộ tiêu chí", starts_at=when, on_criteria=on_criteria
    )


def _pass_the_course(client, learner, course):
    lesson = course.get_children().first().get_children().first().specific
    block = next(block for block in lesson.body if block.block_type == "quiz")
    client.force_login(learner)
    response = client.post(
        f"{lesson.url}kiem-tra/{block.id}/", RIGHT, HTTP_ACCEPT="application/json"
    )
    assert response.json()["passed"] is True


def test_attending_a_criteria_session_counts_once_in_its_local_year(
    cohort, cu_chi, cu_chi_hamlet, make_citizen
):
    learner, early, absent, other = (make_citizen(cu_chi_hamlet).user for _ in range(4))
    # 00:30 on 1 January in Vietnam is still the previous year in UTC: the local year counts.
    new_year = _session(cohort, datetime(2026, 1, 1, 0, 30, tzinfo=ZONE))
    later = _session(cohort, datetime(2026, 3, 2, 8, 0, tzinfo=ZONE))
    not_criteria = _session(cohort, datetime(2026, 3, 9, 8, 0, tzinfo=ZONE), on_criteria=False)
    Attendance.objects.create(session=new_year, learner=learner)
    Attendance.objects.create(session=new_year, learner=early)
    Attendance.objects.create(session=later, learner=learner)
    Attendance.objects.create(session=later, learner=absent, present=False)
    Attendance.objects.create(session=not_criteria, learner=other)

    trained = cohort_trained_on_criteria(unit=cu_chi, year=2026)
    assert sorted(trained.values_list("pk", flat=True)) == sorted([learner.pk, early.pk])
    assert cohort_trained_on_criteria(unit=cu_chi_hamlet, year=2026).count() == 2
    assert not cohort_trained_on_criteria(unit=cu_chi, year=2025).exists()
    assert cohort_trained_on_criteria(unit=None, year=2026).count() == 2
    # narrowed to some people (one person's refresh): only those of them trained that year
    some = [learner.pk, absent.pk, other.pk]
    narrowed = cohort_trained_on_criteria(unit=None, year=2026, person_ids=some)
    assert list(narrowed.values_list("pk", flat=True)) == [learner.pk]
    narrowed = cohort_trained_on_criteria(unit=cu_chi, year=2026, person_ids=[early.pk])
    assert list(narrowed.values_list("pk", flat=True)) == [early.pk]


def test_people_count_where_they_live_or_else_where_they_were_trained(
    cohort, cu_chi, tan_an_hoi, tan_an_hoi_hamlet, make_citizen, make_officer
):
    from people.models import Role

    visitor = make_citizen(tan_an_hoi_hamlet).user  # lives in Tân An Hội, trained in Củ Chi
    unknown = make_officer(cu_chi, role=Role.LEARNER)  # no home unit on record
    unknown.profile.home_unit = None
    unknown.profile.save()
    session = _session(cohort, datetime(2026, 6, 10, 8, 0, tzinfo=ZONE))
    for person in (visitor, unknown):
        Attendance.objects.create(session=session, learner=person)

    assert list(cohort_trained_on_criteria(unit=tan_an_hoi, year=2026)) == [visitor]
    assert list(cohort_trained_on_criteria(unit=cu_chi, year=2026)) == [unknown]


def test_completing_a_class_course_on_the_criteria_counts(
    client, cohort, course, trainer, cu_chi, make_citizen
):
    learner, self_taught = make_citizen(cohort.unit).user, make_citizen(cohort.unit).user
    cohort_members_add(cohort=cohort, learners=[learner], by=trainer)
    _pass_the_course(client, learner, course)
    _pass_the_course(client, self_taught, course)  # the same course outside any class
    assert Enrolment.objects.filter(completed_at__isnull=False).count() == 2

    year = timezone.localdate().year
    assert list(cohort_trained_on_criteria(unit=cu_chi, year=year)) == [learner]

    digital, _lessons = course_build(lessons=[[quiz_block()]], track="digital")
    cohort.courses.set([digital])
    other = make_citizen(cohort.unit).user
    cohort_members_add(cohort=cohort, learners=[other], by=trainer)
    _pass_the_course(client, other, digital)  # a class course, but not on the criteria
    assert list(cohort_trained_on_criteria(unit=cu_chi, year=year)) == [learner]


def test_a_class_course_completion_still_feeds_the_competence_profile(
    client, cohort, course, trainer, make_citizen
):
    competence = Competence.objects.get(code="1.2", domain__framework__code="tt02-2025")
    CourseCompetence.objects.create(page=course, competence=competence, level=2, sort_order=0)
    learner = make_citizen(cohort.unit).user
    cohort_members_add(cohort=cohort, learners=[learner], by=trainer)
    assert Enrolment.objects.get(learner=learner).source == Enrolment.Source.COHORT

    _pass_the_course(client, learner, course)
    evidence = CompetenceEvidence.objects.get(
        learner=learner, source=CompetenceEvidence.Source.COURSE
    )
    assert (evidence.competence, evidence.level) == (competence, 2)
    profile = competence_profile(learner=learner)
    (domain,) = [d for d in profile.domains if (competence, 2) in d.competences]
    assert domain.level == 2 and course.title in domain.sources
