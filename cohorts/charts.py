"""Small charts drawn on the server as accessible SVG: ``role="img"`` with a ``<title>`` and a
``<desc>`` that says what the chart shows in words (the page puts the figures in a table
beside it). The viewBox is phone-sized (360 units wide) and the image scales to its box, so the
text stays readable at 390 px. No Django models here: figures in, markup out.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 360
FONT = 13
ACCENT = "#1b5e20"
MUTED = "#55504c"
GRID = "#d6d0ca"


def _svg(*, chart_id: str, title: str, desc: str, height: int, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 (every text inside went through escape())
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'preserveAspectRatio="xMidYMid meet" font-family="inherit" font-size="{FONT}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _nice_max(value: int) -> int:
    for step in (5, 10, 20, 25, 50, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 5000, 10000):
        if value <= step:
            return step
    return value


def line_chart(
    *, chart_id: str, title: str, desc: str, points: list[tuple[str, int]], total: int | None = None
) -> SafeString:
    """A cumulative line over labelled points (e.g. weeks), with the total as a dashed line."""
    height, left, right, top, bottom = 220, 36, 12, 14, 34
    top_value = _nice_max(max([v for _l, v in points] + [total or 0, 1]))
    plot_w, plot_h = WIDTH - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / top_value

    body = []
    for tick in (0, top_value // 2, top_value):
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}"/><text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'fill="{MUTED}">{tick}</text>'
        )
    if total:
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y(total):.1f}" y2="{y(total):.1f}" '
            f'stroke="{MUTED}" stroke-dasharray="4 3"/>'
        )
    if points:
        path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_l, v) in enumerate(points))
        body.append(f'<polyline points="{path}" fill="none" stroke="{ACCENT}" stroke-width="2.5"/>')
        for i, (_label, value) in enumerate(points):
            body.append(f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="3" fill="{ACCENT}"/>')
        shown = {0, len(points) - 1, (len(points) - 1) // 2}
        for i in sorted(shown):
            anchor = "start" if i == 0 else "end" if i == len(points) - 1 else "middle"
            if len(points) == 1:
                anchor = "middle"
            body.append(
                f'<text x="{x(i):.1f}" y="{height - 12}" text-anchor="{anchor}" '
                f'fill="{MUTED}">{escape(points[i][0])}</text>'
            )
        last = points[-1][1]
        body.append(
            f'<text x="{x(len(points) - 1) - 6:.1f}" y="{y(last) - 8:.1f}" text-anchor="end" '
            f'font-weight="bold" fill="{ACCENT}">{last}</text>'
        )
    return _svg(chart_id=chart_id, title=title, desc=desc, height=height, body=body)


def bar_chart(
    *, chart_id: str, title: str, desc: str, bars: list[tuple[str, int, str]], unit: str = "%"
) -> SafeString:
    """Horizontal bars, 0–100, each with its label above it and its value (plus a note, e.g.
    "12 học viên") at its end: long hamlet names never squeeze the bars on a phone."""
    row_h, top = 40, 6
    height = top + row_h * max(len(bars), 1) + 4
    plot_w = WIDTH - 8
    body = []
    for i, (label, value, note) in enumerate(bars):
        y0 = top + i * row_h
        width = max(0.0, min(100.0, float(value))) * (plot_w - 110) / 100
        body.append(
            f'<text x="0" y="{y0 + 12}" fill="#1d1b1a">{escape(label)}</text>'
            f'<rect x="0" y="{y0 + 17}" width="{plot_w - 110}" height="14" fill="{GRID}" rx="2"/>'
            f'<rect x="0" y="{y0 + 17}" width="{width:.1f}" height="14" fill="{ACCENT}" rx="2"/>'
            f'<text x="{plot_w - 104}" y="{y0 + 28}" fill="#1d1b1a">'
            f'<tspan font-weight="bold">{value}{escape(unit)}</tspan>'
            f'<tspan fill="{MUTED}"> {escape(note)}</tspan></text>'
        )
    return _svg(chart_id=chart_id, title=title, desc=desc, height=height, body=body)
