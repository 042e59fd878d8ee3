"""Charts drawn on the server as accessible SVG: no script, readable when printed.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that say what it shows
in words; the page puts the same figures in a table next to it (the fallback for screen readers
and for copying). Colours are never the only carrier: the target is a black mark with its value,
the recognised line is dashed. Pure functions: figures in, markup out.
"""

from decimal import Decimal
from html import escape
from itertools import count

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

_ids = count(1)


def _num(value) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _short(label: str) -> str:
    """Unit names are long ("Xã Phú Hòa Đông"): drop the kind, then cut at 18 characters."""
    for kind in ("Xã ", "Phường ", "Thị trấn "):
        label = label.removeprefix(kind)
    return label if len(label) <= 18 else label[:17] + "…"


def _frame(*, width: int, height: int, title: str, desc: str, body: str, cls: str) -> str:
    n = next(_ids)
    return mark_safe(  # noqa: S308  (every text inside went through escape())
        f'<svg class="chart {cls}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-t{n} chart-d{n}" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-t{n}">{escape(title)}</title><desc id="chart-d{n}">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def progress_bars(*, items: list[tuple[str, Decimal | None, Decimal | None]], title: str) -> str:
    """Horizontal bars: one per (label, rate %, target %); a mark shows each target."""
    label_w, bar_w, row_h, top = 150, 260, 32, 28
    width, height = label_w + bar_w + 64, top + row_h * len(items) + 24
    parts, words = [], []
    for step in (0, 25, 50, 75, 100):
        x = label_w + bar_w * step / 100
        parts.append(
            f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{height - 22}" class="grid"/>'
            f'<text x="{x}" y="{height - 6}" class="axis" text-anchor="middle">{step}%</text>'
        )
    for i, (label, rate, target) in enumerate(items):
        y = top + i * row_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" class="label" text-anchor="end">'
            f"{escape(_short(label))}</text>"
        )
        if rate is None:
            parts.append(
                f'<text x="{label_w + 4}" y="{y + 15}" class="value">'
                + escape(_("chưa tính"))
                + "</text>"
            )
            words.append(_("%(unit)s: chưa tính được tỷ lệ") % {"unit": label})
        else:
            w = bar_w * float(min(rate, Decimal(100))) / 100
            reached = target is not None and rate >= target
            parts.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="16" '
                f'class="bar {"bar-ok" if reached else "bar-short"}"/>'
                f'<text x="{label_w + bar_w + 8}" y="{y + 15}" class="value">{_num(rate)}%</text>'
            )
            words.append(f"{label}: {_num(rate)}%")
        if target is not None and Decimal(0) <= target <= Decimal(100):
            x = label_w + bar_w * float(target) / 100
            parts.append(
                f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 22}" class="target"/>'
                f'<path d="M{x - 4:.1f},{y} L{x + 4:.1f},{y} L{x:.1f},{y + 5} Z" '
                'class="target-head"/>'
            )
            words[-1] += " " + _("(chỉ tiêu %(t)s%%)") % {"t": _num(target)}
    parts.append(
        '<text x="0" y="15" class="legend">'
        + escape(_("Thanh: tỷ lệ đạt; vạch đen: chỉ tiêu"))
        + "</text>"
    )
    return _frame(width=width, height=height, title=title, desc="; ".join(words) + ".",
                  body="".join(parts), cls="chart-bars")  # fmt: skip


def campaign_curve(*, points: list[dict], title: str) -> str:
    """Running totals month by month: applications sent (solid) and recognised (dashed)."""
    width, height, left, right, top, bottom = 480, 250, 44, 12, 44, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max([p["sent"] for p in points] + [p["recognised"] for p in points] + [1])
    scale = _nice(top_value)

    def xy(i, value):
        return left + plot_w * i / 11, top + plot_h * (1 - value / scale)

    parts = []
    for k in range(5):
        value = scale * k / 4
        _x, y = xy(0, value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" class="axis" text-anchor="end">'
            f"{int(value)}</text>"
        )
    for i, point in enumerate(points):
        x, _y = xy(i, 0)
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" class="axis" text-anchor="middle">'
            f"{point['month']}</text>"
        )
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{height - 4}" class="axis" text-anchor="middle">'
        + escape(_("Tháng"))
        + "</text>"
    )
    for key, cls in (("sent", "line-sent"), ("recognised", "line-recognised")):
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{xy(i, p[key])[0]:.1f},{xy(i, p[key])[1]:.1f}"
            for i, p in enumerate(points)
        )
        parts.append(f'<path d="{path}" class="{cls}" fill="none"/>')
    parts.append(
        '<line x1="0" y1="10" x2="24" y2="10" class="line-sent"/>'
        '<text x="30" y="15" class="legend">' + escape(_("Hồ sơ đã gửi (cộng dồn)")) + "</text>"
        '<line x1="0" y1="30" x2="24" y2="30" class="line-recognised"/>'
        '<text x="30" y="35" class="legend">' + escape(_("Đã công nhận (cộng dồn)")) + "</text>"
    )
    last = points[-1] if points else {"sent": 0, "recognised": 0}
    peak = max(points, key=lambda p: p["sent_month"]) if points else None
    desc = _(
        "Đến tháng 12: %(sent)s hồ sơ đã gửi, %(rec)s người được công nhận. Gửi nhiều nhất vào "
        "tháng %(month)s (%(count)s hồ sơ)."
    ) % {
        "sent": last["sent"],
        "rec": last["recognised"],
        "month": peak["month"] if peak else "—",
        "count": peak["sent_month"] if peak else 0,
    }
    return _frame(width=width, height=height, title=title, desc=desc, body="".join(parts),
                  cls="chart-curve")  # fmt: skip


def _nice(value: int) -> int:
    """A round top for the axis (10, 20, 50, 100, 200, …) at or above ``value``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if value <= 10 * step * factor:
                return 10 * step * factor
        step *= 10
