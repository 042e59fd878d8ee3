"""The trainer's dashboard: statuses per cell and per learner, who needs help, per-activity
figures, filters, scope and the access log — on data made through the real statement path."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cohorts.dashboard import LearnerStatus, cohort_dashboard
from cohorts.dashboard_rows import (
    CellStatus,
    dashboard_row_render,
    dashboard_rows,
    dashboard_rows_render,
)
from people.models import AccessLog, Role
from tests.cohorts.dashboard_data import (
    RIGHT,
    WRONG,
    age_activity,
    answer,
    class_build,
    session_with,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def klass(cu_chi_hamlet, trainer):
    cohort, _course, iris = class_build(unit=cu_chi_hamlet, trainer=trainer)
    return cohort, iris


@pytest.fixture
def people(klass, cu_chi_hamlet, make_citizen):
    cohort, iris = klass
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
    learners = {}
    for index, name in enumerate(names):
        user = make_citizen(cu_chi_hamlet).user
        user.full_name, user.phone = name, f"+8491200012{index}"
        user.save()
        cohort.members.add(user)
        learners[name.split()[-1]] = user
    for iri in iris:  # An finishes everything
        answer(learners["An"], iri, RIGHT)
    for _ in range(3):  # Bình fails the first quiz three times
        answer(learners["Bình"], iris[0], WRONG)
    answer(learners["Dung"], iris[0], RIGHT)  # Dung started, then nothing for ten days
    age_activity(learners["Dung"], days=10)
    session_with(cohort, [learners["An"], learners["Bình"]])
    return learners


def test_statuses_progress_and_who_needs_help(klass, people):
    cohort, iris = klass
    dashboard = cohort_dashboard(cohort=cohort)
    by_name = {s.name.split()[-1]: s for s in dashboard.learners}
    assert by_name["An"].status == LearnerStatus.COMPLETED and by_name["An"].percent == 100
    assert (by_name["An"].lessons_done, by_name["An"].lessons_total) == (2, 2)
    assert by_name["Cường"].status == LearnerStatus.NOT_STARTED
    assert by_name["Dung"].inactive and by_name["Dung"].percent == 33
    assert [(c.iri, n) for c, n in by_name["Bình"].stuck] == [(iris[0], 3)]
    assert dashboard.completion_rate == 25
    assert [s.name for s in dashboard.never_started] == ["Lê Văn Cường"]
    assert [s.name for s in dashboard.inactive] == ["Phạm Thị Dung"]
    assert (by_name["An"].present, by_name["Cường"].present) == (1, 0)
    assert [present for _session, present in dashboard.sessions] == [2]
    assert not cohort_dashboard(cohort=cohort, days=30).inactive  # N chosen by the trainer


def test_cells_say_status_score_and_attempts(klass, people):
    cohort, _iris = klass
    dashboard = cohort_dashboard(cohort=cohort)
    rows = {r.summary.name.split()[-1]: r for r in dashboard_rows(
        summaries=dashboard.learners, columns=dashboard.columns
    )}  # fmt: skip
    assert [c.status for c in rows["An"].cells] == [CellStatus.PASSED] * 3
    failed = rows["Bình"].cells[0]
    assert (failed.status, failed.score, failed.attempts) == (CellStatus.FAILED, 67, 3)
    assert failed.last is not None
    assert [c.status for c in rows["Cường"].cells] == [CellStatus.NOT_STARTED] * 3


def test_the_page_shows_matrix_help_lists_and_activity_figures(client, trainer, klass, people):
    cohort, iris = klass
    client.force_login(trainer)
    response = client.get(reverse("classes:dashboard", args=[cohort.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-learner="{people["Bình"].pk}"' in html
    assert f'data-activity="{iris[0]}"' in html
    assert "Cần hỗ trợ" in html and "Lê Văn Cường" in html
    assert "0912" not in html  # no phone numbers on the dashboard
    stats = {s.column.iri: s for s in response.context["stats"]}
    first = stats[iris[0]]
    # An and Dung passed at once, Bình failed: two of three at the first try
    assert (first.first_passed, first.first_tries, first.first_try_rate) == (2, 3, 67)
    assert first.wrong == [("Ai được công nhận danh hiệu? → Ai cũng được", 3)]
    assert "Ai được công nhận danh hiệu? → Ai cũng được" in html
    assert AccessLog.objects.filter(
        actor=trainer, action="view_cohort_dashboard", detail__startswith=f"cohort={cohort.pk}"
    ).exists()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "nguyen van"}, ["Nguyễn Văn An"]),
        ({"status": "not_started"}, ["Lê Văn Cường"]),
        ({"status": "failing"}, ["Trần Thị Bình"]),
        ({"status": "needs_help"}, ["Lê Văn Cường", "Phạm Thị Dung", "Trần Thị Bình"]),
        ({"status": "completed"}, ["Nguyễn Văn An"]),
        ({"status": "inactive", "days": "30"}, []),
    ],
)
def test_filters(client, trainer, klass, people, params, expected):
    cohort, _iris = klass
    client.force_login(trainer)
    response = client.get(reverse("classes:dashboard", args=[cohort.pk]), params)
    assert sorted(r.summary.name for r in response.context["rows"]) == expected


def test_filter_by_hamlet(client, trainer, klass, people, cu_chi, cu_chi_hamlet, make_citizen):
    from tests.factories import HamletFactory

    cohort, _iris = klass
    other = HamletFactory(parent=cu_chi, name="Ấp Phước Hưng")
    outsider = make_citizen(other).user
    outsider.full_name = "Võ Văn Em"
    outsider.save()
    cohort.members.add(outsider)
    client.force_login(trainer)
    response = client.get(reverse("classes:dashboard", args=[cohort.pk]), {"hamlet": other.pk})
    assert [r.summary.name for r in response.context["rows"]] == ["Võ Văn Em"]
    html = response.content.decode()
    assert f'<option value="{other.pk}" selected>Ấp Phước Hưng</option>' in html
    assert f'<option value="{cu_chi_hamlet.pk}">Ấp Bàu Tre</option>' in html


def test_bad_filter_values_are_ignored(client, trainer, klass, people):
    cohort, _iris = klass
    client.force_login(trainer)
    response = client.get(
        reverse("classes:dashboard", args=[cohort.pk]),
        {"days": "-5", "status": "<x>", "hamlet": "abc", "course": "999999", "page": "zz"},
    )
    assert response.status_code == 200
    assert response.context["filters"]["days"] == 7 and len(response.context["rows"]) == 4


def test_scope_other_trainers_and_learners_get_nothing(
    client, klass, people, cu_chi, make_officer, tan_an_hoi
):
    cohort, _iris = klass
    url = reverse("classes:dashboard", args=[cohort.pk])
    for user in (
        make_officer(cu_chi, role=Role.TRAINER),  # a trainer of the commune, not of this class
        make_officer(tan_an_hoi, role=Role.COMMUNE_OFFICER),  # another commune's officer
        people["An"],
    ):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(url + "excel/").status_code == 404
    client.force_login(make_officer(cu_chi, role=Role.COMMUNE_OFFICER))
    assert client.get(url).status_code == 200


def test_row_renderer_for_live_updates(klass, people):
    cohort, _iris = klass
    html = dashboard_row_render(cohort.pk, people["Bình"].pk)
    assert html.startswith(f'<tr data-learner="{people["Bình"].pk}"')
    assert html.count("data-activity=") == 3 and "cell-failed" in html
    assert dashboard_row_render(cohort.pk, 10**9) == ""
    assert dashboard_row_render(10**9, people["Bình"].pk) == ""


def test_live_rows_of_several_learners_in_one_pass_follow_the_class_courses(klass, people):
    cohort, _iris = klass
    ids = [people["An"].pk, people["Bình"].pk, 10**9]
    rows = dashboard_rows_render(cohort.pk, ids)
    assert rows[10**9] == ""
    for learner_id in ids[:2]:
        assert rows[learner_id] == dashboard_row_render(cohort.pk, learner_id)
    assert '<td class="num" data-field="present">1</td>' in rows[people["An"].pk]
    assert rows[people["An"].pk].count("data-activity=") == 3
    cohort.courses.clear()  # the kept columns go with the class's courses
    assert "data-activity=" not in dashboard_row_render(cohort.pk, people["An"].pk)


def _learners(cohort, unit, make_citizen, iris, count):
    for index in range(count):
        user = make_citizen(unit).user
        cohort.members.add(user)
        if index % 2:
            answer(user, iris[index % 3], RIGHT if index % 3 else WRONG)


def test_queries_do_not_grow_with_the_class(client, trainer, cu_chi_hamlet, make_citizen):
    counts = []
    for size in (5, 50):
        cohort, _course, iris = class_build(unit=cu_chi_hamlet, trainer=trainer, name=f"Lớp {size}")
        _learners(cohort, cu_chi_hamlet, make_citizen, iris, size)
        session_with(cohort, list(cohort.members.all()[:3]))
        client.force_login(trainer)
        url = reverse("classes:dashboard", args=[cohort.pk])
        client.get(url)  # warm the lesson plans
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert 0 < counts[0] == counts[1], counts
