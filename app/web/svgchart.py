"""A model's price history as an SVG step chart, drawn on the server: no JavaScript, no CDN.

Prices hold until they change, so each series is a step line that runs on to now; the time axis spans at
least a week so one observation is not stretched over years; series differ by colour *and* dash, so equal
input and output lines stay visible; the legend sits under the plot, never over the data.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from html import escape

from bot.series import Series

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 16, 40  # the plot's margins inside the picture
LEGEND_ROW = 22
MIN_SPAN = timedelta(days=7)


def step_chart(series: list[Series], *, now: datetime, currency_caption: str, now_label: str = "now") -> str:
    """The SVG document for SERIES, each drawn as steps from its first point to NOW."""
    series = [s for s in series if s.points]
    start = min((s.points[0][0] for s in series), default=now - MIN_SPAN)
    start = min(start, now - MIN_SPAN)
    top_price = max((float(p) for s in series for _, p in s.points), default=1.0) or 1.0
    top_price = _nice_ceiling(top_price * 1.1)
    legend_rows = (len(series) + 2) // 3
    height = HEIGHT + legend_rows * LEGEND_ROW
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(moment: datetime) -> float:
        return LEFT + plot_w * (moment - start) / (now - start)

    def y(price: Decimal | float) -> float:
        return TOP + plot_h * (1 - float(price) / top_price)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" class="price-chart" font-family="sans-serif" font-size="12">',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#fff" stroke="#ccc"/>',
    ]
    parts += _y_axis(top_price, y, plot_w, currency_caption)
    parts += _x_axis(start, now, x, plot_h, now_label)
    for index, s in enumerate(series):
        colour, pattern = s.style(index)
        dash = " ".join(f"{n:g}" for n in pattern)
        path = _steps(s.points, now, x, y)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<path class="series" d="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}>'
            f"<title>{escape(s.label)}</title></path>"
        )
        for moment, price in s.points:
            parts.append(f'<circle cx="{x(moment):.1f}" cy="{y(price):.1f}" r="3.5" fill="{colour}"/>')
        parts.append(_legend_item(index, s.label, colour, dash))
    parts.append("</svg>")
    return "\n".join(parts)


def _steps(points: list[tuple[datetime, Decimal]], now: datetime, x, y) -> str:  # noqa: ANN001
    (first_at, first_price), *rest = points
    path = [f"M{x(first_at):.1f},{y(first_price):.1f}"]
    for moment, price in rest:
        path.append(f"H{x(moment):.1f}V{y(price):.1f}")
    path.append(f"H{x(now):.1f}")
    return "".join(path)


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above VALUE: axis ticks at round numbers."""
    magnitude = 10 ** _floor_log10(value)
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _floor_log10(value: float) -> int:
    exponent = 0
    while value >= 10:
        value, exponent = value / 10, exponent + 1
    while value < 1:
        value, exponent = value * 10, exponent - 1
    return exponent


def _y_axis(top_price: float, y, plot_w: int, caption: str) -> list[str]:  # noqa: ANN001
    parts = []
    for i in range(5):
        price = top_price * i / 4
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(price):.1f}" y2="{y(price):.1f}" stroke="#eee"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(price) + 4:.1f}" text-anchor="end">{price:g}</text>')
    parts.append(f'<text x="{LEFT}" y="{TOP - 4}" fill="#555">{escape(caption)}</text>')
    return parts


def _x_axis(start: datetime, now: datetime, x, plot_h: int, now_label: str) -> list[str]:  # noqa: ANN001
    parts, base = [], TOP + plot_h
    for i in range(5):
        moment = start + (now - start) * i / 4
        label = now_label if i == 4 else f"{moment:%Y-%m-%d}"
        anchor = "end" if i == 4 else "middle" if i else "start"
        parts.append(f'<line x1="{x(moment):.1f}" x2="{x(moment):.1f}" y1="{base}" y2="{base + 5}" stroke="#999"/>')
        parts.append(f'<text x="{x(moment):.1f}" y="{base + 18}" text-anchor="{anchor}">{escape(label)}</text>')
    return parts


def _legend_item(index: int, label: str, colour: str, dash: str) -> str:
    column, row = index % 3, index // 3
    lx, ly = LEFT + column * 230, HEIGHT + row * LEGEND_ROW
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<g class="legend"><line x1="{lx}" x2="{lx + 36}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" '
        f'stroke-width="2.5"{dash_attr}/><text x="{lx + 42}" y="{ly}">{escape(label)}</text></g>'
    )
