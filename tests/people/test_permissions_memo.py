"""people.permissions.permissions_memo: one scope check per (user, action, unit) in a block."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import Role
from people.permissions import permissions_memo, user_can

pytestmark = pytest.mark.django_db


def test_inside_the_block_each_question_is_worked_out_once(cu_chi, cu_chi_hamlet, make_officer):
    officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    args = {"user": officer, "action": "people.register_assisted", "unit": cu_chi_hamlet}
    with CaptureQueriesContext(connection) as once:
        assert user_can(**args)
    with permissions_memo(), CaptureQueriesContext(connection) as memo:
        for _ in range(50):
            assert user_can(**args)
    assert 0 < len(memo) <= len(once)


def test_the_memo_ends_with_its_block_and_keeps_questions_apart(
    cu_chi, cu_chi_hamlet, tan_an_hoi_hamlet, make_officer
):
    officer = make_officer(cu_chi, role=Role.COMMUNE_OFFICER)
    action = "people.register_assisted"
    with permissions_memo():
        assert user_can(user=officer, action=action, unit=cu_chi_hamlet)
        assert not user_can(user=officer, action=action, unit=tan_an_hoi_hamlet)
        assert not user_can(user=officer, action="people.reset_password", unit=tan_an_hoi_hamlet)
        officer.role_assignments.all().delete()
        assert user_can(user=officer, action=action, unit=cu_chi_hamlet)  # as documented
    assert not user_can(user=officer, action=action, unit=cu_chi_hamlet)
