"""The review chain: each step only by its role in its unit, from the right state, inside its
window; every transition logged; bulk actions check every item."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import Action, ApplicationEvent, CommuneResult, Stage, Status
from certificates.selectors import applications_scoped
from certificates.services import (
    Refused,
    application_register,
    application_scores_save,
    application_transition,
    applications_bulk_transition,
    cycle_stage_reopen,
)
from people.models import AccessLog, Role
from tests.certificates.conftest import ALL_TENS

pytestmark = pytest.mark.django_db

STEPS = [  # (status the application must be in, action, role that may do it)
    (Status.SUBMITTED, Action.BRANCH_REVIEW, Role.BRANCH_OFFICER),
    (Status.SUBMITTED, Action.BRANCH_RETURN, Role.BRANCH_OFFICER),
    (Status.BRANCH_REVIEWED, Action.COMMUNE_EVALUATE, Role.COMMUNE_OFFICER),
    (Status.BRANCH_REVIEWED, Action.COMMUNE_RETURN, Role.COMMUNE_OFFICER),
    (Status.COMMUNE_EVALUATED, Action.APPRAISE, Role.COMMUNE_APPROVER),
    (Status.COMMUNE_EVALUATED, Action.APPRAISAL_RETURN, Role.COMMUNE_APPROVER),
    (Status.APPRAISED, Action.NOT_RECOGNISE, Role.COMMUNE_APPROVER),
]
OFFICER_ROLES = [Role.BRANCH_OFFICER, Role.COMMUNE_OFFICER, Role.COMMUNE_APPROVER]


@pytest.fixture
def scope_of():
    """The unit a role is given over for an application in ``hamlet`` of ``commune``."""

    def scope(role, hamlet, commune):
        return hamlet if role == Role.BRANCH_OFFICER else commune

    return scope


@pytest.mark.parametrize(("status", "action", "role"), STEPS)
def test_each_step_only_by_its_role_in_its_unit(
    status,
    action,
    role,
    make_application,
    make_officer,
    make_cycle,
    cycle,
    cu_chi,
    cu_chi_hamlet,
    tan_an_hoi,
    tan_an_hoi_hamlet,
    scope_of,
):
    make_cycle(tan_an_hoi)
    application = make_application(cu_chi_hamlet, status=status)
    refused_by = [application.applicant]
    refused_by += [
        make_officer(scope_of(other, cu_chi_hamlet, cu_chi), role=other)
        for other in OFFICER_ROLES
        if other != role
    ]
    refused_by.append(make_officer(scope_of(role, tan_an_hoi_hamlet, tan_an_hoi), role=role))
    for user in refused_by:
        with pytest.raises(Refused) as refusal:
            application_transition(
                application=application, action=action, by=user, comment="Ý kiến"
            )
        assert refusal.value.code == "permission", user
    application.refresh_from_db()
    assert application.status == status
    allowed = make_officer(scope_of(role, cu_chi_hamlet, cu_chi), role=role)
    moved = application_transition(
        application=application, action=action, by=allowed, comment="Ý kiến"
    )
    assert moved.status != status
    event = application.events.latest("at")
    assert (event.action, event.from_status, event.to_status) == (action, status, moved.status)
    assert event.by == allowed and event.comment.endswith("Ý kiến")


def test_administrator_role_may_do_every_step(
    make_application, make_officer, cycle, places, cu_chi_hamlet
):
    admin = make_officer(places.city, role=Role.ADMINISTRATOR)
    application = make_application(cu_chi_hamlet, status=Status.SUBMITTED)
    for action in (Action.BRANCH_REVIEW, Action.COMMUNE_EVALUATE, Action.APPRAISE):
        application = application_transition(application=application, action=action, by=admin)
    assert application.status == Status.APPRAISED


def test_old_hamlet_is_reviewed_by_todays_commune(
    make_application, make_officer, cycle, cu_chi, ap_trung
):
    application = make_application(ap_trung, status=Status.BRANCH_REVIEWED)
    assert application.commune == cu_chi
    officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    moved = application_transition(
        application=application, action=Action.COMMUNE_EVALUATE, by=officer
    )
    assert moved.status == Status.COMMUNE_EVALUATED


def test_wrong_state_and_double_click_are_refused_clearly(
    make_application, make_officer, cycle, cu_chi_hamlet
):
    branch = make_officer(cu_chi_hamlet, role=Role.BRANCH_OFFICER)
    application = make_application(cu_chi_hamlet, status=Status.SUBMITTED)
    application_transition(application=application, action=Action.BRANCH_REVIEW, by=branch)
    with pytest.raises(Refused) as again:
        application_transition(application=application, action=Action.BRANCH_REVIEW, by=branch)
    assert again.value.code == "state"
    assert "từ trước" in str(again.value)
    assert application.events.filter(action=Action.BRANCH_REVIEW).count() == 1
    draft = make_application(cu_chi_hamlet)
    with pytest.raises(Refused) as early:
        application_transition(application=draft, action=Action.BRANCH_REVIEW, by=branch)
    assert str(early.value) == "Hồ sơ đang ở bước “Bản nháp”, không thể “Chi hội: đã kiểm tra”."


def test_windows_are_enforced_and_an_administrator_can_reopen(
    make_application,
    make_officer,
    make_cycle,
    cu_chi,
    cu_chi_hamlet,
    places,
    make_citizen,
    farmers,
):
    today = timezone.localdate()
    past = {
        "branch_review_start": today - timedelta(days=40),
        "branch_review_end": today - timedelta(days=10),
    }
    cycle = make_cycle(cu_chi, **past)
    branch = make_officer(cu_chi_hamlet, role=Role.BRANCH_OFFICER)
    application = make_application(cu_chi_hamlet, status=Status.SUBMITTED)
    with pytest.raises(Refused) as closed:
        application_transition(application=application, action=Action.BRANCH_REVIEW, by=branch)
    assert closed.value.code == "window"
    assert "Đã ngoài thời gian “Chi hội kiểm tra” của đợt đánh giá năm" in str(closed.value)
    with pytest.raises(Refused):
        cycle_stage_reopen(
            cycle=cycle, stage=Stage.BRANCH_REVIEW, until=today, reason="x", by=branch
        )
    admin = make_officer(places.city, role=Role.ADMINISTRATOR)
    extension = cycle_stage_reopen(
        cycle=cycle,
        stage=Stage.BRANCH_REVIEW,
        until=today + timedelta(days=3),
        reason="Mưa bão, chi hội chưa họp được",
        by=admin,
    )
    assert extension.granted_by == admin
    moved = application_transition(application=application, action=Action.BRANCH_REVIEW, by=branch)
    assert moved.status == Status.BRANCH_REVIEWED

    cycle.registration_end = today - timedelta(days=1)
    cycle.save()
    late = make_citizen(cu_chi_hamlet, occupation_group=farmers)
    with pytest.raises(Refused) as registration:
        application_register(applicant=late.user, by=late.user)
    assert registration.value.code == "window"


def test_return_needs_a_comment_and_resubmission_starts_afresh(
    make_application, make_officer, cycle, cu_chi_hamlet
):
    branch = make_officer(cu_chi_hamlet, role=Role.BRANCH_OFFICER)
    application = make_application(cu_chi_hamlet, status=Status.SUBMITTED)
    with pytest.raises(Refused) as no_comment:
        application_transition(application=application, action=Action.BRANCH_RETURN, by=branch)
    assert no_comment.value.code == "input"
    application_transition(
        application=application,
        action=Action.BRANCH_RETURN,
        by=branch,
        comment="Thiếu minh chứng chỉ số 3",
    )
    application.refresh_from_db()
    assert application.status == Status.RETURNED and application.is_editable
    citizen = application.applicant
    application_scores_save(application=application, by=citizen, scores={3: 9})
    moved = application_transition(application=application, action=Action.SUBMIT, by=citizen)
    assert moved.status == Status.SUBMITTED


def test_final_scores_fall_back_commune_branch_self_and_changes_are_logged(
    make_application, make_officer, cycle, cu_chi, cu_chi_hamlet
):
    branch = make_officer(cu_chi_hamlet, role=Role.BRANCH_OFFICER)
    commune = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    application = make_application(cu_chi_hamlet, status=Status.SUBMITTED)
    application_transition(
        application=application, action=Action.BRANCH_REVIEW, by=branch, scores={1: 6, 2: 7}
    )
    application_transition(
        application=application,
        action=Action.COMMUNE_EVALUATE,
        by=commune,
        scores={2: 5},
    )
    finals = {
        s.indicator.number: s.final_score for s in application.scores.select_related("indicator")
    }
    assert finals[1] == 6 and finals[2] == 5 and finals[3] == 10
    application.refresh_from_db()
    assert application.self_total == 100 and application.final_total == 91
    assert application.commune_result == CommuneResult.MEETS
    branch_event = application.events.get(action=Action.BRANCH_REVIEW)
    assert branch_event.score_changes == {
        "1": {"stage": "branch", "from": 10, "to": 6},
        "2": {"stage": "branch", "from": 10, "to": 7},
    }
    commune_event = application.events.get(action=Action.COMMUNE_EVALUATE)
    assert commune_event.score_changes == {"2": {"stage": "commune", "from": 7, "to": 5}}


def test_commune_cannot_say_meets_when_the_rule_fails(
    make_application, make_officer, cycle, cu_chi, cu_chi_hamlet
):
    commune = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    application = make_application(cu_chi_hamlet, status=Status.BRANCH_REVIEWED)
    with pytest.raises(Refused) as refusal:
        application_transition(
            application=application,
            action=Action.COMMUNE_EVALUATE,
            by=commune,
            result=CommuneResult.MEETS,
            scores={4: 4},
        )
    assert refusal.value.code == "rule" and "Chỉ số 4 dưới 5 điểm" in str(refusal.value)
    score = application.scores.get(indicator__number=4)
    assert score.commune_score is None  # nothing written
    moved = application_transition(
        application=application, action=Action.COMMUNE_EVALUATE, by=commune, scores={4: 4}
    )
    assert moved.commune_result == CommuneResult.NOT_MEETS
    approver = make_officer(cu_chi, role=Role.COMMUNE_APPROVER)
    with pytest.raises(Refused) as appraise:
        application_transition(application=moved, action=Action.APPRAISE, by=approver)
    assert appraise.value.code == "rule"


def test_bulk_checks_every_item_and_never_trusts_the_list(
    make_application,
    make_officer,
    make_cycle,
    cycle,
    cu_chi,
    cu_chi_hamlet,
    ap_trung,
    tan_an_hoi,
    tan_an_hoi_hamlet,
):
    make_cycle(tan_an_hoi)
    officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    ours = [make_application(cu_chi_hamlet, status=Status.BRANCH_REVIEWED) for _ in range(2)]
    ours.append(make_application(ap_trung, status=Status.BRANCH_REVIEWED, scores={1: 4}))
    theirs = make_application(tan_an_hoi_hamlet, status=Status.BRANCH_REVIEWED, name="Người Xa")
    too_early = make_application(cu_chi_hamlet, status=Status.SUBMITTED, name="Chưa Kiểm Tra")
    ids = [a.pk for a in [*ours, theirs, too_early]] + [999999]
    report = applications_bulk_transition(ids=ids, action=Action.COMMUNE_EVALUATE, by=officer)
    assert sorted(pk for pk, _name in report.done) == sorted(a.pk for a in ours)
    refused = {pk: (name, reason) for pk, name, reason in report.refused}
    assert refused[theirs.pk] == ("", "Không tìm thấy hồ sơ này trong địa bàn của bạn.")
    assert refused[999999][0] == ""
    assert refused[too_early.pk][0] == "Chưa Kiểm Tra"
    assert "Đã gửi, chờ chi hội kiểm tra" in refused[too_early.pk][1]
    results = {a.pk: a.commune_result for a in ours[0].__class__.objects.filter(pk__in=ids)}
    assert results[ours[0].pk] == CommuneResult.MEETS
    assert results[ours[2].pk] == CommuneResult.NOT_MEETS  # "auto": by the score rule
    assert results[theirs.pk] == "" and results[too_early.pk] == ""
    assert ApplicationEvent.objects.filter(action=Action.COMMUNE_EVALUATE).count() == 3
    again = applications_bulk_transition(ids=ids, action=Action.COMMUNE_EVALUATE, by=officer)
    assert again.done == []


def test_bulk_meets_refuses_items_under_the_rule(
    make_application, make_officer, cycle, cu_chi, cu_chi_hamlet
):
    officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    good = make_application(cu_chi_hamlet, status=Status.BRANCH_REVIEWED)
    weak = make_application(cu_chi_hamlet, status=Status.BRANCH_REVIEWED, scores={5: 3})
    report = applications_bulk_transition(
        ids=[good.pk, weak.pk],
        action=Action.COMMUNE_EVALUATE,
        by=officer,
        result=CommuneResult.MEETS,
    )
    assert [pk for pk, _ in report.done] == [good.pk]
    assert report.refused[0][0] == weak.pk and "Chưa đủ điều kiện" in report.refused[0][2]


def test_lists_are_scoped_to_the_officers_units(
    make_application,
    make_officer,
    make_cycle,
    cycle,
    cu_chi,
    cu_chi_hamlet,
    ap_trung,
    tan_an_hoi,
    tan_an_hoi_hamlet,
):
    make_cycle(tan_an_hoi)
    here = make_application(cu_chi_hamlet)
    old = make_application(ap_trung)
    there = make_application(tan_an_hoi_hamlet)
    branch = make_officer(ap_trung, role=Role.BRANCH_OFFICER)
    commune = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    assert set(applications_scoped(user=branch)) == {old}
    assert set(applications_scoped(user=commune)) == {here, old}
    assert there not in applications_scoped(user=commune)
    assert not applications_scoped(user=here.applicant).exists()


def test_assisted_entry_is_recorded(
    make_officer, make_citizen, cycle, cu_chi, cu_chi_hamlet, tan_an_hoi, farmers
):
    branch = make_officer(cu_chi_hamlet, role=Role.BRANCH_OFFICER)
    citizen = make_citizen(cu_chi_hamlet, occupation_group=farmers)
    stranger = make_officer(tan_an_hoi, role=Role.COMMUNE_OFFICER)
    with pytest.raises(Refused) as refusal:
        application_register(applicant=citizen.user, by=stranger)
    assert refusal.value.code == "permission"
    application = application_register(applicant=citizen.user, by=branch)
    assert application.entered_by == branch and application.assisted
    application_scores_save(application=application, by=branch, scores=ALL_TENS)
    assert set(application.scores.values_list("self_entered_by", flat=True)) == {branch.pk}
    application_transition(application=application, action=Action.SUBMIT, by=branch)
    events = list(application.events.order_by("at", "pk"))
    assert [(e.action, e.by, e.assisted) for e in events] == [
        (Action.REGISTER, branch, True),
        (Action.SAVE, branch, True),
        (Action.SUBMIT, branch, True),
    ]
    assert AccessLog.objects.filter(
        actor=branch, subject=citizen.user, action="certificates_register_assisted"
    ).exists()
    with pytest.raises(Refused):
        application_scores_save(application=application, by=stranger, scores={1: 1})
