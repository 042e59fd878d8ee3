"""Builders for the issued-certificates tests (no tests here): recognised applications made
straight with the models, a signing key per test session, the site address.

Imported by test_issuing*.py and test_verification*.py.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from certificates.criteria_seed import criteria_sets_seed
from certificates.models import (
    Application,
    CriteriaSet,
    Criterion,
    Cycle,
    Indicator,
    RecognitionDecision,
    Status,
)
from people.models import OccupationGroup
from tests.factories import ProfileFactory

SITE = "https://congdanhoctap.example.vn"
DECISION_NUMBER = "123/QĐ-UBND"


@pytest.fixture(scope="session")
def _key_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("keys")


@pytest.fixture
def issuing_settings(settings, _key_dir):
    """A signing key made on first use in a session folder, and a fixed public address."""
    settings.SITE_URL = SITE
    settings.CERTIFICATE_SIGNING_KEY_FILE = _key_dir / "issuer-ed25519.pem"
    settings.CERTIFICATE_SIGNING_KEY_AUTOCREATE = True
    return settings


def cycle_for(commune, year: int | None = None) -> Cycle:
    year = year or timezone.localdate().year
    today = timezone.localdate()
    windows = {
        f"{stage}_{edge}": today + timedelta(days=offset)
        for stage in ("registration", "branch_review", "commune_evaluation", "appraisal")
        for edge, offset in (("start", -10), ("end", 30))
    }
    cycle, _created = Cycle.objects.get_or_create(unit=commune, year=year, defaults=windows)
    return cycle


def farmers_set() -> CriteriaSet:
    criteria_sets_seed(
        CriteriaSet=CriteriaSet,
        Criterion=Criterion,
        Indicator=Indicator,
        OccupationGroup=OccupationGroup,
    )
    return CriteriaSet.objects.get(occupation_group__code="farmers", version=1)


def decision_make(
    commune, *, number: str = DECISION_NUMBER, signed_on: date | None = None, year=None
) -> RecognitionDecision:
    return RecognitionDecision.objects.create(
        cycle=cycle_for(commune, year),
        commune=commune,
        number=number,
        signed_on=signed_on or date(2025, 11, 15),
        signer_name="Trần Văn Bảy",
        signer_title="Chủ tịch",
        issuing_body=f"Ủy ban nhân dân xã {commune.name}",
    )


def recognised(decision, hamlet, *, count: int = 1, names=(), **profile_fields) -> list:
    """``count`` recognised applications of new citizens of ``hamlet`` under ``decision``."""
    criteria_set = farmers_set()
    applications = []
    for index in range(count):
        fields = dict(profile_fields)
        if index < len(names):
            fields["user__full_name"] = names[index]
        profile = ProfileFactory(
            home_unit=hamlet, occupation_group=criteria_set.occupation_group, **fields
        )
        applications.append(
            Application.objects.create(
                applicant=profile.user,
                cycle=decision.cycle,
                criteria_set=criteria_set,
                occupation_group=criteria_set.occupation_group,
                hamlet=hamlet,
                commune=decision.commune,
                status=Status.RECOGNISED,
                decision=decision,
                final_total=100,
                meets_rule=True,
                decided_at=timezone.now(),
            )
        )
    return applications
