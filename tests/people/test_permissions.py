"""people.permissions: roles reach their unit's subtree and the units it succeeded — at list
level, at object level, and through the officer pages (with the access log)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from people.models import AccessLog, Role
from people.permissions import (
    permission_register,
    profiles_visible_to,
    unit_ids_for,
    units_visible_to,
    user_can,
)
from tests.factories import HamletFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_citizen, cu_chi_hamlet, ap_trung, khu_pho_7, tan_an_hoi_hamlet):
    """One citizen in each place that matters for xã Củ Chi's officer."""
    return {
        "cu_chi": make_citizen(cu_chi_hamlet),  # a hamlet of the new xã Củ Chi
        "ap_trung": make_citizen(ap_trung),  # old Tân Thông Hội → xã Củ Chi
        "khu_pho_7": make_citizen(khu_pho_7),  # old thị trấn Củ Chi → xã Tân An Hội
        "tan_an_hoi": make_citizen(tan_an_hoi_hamlet),
    }


@pytest.fixture
def commune_officer(make_officer, cu_chi):
    return make_officer(cu_chi, Role.COMMUNE_OFFICER)


def test_commune_officer_sees_own_hamlets_and_succeeded_units_only(commune_officer, people):
    visible = set(profiles_visible_to(user=commune_officer))
    assert people["cu_chi"] in visible
    assert people["ap_trung"] in visible
    assert people["khu_pho_7"] not in visible  # the *old* Củ Chi went to Tân An Hội
    assert people["tan_an_hoi"] not in visible


def test_commune_officer_object_level(commune_officer, people):
    def can(key):
        return user_can(user=commune_officer, action="people.view_person", obj=people[key])

    assert can("cu_chi") and can("ap_trung")
    assert not can("khu_pho_7") and not can("tan_an_hoi")
    # Asking about the User instead of the Profile gives the same answers.
    assert user_can(user=commune_officer, action="people.view_person", obj=people["ap_trung"].user)
    assert not user_can(
        user=commune_officer, action="people.view_person", obj=people["khu_pho_7"].user
    )


def test_officer_of_the_other_commune_sees_the_other_side(make_officer, tan_an_hoi, people):
    officer = make_officer(tan_an_hoi, Role.COMMUNE_OFFICER)
    visible = set(profiles_visible_to(user=officer))
    assert visible >= {people["khu_pho_7"], people["tan_an_hoi"]}
    assert not visible & {people["cu_chi"], people["ap_trung"]}


def test_branch_officer_sees_one_hamlet(make_officer, make_citizen, cu_chi, people):
    hamlet = people["cu_chi"].home_unit
    neighbour = make_citizen(HamletFactory(parent=cu_chi, name="Ấp Bên Cạnh"))
    officer = make_officer(hamlet, Role.BRANCH_OFFICER)
    assert set(profiles_visible_to(user=officer)) == {people["cu_chi"]}
    assert user_can(user=officer, action="people.view_person", obj=people["cu_chi"])
    assert not user_can(user=officer, action="people.view_person", obj=neighbour)
    assert not user_can(user=officer, action="people.view_person", unit=cu_chi)


def test_roles_grant_only_their_actions(make_officer, cu_chi, people):
    editor = make_officer(cu_chi, Role.EDITOR)
    assert not user_can(user=editor, action="people.view_person", obj=people["cu_chi"])
    assert profiles_visible_to(user=editor).count() == 0
    assert user_can(user=editor, action="cms.edit")
    approver = make_officer(cu_chi, Role.COMMUNE_APPROVER)
    assert user_can(user=approver, action="people.view_person", obj=people["ap_trung"])
    assert not user_can(user=approver, action="people.register_assisted", unit=cu_chi)


def test_expired_role_grants_nothing(make_officer, cu_chi, people):
    officer = make_officer(cu_chi, Role.COMMUNE_OFFICER)
    officer.role_assignments.update(valid_until=timezone.localdate() - timedelta(days=1))
    assert not user_can(user=officer, action="people.view_person", obj=people["cu_chi"])
    assert profiles_visible_to(user=officer).count() == 0


def test_inactive_and_anonymous_users_can_do_nothing(make_officer, cu_chi, people):
    officer = make_officer(cu_chi, Role.COMMUNE_OFFICER)
    officer.is_active = False
    officer.save()
    for user in (officer, AnonymousUser(), None):
        assert not user_can(user=user, action="people.view_person", obj=people["cu_chi"])
        assert unit_ids_for(user=user, action="people.view_person") == []
        assert profiles_visible_to(user=user).count() == 0


def test_superuser_sees_all(people):
    boss = UserFactory(is_superuser=True)
    assert set(profiles_visible_to(user=boss)) >= set(people.values())
    assert unit_ids_for(user=boss, action="people.view_person") is None
    assert all(
        user_can(user=boss, action="people.edit_person", obj=profile) for profile in people.values()
    )


