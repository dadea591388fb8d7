"""Where the bars of a figure's chart go: plain geometry in the chart's own coordinates.

A pure module (no Django): it takes labels and value texts already in the reader's
language, and amounts, and returns where each bar, its text and the marker line sit
on an SVG that scales to the page (`templates/mentoring/coordinator/figures_figure.html`).
"""

from dataclasses import dataclass

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
    bars: list[tuple[str, float | None, str, bool]],
    scale: float,
    marker: float | None = None,
    marker_label: str = "",
) -> Chart:
    """A horizontal bar chart: `bars` as (label, amount, value text, warning), `scale` the amount of a
    full track; `marker` an amount to draw a line at (a target, an aim). A missing amount is no bar,
    an amount beyond the scale a full track, and a scale of zero draws no bars and no marker."""
    top = TOP_WITH_MARKER if marker is not None else TOP_WITHOUT_MARKER
    drawn = []
    for index, (label, amount, value, warning) in enumerate(bars):
        y = top + index * ROW_HEIGHT
        share = min(max((amount or 0) / scale, 0), 1) if scale else 0
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
    if marker is not None and scale:
        marker_x = round(BAR_X + min(marker / scale, 1) * TRACK_WIDTH, 1)
    return Chart(
        id=id,
        title=title,
        summary="; ".join(f"{label}: {value}" for label, _amount, value, _warning in bars),
        bars=drawn,
        height=plot_bottom + 4,
        plot_bottom=plot_bottom,
        marker_x=marker_x,
        marker_label=marker_label,
    )
