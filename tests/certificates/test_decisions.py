"""Recognition decisions: all or nothing, lock the commune's list, fire title_recognised once
per application on commit, and are corrected only by a new decision that names the old one."""

from datetime import date

import pytest

from certificates.models import Action, RecognitionDecision, Status
from certificates.services import (
    DecisionRefused,
    Refused,
    application_transition,
    decision_record,
)
from certificates.signals import title_recognised, title_recognition_withdrawn
from people.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def approver(make_officer, cu_chi):
    return make_officer(cu_chi, role=Role.COMMUNE_APPROVER)


@pytest.fixture
def received():
    """Collects (signal name, application id, decision number) sent during a test."""
    seen = []

    def recognised(sender, application, decision, **kwargs):
        seen.append(("recognised", application.pk, decision.number))

    def withdrawn(sender, application, decision, **kwargs):
        seen.append(("withdrawn", application.pk, decision.number))

    title_recognised.connect(recognised, dispatch_uid="test_recognised")
    title_recognition_withdrawn.connect(withdrawn, dispatch_uid="test_withdrawn")
    yield seen
    title_recognised.disconnect(dispatch_uid="test_recognised")
    title_recognition_withdrawn.disconnect(dispatch_uid="test_withdrawn")


def record(cycle, commune, ids, by, number="123/QĐ-UBND", **extra):
    return decision_record(
        cycle=cycle,
        commune=commune,
        number=number,
        signed_on=date(2025, 11, 20),
        signer_name="Đặng Văn Uy",
        signer_title="Chủ tịch",
        issuing_body="Ủy ban nhân dân xã Củ Chi",
        application_ids=ids,
        by=by,
        **extra,
    )


def test_decision_recognises_locks_the_list_and_signals_once_on_commit(
    make_application,
    approver,
    cycle,
    cu_chi,
    cu_chi_hamlet,
    make_officer,
    received,
    django_capture_on_commit_callbacks,
):
    first, second = (make_application(cu_chi_hamlet, status=Status.APPRAISED) for _ in range(2))
    waiting = make_application(cu_chi_hamlet, status=Status.BRANCH_REVIEWED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decision = record(cycle, cu_chi, [first.pk, second.pk], approver)
        assert received == []  # nothing before commit
    for callback in callbacks:
        callback()
    assert sorted(received) == sorted(
        [("recognised", first.pk, "123/QĐ-UBND"), ("recognised", second.pk, "123/QĐ-UBND")]
    )
    first.refresh_from_db()
    assert first.status == Status.RECOGNISED and first.decision == decision
    event = first.events.get(action=Action.RECOGNISE)
    assert event.by == approver and "123/QĐ-UBND" in event.comment
    # The list is locked: no more evaluation, no second ordinary decision.
    commune_officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    with pytest.raises(Refused) as locked:
        application_transition(
            application=waiting, action=Action.COMMUNE_EVALUATE, by=commune_officer
        )
    assert locked.value.code == "locked" and "123/QĐ-UBND" in str(locked.value)
    third = make_application(cu_chi_hamlet, status=Status.SUBMITTED)
    with pytest.raises(Refused) as again:
        record(cycle, cu_chi, [third.pk], approver, number="124/QĐ-UBND")
    assert again.value.code == "locked"


def test_decision_is_all_or_nothing(make_application, approver, cycle, cu_chi, cu_chi_hamlet):
    ready = make_application(cu_chi_hamlet, status=Status.APPRAISED)
    not_ready = make_application(cu_chi_hamlet, status=Status.COMMUNE_EVALUATED, name="Chưa Xong")
    with pytest.raises(DecisionRefused) as refusal:
        record(cycle, cu_chi, [ready.pk, not_ready.pk], approver)
    assert [(pk, name) for pk, name, _reason in refusal.value.problems] == [
        (not_ready.pk, "Chưa Xong")
    ]
    assert not RecognitionDecision.objects.exists()
    ready.refresh_from_db()
    assert ready.status == Status.APPRAISED


def test_only_the_communes_approver_decides(
    make_application, make_officer, cycle, cu_chi, cu_chi_hamlet, tan_an_hoi
):
    ready = make_application(cu_chi_hamlet, status=Status.APPRAISED)
    for user in (
        make_officer(tan_an_hoi, role=Role.COMMUNE_APPROVER),
        make_officer(cu_chi, role=Role.COMMUNE_OFFICER),
        ready.applicant,
    ):
        with pytest.raises(Refused) as refusal:
            record(cycle, cu_chi, [ready.pk], user)
        assert refusal.value.code == "permission"


def test_correction_is_a_new_logged_decision(
    make_application,
    approver,
    cycle,
    cu_chi,
    cu_chi_hamlet,
    received,
    django_capture_on_commit_callbacks,
):
    kept, dropped = (make_application(cu_chi_hamlet, status=Status.APPRAISED) for _ in range(2))
    late = make_application(cu_chi_hamlet, status=Status.APPRAISED)
    with django_capture_on_commit_callbacks(execute=True):
        original = record(cycle, cu_chi, [kept.pk, dropped.pk], approver)
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        correction = record(
            cycle,
            cu_chi,
            [kept.pk, late.pk],
            approver,
            number="130/QĐ-UBND",
            corrects=original,
        )
    assert correction.corrects == original and not original.is_current
    assert sorted(received) == sorted(
        [("recognised", late.pk, "130/QĐ-UBND"), ("withdrawn", dropped.pk, "130/QĐ-UBND")]
    )  # "kept" was recognised already: no second signal
    for application, status in (
        (kept, Status.RECOGNISED),
        (late, Status.RECOGNISED),
        (dropped, Status.NOT_RECOGNISED),
    ):
        application.refresh_from_db()
        assert application.status == status and application.decision == correction
    assert kept.events.filter(action=Action.DECISION_CORRECTED).exists()
    assert dropped.events.filter(action=Action.WITHDRAW).exists()
    with pytest.raises(Refused):  # the old decision can't be corrected twice
        record(cycle, cu_chi, [kept.pk], approver, number="131/QĐ-UBND", corrects=original)
    with pytest.raises(Refused) as duplicate:
        record(cycle, cu_chi, [kept.pk], approver, number="130/QĐ-UBND", corrects=correction)
    assert "đã được ghi" in str(duplicate.value)
