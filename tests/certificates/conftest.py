"""Fixtures for the certificates tests: criteria sets, an open cycle, reviewers, applications."""

import importlib
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from certificates.criteria_seed import criteria_sets_seed
from certificates.models import CriteriaSet, Criterion, Cycle, Indicator, Status
from certificates.services import application_register, application_scores_save
from certificates.services.review import application_transition
from people.models import OccupationGroup, Role
from tests.factories import UserFactory

ALL_TENS = dict.fromkeys(range(1, 11), 10)


def open_windows(days_before: int = 10, days_after: int = 30) -> dict:
    today = timezone.localdate()
    start, end = today - timedelta(days=days_before), today + timedelta(days=days_after)
    return {
        f"{stage}_{edge}": day
        for stage in ("registration", "branch_review", "commune_evaluation", "appraisal")
        for edge, day in (("start", start), ("end", end))
    }


@pytest.fixture
def criteria(db) -> dict[str, CriteriaSet]:
    """The four seeded sets by group code (put back, with the occupation groups, when a
    transactional test flushed what the data migrations made)."""
    groups = importlib.import_module("people.migrations.0002_occupation_groups").GROUPS
    for code, name, ordering in groups:
        OccupationGroup.objects.get_or_create(
            code=code, defaults={"name": name, "ordering": ordering}
        )
    criteria_sets_seed(
        CriteriaSet=CriteriaSet,
        Criterion=Criterion,
        Indicator=Indicator,
        OccupationGroup=OccupationGroup,
    )
    return {s.occupation_group.code: s for s in CriteriaSet.objects.filter(version=1)}


@pytest.fixture
def officers_group(db) -> Group:
    """The Officers group with Wagtail's access_admin (made by a data migration; put back when
    a transactional test flushed it)."""
    from django.contrib.contenttypes.models import ContentType

    content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )  # fmt: skip
    group, _created = Group.objects.get_or_create(name="Officers")
    group.permissions.add(permission)
    return group


@pytest.fixture
def make_cycle(criteria):
    def make(unit, **fields) -> Cycle:
        values = {"year": timezone.localdate().year, **open_windows(), **fields}
        return Cycle.objects.create(unit=unit, **values)

    return make


@pytest.fixture
def cycle(make_cycle, cu_chi) -> Cycle:
    return make_cycle(cu_chi)


@pytest.fixture
def reviewer(make_officer, officers_group):
    """reviewer(unit, role) → an officer with Wagtail admin access (the Officers group)."""

    def make(unit, role=Role.COMMUNE_OFFICER):
        user = make_officer(unit, role=role)
        user.groups.add(officers_group)
        return user

    return make


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def farmers(criteria) -> OccupationGroup:
    return OccupationGroup.objects.get(code="farmers")


@pytest.fixture
def make_application(make_citizen, farmers, superuser):
    """make_application(hamlet, scores=..., status=...) → an application of a new citizen,
    self-scored and moved along the chain (by a superuser) up to ``status``."""

    def make(hamlet, *, scores=None, status=Status.DRAFT, name=None, result="auto"):
        fields = {"user__full_name": name} if name else {}
        profile = make_citizen(hamlet, occupation_group=farmers, **fields)
        application = application_register(applicant=profile.user, by=profile.user)
        application_scores_save(
            application=application, by=profile.user, scores={**ALL_TENS, **(scores or {})}
        )
        path = [
            (Status.SUBMITTED, "submit", profile.user),
            (Status.BRANCH_REVIEWED, "branch_review", superuser),
            (Status.COMMUNE_EVALUATED, "commune_evaluate", superuser),
            (Status.APPRAISED, "appraise", superuser),
        ]
        if status == Status.DRAFT:
            return application
        for target, action, by in path:
            application = application_transition(
                application=application, action=action, by=by, result=result
            )
            if target == status:
                break
        return application

    return make
