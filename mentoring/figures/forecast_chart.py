"""Where the lines of a forecast chart go: plain geometry in the chart's own coordinates.

A pure module (no Django), like `mentoring.figures.charts`: it takes dates, amounts and texts already
in the reader's language, and returns the points of each line on an SVG that scales to the page
(`templates/components/forecast_chart.html`). Time runs left to right from the programme's start to
its end date; amounts bottom to top from zero.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from math import ceil, floor, log10

from mentoring.figures.arithmetic.forecast import add_months, month_of

CHART_WIDTH = 760
CHART_HEIGHT = 300
PLOT_LEFT = 70
PLOT_RIGHT = CHART_WIDTH - 24
PLOT_TOP = 24
PLOT_BOTTOM = CHART_HEIGHT - 40
MAX_TIME_TICKS = 7
NICE_STEPS = (1, 2, 5, 10)

Point = tuple[date, float]


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    summary: str
    # SVG "x,y x,y …" point lists; empty when the line is not drawn.
    actual: str
    target: str
    projection: str
    band: str
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    today_x: float | None
    today_label: str
    target_label: str
    target_label_x: float
    target_label_y: float
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT
    plot_top: int = PLOT_TOP
    plot_bottom: int = PLOT_BOTTOM


def nice_scale(largest: float, *, ticks: int = 5) -> tuple[float, float]:
    """The top of an axis from zero that holds `largest`, and the step between its ticks: a step of 1,
    2 or 5 times a power of ten, so that about `ticks` ticks fall on round numbers."""
    if largest <= 0:
        return 1.0, 1.0
    raw = largest / ticks
    power = 10 ** floor(log10(raw))
    step = next(power * nice for nice in NICE_STEPS if power * nice >= raw)
    return float(step * ceil(largest / step)), float(step)


def time_ticks(starts_on: date, ends_on: date) -> list[date]:
    """First days of months between the two dates, evenly spaced by a whole number of months (1, 3, 6
    or 12), at most MAX_TIME_TICKS of them."""
    first = month_of(starts_on) if starts_on.day == 1 else add_months(month_of(starts_on), 1)
    span = (ends_on.year - first.year) * 12 + ends_on.month - first.month
    every = next((months for months in (1, 3, 6, 12) if span // months < MAX_TIME_TICKS), 24)
    ticks, month = [], first
    while month <= ends_on:
        ticks.append(month)
        month = add_months(month, every)
    return ticks


def line_chart(
    *,
    id: str,
    title: str,
    summary: str,
    starts_on: date,
    ends_on: date,
    today: date,
    actual: Sequence[Point],
    target: Sequence[Point],
    target_label: str,
    projection: Sequence[Point] = (),
    band: Sequence[Point] = (),
    top: float,
    y_ticks: Sequence[tuple[float, str]],
    x_ticks: Sequence[tuple[date, str]],
    today_label: str = "",
) -> LineChart:
    """A chart of lines over the programme's period: the path so far (`actual`), the `target` line, the
    `projection` and its `band` (a polygon), on an axis from zero to `top`. Points outside the period
    or above `top` are held at its edge; today's line is drawn while the programme runs."""
    days = max((ends_on - starts_on).days, 1)

    def x(day: date) -> float:
        along = min(max((day - starts_on).days / days, 0.0), 1.0)
        return round(PLOT_LEFT + along * (PLOT_RIGHT - PLOT_LEFT), 1)

    def y(amount: float) -> float:
        along = min(max(float(amount) / top, 0.0), 1.0) if top > 0 else 0.0
        return round(PLOT_BOTTOM - along * (PLOT_BOTTOM - PLOT_TOP), 1)

    def points(line: Sequence[Point]) -> str:
        return " ".join(f"{x(day)},{y(amount)}" for day, amount in line)

    target_end = target[-1] if target else (ends_on, 0.0)
    return LineChart(
        id=id,
        title=title,
        summary=summary,
        actual=points(actual),
        target=points(target),
        projection=points(projection),
        band=points(band),
        y_ticks=[Tick(at=y(amount), label=label) for amount, label in y_ticks],
        x_ticks=[Tick(at=x(day), label=label) for day, label in x_ticks],
        today_x=x(today) if starts_on <= today < ends_on else None,
        today_label=today_label,
        target_label=target_label,
        target_label_x=x(target_end[0]),
        target_label_y=max(y(target_end[1]) - 6, PLOT_TOP - 8),
    )
