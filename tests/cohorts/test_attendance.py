"""Attendance marking: idempotent, ordered by the device's tap sequence, scoped."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cohorts.attendance import attendance_mark, session_roster
from cohorts.models import Attendance, Session
from people.models import AccessLog, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(cohort):
    return Session.objects.create(
        cohort=cohort,
        title="Buổi 1: bộ tiêu chí",
        starts_at=timezone.now() + datetime.timedelta(hours=1),
    )


@pytest.fixture
def members(cohort, make_citizen):
    learners = [
        make_citizen(cohort.unit, user__full_name=name).user for name in ("An", "Bình", "Chi")
    ]
    for learner in learners:
        cohort.members.add(learner)
    return learners


def test_a_tap_is_stored_and_the_same_tap_again_changes_nothing(session, members, trainer):
    first = attendance_mark(
        session=session, learner_id=members[0].pk, status="present", seq=10, by=trainer
    )
    assert (first.status, first.seq, first.applied) == ("present", 10, True)
    again = attendance_mark(
        session=session, learner_id=members[0].pk, status="present", seq=10, by=trainer
    )
    assert (again.status, again.seq, again.applied) == ("present", 10, False)
    assert Attendance.objects.filter(session=session).count() == 1


def test_an_older_retried_tap_never_overwrites_a_newer_one(session, members, trainer):
    attendance_mark(session=session, learner_id=members[0].pk, status="absent", seq=20, by=trainer)
    late = attendance_mark(
        session=session, learner_id=members[0].pk, status="present", seq=19, by=trainer
    )
    assert (late.status, late.seq, late.applied) == ("absent", 20, False)
    newer = attendance_mark(
        session=session, learner_id=members[0].pk, status="excused", seq=21, by=trainer
    )
    assert (newer.status, newer.applied) == ("excused", True)
    row = Attendance.objects.get(session=session, learner=members[0])
    assert (row.present, row.excused, row.client_seq, row.marked_by) == (False, True, 21, trainer)


def test_roster_lists_every_member_with_their_status(session, members, trainer):
    attendance_mark(session=session, learner_id=members[1].pk, status="present", seq=5, by=trainer)
    roster = session_roster(session=session)
    assert [(row["name"], row["status"]) for row in roster] == [
        ("An", None),
        ("Bình", "present"),
        ("Chi", None),
    ]


def test_only_the_class_trainers_and_officers_mark(session, members, cu_chi, officer, make_officer):
    attendance_mark(session=session, learner_id=members[0].pk, status="present", seq=1, by=officer)
    for outsider in (make_officer(cu_chi, role=Role.TRAINER), members[1]):
        with pytest.raises(PermissionDenied):
            attendance_mark(
                session=session, learner_id=members[0].pk, status="absent", seq=2, by=outsider
            )
    assert Attendance.objects.get(session=session, learner=members[0]).present is True


def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(
    session, members, trainer, make_citizen, cohort
):
    stranger = make_citizen(cohort.unit).user
    cases = [
        (stranger.pk, "present", 3, "không phải học viên"),
        (members[0].pk, "late", 3, "không hợp lệ"),
        (members[0].pk, "present", 0, "không hợp lệ"),
    ]
    for learner_id, status, seq, words in cases:
        with pytest.raises(ValidationError) as error:
            attendance_mark(
                session=session, learner_id=learner_id, status=status, seq=seq, by=trainer
            )
        assert words in " ".join(error.value.messages)
    assert not Attendance.objects.exists()


def test_the_page_marks_with_json_and_without_javascript(client, session, members, trainer):
    url = reverse("classes:attendance", args=[session.cohort_id, session.pk])
    client.force_login(trainer)
    page = client.get(url)
    assert page.status_code == 200 and "Bình" in page.content.decode()
    assert AccessLog.objects.filter(actor=trainer, action="view_cohort_attendance").exists()
    data = {"learner": members[0].pk, "status": "absent", "seq": 100}
    answer = client.post(url, data, HTTP_ACCEPT="application/json")
    assert answer.json() == {
        "learner": members[0].pk,
        "status": "absent",
        "seq": 100,
        "applied": True,
    }
    assert client.post(url, data, HTTP_ACCEPT="application/json").json()["applied"] is False
    plain = client.post(url, {"learner": members[1].pk, "status": "excused"})  # no JavaScript
    assert plain.status_code == 302 and plain["Location"].endswith(f"#hv-{members[1].pk}")
    assert Attendance.objects.get(learner=members[1]).status == "excused"


def test_the_page_refuses_others_with_a_403_in_vietnamese(
    client, session, members, cu_chi, make_officer
):
    url = reverse("classes:attendance", args=[session.cohort_id, session.pk])
    approver = make_officer(cu_chi, role=Role.COMMUNE_APPROVER)  # sees the class, may not mark
    client.force_login(approver)
    assert "Chỉ giảng viên của lớp" in client.get(url).content.decode()
    answer = client.post(
        url,
        {"learner": members[0].pk, "status": "present", "seq": 5},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 403 and "Chỉ giảng viên" in answer.json()["error"]
    client.force_login(members[0])
    assert client.post(url, {"learner": members[0].pk, "status": "present"}).status_code == 404
    assert not Attendance.objects.exists()
