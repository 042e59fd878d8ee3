"""The live dashboard's deltas (cohorts.live_deltas): the same figures and cells as the
dashboard's own rows, for any number of classes and learners in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import dateformat, timezone

from cohorts.dashboard_rows import cell_said, cohort_dashboard_row
from cohorts.live_deltas import live_deltas_build
from cohorts.models import Cohort
from tests.cohorts import test_dashboard
from tests.cohorts.dashboard_data import class_build

pytestmark = pytest.mark.django_db
klass, people = test_dashboard.klass, test_dashboard.people  # the dashboard tests' class


def test_deltas_say_what_the_dashboard_rows_say(klass, people):
    cohort, iris = klass
    ids = [learner.pk for learner in people.values()]
    deltas = live_deltas_build({cohort.pk: {pk: set(iris) for pk in ids}})[cohort.pk]
    assert sorted(deltas) == sorted(ids)
    for learner_id in ids:
        row = cohort_dashboard_row(cohort=cohort, learner_id=learner_id)
        s, delta = row.summary, deltas[learner_id]
        last = timezone.localtime(s.last_activity) if s.last_activity else None
        assert delta["row"] == {
            "status": s.status, "help": s.needs_help, "percent": s.percent,
            "lessons": f"{s.lessons_done}/{s.lessons_total}",
            "last": dateformat.format(last, "d/m") if last else "",
            "last_iso": dateformat.format(last, "c") if last else "",
            "present": s.present, "meta": delta["row"]["meta"],
        }  # fmt: skip
        assert delta["row"]["meta"].startswith(f"{s.hamlet or '—'} · {s.status_label}")
        assert ("trượt nhiều lần" in delta["row"]["meta"]) == bool(s.stuck)
        assert ("lâu không học" in delta["row"]["meta"]) == s.inactive
        cells = {cell["activity"]: cell for cell in delta["cells"]}
        assert list(cells) == sorted(iris)
        for cell in row.cells:
            sent = cells[cell.column.iri]
            assert (sent["status"], sent["score"], sent["symbol"]) == (
                cell.status, cell.score, cell.symbol
            )  # fmt: skip
            assert sent["said"] == cell_said(cell)
            assert sent["title"] == f"{cell.column.number} {cell.column.title}: {sent['said']}"
    by_name = {learner.full_name.split()[-1]: learner.pk for learner in people.values()}
    assert deltas[by_name["An"]]["row"]["status"] == "completed"
    assert deltas[by_name["Bình"]]["row"]["help"] is True
    assert {c["status"] for c in deltas[by_name["Cường"]]["cells"]} == {"not_started"}


def test_only_the_named_cells_go_and_leavers_are_left_out(klass, people):
    cohort, iris = klass
    an, outsider = people["An"].pk, 10**9
    deltas = live_deltas_build({cohort.pk: {an: {iris[1], "https://elsewhere/x"}, outsider: set()}})
    assert list(deltas[cohort.pk]) == [an]
    assert [cell["activity"] for cell in deltas[cohort.pk][an]["cells"]] == [iris[1]]
    assert live_deltas_build({cohort.pk: {an: set()}})[cohort.pk][an]["cells"] == []
    assert live_deltas_build({}) == {}


def test_a_batch_costs_the_same_queries_for_one_class_or_several(
    klass,
    people,
    cu_chi_hamlet,
    trainer,
):
    cohort, iris = klass
    other, _course, other_iris = class_build(unit=cu_chi_hamlet, trainer=trainer, name="Lớp 2")
    for learner in people.values():
        other.members.add(learner)
    one = {cohort.pk: {people["An"].pk: {iris[0]}}}
    many = {
        pk: {learner.pk: set(iris) | set(other_iris) for learner in people.values()}
        for pk in (cohort.pk, other.pk)
    }
    live_deltas_build(many)  # the classes' columns, kept per process from now on
    with CaptureQueriesContext(connection) as small:
        live_deltas_build(one)
    with CaptureQueriesContext(connection) as large:
        deltas = live_deltas_build(many)
    assert len(small) == len(large) <= 7
    assert sorted(deltas) == sorted([cohort.pk, other.pk])
    assert all(len(learners) == len(people) for learners in deltas.values())
    assert Cohort.objects.count() == 2
