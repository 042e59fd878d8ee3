"""The demo classes: a living class for the demo trainers, loaded once however often the demo
loader runs."""

import io
from datetime import timedelta

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from cohorts import demo as cohorts_demo
from cohorts.models import Attendance, Cohort, CohortEnrolment, CohortMember, Session
from cohorts.selectors import cohorts_visible_to
from cohorts.training import cohort_trained_on_criteria
from courses import demo as courses_demo
from courses.competences import competence_framework_load
from people import demo as people_demo
from people.models import User
from progress.models import (
    ActivityResult,
    Attempt,
    CompetenceEvidence,
    Enrolment,
    Statement,
    Verification,
)

pytestmark = pytest.mark.django_db

MODELS = (Cohort, CohortMember, CohortEnrolment, Session, Attendance, User, Enrolment, Statement,
          Attempt, ActivityResult, CompetenceEvidence)  # fmt: skip


@pytest.fixture
def loaded(settings, tmp_path, home_page):
    settings.VAR_DIR = tmp_path  # keep the real var/demo-logins.txt out of reach
    competence_framework_load()
    people_demo.demo_load(stdout=io.StringIO())
    courses_demo.demo_load(stdout=io.StringIO())
    cohorts_demo.demo_load(stdout=io.StringIO())


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_twice_adds_nothing(loaded):
    before = _counts()
    out = io.StringIO()
    cohorts_demo.demo_load(stdout=out)
    assert _counts() == before
    assert "(0 new)" in out.getvalue()


def test_each_demo_trainer_sees_a_living_class_with_weeks_of_activity(loaded):
    now = timezone.now()
    learners = CohortMember.objects.values("learner").distinct().count()
    assert learners >= 200
    for email in ("giangvien@demo.invalid", "giangvien.phuhoadong@demo.invalid"):
        trainer = User.objects.get(email=email)
        cohorts = list(cohorts_visible_to(user=trainer))
        assert len(cohorts) == 2, email
        for cohort in cohorts:
            members = cohort.memberships.values_list("learner", flat=True)
            enrolments = Enrolment.objects.filter(learner__in=members)
            assert enrolments.filter(completed_at__isnull=False).exists()  # some finished
            assert enrolments.filter(started_at__isnull=True).exists()  # some never started
            # Some stuck: three failed attempts or more on one quiz, never passed.
            stuck = ActivityResult.objects.filter(
                learner__in=members, passed=False, attempts__gte=3
            )
            assert stuck.exists(), cohort.name
            held = cohort.sessions.filter(starts_at__lte=now)
            assert held.count() >= 3 and cohort.sessions.filter(starts_at__gt=now).exists()
            assert Attendance.objects.filter(session__in=held, present=True).exists()

    # Activity spread over the past weeks, as progress' services record it.
    statements = Statement.objects.filter(learner__phone__startswith="+849030")
    assert statements.filter(timestamp__lt=now - timedelta(days=14)).exists()
    assert statements.filter(timestamp__gt=now - timedelta(days=3)).exists()
    assert not statements.filter(timestamp__gt=now).exists()
    checked = statements.filter(verification=Verification.CHECKED)  # by the server
    assert checked.count() == statements.count()
    # Every time written is the statement's, not the loader's "now".
    attempts = Attempt.objects.filter(statement__in=statements).select_related("statement")
    for attempt in attempts[:50]:
        assert attempt.created_at == attempt.statement.timestamp
    for enrolment in Enrolment.objects.filter(
        learner__phone__startswith="+849030", completed_at__isnull=False
    )[:50]:
        assert enrolment.started_at <= enrolment.completed_at < now - timedelta(minutes=30)
    # A completed digital course left competence evidence, recorded when it was completed.
    assert CompetenceEvidence.objects.filter(
        learner__phone__startswith="+849030", recorded_at__lt=now - timedelta(hours=1)
    ).exists()
    by_kind = Enrolment.objects.filter(learner__phone__startswith="+849030").aggregate(
        done=Count("pk", filter=Q(completed_at__isnull=False)), total=Count("pk")
    )
    assert 0 < by_kind["done"] < by_kind["total"]
    # The criteria sessions feed the programme's T1 figure.
    first = Session.objects.filter(on_criteria=True).order_by("starts_at").first()
    year = timezone.localtime(first.starts_at).year
    assert cohort_trained_on_criteria(unit=None, year=year).count() >= 100
