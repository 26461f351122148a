"""Geometry for the server-rendered SVG line chart of the status time series.

The template only places what is computed here; no JavaScript draws anything. Each status has
its own line style (dashes) and a text label at the end of its line, so colour is never the
only way to tell the lines apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from ontmoetingen.monitor.series import SeriesPoint
from ontmoetingen.monitor.snapshot import STATUSES, status_label

WIDTH = 760
HEIGHT = 340
LEFT = 48
RIGHT = 150  # room for the end labels
TOP = 16
BOTTOM = 36
LABEL_GAP = 15  # minimum vertical distance between two end labels
MAX_TICKS = 6


@dataclass
class Line:
    status: str
    label: str
    points: str  # "x,y x,y ..." for <polyline>
    end_x: float
    end_y: float
    label_y: float
    last: int


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class LineChart:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    lines: list[Line]
    y_ticks: list[Tick]
    x_ticks: list[Tick]


def nice_step(maximum: int, max_ticks: int = MAX_TICKS) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving at most ``max_ticks`` intervals."""
    if maximum <= 0:
        return 1
    raw = maximum / max_ticks
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return max(1, int(factor * power))
    return int(10 * power)


def _spread(positions: list[float], gap: float, low: float, high: float) -> list[float]:
    """Move label positions apart (keeping their order) so no two are closer than ``gap``."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    if placed and placed[-1] > high:  # pushed past the bottom: move the lowest ones back up
        placed[-1] = high
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = max(low, min(placed[i], placed[i + 1] - gap))
    result = [0.0] * len(positions)
    for rank, index in enumerate(order):
        result[index] = placed[rank]
    return result


def status_line_chart(points: list[SeriesPoint]) -> LineChart | None:
    """Lines of municipalities per status over the months in ``points``."""
    if not points:
        return None
    plot_right = WIDTH - RIGHT
    plot_bottom = HEIGHT - BOTTOM
    maximum = max(max(p.values) for p in points)
    step = nice_step(maximum)
    top_value = max(step, math.ceil(maximum / step) * step)
    span = max(1, len(points) - 1)

    def x(i: int) -> float:
        return round(LEFT + (plot_right - LEFT) * i / span, 1)

    def y(value: int) -> float:
        return round(plot_bottom - (plot_bottom - TOP) * value / top_value, 1)

    lines = []
    for index, status in enumerate(STATUSES):
        values = [p.values[index] for p in points]
        coords = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values))
        lines.append(
            Line(
                status=status,
                label=status_label(status),
                points=coords,
                end_x=x(len(values) - 1),
                end_y=y(values[-1]),
                label_y=y(values[-1]),
                last=values[-1],
            )
        )
    for line, label_y in zip(
        lines, _spread([line.end_y for line in lines], LABEL_GAP, TOP, plot_bottom), strict=True
    ):
        line.label_y = round(label_y + 4, 1)  # +4: centre the text on the line's end

    y_ticks = [Tick(y(v), str(v)) for v in range(0, top_value + 1, step)]
    x_ticks = [
        Tick(x(i), str(p.month.year))
        for i, p in enumerate(points)
        if p.month.month == 1 or (i == 0 and len(points) < 13)
    ]
    if len(x_ticks) > 10:  # long series: every other year
        x_ticks = x_ticks[::2]
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=plot_right,
        top=TOP,
        bottom=plot_bottom,
        lines=lines,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
    )


def series_table_rows(points: list[SeriesPoint]) -> SafeString:
    """The rows of the chart's data table (month, then municipalities per status).

    Built here: about a hundred months times six cells is too slow through template loops."""
    return format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (
                date_format(point.month, "F Y"),
                mark_safe("".join(f'<td class="num">{value:d}</td>' for value in point.values)),
            )
            for point in points
        ),
    )
