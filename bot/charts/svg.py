"""Charts as SVG text, drawn on the server for web pages: no script, nothing fetched.

A project's year month by month: the investment reported for each month as bars, the year's
total so far as a solid line, and the time-proportional plan (序时进度) as a dashed line, on
one axis in 万元. Every word comes from the caller (the catalogue); the chart has a <title>
and <desc> for screen readers, and each bar its own <title> (a tooltip).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from bot.formatting import format_money

WIDTH, HEIGHT = 960, 380
LEFT, RIGHT, TOP, BOTTOM = 84, 24, 48, 44  # room for the value axis, the legend, the months
BAR_COLOR, YEAR_COLOR, PLAN_COLOR, GRID_COLOR = "#4472C4", "#2E7D32", "#C55A11", "#D9D9D9"
TICKS = 5
Scale = Callable[[float], float]  # a value (or a month index) to its SVG coordinate


@dataclass(frozen=True)
class MonthValues:
    """One month: its label, the bar's amount, the two lines' values, the bar's tooltip."""

    label: str
    amount: Decimal
    year_to_date: Decimal
    planned: Decimal
    note: str


@dataclass(frozen=True)
class ChartText:
    """The chart's words, in the page's language."""

    title: str
    desc: str
    amount: str  # the bars' legend
    year_to_date: str  # the solid line's legend
    planned: str  # the dashed line's legend
    unit: str  # the value axis (万元)
    no_data: str


def nice_ceiling(value: float) -> float:
    """The axis top: the least 1, 2, 2.5 or 5 × 10ⁿ at or above the value (1 for nothing)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power * (1 + 1e-9):
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def investment_chart(points: list[MonthValues], text: ChartText, chart_id: str = "chart") -> str:
    """The SVG of a project's year: monthly bars, the year so far, and the plan line."""
    head = _head(text, chart_id)
    if not points:
        middle = f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" class="empty">'
        return f"{head}{middle}{escape(text.no_data)}</text></svg>"
    values = [float(v) for p in points for v in (p.amount, p.year_to_date, p.planned)]
    top = nice_ceiling(max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(points)

    def y(value: float) -> float:
        return TOP + plot_h - value / top * plot_h

    def x(index: float) -> float:
        return LEFT + slot * (index + 0.5)

    parts = [head, _axis(top, plot_w, y, text.unit), _legend(text)]
    parts.append('<g class="bars">')
    width = slot * 0.56
    for index, point in enumerate(points):
        height = max(0.0, float(point.amount) / top * plot_h)
        parts.append(
            f'<rect class="bar" x="{x(index) - width / 2:.1f}" y="{y(float(point.amount)):.1f}"'
            f' width="{width:.1f}" height="{height:.1f}" fill="{BAR_COLOR}"'
            f' data-value="{point.amount}"><title>{escape(point.note)}</title></rect>'
        )
    parts.append("</g>")
    parts.append(_line(points, x, y, "planned", PLAN_COLOR, dashed=True))
    parts.append(_line(points, x, y, "year_to_date", YEAR_COLOR, dashed=False))
    parts.append('<g class="months" text-anchor="middle" font-size="15">')
    for index, point in enumerate(points):
        parts.append(f'<text x="{x(index):.1f}" y="{HEIGHT - 16}">{escape(point.label)}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def _head(text: ChartText, chart_id: str) -> str:
    ids = f"{chart_id}-title {chart_id}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' role="img" aria-labelledby={quoteattr(ids)} class="chart"'
        ' font-family="sans-serif">'
        f'<title id="{chart_id}-title">{escape(text.title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(text.desc)}</desc>'
    )


def _axis(top: float, plot_w: float, y: Scale, unit: str) -> str:
    """Grid lines with their amounts, and the unit above the axis."""
    parts = ['<g class="axis" font-size="14" text-anchor="end">']
    for tick in range(TICKS + 1):
        value = top * tick / TICKS
        level = y(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w:.1f}" y1="{level:.1f}" y2="{level:.1f}"'
            f' stroke="{GRID_COLOR}" stroke-width="1"/>'
            f'<text x="{LEFT - 8}" y="{level + 5:.1f}">{format_money(value)}</text>'
        )
    parts.append(f'<text x="{LEFT - 8}" y="{TOP - 22}">{escape(unit)}</text></g>')
    return "".join(parts)


def _legend(text: ChartText) -> str:
    """Three keys at the top right: bars, the solid line, the dashed line."""
    x = WIDTH - RIGHT - 620
    return (
        f'<g class="legend" font-size="15" transform="translate({x} {TOP - 34})">'
        f'<rect width="18" height="14" y="1" fill="{BAR_COLOR}"/>'
        f'<text x="24" y="13">{escape(text.amount)}</text>'
        f'<line x1="210" x2="240" y1="8" y2="8" stroke="{YEAR_COLOR}" stroke-width="3"/>'
        f'<text x="246" y="13">{escape(text.year_to_date)}</text>'
        f'<line x1="420" x2="450" y1="8" y2="8" stroke="{PLAN_COLOR}" stroke-width="3"'
        ' stroke-dasharray="8 5"/>'
        f'<text x="456" y="13">{escape(text.planned)}</text></g>'
    )


def _line(
    points: list[MonthValues], x: Scale, y: Scale, name: str, color: str, *, dashed: bool
) -> str:
    coords = " ".join(f"{x(i):.1f},{y(float(getattr(p, name))):.1f}" for i, p in enumerate(points))
    dash = ' stroke-dasharray="8 5"' if dashed else ""
    marks = "".join(
        f'<circle cx="{x(i):.1f}" cy="{y(float(getattr(p, name))):.1f}" r="4" fill="{color}"/>'
        for i, p in enumerate(points)
    )
    return (
        f'<g class="line {name.replace("_", "-")}"><polyline points="{coords}" fill="none"'
        f' stroke="{color}" stroke-width="3"{dash}/>{marks}</g>'
    )
