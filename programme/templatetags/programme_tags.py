"""Filters and tags of the report pages (cheaper than an include per table cell)."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def pct(value) -> str:
    """A rate as "76,1%" (one decimal, Vietnamese comma); "—" when it cannot be computed."""
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", ",") + "%"


@register.filter
def num(value) -> str:
    """A percentage figure without trailing zeros ("80", "22,5"), Vietnamese comma."""
    if value is None:
        return "—"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _target(fig) -> str:
    if fig.target_ok:
        return num(fig.target) + "%"
    return "—" if fig.target is None else f"⚠ {num(fig.target)}%"


def _gap(fig) -> str:
    if fig.gap is None:
        return "—"
    return "✓" if fig.gap == 0 else num(fig.gap)


@register.simple_tag
def report_lines(lines, check_label, reform_label, entered_label) -> str:
    """The rows of one target's table: (row, figure) pairs, the first one the total.

    Built here rather than in the template: a city table is 169 rows × 5 targets, and a
    template loop resolving a dozen variables per row was most of the page's time. Every text
    goes through escape()."""
    check, reform, entered = escape(check_label), escape(reform_label), escape(entered_label)
    out = []
    for i, (row, fig) in enumerate(lines):
        name = escape(row.name)
        head = f'<a href="{escape(row.link)}">{name}</a>' if getattr(row, "link", "") else name
        if fig.flags:
            head += f' <span class="flag-mark" title="{check}">⚠</span>'
        elif row.flags:
            head += f' <span class="reform-mark" title="{reform}">*</span>'
        cls = ("total" if i == 0 else "") + (" flagged" if fig.flags else "")
        source = f' <span class="source">{entered}</span>' if fig.source != "counted" else ""
        out.append(
            f'<tr class="{cls}"><th scope="row">{head}</th><td>{fig.numerator}</td>'
            f"<td>{fig.denominator}{source}</td><td>{pct(fig.rate)}</td>"
            f"<td>{_target(fig)}</td><td>{_gap(fig)}</td><td>{pct(fig.last_rate)}</td></tr>"
        )
    return mark_safe("\n".join(out))  # noqa: S308  (every text above went through escape())
