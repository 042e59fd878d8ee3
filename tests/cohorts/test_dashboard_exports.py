"""The dashboard's Excel export and its charts."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cohorts.charts import bar_chart, line_chart
from cohorts.exports import cell_safe
from people.models import AccessLog
from tests.cohorts.dashboard_data import RIGHT, WRONG, answer, class_build

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+84912", "'+84912"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        (42, 42),
    ],
)
def test_formula_looking_cells_are_written_as_text(value, expected):
    assert cell_safe(value) == expected


def test_the_export_holds_the_filtered_matrix_escaped(client, trainer, cu_chi_hamlet, make_citizen):
    cohort, _course, iris = class_build(unit=cu_chi_hamlet, trainer=trainer)
    sly = make_citizen(cu_chi_hamlet).user
    sly.full_name = '=HYPERLINK("http://evil","bấm")'
    sly.save()
    plain = make_citizen(cu_chi_hamlet).user
    plain.full_name = "Trần Thị Bình"
    plain.save()
    cohort.members.add(sly, plain)
    answer(plain, iris[0], RIGHT)
    answer(plain, iris[1], WRONG)
    client.force_login(trainer)
    url = reverse("classes:dashboard_export", args=[cohort.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    by_name = {row[0]: row for row in rows}
    assert '\'=HYPERLINK("http://evil","bấm")' in by_name
    bình = by_name["Trần Thị Bình"]
    assert bình[3] == 33  # one of three required activities passed
    assert bình[7].startswith("Đạt 100%") and bình[8].startswith("Chưa đạt 67%")
    assert bình[9] == "Chưa làm"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert AccessLog.objects.filter(actor=trainer, action="export_cohort_dashboard").exists()

    only = load_workbook(io.BytesIO(client.get(url, {"q": "binh"}).content)).active
    assert [r[0] for r in only.iter_rows(min_row=4, values_only=True)] == ["Trần Thị Bình"]


def test_charts_are_accessible_svg_with_escaped_text():
    svg = bar_chart(
        chart_id="c1", title="Tiến độ theo ấp", desc="Ấp <b>Chợ</b>: 40%",
        bars=[("Ấp <script>", 40, "2/5 xong")],
    )  # fmt: skip
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Tiến độ theo ấp</title>' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;" in svg
    line = line_chart(
        chart_id="c2", title="Hoàn thành", desc="…", points=[("01/12", 0), ("08/12", 3)], total=10
    )
    assert line.count("<circle") == 2 and "<desc" in line and 'viewBox="0 0 360' in line
    assert "<circle" not in line_chart(chart_id="c3", title="t", desc="d", points=[])
