"""Status-list indexes: random, free, inside the list, race-safe; existing data migrated."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from certificates.credentials import MIN_SIZE, status_list_bits, status_list_capacity
from certificates.issuing import bulk, services, status_indexes
from certificates.models import Certificate, RegisterCounter
from tests.certificates.test_issuing_builders import (  # noqa: F401  (fixtures)
    _key_dir,
    decision_make,
    issuing_settings,
    recognised,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("issuing_settings")]


def test_indexes_are_random_free_and_inside_the_served_list(client, cu_chi, ap_trung):
    decision = decision_make(cu_chi)
    applications = recognised(decision, ap_trung, count=6)
    bulk.decision_issue_pending(decision_id=decision.pk, stale_seconds=0)
    services.certificate_issue_for_application(application_id=applications[0].pk)
    indexes = sorted(Certificate.objects.values_list("status_index", flat=True))
    assert len(set(indexes)) == 6
    # Not a count: sequential indexes would tell how many certificates were issued.
    assert indexes != list(range(indexes[0], indexes[0] + 6))
    assert max(indexes) > 1000  # 6 draws below 1000 out of 131,072: about 10⁻¹⁸
    assert all(0 <= index < MIN_SIZE for index in indexes)
    served = client.get(reverse("issued:status_list", args=[1])).json()
    assert len(status_list_bits(served["credentialSubject"]["encodedList"])) * 8 == MIN_SIZE
    for certificate in Certificate.objects.all():
        entry = certificate.credential["credentialStatus"]
        assert entry["statusListIndex"] == str(certificate.status_index)
    assert not RegisterCounter.objects.filter(series="status-list").exists()


def test_a_drawn_index_that_is_taken_is_never_handed_out(monkeypatch, cu_chi, ap_trung):
    decision = decision_make(cu_chi)
    recognised(decision, ap_trung)
    bulk.decision_issue_pending(decision_id=decision.pk)
    taken = Certificate.objects.get().status_index
    free = (taken + 1) % MIN_SIZE
    draws = iter([taken] * 6 + [free] * 50)
    monkeypatch.setattr(status_indexes.secrets, "randbelow", lambda _n: next(draws))
    assert status_indexes.status_indexes_draw(count=1) == [free]


def test_a_lost_race_for_an_index_is_retried(monkeypatch, cu_chi, ap_trung):
    """Two workers draw the same free index: the unique key refuses the second insert and its
    reservation draws again (simulated: the index is taken between the check and the insert)."""
    decision = decision_make(cu_chi)
    first, second = recognised(decision, ap_trung, count=2)
    services.certificate_issue_for_application(application_id=first.pk)
    winner = Certificate.objects.get().status_index
    real_draw = status_indexes.status_indexes_draw
    calls = []

    def racing_draw(*, count):
        calls.append(count)
        return [winner] if len(calls) == 1 else real_draw(count=count)

    monkeypatch.setattr(services, "status_indexes_draw", racing_draw)
    certificate = services.certificate_issue_for_application(application_id=second.pk)
    assert len(calls) == 2
    assert certificate.status_index != winner and certificate.is_ready
    assert Certificate.objects.count() == 2


def test_the_list_is_never_more_than_half_full():
    assert status_list_capacity(0) == MIN_SIZE
    assert status_list_capacity(MIN_SIZE // 2 - 1) == MIN_SIZE
    assert status_list_capacity(MIN_SIZE // 2) == 2 * MIN_SIZE
    for used in (1, 1000, 65_536, 200_000, 1_000_000):
        assert status_list_capacity(used) >= 2 * used
        assert status_list_capacity(used) % MIN_SIZE == 0


def test_existing_certificates_are_migrated_sensibly(cu_chi, ap_trung):
    """Signed credentials keep their index (it is inside the file the holder keeps); a
    certificate not yet signed gets a random free index; every row gets its own public id."""
    decision = decision_make(cu_chi)
    applications = recognised(decision, ap_trung, count=3)
    bulk.decision_issue_pending(decision_id=decision.pk)
    services.certificate_reserve_for_application(application_id=applications[0].pk)
    signed = list(Certificate.objects.order_by("serial"))
    for number, certificate in enumerate(signed, start=1):  # as the counter numbered them
        Certificate.objects.filter(pk=certificate.pk).update(status_index=number)
    Certificate.objects.filter(pk=signed[2].pk).update(credential=None, pdf="")
    RegisterCounter.objects.create(series="status-list", year=0, last=3)
    before = dict(Certificate.objects.values_list("pk", "public_id"))

    migration = importlib.import_module(
        "certificates.migrations.0005_certificate_public_id_random_status_index"
    )
    migration.forwards(django_apps, None)

    after = {c.pk: c for c in Certificate.objects.all()}
    assert after[signed[0].pk].status_index == 1 and after[signed[1].pk].status_index == 2
    assert after[signed[2].pk].status_index not in {1, 2, 3}
    assert len({c.public_id for c in after.values()}) == 3
    assert all(after[pk].public_id != public_id for pk, public_id in before.items())
    assert not RegisterCounter.objects.filter(series="status-list").exists()