def test_unknown_action_raises(commune_officer):
    with pytest.raises(ValueError, match=r"people\.veiw_person"):
        user_can(user=commune_officer, action="people.veiw_person")
    with pytest.raises(ValueError):
        profiles_visible_to(user=commune_officer, action="nope")
    with pytest.raises(ValueError):
        user_can(user=AnonymousUser(), action="nope")


def test_permission_register_widens_roles(make_officer, cu_chi, monkeypatch):
    from people import permissions

    monkeypatch.setattr(permissions, "ACTIONS", dict(permissions.ACTIONS))  # undone after
    trainer = make_officer(cu_chi, Role.TRAINER)
    action = "tests.widen_demo"
    permission_register(action, {Role.ADMINISTRATOR})
    assert not user_can(user=trainer, action=action, unit=cu_chi)
    permission_register(action, {Role.TRAINER})
    assert user_can(user=trainer, action=action, unit=cu_chi)


def test_object_without_a_place_needs_an_administrator(commune_officer, make_officer, places):
    from tests.factories import ProfileFactory

    homeless = ProfileFactory(home_unit=None)
    assert not user_can(user=commune_officer, action="people.view_person", obj=homeless)
    admin = make_officer(places.city, Role.ADMINISTRATOR)
    assert user_can(user=admin, action="people.view_person", obj=homeless)


def test_units_visible_to_includes_old_units(commune_officer, places, ap_trung, khu_pho_7):
    units = set(units_visible_to(user=commune_officer, action="people.view_person"))
    assert {places.new("Củ Chi"), places.old("27556"), ap_trung} <= units
    assert places.old("27496") not in units and khu_pho_7 not in units


# --- Through the officer pages -----------------------------------------------------------------


def test_people_list_page_is_scoped(client, commune_officer, people):
    client.force_login(commune_officer)
    response = client.get(reverse("people:people_list"))
    assert response.status_code == 200
    listed = set(response.context["page"].object_list)
    assert listed == {people["cu_chi"], people["ap_trung"]}
    html = response.content.decode()
    assert people["ap_trung"].user.full_name in html
    assert people["khu_pho_7"].user.full_name not in html
    assert "Người dân trong địa bàn" in html


def test_people_list_search_by_name_and_phone(client, commune_officer, people):
    client.force_login(commune_officer)
    target = people["ap_trung"].user
    by_phone = client.get(reverse("people:people_list"), {"q": "0" + target.phone[3:]})
    assert list(by_phone.context["page"].object_list) == [people["ap_trung"]]
    by_name = client.get(reverse("people:people_list"), {"q": target.full_name})
    assert list(by_name.context["page"].object_list) == [people["ap_trung"]]
    outsider = people["tan_an_hoi"].user
    hidden = client.get(reverse("people:people_list"), {"q": outsider.full_name})
    assert list(hidden.context["page"].object_list) == []


@pytest.mark.parametrize(("key", "status"), [("ap_trung", 200), ("cu_chi", 200),
                                             ("khu_pho_7", 404), ("tan_an_hoi", 404)])  # fmt: skip
def test_person_detail_is_scoped_and_logged(client, commune_officer, people, key, status):
    client.force_login(commune_officer)
    profile = people[key]
    response = client.get(reverse("people:person_detail", args=[profile.pk]))
    assert response.status_code == status
    log = AccessLog.objects.get(actor=commune_officer, subject=profile.user)
    assert log.action == "view_person"
    assert log.allowed is (status == 200)
    assert log.ip_address == "127.0.0.1"
    if status == 200:
        assert profile.user.full_name in response.content.decode()
        # The page names today's commune for a person filed under an old one.
        assert response.context["commune"].name == "Củ Chi"


def test_branch_officer_cannot_open_a_neighbouring_hamlet(client, make_officer, people, cu_chi):
    officer = make_officer(people["cu_chi"].home_unit, Role.BRANCH_OFFICER)
    client.force_login(officer)
    assert (
        client.get(reverse("people:person_detail", args=[people["cu_chi"].pk])).status_code == 200
    )
    other = client.get(reverse("people:person_detail", args=[people["ap_trung"].pk]))
    assert other.status_code == 404
    assert AccessLog.objects.filter(actor=officer, allowed=False).count() == 1


def test_officer_pages_redirect_anonymous_users_to_login(client, people):
    for url in (
        reverse("people:people_list"),
        reverse("people:person_detail", args=[people["cu_chi"].pk]),
        reverse("people:assisted_register"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert f"next={url}" in response["Location"]
    assert not AccessLog.objects.exists()


def test_citizens_without_a_role_are_refused(client, people):
    client.force_login(people["cu_chi"].user)
    assert client.get(reverse("people:people_list")).status_code == 403
    response = client.get(reverse("people:person_detail", args=[people["ap_trung"].pk]))
    assert response.status_code == 403
