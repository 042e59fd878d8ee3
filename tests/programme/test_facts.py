"""Facts derived from raw records: succession roll-up, contexts, training, recompute."""

from datetime import datetime

import pytest
from django.utils import timezone

from certificates.models import Status
from cohorts.models import Attendance, Cohort, Session
from programme.facts import Fact, fact_metrics, facts_compute
from programme.models import ContextKind, Counter
from programme.recompute import counters_recompute
from programme.services import context_set, person_refresh

pytestmark = pytest.mark.django_db


def test_metrics_of_a_recognised_official_with_skills():
    fact = Fact(person_id=1, year=2025, hamlet_id=5, commune_id=3, groups="t1,t3", trained=True,
                status=Status.RECOGNISED, recognised=True, has_skills=True, proficient=False,
                submitted_month=9, recognised_month=11)  # fmt: skip
    assert fact_metrics(fact) == {
        "t1_den": 1, "t1_num": 1, "t3_den": 1, "t3_num": 1, "t4_den": 1, "t4_num": 1,
        "rec_11": 1, "state_recognised": 1, "sub_09": 1,
    }  # fmt: skip


def test_old_hamlet_counts_in_todays_commune(ap_trung, cu_chi, make_citizen, counters):
    """Ấp Trung belonged to the old xã Tân Thông Hội (ended 30/6/2025): it counts in xã Củ Chi."""
    person = make_citizen(ap_trung).user
    context_set(person=person, kind=ContextKind.ASSOCIATION_MEMBER)
    person_refresh(person_ids=[person.pk])
    year = timezone.localdate().year
    fact = facts_compute(person_ids=[person.pk])[(person.pk, year)]
    assert (fact.hamlet_id, fact.commune_id) == (ap_trung.pk, cu_chi.pk)
    assert counters(cu_chi, year) == {"t1_den": 1}
    assert counters(ap_trung, year) == {"t1_den": 1}


def test_attendance_at_a_criteria_session_trains_for_t1(
    cu_chi_hamlet, cu_chi, make_citizen, counters, django_capture_on_commit_callbacks
):
    person = make_citizen(cu_chi_hamlet).user
    year = timezone.localdate().year
    cohort = Cohort.objects.create(name="Lớp phổ biến bộ tiêu chí", unit=cu_chi_hamlet)
    zone = timezone.get_default_timezone()
    session = Session.objects.create(
        cohort=cohort, title="Bộ tiêu chí", starts_at=datetime(year, 6, 15, 8, tzinfo=zone),
        on_criteria=True,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        context_set(person=person, kind=ContextKind.ASSOCIATION_OFFICER)
        Attendance.objects.create(session=session, learner=person, present=True)
    assert counters(cu_chi, year) == {"t1_den": 1, "t1_num": 1}
    with django_capture_on_commit_callbacks(execute=True):
        session.on_criteria = False
        session.save()
    assert counters(cu_chi, year) == {"t1_den": 1}


def test_recompute_finds_and_fixes_a_tampered_counter(cu_chi_hamlet, cu_chi, make_citizen):
    person = make_citizen(cu_chi_hamlet).user
    context_set(person=person, kind=ContextKind.COMMUNITY)
    person_refresh(person_ids=[person.pk])
    assert counters_recompute() == []
    Counter.objects.filter(unit=cu_chi, metric="t2_den").update(value=7)
    differences = counters_recompute()
    assert [(d.kind, d.key[2], d.stored, d.expected) for d in differences] == [
        ("counter", "t2_den", 7, 1)
    ]
    counters_recompute(fix=True)
    assert counters_recompute() == []


def test_deleting_a_person_takes_them_out_of_the_counters(
    cu_chi_hamlet, cu_chi, make_citizen, counters
):
    person = make_citizen(cu_chi_hamlet).user
    context_set(person=person, kind=ContextKind.LEARNING_UNIT)
    person_refresh(person_ids=[person.pk])
    year = timezone.localdate().year
    assert counters(cu_chi, year) == {"t3_den": 1}
    person.delete()
    assert counters(cu_chi, year) == {}
    assert counters_recompute() == []
