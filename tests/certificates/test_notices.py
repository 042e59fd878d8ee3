"""Notices from the certificates app through people's notification interface: returned for
more information, recognised, certificate ready — each once."""

import pytest
from django.utils import timezone

from certificates.issuing import tasks
from certificates.models import Action, Certificate, Status
from certificates.services import application_transition, decision_record
from people.models import Notification, Role
from tests.certificates.test_issuing_builders import (  # noqa: F401  (fixtures)
    DECISION_NUMBER,
    _key_dir,
    issuing_settings,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("issuing_settings")]


def test_a_returned_application_tells_the_applicant_with_the_comment(
    make_application, make_officer, cycle, cu_chi_hamlet, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    branch = make_officer(cu_chi_hamlet, role=Role.BRANCH_OFFICER)
    application = make_application(cu_chi_hamlet, status=Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application,
            action=Action.BRANCH_RETURN,
            by=branch,
            comment="Thiếu minh chứng chỉ số 3",
        )
    notice = Notification.objects.get(user=application.applicant, kind="application_returned")
    assert "Thiếu minh chứng chỉ số 3" in notice.body
    assert notice.url == "/toi/cong-dan-hoc-tap/"
    assert [m.to for m in mailoutbox] == [[application.applicant.email]]


def test_recognition_and_certificate_ready_are_each_told_once(
    make_application, make_officer, cycle, cu_chi, ap_trung, django_capture_on_commit_callbacks
):
    application = make_application(ap_trung, status=Status.APPRAISED)
    approver = make_officer(cu_chi, role=Role.COMMUNE_APPROVER)
    with django_capture_on_commit_callbacks(execute=True):
        decision = decision_record(
            cycle=application.cycle, commune=cu_chi, number=DECISION_NUMBER,
            signed_on=timezone.localdate(), signer_name="Trần Văn Bảy", signer_title="Chủ tịch",
            issuing_body="Ủy ban nhân dân xã Củ Chi", application_ids=[application.pk],
            by=approver,
        )  # fmt: skip
    kinds = list(
        Notification.objects.filter(user=application.applicant).values_list("kind", flat=True)
    )
    assert sorted(kinds) == ["application_recognised", "certificate_ready"]
    recognised = Notification.objects.get(kind="application_recognised")
    assert DECISION_NUMBER in recognised.body
    # A retried task issues nothing new and tells no one again.
    with django_capture_on_commit_callbacks(execute=True):
        tasks.decision_issue_enqueue(decision_id=decision.pk)
    assert Certificate.objects.count() == 1
    assert Notification.objects.filter(user=application.applicant).count() == 2
