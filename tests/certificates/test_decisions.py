"""Recognition decisions: all or nothing, lock only what they name (the rest goes into
supplementary decisions), say first what they would lock, fire title_recognised once per
application on commit, and are corrected only by a new decision that names the old one."""

from datetime import date

import pytest

from certificates.models import Action, RecognitionDecision, Status
from certificates.services import (
    DecisionRefused,
    Refused,
    application_transition,
    decision_preview,
    decision_record,
)
from certificates.services.review import transitions_available
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


def test_decision_recognises_what_it_names_and_signals_once_on_commit(
    make_application,
    approver,
    cycle,
    cu_chi,
    cu_chi_hamlet,
    received,
    django_capture_on_commit_callbacks,
):
    first, second = (make_application(cu_chi_hamlet, status=Status.APPRAISED) for _ in range(2))
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
    assert first.recognised_by == decision
    assert decision.supplements is None and decision.supplement_number is None
    event = first.events.get(action=Action.RECOGNISE)
    assert event.by == approver and "123/QĐ-UBND" in event.comment
    # What it named is locked: no second decision recognises it again.
    with pytest.raises(DecisionRefused) as again:
        record(cycle, cu_chi, [first.pk], approver, number="124/QĐ-UBND")
    assert "123/QĐ-UBND" in again.value.problems[0][2]


def test_a_decision_strands_no_one_still_in_review(
    make_application, approver, make_officer, cycle, cu_chi, cu_chi_hamlet
):
    """Everyone still in review goes on after the first decision and into a supplementary
    decision, numbered and linked to the first."""
    ready = make_application(cu_chi_hamlet, status=Status.APPRAISED)
    checked = make_application(cu_chi_hamlet, status=Status.BRANCH_REVIEWED)
    rated = make_application(cu_chi_hamlet, status=Status.COMMUNE_EVALUATED)
    first = record(cycle, cu_chi, [ready.pk], approver)
    commune_officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    checked = application_transition(
        application=checked, action=Action.COMMUNE_EVALUATE, by=commune_officer
    )
    for application in (checked, rated):
        offered = [t.action for t in transitions_available(application=application, user=approver)]
        assert Action.APPRAISE in offered
        application_transition(application=application, action=Action.APPRAISE, by=approver)
    supplement = record(cycle, cu_chi, [checked.pk, rated.pk], approver, number="140/QĐ-UBND")
    assert supplement.supplements == first and supplement.supplement_number == 1
    assert supplement.kind_label == "Quyết định bổ sung lần 1"
    late = make_application(cu_chi_hamlet, status=Status.APPRAISED)
    second = record(cycle, cu_chi, [late.pk], approver, number="150/QĐ-UBND")
    assert second.supplements == first and second.supplement_number == 2
    for application, decision in ((checked, supplement), (rated, supplement), (late, second)):
        application.refresh_from_db()
        assert application.status == Status.RECOGNISED and application.recognised_by == decision


def test_preview_says_exactly_what_the_decision_locks_and_writes_nothing(
    make_application, approver, cycle, cu_chi, cu_chi_hamlet
):
    kept, dropped = (make_application(cu_chi_hamlet, status=Status.APPRAISED) for _ in range(2))
    waiting = make_application(cu_chi_hamlet, status=Status.COMMUNE_EVALUATED)
    arguments = {
        "cycle": cycle,
        "commune": cu_chi,
        "number": "123/QĐ-UBND",
        "signed_on": date(2025, 11, 20),
        "signer_name": "Đặng Văn Uy",
        "signer_title": "Chủ tịch",
        "issuing_body": "Ủy ban nhân dân xã Củ Chi",
        "by": approver,
    }
    plan = decision_preview(**arguments, application_ids=[kept.pk, dropped.pk])
    assert [a.pk for a in plan.named] == [kept.pk, dropped.pk] and plan.supplements is None
    assert not RecognitionDecision.objects.exists()
    with pytest.raises(DecisionRefused):
        decision_preview(**arguments, application_ids=[kept.pk, waiting.pk])
    original = record(cycle, cu_chi, [kept.pk, dropped.pk], approver)
    late = make_application(cu_chi_hamlet, status=Status.APPRAISED)
    correction = decision_preview(
        **{**arguments, "number": "130/QĐ-UBND"},
        application_ids=[kept.pk, late.pk],
        corrects=original,
    )
    assert [a.pk for a in correction.keep] == [kept.pk]
    assert [a.pk for a in correction.recognise] == [late.pk]
    assert [a.pk for a in correction.withdraw] == [dropped.pk]
    assert RecognitionDecision.objects.count() == 1
    dropped.refresh_from_db()
    assert dropped.status == Status.RECOGNISED


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
