"""The report's table rows built by a tag render as the template loop they replaced did."""

import re
from decimal import Decimal

from django.template import Context, Template

from programme.selectors import Figure, Row

# The loop report.html used before report_lines (kept here as the reference markup).
LOOP = Template(
    """{% load programme_tags %}{% for row, fig in lines %}
          <tr class="{% if forloop.first %}total{% endif %}{% if fig.flags %} flagged{% endif %}">
            <th scope="row">{% if row.link %}<a href="{{ row.link }}">{{ row.name }}</a>{% else %}{{ row.name }}{% endif %}{% if fig.flags %} <span class="flag-mark" title="{{ check_label }}">⚠</span>{% elif row.flags %} <span class="reform-mark" title="{{ reform_label }}">*</span>{% endif %}</th>
            <td>{{ fig.numerator }}</td>
            <td>{{ fig.denominator }}{% if fig.source != "counted" %} <span class="source">{{ entered_label }}</span>{% endif %}</td>
            <td>{{ fig.rate|pct }}</td>
            <td>{% if fig.target_ok %}{{ fig.target|num }}%{% elif fig.target is not None %}⚠ {{ fig.target|num }}%{% else %}—{% endif %}</td>
            <td>{% if fig.gap is None %}—{% elif fig.gap == 0 %}✓{% else %}{{ fig.gap|num }}{% endif %}</td>
            <td>{{ fig.last_rate|pct }}</td>
          </tr>{% endfor %}"""  # noqa: E501
)
TAG = Template(
    "{% load programme_tags %}{% report_lines lines check_label reform_label entered_label %}"
)


def _row(name, link="", flags=(), **figure):
    row = Row(None, name, {"t1": Figure(code="t1", **figure)}, list(flags))
    row.link = link
    return row


def _html(text: str) -> str:
    return re.sub(r">\s+<", "><", text).strip()


def test_report_lines_match_the_template_loop_they_replaced():
    rows = [
        _row("Toàn thành phố", numerator=120, denominator=200, target=Decimal("80"),
             last_rate=Decimal("41.5")),
        _row("Xã <Củ Chi> & “Tân”", link="/can-bo/bao-cao/xa/7/?nam=2025&a=1", numerator=3,
             denominator=4, target=Decimal("50")),
        _row("Ấp 'Cũ'", flags=["sắp xếp lại"], numerator=0, denominator=0),
        _row("Phường Thử", numerator=9, denominator=5, target=Decimal("130"), source="entered",
             flags=["x"]),
        _row("Ấp Mới", numerator=5, denominator=10, target=Decimal("22.5")),
    ]  # fmt: skip
    rows[3].figures["t1"].flags.append("Mẫu số nhỏ hơn tử số")
    context = {
        "lines": [(row, row.figures["t1"]) for row in rows],
        "check_label": "Số liệu cần kiểm tra lại",
        "reform_label": "Đơn vị được sắp xếp lại <trong năm>",
        "entered_label": "xã nhập",
    }
    expected, got = LOOP.render(Context(context)), TAG.render(Context(context))
    assert _html(got) == _html(expected)
    # The cases above are all there: escaped text, the flag, the reform mark, the entered
    # source, a reached target, an out-of-range target, no rate.
    for piece in ("&lt;Củ Chi&gt; &amp;", "flag-mark", "reform-mark", "xã nhập", "✓", "⚠ 130%",
                  "&amp;a=1", "—"):  # fmt: skip
        assert piece in got, piece
