"""Where the bars of a figure's chart go: plain geometry in the chart's own coordinates.

A pure module (no Django): it takes labels and value texts already in the reader's
language, and amounts, and returns where each bar, its text and the marker line sit
on an SVG that scales to the page (`templates/mentoring/coordinator/figures_figure.html`).
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

# Labels right-aligned up to LABEL_X, bars from BAR_X over TRACK_WIDTH, the value as text to the
# right of the track.
CHART_WIDTH = 760
LABEL_X = 250
BAR_X = 260
TRACK_WIDTH = 320
VALUE_X = BAR_X + TRACK_WIDTH + 10
BAR_HEIGHT = 20
ROW_HEIGHT = 30
TOP_WITH_MARKER = 22
TOP_WITHOUT_MARKER = 4
LABEL_CHARS = 34

# An amount as the figures hold it: a count, hours, a percentage or an exact mean.
Amount = int | float | Decimal | Fraction


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    y: float
    text_y: float
    width: float
    warning: bool = False


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str
    bars: list[Bar]
    # What the bars' shares are of, or what their scale runs over, in words ("Share of all 33 participants").
    base: str
    height: float
    plot_bottom: float
    marker_x: float | None = None
    marker_label: str = ""
    marker_label_y: float = 14
    marker_top: float = 18
    width: int = CHART_WIDTH
    label_x: int = LABEL_X
    bar_x: int = BAR_X
    value_x: int = VALUE_X
    track_width: int = TRACK_WIDTH
    bar_height: int = BAR_HEIGHT


def short_label(label: str) -> str:
    """`label`, cut to LABEL_CHARS with an ellipsis: the full label is in the table next to the chart,
    and the chart keeps its label column narrow."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(
    *,
    id: str,
    title: str,
    bars: list[tuple[str, Amount | None, str, bool]],
    scale: Amount,
    base: str,
    origin: Amount = 0,
    marker: Amount | None = None,
    marker_label: str = "",
) -> Chart:
    """A horizontal bar chart: `bars` as (label, amount, value text, warning), `origin` the amount at the
    start of the track (0, or the bottom of a rating scale) and `scale` the amount of a full track;
    `base` says in words what the values are shares of (or the scale they are on); `marker` an amount
    to draw a line at (a target, an aim). A missing amount is no bar, an amount beyond the scale a full
    track, and a scale no greater than the origin draws no bars and no marker."""
    top = TOP_WITH_MARKER if marker is not None else TOP_WITHOUT_MARKER
    span = float(scale) - float(origin)
    drawn = []
    for index, (label, amount, value, warning) in enumerate(bars):
        y = top + index * ROW_HEIGHT
        share = _along(amount, origin=origin, span=span)
        drawn.append(
            Bar(
                label=short_label(str(label)),
                value=value,
                y=y,
                text_y=y + BAR_HEIGHT * 0.75,
                width=round(share * TRACK_WIDTH, 1),
                warning=warning,
            )
        )
    plot_bottom = top + len(bars) * ROW_HEIGHT
    marker_x = None
    if marker is not None and span > 0:
        marker_x = round(BAR_X + _along(marker, origin=origin, span=span) * TRACK_WIDTH, 1)
    return Chart(
        id=id,
        title=title,
        base=base,
        summary="; ".join(f"{label}: {value}" for label, _amount, value, _warning in bars),
        bars=drawn,
        height=plot_bottom + 4,
        plot_bottom=plot_bottom,
        marker_x=marker_x,
        marker_label=marker_label,
    )


def _along(amount: Amount | None, *, origin: Amount, span: float) -> float:
    """How far along the track `amount` lies, from 0 (the origin, or a missing amount) to 1 (the end)."""
    if amount is None or span <= 0:
        return 0.0
    return min(max((float(amount) - float(origin)) / span, 0.0), 1.0)
