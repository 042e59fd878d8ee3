"""Server-side SVG charts: accessible names, escaped labels, target marks."""

from decimal import Decimal

from defusedxml import ElementTree

from programme.charts import campaign_curve, progress_bars

SVG = "{http://www.w3.org/2000/svg}"


def test_bars_are_an_accessible_image_with_targets_and_escaped_labels():
    svg = progress_bars(
        items=[("Xã <script>", Decimal("62.5"), Decimal("80")), ("Thái Mỹ", None, None)],
        title="T2",
    )
    root = ElementTree.fromstring(str(svg))
    assert root.get("role") == "img"
    labelled = root.get("aria-labelledby").split()
    assert [root.find(f"{SVG}title").get("id"), root.find(f"{SVG}desc").get("id")] == labelled
    desc = root.find(f"{SVG}desc").text
    assert "62,5%" in desc and "chỉ tiêu 80%" in desc and "chưa tính" in desc
    assert len(root.findall(f"{SVG}line[@class='target']")) == 1
    assert "<script>" not in str(svg)


def test_curve_runs_cumulatively_and_describes_the_peak():
    points = [{"month": m, "sent": 10 * m, "recognised": 0, "sent_month": 10,
               "recognised_month": 0} for m in range(1, 13)]  # fmt: skip
    points[8]["sent_month"] = 40
    root = ElementTree.fromstring(str(campaign_curve(points=points, title="Tiến độ")))
    assert "tháng 9 (40 hồ sơ)" in root.find(f"{SVG}desc").text
    assert root.find(f"{SVG}path[@class='line-sent']") is not None
