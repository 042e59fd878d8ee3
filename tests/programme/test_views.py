"""Report pages: scope, charts, drill-down with the access log, Excel export, figures entry."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from people.models import AccessLog, Role
from programme.models import ContextKind, DeclaredTotal, Target
from programme.services import context_set, person_refresh
from tests.factories import HamletFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def members(cu_chi_hamlet, make_citizen):
    people = [make_citizen(cu_chi_hamlet, user__full_name=f"Hội viên {i}").user for i in range(3)]
    for person in people:
        context_set(person=person, kind=ContextKind.ASSOCIATION_MEMBER)
    person_refresh(person_ids=[p.pk for p in people])
    return people


def test_city_report_for_the_analyst_with_accessible_charts(client, places, members, make_officer):
    client.force_login(make_officer(places.city, role=Role.CITY_ANALYST))
    response = client.get(reverse("programme:index"), {"nam": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') >= 6  # five targets and the monthly curve
    assert "<title id=" in html and "<desc id=" in html and "Bảng số liệu" in html
    assert "Củ Chi" in html and "Tân An Hội" in html


def test_commune_officer_goes_to_their_commune_and_nowhere_else(
    client, cu_chi, tan_an_hoi, members, make_officer
):
    client.force_login(make_officer(cu_chi))
    response = client.get(reverse("programme:index"))
    assert response.url.startswith(reverse("programme:commune", args=[cu_chi.pk]))
    assert client.get(response.url).status_code == 200
    assert client.get(reverse("programme:commune", args=[tan_an_hoi.pk])).status_code == 403
    response = client.get(reverse("programme:export"))
    assert response.status_code == 403  # the city summary is not theirs


def test_a_citizen_gets_no_report(client, cu_chi_hamlet, make_citizen):
    client.force_login(make_citizen(cu_chi_hamlet).user)
    assert client.get(reverse("programme:index")).status_code == 403


def test_hamlet_people_are_listed_in_scope_and_logged(
    client, cu_chi, cu_chi_hamlet, tan_an_hoi, tan_an_hoi_hamlet, members, make_officer
):
    officer = make_officer(cu_chi)
    client.force_login(officer)
    url = reverse("programme:people", args=[cu_chi.pk, cu_chi_hamlet.pk])
    response = client.get(url, {"nam": YEAR})
    assert response.status_code == 200 and "Hội viên 1" in response.content.decode()
    assert AccessLog.objects.filter(actor=officer, action="view_programme_people").count() == 1
    # Another commune's hamlet under this commune's address: refused, and logged as refused.
    other = reverse("programme:people", args=[cu_chi.pk, tan_an_hoi_hamlet.pk])
    assert client.get(other).status_code == 403
    assert AccessLog.objects.filter(actor=officer, allowed=False).count() == 1


def test_excel_summary_opens_back_with_figures_and_escaped_text(
    client, cu_chi, members, make_officer
):
    HamletFactory(parent=cu_chi, name="=SUM(1+1)", kind="")
    client.force_login(make_officer(cu_chi))
    response = client.get(reverse("programme:export"), {"xa": cu_chi.pk, "nam": YEAR})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    cells = {
        (c.row, c.column): c.value for row in sheet.iter_rows() for c in row if c.value is not None
    }
    assert "'=SUM(1+1)" in cells.values()  # a unit name that looks like a formula stays text
    assert any("BÁO CÁO KẾT QUẢ" in str(v) for v in cells.values())
    total_row = next(r for (r, c), v in cells.items() if c == 1 and str(v).startswith("Toàn xã"))
    assert cells[(total_row, 2)] == 0 and cells[(total_row, 3)] == 3  # T1: 0 of 3 trained
    assert not any(str(v).startswith("=") for v in cells.values())


def test_targets_form_saves_with_history_and_refuses_over_100(client, cu_chi, make_officer):
    client.force_login(make_officer(cu_chi))
    url = reverse("programme:figures")
    data = {"form": "targets", "don-vi": cu_chi.pk, "nam": YEAR, "t1": "80", "t2": "30",
            "t3": "60", "t4": "50", "t4_proficient": "60"}  # fmt: skip
    assert client.post(url + f"?nam={YEAR}", data).status_code == 302
    response = client.post(url + f"?nam={YEAR}", {**data, "t2": "130"})
    assert "phải từ 0 đến 100%" in response.content.decode()
    assert Target.objects.get(unit=cu_chi).t2 == 30
    assert Target.objects.get(unit=cu_chi).revisions.count() == 1


def test_totals_upload_with_wrong_columns_says_what_is_expected(client, cu_chi, make_officer):
    client.force_login(make_officer(cu_chi))
    upload = SimpleUploadedFile("tong-so.csv", "Tên,Số người\nCủ Chi,100\n".encode())
    response = client.post(reverse("programme:figures") + f"?nam={YEAR}",
                           {"form": "upload", "don-vi": cu_chi.pk, "file": upload})  # fmt: skip
    html = response.content.decode()
    assert "Bảng tính không đúng mẫu" in html and "Năm" in html
    assert not DeclaredTotal.objects.exists()
