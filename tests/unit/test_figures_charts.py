"""Where the figures page's chart puts its bars, its texts and its marker: geometry, no database."""

from mentoring.figures.charts import (
    BAR_HEIGHT,
    BAR_X,
    LABEL_CHARS,
    ROW_HEIGHT,
    TOP_WITH_MARKER,
    TOP_WITHOUT_MARKER,
    TRACK_WIDTH,
    bar_chart,
    short_label,
)


def test_bar_chart_scales_bars_to_the_track_and_marks_the_aim():
    chart = bar_chart(
        id="c",
        title="T",
        base="",
        bars=[("A", 50, "50", False), ("B", 200, "200", True), ("C", None, "—", False)],
        scale=100,
        marker=40,
        marker_label="Aim",
    )
    assert [bar.width for bar in chart.bars] == [TRACK_WIDTH / 2, TRACK_WIDTH, 0]
    assert chart.bars[1].warning and chart.marker_x == BAR_X + 0.4 * TRACK_WIDTH
    assert chart.summary == "A: 50; B: 200; C: —"


def test_bar_chart_rows_stack_below_the_marker_label_and_the_chart_ends_after_the_last():
    chart = bar_chart(
        id="c", title="T", base="", bars=[("A", 1, "1", False), ("B", 2, "2", False)], scale=2, marker=1
    )
    assert [bar.y for bar in chart.bars] == [TOP_WITH_MARKER, TOP_WITH_MARKER + ROW_HEIGHT]
    assert [bar.text_y for bar in chart.bars] == [bar.y + BAR_HEIGHT * 0.75 for bar in chart.bars]
    assert chart.plot_bottom == TOP_WITH_MARKER + 2 * ROW_HEIGHT
    assert chart.height == chart.plot_bottom + 4


def test_bar_chart_without_a_marker_starts_at_the_top_and_draws_no_line():
    chart = bar_chart(id="c", title="T", base="", bars=[("A", 1, "1", False)], scale=1)
    assert chart.bars[0].y == TOP_WITHOUT_MARKER
    assert chart.marker_x is None


def test_bar_chart_keeps_a_marker_beyond_the_scale_at_the_end_of_the_track():
    chart = bar_chart(id="c", title="T", base="", bars=[("A", 10, "10", False)], scale=50, marker=80)
    assert chart.marker_x == BAR_X + TRACK_WIDTH


def test_bar_chart_of_zero_scale_draws_empty_bars_and_no_marker():
    chart = bar_chart(id="c", title="T", base="", bars=[("A", 0, "0", False)], scale=0, marker=50)
    assert chart.bars[0].width == 0
    assert chart.marker_x is None


def test_bar_chart_never_draws_a_negative_bar():
    chart = bar_chart(id="c", title="T", base="", bars=[("A", -5, "-5", False)], scale=10)
    assert chart.bars[0].width == 0


def test_bar_chart_rounds_widths_to_a_tenth():
    chart = bar_chart(id="c", title="T", base="", bars=[("A", 1, "1", False)], scale=3)
    assert chart.bars[0].width == round(TRACK_WIDTH / 3, 1)


def test_short_label_keeps_a_label_that_fits_and_cuts_a_long_one_with_an_ellipsis():
    fits = "x" * LABEL_CHARS
    assert short_label(fits) == fits
    cut = short_label("word " * 20)
    assert len(cut) <= LABEL_CHARS and cut.endswith("…") and not cut[:-1].endswith(" ")


def test_bar_chart_shortens_labels_but_its_summary_keeps_them_whole():
    long = "a label far longer than the chart's label column"
    chart = bar_chart(id="c", title="T", base="", bars=[(long, 1, "1", False)], scale=1)
    assert chart.bars[0].label == short_label(long) != long
    assert chart.summary == f"{long}: 1"


def test_bar_chart_measures_from_its_origin_so_close_scores_look_different():
    # Mean scores on the rubric's scale 1–5: 3.91 and 4.81 are not both a full track.
    chart = bar_chart(
        id="c",
        title="T",
        base="",
        bars=[("A", 3.91, "3.91", False), ("B", 4.81, "4.81", False), ("C", 1, "1.00", False)],
        scale=5,
        origin=1,
    )
    assert [bar.width for bar in chart.bars] == [
        round(2.91 / 4 * TRACK_WIDTH, 1),
        round(3.81 / 4 * TRACK_WIDTH, 1),
        0,
    ]


def test_bar_chart_keeps_its_base():
    chart = bar_chart(id="c", title="T", base="Share of all 3 participants", bars=[], scale=1)
    assert chart.base == "Share of all 3 participants"
