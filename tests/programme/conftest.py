"""Fixtures for the programme tests: the certificates fixtures (criteria, cycles, applications)
and a recorded recognition."""

from datetime import date

import pytest

from certificates.models import Status
from certificates.services.decisions import decision_record
from people.models import Role
from tests.certificates.conftest import (  # noqa: F401  (fixtures reused as they are)
    criteria,
    cycle,
    farmers,
    make_application,
    make_cycle,
    superuser,
)


@pytest.fixture
def approver(make_officer, cu_chi):
    return make_officer(cu_chi, role=Role.COMMUNE_APPROVER)


@pytest.fixture
def recognise(approver, django_capture_on_commit_callbacks):
    """recognise(cycle, commune, applications) → the applications recognised by a decision,
    with the on-commit signals run (as after a real commit)."""
    counter = iter(range(100, 999))

    def run(the_cycle, commune, applications):
        with django_capture_on_commit_callbacks(execute=True):
            decision_record(
                cycle=the_cycle, commune=commune, number=f"{next(counter)}/QĐ-UBND",
                signed_on=date(the_cycle.year, 11, 20), signer_name="Đặng Văn Uy",
                signer_title="Chủ tịch", issuing_body=f"Ủy ban nhân dân xã {commune.name}",
                application_ids=[a.pk for a in applications], by=approver,
            )  # fmt: skip
        for application in applications:
            application.refresh_from_db()
            assert application.status == Status.RECOGNISED
        return applications

    return run


@pytest.fixture
def counters():
    """counters(unit, year) → {metric: value} as the reports read them."""
    from programme.models import Counter

    def read(unit, year):
        return dict(
            Counter.objects.filter(unit=unit, year=year)
            .exclude(value=0)
            .values_list("metric", "value")
        )

    return read
