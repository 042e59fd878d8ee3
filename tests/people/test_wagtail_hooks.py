"""The people screens in the Wagtail admin: who sees them, the hamlet import, personal data."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from people.models import AccessLog, AdministrativeUnit, Organisation, Role, UnitLevel
from people.services import access_log_record
from tests.factories import ProfileFactory, RoleAssignmentFactory, UserFactory

LISTINGS = [
    "people_units:index",
    "people_successions:index",
    "people_organisations:index",
    "people_roles:index",
    "people_occupation_groups:index",
    "people_profiles:index",
    "people_access_log:index",
]
CITIZEN_ID = "079190001234"
GROUP_LABEL = "Người dùng và địa bàn"
# The sidebar menu is JSON inside the page, with non-ASCII letters escaped.
GROUP_LABEL_IN_PAGE = json.dumps(GROUP_LABEL)[1:-1]


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def editor(db):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def city_admin(places):
    """Not a superuser: an administrator role over the city, admin access via the Editors
    group (Wagtail's access_admin permission)."""
    assignment = RoleAssignmentFactory(role=Role.ADMINISTRATOR, unit=places.city)
    assignment.user.groups.add(Group.objects.get(name="Editors"))
    return assignment.user


@pytest.fixture
def people_data(cu_chi, cu_chi_hamlet):
    """One row on every screen, with personal data that must not leak into lists."""
    citizen = ProfileFactory(home_unit=cu_chi_hamlet, citizen_id=CITIZEN_ID, year_of_birth=1990)
    Organisation.objects.create(
        name="Hội Khuyến học xã Củ Chi", kind="association_commune", unit=cu_chi
    )
    RoleAssignmentFactory(role=Role.COMMUNE_OFFICER, unit=cu_chi)
    access_log_record(actor=None, action="view_person", subject=citizen.user, detail="test")
    return citizen


def csv_upload(text: str, name: str = "ap.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.mark.parametrize("url_name", LISTINGS)
def test_superuser_opens_every_listing(client, superuser, people_data, url_name):
    client.force_login(superuser)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert CITIZEN_ID not in html
    assert people_data.user.phone not in html
    assert people_data.user.phone[3:] not in html  # not in national form either


def test_profile_list_shows_no_citizen_id_not_even_masked(client, superuser, people_data):
    client.force_login(superuser)
    html = client.get(reverse("people_profiles:index")).content.decode()
    assert people_data.citizen_id_masked not in html
    assert "Số định danh" not in html
    assert people_data.user.full_name in html


def test_units_list_filters_by_level_and_validity(client, superuser, places):
    client.force_login(superuser)
    current = client.get(
        reverse("people_units:index"), {"level": UnitLevel.COMMUNE, "validity": "current"}
    )
    ended = client.get(
        reverse("people_units:index"), {"level": UnitLevel.COMMUNE, "validity": "ended"}
    )
    assert current.status_code == ended.status_code == 200
    assert "Nhuận Đức" in current.content.decode()
    assert "Tân Thông Hội" not in current.content.decode()
    assert "Tân Thông Hội" in ended.content.decode()


def test_units_search_by_code(client, superuser, places):
    client.force_login(superuser)
    html = client.get(reverse("people_units:index"), {"q": "27553"}).content.decode()
    assert "Củ Chi" in html
    assert "Nhuận Đức" not in html


def test_superuser_sees_the_menu_group(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert GROUP_LABEL_IN_PAGE in html
    assert reverse("people_hamlet_import") in html


def test_editor_reaches_the_admin_but_not_the_people_screens(client, editor, people_data):
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert GROUP_LABEL_IN_PAGE not in home.content.decode()
    urls = [reverse(name) for name in LISTINGS] + [
        reverse("people_units:add"),
        reverse("people_units:edit", args=[people_data.home_unit.pk]),
        reverse("people_profiles:edit", args=[people_data.pk]),
        reverse("people_hamlet_import"),
        reverse("people_hamlet_import_template"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response.url == reverse("wagtailadmin_home"), url


def test_editor_cannot_post_an_import(client, editor, cu_chi):
    client.force_login(editor)
    response = client.post(
        reverse("people_hamlet_import"),
        {"file": csv_upload("Mã xã,Tên ấp/khu phố\n27553,Ấp Lén\n")},
    )
    assert response.status_code in (302, 403)
    assert not AdministrativeUnit.objects.filter(name="Ấp Lén").exists()


def test_administrator_role_opens_the_screens_without_being_superuser(client, city_admin):
    client.force_login(city_admin)
    assert client.get(reverse("people_units:index")).status_code == 200
    assert client.get(reverse("people_roles:index")).status_code == 200
    assert client.get(reverse("people_hamlet_import")).status_code == 200
    assert GROUP_LABEL_IN_PAGE in client.get(reverse("wagtailadmin_home")).content.decode()


def test_commune_administrator_sees_only_units_of_the_commune(client, places, cu_chi, tan_an_hoi):
    assignment = RoleAssignmentFactory(role=Role.ADMINISTRATOR, unit=cu_chi)
    assignment.user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(assignment.user)
    html = client.get(reverse("people_units:index"), {"level": UnitLevel.COMMUNE}).content.decode()
    assert "Củ Chi" in html
    assert "Tân An Hội" not in html
    response = client.get(reverse("people_units:edit", args=[tan_an_hoi.pk]))
    assert response.status_code == 404


def test_import_page_links_the_template(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("people_hamlet_import"))
    assert response.status_code == 200
    assert reverse("people_hamlet_import_template") in response.content.decode()


def test_template_is_utf8_csv_with_bom(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("people_hamlet_import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Mã xã,Tên xã,Tên ấp/khu phố,Loại,Từ ngày,Mã"
    assert len(lines) == 2


def test_uploading_the_filled_template_creates_hamlets(client, superuser, cu_chi):
    client.force_login(superuser)
    template = client.get(reverse("people_hamlet_import_template")).content.decode("utf-8-sig")
    header = template.splitlines()[0]
    text = f"{header}\n27553,Củ Chi,Ấp Phú Lợi,ấp,01/07/2025,\n,Củ Chi,Khu phố Chợ,khu phố,,\n"
    response = client.post(reverse("people_hamlet_import"), {"file": csv_upload("\ufeff" + text)})
    assert response.status_code == 200
    html = response.content.decode()
    hamlets = AdministrativeUnit.objects.filter(parent=cu_chi, level=UnitLevel.HAMLET)
    assert set(hamlets.values_list("name", flat=True)) >= {"Ấp Phú Lợi", "Khu phố Chợ"}
    assert hamlets.get(name="Khu phố Chợ").kind == "khu phố"
    assert "Ấp Phú Lợi" in html
    assert "Thêm mới (2)" in html

    again = client.post(reverse("people_hamlet_import"), {"file": csv_upload(text)})
    assert "Đã có từ trước, giữ nguyên (2)" in again.content.decode()
    assert hamlets.count() == 2


def test_a_bad_file_shows_every_error_and_creates_nothing(client, superuser, cu_chi):
    client.force_login(superuser)
    before = AdministrativeUnit.objects.count()
    text = (
        "Mã xã,Tên ấp/khu phố,Từ ngày\n"
        "27553,Ấp Đúng,01/07/2025\n"
        "99999,Ấp Sai Mã,\n"
        "27553,,\n"
        "27553,Ấp Sai Ngày,31/02/2025\n"
    )
    response = client.post(reverse("people_hamlet_import"), {"file": csv_upload(text)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa có gì được ghi" in html
    assert "Dòng 3" in html and "99999" in html
    assert "Dòng 4" in html
    assert "Dòng 5" in html
    assert AdministrativeUnit.objects.count() == before


def test_a_wrong_file_type_is_refused(client, superuser, cu_chi):
    client.force_login(superuser)
    upload = SimpleUploadedFile("ap.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(reverse("people_hamlet_import"), {"file": upload})
    assert "Chỉ nhận tệp .xlsx hoặc .csv." in response.content.decode()


def test_access_log_is_read_only(client, superuser, people_data):
    for view in ("add", "edit", "delete"):
        with pytest.raises(NoReverseMatch):
            reverse(f"people_access_log:{view}", args=[] if view == "add" else [1])
    client.force_login(superuser)
    log = AccessLog.objects.first()
    listing = client.get(reverse("people_access_log:index"))
    assert listing.status_code == 200
    assert "/admin/people/access-log/new/" not in listing.content.decode()
    for path in ("new/", f"edit/{log.pk}/", f"delete/{log.pk}/"):
        response = client.get(f"/admin/people/access-log/{path}")
        assert response.status_code in (403, 404), path
    assert client.post(f"/admin/people/access-log/delete/{log.pk}/").status_code in (403, 404)
    assert AccessLog.objects.filter(pk=log.pk).exists()


def test_profile_edit_keeps_the_citizen_id_out_of_the_page(client, superuser, people_data):
    client.force_login(superuser)
    url = reverse("people_profiles:edit", args=[people_data.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert CITIZEN_ID not in html
    assert people_data.citizen_id_masked in html
    assert AccessLog.objects.filter(actor=superuser, subject=people_data.user).exists()

    response = client.post(
        url,
        {
            "full_name": "Trần Thị Mới",
            "year_of_birth": "1990",
            "gender": "female",
            "home_unit": str(people_data.home_unit_id),
            "citizen_id": "",
        },
    )
    assert response.status_code == 302
    people_data.refresh_from_db()
    people_data.user.refresh_from_db()
    assert people_data.citizen_id == CITIZEN_ID  # empty box keeps the stored number
    assert people_data.user.full_name == "Trần Thị Mới"
    assert AccessLog.objects.filter(actor=superuser, action="edit_person").exists()


def test_profiles_cannot_be_added_or_deleted_here(client, superuser, people_data):
    client.force_login(superuser)
    listing = client.get(reverse("people_profiles:index")).content.decode()
    assert reverse("people_profiles:add") not in listing
    assert client.get(reverse("people_profiles:add")).status_code in (302, 403)
    delete = reverse("people_profiles:delete", args=[people_data.pk])
    assert client.post(delete).status_code in (302, 403)
    people_data.refresh_from_db()


def test_create_a_unit_through_the_form(client, superuser, cu_chi):
    client.force_login(superuser)
    response = client.post(
        reverse("people_units:add"),
        {"name": "Ấp Mới", "kind": "ấp", "level": UnitLevel.HAMLET, "parent": cu_chi.pk},
    )
    assert response.status_code == 302
    unit = AdministrativeUnit.objects.get(name="Ấp Mới")
    assert unit.path.startswith(cu_chi.path)


def test_unit_form_refuses_a_parent_below_it(client, superuser, cu_chi, cu_chi_hamlet):
    client.force_login(superuser)
    response = client.post(
        reverse("people_units:edit", args=[cu_chi.pk]),
        {
            "name": cu_chi.name, "kind": cu_chi.kind, "level": UnitLevel.COMMUNE,
            "code": cu_chi.code, "valid_from": "2025-07-01", "parent": cu_chi_hamlet.pk,
        },
    )  # fmt: skip
    assert response.status_code == 200
    cu_chi.refresh_from_db()
    assert cu_chi.parent_id != cu_chi_hamlet.pk


def test_deleting_a_unit_still_in_use_is_refused_politely(client, superuser, cu_chi, cu_chi_hamlet):
    client.force_login(superuser)
    response = client.post(reverse("people_units:delete", args=[cu_chi.pk]), follow=True)
    assert response.status_code == 200
    assert "Không xóa được" in response.content.decode()
    assert AdministrativeUnit.objects.filter(pk=cu_chi.pk).exists()


def test_role_assignment_records_who_granted_it(client, superuser, cu_chi):
    officer = UserFactory()
    client.force_login(superuser)
    response = client.post(
        reverse("people_roles:add"),
        {"user": officer.pk, "role": Role.BRANCH_OFFICER, "unit": cu_chi.pk},
    )
    assert response.status_code == 302
    assignment = officer.role_assignments.get()
    assert assignment.granted_by == superuser
    form_page = client.get(reverse("people_roles:add")).content.decode()
    assert officer.phone not in form_page
