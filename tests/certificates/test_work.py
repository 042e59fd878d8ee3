"""Officers land on their work: after logging in each review role lands on the applications
waiting for it, and the Wagtail admin home shows the same queues with counts and links."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from certificates.models import Status
from certificates.work import applications_work
from people.models import Role
from people.work import work_queues_for
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, user, **params):
    url = reverse("account_login")
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return client.post(url, {"login": user.email, "password": PASSWORD})


def _status_of(url: str) -> str:
    parts = urlsplit(url)
    assert parts.path == reverse("certificates_officer_applications")
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["nam"] == [""], "every year: last year's late work still waits"
    return query["trang_thai"][0]


@pytest.fixture
def waiting(cycle, cu_chi_hamlet, make_application):
    """In xã Củ Chi: 2 submitted, 1 branch-checked, 3 evaluated, 1 appraised."""
    counts = {
        Status.SUBMITTED: 2,
        Status.BRANCH_REVIEWED: 1,
        Status.COMMUNE_EVALUATED: 3,
        Status.APPRAISED: 1,
    }
    for status, count in counts.items():
        for _n in range(count):
            make_application(cu_chi_hamlet, status=status)
    return counts


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.BRANCH_OFFICER, Status.SUBMITTED),
        (Role.COMMUNE_OFFICER, Status.BRANCH_REVIEWED),
        (Role.COMMUNE_APPROVER, Status.COMMUNE_EVALUATED),
    ],
)
def test_each_review_role_lands_on_what_waits_for_it(
    client, reviewer, cu_chi, waiting, role, status
):
    officer = reviewer(cu_chi, role=role)
    response = _login(client, officer)
    assert response.status_code == 302
    assert _status_of(response["Location"]) == status
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert len(page.context["page"].object_list) == waiting[status]


def test_the_approver_lands_on_decisions_when_nothing_awaits_appraisal(
    client, reviewer, cu_chi, cycle, cu_chi_hamlet, make_application
):
    make_application(cu_chi_hamlet, status=Status.APPRAISED)
    approver = reviewer(cu_chi, role=Role.COMMUNE_APPROVER)
    response = _login(client, approver)
    assert _status_of(response["Location"]) == Status.APPRAISED


def test_an_officer_going_somewhere_lands_there(client, reviewer, cu_chi, waiting):
    officer = reviewer(cu_chi, role=Role.BRANCH_OFFICER)
    response = _login(client, officer, next="/cong-dan-hoc-tap/")
    assert response["Location"] == "/cong-dan-hoc-tap/"


def test_queues_count_only_the_officers_own_area(
    reviewer, cu_chi, tan_an_hoi, tan_an_hoi_hamlet, waiting, make_application, make_cycle
):
    make_cycle(tan_an_hoi)
    make_application(tan_an_hoi_hamlet, status=Status.SUBMITTED)
    cu_chi_branch = reviewer(cu_chi, role=Role.BRANCH_OFFICER)
    tan_an_hoi_branch = reviewer(tan_an_hoi, role=Role.BRANCH_OFFICER)
    assert [(q.count, _status_of(q.url)) for q in applications_work(user=cu_chi_branch)] == [
        (2, Status.SUBMITTED)
    ]
    assert [q.count for q in applications_work(user=tan_an_hoi_branch)] == [1]


def test_the_approver_has_both_appraisal_and_decision_queues(reviewer, cu_chi, waiting):
    approver = reviewer(cu_chi, role=Role.COMMUNE_APPROVER)
    queues = [q for q in work_queues_for(user=approver) if q.in_admin]
    assert [(_status_of(q.url), q.count) for q in queues] == [
        (Status.COMMUNE_EVALUATED, 3),
        (Status.APPRAISED, 1),
    ]


def test_the_admin_home_shows_the_queue_with_counts_and_links(client, reviewer, cu_chi, waiting):
    approver = reviewer(cu_chi, role=Role.COMMUNE_APPROVER)
    client.force_login(approver)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Việc cần làm" in html
    assert "Hồ sơ chờ UBND xã thẩm định" in html
    assert "Hồ sơ đã thẩm định, chờ quyết định công nhận" in html
    assert "Hồ sơ chờ chi hội kiểm tra" not in html  # not the approver's step
    for queue in work_queues_for(user=approver):
        assert queue.url.replace("&", "&amp;") in html
    assert 'data-work-count="3"' in html
    assert 'data-work-count="1"' in html


def test_the_admin_home_of_an_editor_has_no_queue(client, db):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Việc cần làm" not in html
