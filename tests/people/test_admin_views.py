"""Scope holds on every admin screen: every URL of every scoped view set (index, edit, delete,
history, usage, inspect, copy… read from the view set's own URL patterns, not a hand list),
asked by an administrator of another commune, answers 404 (or 403), never shows the row's name,
and changes nothing."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from certificates.models import CertificateTemplate, CriteriaSet, Cycle
from people.admin_views import PeopleActionPolicy, ScopedModelViewSet
from people.models import (
    AccessLog,
    AdministrativeUnit,
    Organisation,
    Profile,
    Role,
    RoleAssignment,
    UnitSuccession,
)
from people.services import access_log_record, role_assign
from tests.certificates.conftest import open_windows
from tests.factories import REFORM, HamletFactory, ProfileFactory, UserFactory

MARK = "Bí-Mật-Củ-Chi"


def _registered_viewsets() -> list[ModelViewSet]:
    reverse("wagtailadmin_home")  # the admin's URLs (and so its view sets) are loaded
    return [vs for vs in viewsets.viewsets if isinstance(vs, ModelViewSet)]


def _scoped_viewsets() -> list[ModelViewSet]:
    return [
        vs
        for vs in _registered_viewsets()
        if isinstance(vs.permission_policy, PeopleActionPolicy) and vs.permission_policy.scope
    ]


@pytest.fixture
def other_admin(tan_an_hoi):
    """An administrator of xã Tân An Hội (not a superuser), with Wagtail admin access."""
    user = UserFactory(full_name="Quản trị Tân An Hội")
    ProfileFactory(user=user, home_unit=HamletFactory(parent=tan_an_hoi))
    role_assign(user=user, role=Role.ADMINISTRATOR, unit=tan_an_hoi, by=None)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def cu_chi_rows(cu_chi, cu_chi_hamlet, places) -> dict:
    """One row of xã Củ Chi per scoped model, each carrying MARK in its name."""
    citizen = ProfileFactory(
        home_unit=cu_chi_hamlet, user=UserFactory(full_name=f"Trần Thị {MARK}")
    )
    officer = ProfileFactory(home_unit=cu_chi_hamlet, user=UserFactory(full_name=f"Lê {MARK}"))
    role = RoleAssignment.objects.create(user=officer.user, role=Role.BRANCH_OFFICER, unit=cu_chi)
    hamlet = HamletFactory(parent=cu_chi, name=f"Ấp {MARK}")
    old_hamlet = HamletFactory(parent=places.old("27556"), name=f"Ấp cũ {MARK}", valid_from=None)
    succession = UnitSuccession.objects.create(
        predecessor=old_hamlet, successor=hamlet, effective_date=REFORM, legal_basis=MARK
    )
    organisation = Organisation.objects.create(
        name=f"Chi hội {MARK}", kind="association_branch", unit=cu_chi
    )
    log = access_log_record(actor=officer.user, action="view_person", subject=citizen.user)
    # A log line with no subject (an export by a Củ Chi officer) belongs to Củ Chi too.
    export = access_log_record(actor=officer.user, action="export", detail=f"export {MARK}")
    cycle = Cycle.objects.create(unit=cu_chi, year=2025, notes=MARK, **open_windows())
    template = CertificateTemplate.objects.create(name=f"Mẫu {MARK}", commune=cu_chi)
    from django.utils import timezone

    from cohorts.models import Cohort, Session

    cohort = Cohort.objects.create(name=f"Lớp {MARK}", unit=cu_chi_hamlet)
    session = cohort.sessions.create(title=f"Buổi {MARK}", starts_at=timezone.now())
    return {
        AdministrativeUnit: hamlet,
        UnitSuccession: succession,
        Organisation: organisation,
        RoleAssignment: role,
        Profile: citizen,
        AccessLog: log,
        "export": export,
        Cycle: cycle,
        CertificateTemplate: template,
        Cohort: cohort,
        Session: session,
    }


def test_every_screen_with_a_people_policy_uses_the_scoped_base():
    """A new screen cannot forget a scoped view: it must be built on ScopedModelViewSet."""
    for viewset in _registered_viewsets():
        if isinstance(viewset.permission_policy, PeopleActionPolicy):
            assert isinstance(viewset, ScopedModelViewSet), viewset.name


def test_the_scoped_screens_are_the_ones_expected():
    models = {vs.model for vs in _scoped_viewsets()}
    assert {AdministrativeUnit, Profile, RoleAssignment, Cycle, AccessLog} <= models
    assert CriteriaSet not in models  # criteria sets have no place: administrators only


@pytest.mark.django_db
def test_no_admin_url_of_a_scoped_screen_opens_another_communes_row(
    client, other_admin, cu_chi_rows
):
    client.force_login(other_admin)
    checked = set()
    for viewset in _scoped_viewsets():
        row = cu_chi_rows.get(viewset.model)
        assert row is not None, f"add a Củ Chi row of {viewset.model.__name__} to this test"
        for pattern in viewset.get_urlpatterns():
            name = f"{viewset.url_namespace}:{pattern.name}"
            if "pk" in pattern.pattern.converters:
                url = reverse(name, kwargs={"pk": row.pk})
                for method in (client.get, client.post):
                    response = method(url)
                    assert response.status_code in (403, 404), (name, response.status_code)
                    assert MARK not in response.content.decode(), name
                checked.add(pattern.name)
            elif pattern.name in ("index", "index_results"):
                response = client.get(reverse(name))
                assert response.status_code == 200, name
                assert MARK not in response.content.decode(), name
        assert type(row).objects.filter(pk=row.pk).exists(), "nothing is deleted"
    assert {"edit", "delete", "history", "usage"} <= checked


@pytest.mark.django_db
def test_the_access_log_hides_another_communes_lines(client, other_admin, cu_chi_rows):
    client.force_login(other_admin)
    html = client.get(reverse("people_access_log:index")).content.decode()
    assert MARK not in html
    assert f"export {MARK}" not in html


@pytest.mark.django_db
def test_the_commune_administrator_still_opens_its_own_rows(client, cu_chi, cu_chi_rows):
    user = UserFactory()
    role_assign(user=user, role=Role.ADMINISTRATOR, unit=cu_chi, by=None)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    for viewset in _scoped_viewsets():
        row = cu_chi_rows[viewset.model]
        for pattern in viewset.get_urlpatterns():
            if pattern.name in ("history", "usage"):
                url = reverse(f"{viewset.url_namespace}:{pattern.name}", args=[row.pk])
                assert client.get(url).status_code == 200, (viewset.name, pattern.name)
    html = client.get(reverse("people_access_log:index")).content.decode()
    assert f"export {MARK}" in html


@pytest.mark.django_db
def test_add_forms_offer_only_places_in_scope(client, other_admin, cu_chi, tan_an_hoi):
    """A commune's administrator cannot create a cycle (or any scoped row) in another commune."""
    client.force_login(other_admin)
    viewset = next(vs for vs in _scoped_viewsets() if vs.model is Cycle)
    add_url = reverse(f"{viewset.url_namespace}:add")
    form = client.get(add_url).context["form"]
    offered = set(form.fields["unit"].queryset.values_list("pk", flat=True))
    assert tan_an_hoi.pk in offered and cu_chi.pk not in offered
    data = {"year": 2027, "unit": cu_chi.pk, "notes": "", **{
        key: day.isoformat() for key, day in open_windows().items()
    }}  # fmt: skip
    response = client.post(add_url, data)
    assert response.status_code == 200  # the form again, with the field's error
    assert "unit" in response.context["form"].errors
    assert not Cycle.objects.filter(unit=cu_chi, year=2027).exists()
