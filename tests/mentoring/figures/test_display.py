"""The figures as the page shows them: what each chart's shares are of, one rounding rule for charts
and tables, and the reviewers' score bars on the rubric's scale. No database."""

from decimal import Decimal

import pytest
from django.utils import translation

from mentoring.figures import arithmetic as figures
from mentoring.figures import display
from mentoring.figures.charts import TRACK_WIDTH, short_label
from tests.mentoring.figures.test_export import r


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def bar_values(figure: display.Figure) -> dict[str, str]:
    """Each bar's value text by the bar's label (cut short as the chart cuts it)."""
    return {bar.label: bar.value for bar in figure.chart.bars}


def thirty_three(employed: int = 23) -> list[figures.ParticipantRow]:
    return [
        r(n, employment_status="employed" if n < employed else "unemployed", months_unemployed=3)
        for n in range(33)
    ]


def test_table_figure_takes_the_indicators_shares_of_all_participants():
    figure = display.table_figure(figures.funder_indicators(thirty_three()), id="indicators")
    values = bar_values(figure)
    assert figure.chart.base == "Share of all 33 participants"
    assert values["Participants"] == "33 (100.0 %)"
    assert values[short_label("Employed at entry, including self-employed")] == "23 (69.7 %)"
    assert values[short_label("Unemployed at entry, including long-term unemployed")] == "10 (30.3 %)"


def test_table_figure_takes_a_breakdowns_shares_of_its_total():
    rows = [r(1), r(2), r(3, gender="man")]
    figure = display.table_figure(figures.breakdown(rows, by="gender"), id="by-gender")
    assert figure.chart.base == "Share of all 3 participants"
    assert bar_values(figure)["Woman"] == "2 (66.7 %)" and bar_values(figure)["Man"] == "1 (33.3 %)"


def test_table_figure_of_one_row_takes_shares_of_that_rows_total():
    rows = [r(1, business_registered=True), r(2, gender="man", business_registered=True), r(3)]
    figure = display.table_figure(figures.businesses(rows), id="businesses")
    assert figure.chart.base == "Share of all 2 businesses started"
    assert bar_values(figure)["Woman"] == "1 (50.0 %)"


def test_table_figure_of_hours_says_the_hours_are_the_whole():
    rows = [r(1, course_hours=Decimal("2.5")), r(2, gender="man", course_hours=Decimal("37.5"))]
    figure = display.table_figure(figures.course_time(rows), id="course-time", chart_row="hours_marked")
    assert figure.chart.base == "Share of all 40.0 hours marked"
    assert bar_values(figure)["Woman"] == "2.5 (6.3 %)"


def test_table_figure_of_nobody_shows_no_shares_and_no_base():
    figure = display.table_figure(figures.funder_indicators([]), id="indicators")
    assert figure.chart.base == ""
    assert bar_values(figure)["Participants"] == "0"


def test_progress_figure_rounds_the_chart_and_the_table_alike():
    targets = figures.Targets(participants=33, employed=2500, job_seekers=1000, women=1000)
    figure = display.progress_figure(figures.progress(thirty_three()[:23], targets=targets))
    table = {row.cells[0]: row.cells for row in figure.rows}
    assert table["Participants"][-1] == "69.7 %"
    assert bar_values(figure)["Participants"] == "23 of 33 (69.7 %)"


def test_pipeline_figure_rounds_the_chart_and_the_table_alike():
    stages = figures.pipeline([("applied", 23, 33)], aim_percent=40)
    figure = display.pipeline_figure(stages, aim=40)
    assert figure.rows[0].cells[-1] == "69.7 %"
    assert bar_values(figure)["Applied"] == "69.7 %"
    assert figure.chart.base


def test_score_figure_draws_the_bars_on_the_rubrics_scale():
    gap = figures.score_gap([("woman", Decimal("3.91")), ("man", Decimal("4.81"))])
    figure = display.score_figure(gap)
    widths = {bar.label: bar.width for bar in figure.chart.bars}
    assert widths["Woman"] == round((3.91 - 1) / 4 * TRACK_WIDTH, 1)
    assert widths["Man"] == round((4.81 - 1) / 4 * TRACK_WIDTH, 1)
    assert widths["Woman"] < widths["Man"] < TRACK_WIDTH
    assert figure.chart.base == "Mean score on the rubric's scale from 1 to 5"


def test_score_figure_rounds_means_and_gap_half_up():
    # Women's mean 3.915 and a gap of -0.895: a tie each, shown rounded up, not cut off.
    gap = figures.score_gap(
        [("woman", Decimal("3.91")), ("woman", Decimal("3.92")), ("man", Decimal("4.81"))]
    )
    figure = display.score_figure(gap)
    assert {row.cells[0]: row.cells[1] for row in figure.rows}["Woman"] == "3.92"
    assert figure.note == "Women's mean score minus men's: -0.90 points."
