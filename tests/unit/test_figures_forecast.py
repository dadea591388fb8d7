"""The forecast's arithmetic on hand-made series: no database, no Django."""

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring.figures.arithmetic.forecast import (
    Period,
    about,
    add_months,
    count_forecast,
    month_end,
    monthly_series,
    months_between,
    pace,
    share_forecast,
)
from mentoring.figures.forecast_chart import (
    PLOT_BOTTOM,
    PLOT_LEFT,
    PLOT_RIGHT,
    PLOT_TOP,
    line_chart,
    nice_scale,
)

# Started on 1 June 2025, ends on 31 December 2027; the forecast is made on 15 December 2026, so
# September, October and November 2026 are the last three complete months.
PERIOD = Period(starts_on=date(2025, 6, 1), ends_on=date(2027, 12, 31), today=date(2026, 12, 15))


def forecast(
    counts: dict[date, int], *, target: int = 3500, period: Period = PERIOD, key: str = "participants"
):
    return count_forecast(key=key, target=target, counts=counts, period=period)


def steady(per_month: int, *, period: Period = PERIOD) -> dict[date, int]:
    """`per_month` participants accepted in every month from the start to today's."""
    counts, month = {}, period.starts_on.replace(day=1)
    while month <= period.today:
        counts[month] = per_month
        month = add_months(month, 1)
    return counts


def test_months_add_up_over_the_turn_of_the_year_and_february():
    assert add_months(date(2026, 11, 1), 3) == date(2027, 2, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert month_end(date(2028, 2, 10)) == date(2028, 2, 29)
    assert months_between(date(2026, 1, 1), date(2027, 1, 1)) == pytest.approx(12, abs=0.05)


def test_about_rounds_as_a_person_says_it():
    assert about(Fraction(28734, 10)) == 2900
    assert about(95) == 95
    assert about(Fraction(1234, 10)) == 120
    assert about(1050) == 1100
    assert about(Fraction(5, 2)) == 3


def test_series_runs_from_the_start_month_to_today_with_the_cumulative_count():
    series = monthly_series({date(2025, 6, 20): 3, date(2025, 8, 1): 2}, period=PERIOD)
    assert series[0].month == date(2025, 6, 1) and series[-1].month == date(2026, 12, 1)
    assert [point.cumulative for point in series[:4]] == [3, 3, 5, 5]
    assert series[-1].cumulative == 5 and series[-1].as_of == PERIOD.today


def test_series_leaves_out_counts_outside_the_period():
    series = monthly_series({date(2025, 5, 1): 40, date(2027, 3, 1): 9, date(2026, 1, 1): 1}, period=PERIOD)
    assert series[-1].cumulative == 1


def test_empty_programme_projects_nothing_and_falls_short_by_the_whole_target():
    result = forecast({})
    assert result.current == 0
    assert result.pace.per_month == 0 and result.pace.spread == 0
    assert result.projection.expected == 0
    assert result.expected_about == 0 and result.short_by == 3500
    assert result.reached_in is None and not result.reached_in_time


def test_pace_is_the_mean_of_the_last_three_complete_months_and_leaves_out_the_current_one():
    counts = {date(2026, 8, 1): 500, date(2026, 9, 1): 10, date(2026, 10, 1): 20, date(2026, 11, 1): 30}
    counts[date(2026, 12, 1)] = 1000
    result = pace(monthly_series(counts, period=PERIOD), today=PERIOD.today)
    assert result.per_month == 20
    assert result.months == (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1))
    # The standard deviation of 10, 20 and 30: √(200 / 3).
    assert float(result.spread) == pytest.approx(8.164966, abs=1e-5)
    assert result.low == result.per_month - result.spread and result.high == result.per_month + result.spread


def test_projection_carries_todays_count_on_to_the_end_date_at_the_pace():
    result = forecast(steady(100))
    months_left = months_between(PERIOD.today, PERIOD.ends_on)
    assert result.current == 1900
    assert result.projection.expected == 1900 + 100 * months_left
    # No spread in a steady programme: the band is the line itself.
    assert result.projection.low == result.projection.expected == result.projection.high


def test_a_programme_short_of_its_target_says_by_about_how_much():
    autumn = {date(2026, 9, 1): 100, date(2026, 10, 1): 100, date(2026, 11, 1): 100}
    result = forecast({date(2025, 6, 1): 1350} | autumn)
    assert result.current == 1650
    # 1,650 + 100 a month for the 12.5 months left: 2,904.
    assert result.expected_about == 2900 and result.short_by == 600
    # The 1,850 still missing take 18.5 months from mid-December 2026.
    assert result.reached_in == date(2028, 7, 1)
    assert not result.reached_in_time


def test_a_programme_on_course_reaches_its_target_in_a_month_before_the_end():
    result = forecast(steady(100), target=2000)
    assert result.reached_in == date(2027, 1, 1)
    assert result.reached_in_time and result.short_by < 0


def test_a_programme_past_its_target_was_reached_in_the_month_it_got_there():
    result = forecast(steady(100), target=1000)
    assert result.already_reached
    # 100 a month from June 2025: the thousandth in March 2026.
    assert result.reached_in == date(2026, 3, 1)
    assert result.short_by < 0


def test_a_pace_of_zero_never_reaches_the_target():
    counts = {date(2025, 7, 1): 400, date(2026, 8, 1): 100}
    result = forecast(counts)
    assert result.pace.per_month == 0 and result.pace.spread == 0
    assert result.projection.expected == result.projection.high == 500
    assert result.reached_in is None


def test_a_single_complete_month_gives_a_pace_without_spread():
    period = Period(starts_on=date(2026, 11, 1), ends_on=date(2027, 12, 31), today=date(2026, 12, 15))
    result = forecast({date(2026, 11, 3): 60, date(2026, 12, 2): 5}, period=period)
    assert result.pace.per_month == 60 and result.pace.spread == 0
    assert result.pace.months == (date(2026, 11, 1),)
    assert result.current == 65 and result.projection.low == result.projection.expected


def test_a_programme_without_a_complete_month_has_no_projection():
    period = Period(starts_on=date(2026, 12, 1), ends_on=date(2027, 12, 31), today=date(2026, 12, 15))
    result = forecast({date(2026, 12, 2): 5}, period=period)
    assert result.current == 5 and result.pace is None and result.projection is None
    assert result.expected_about is None and result.reached_in is None


def test_a_programme_not_yet_started_counts_nothing():
    period = Period(starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31), today=date(2026, 12, 15))
    result = forecast({}, period=period)
    assert result.series == [] and result.current == 0 and result.projection is None


def test_an_ended_programme_has_its_final_count_and_no_projection():
    period = Period(starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31), today=date(2026, 12, 15))
    result = forecast(steady(10, period=period) | {date(2026, 3, 1): 99}, target=100, period=period)
    assert result.series[-1].month == date(2025, 12, 1)
    assert result.current == 120 and result.projection is None
    assert result.reached_in == date(2025, 10, 1)


def share(women: dict, everyone: dict, *, aim: int = 40, period: Period = PERIOD):
    return share_forecast(
        aim=aim,
        women=forecast(women, key="women", target=1000, period=period),
        everyone=forecast(everyone, period=period),
    )


def test_womens_share_is_the_ratio_of_the_two_projected_counts():
    result = share(steady(30), steady(100))
    assert result.current == 30
    assert result.expected == 30 and result.low == result.high == 30
    assert result.at_aim_by_the_end is False and result.crosses_in is None


def test_womens_share_below_the_aim_reaches_it_when_more_women_join_than_the_aim():
    # 300 of 1,000 so far, then 60 of every 100: 100·(300 + 60t) = 40·(1000 + 100t) at t = 5 months.
    women, everyone = {date(2025, 6, 1): 300}, {date(2025, 6, 1): 1000}
    for month in (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)):
        women[month], everyone[month] = 60, 100
    women[date(2025, 6, 1)] -= 180
    everyone[date(2025, 6, 1)] -= 300
    result = share(women, everyone)
    assert result.current == 30 and not result.is_at_aim
    assert result.crosses_in == date(2027, 5, 1)
    assert result.at_aim_by_the_end and result.low <= result.expected <= result.high


def test_womens_share_above_the_aim_falls_below_it_when_few_women_join():
    women = {date(2025, 6, 1): 500} | dict.fromkeys(
        (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)), 10
    )
    everyone = {date(2025, 6, 1): 1000} | dict.fromkeys(
        (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)), 100
    )
    result = share(women, everyone)
    assert result.is_at_aim and result.crosses_in is not None
    assert result.at_aim_by_the_end is False


def test_womens_share_of_an_empty_programme_is_unknown():
    result = share({}, {})
    assert result.current is None and result.expected is None and result.crosses_in is None


months = st.dates(min_value=PERIOD.starts_on, max_value=PERIOD.today)
# Drawing dated dictionaries is slow on a busy machine; the speed of the draw is not under test.
drawing_may_be_slow = settings(suppress_health_check=[HealthCheck.too_slow])


@drawing_may_be_slow
@given(
    counts=st.dictionaries(months, st.integers(min_value=0, max_value=500), max_size=25),
    target=st.integers(min_value=0, max_value=20000),
    today=st.dates(min_value=date(2025, 5, 1), max_value=date(2028, 2, 1)),
)
def test_projection_never_falls_and_its_band_holds_the_pace_line(counts, target, today):
    period = Period(starts_on=PERIOD.starts_on, ends_on=PERIOD.ends_on, today=today)
    result = forecast(counts, target=target, period=period)
    cumulative = [point.cumulative for point in result.series]
    assert cumulative == sorted(cumulative)
    if result.projection is not None:
        low, expected, high = result.projection.low, result.projection.expected, result.projection.high
        assert result.current <= low <= expected <= high
        if expected >= target and result.pace.per_month > 0:
            assert result.reached_in_time
        if expected < target:
            assert not result.reached_in_time


@drawing_may_be_slow
@given(
    women=st.dictionaries(months, st.integers(min_value=0, max_value=200), max_size=20),
    men=st.dictionaries(months, st.integers(min_value=0, max_value=200), max_size=20),
    aim=st.integers(min_value=1, max_value=100),
)
def test_projected_share_lies_within_its_band_and_between_none_and_all(women, men, aim):
    everyone = {day: women.get(day, 0) + men.get(day, 0) for day in women.keys() | men.keys()}
    result = share(women, everyone, aim=aim)
    if result.expected is not None:
        assert 0 <= result.low <= result.expected <= result.high <= 100


@given(largest=st.floats(min_value=0.5, max_value=1e7))
def test_the_axis_holds_the_largest_amount_in_about_five_round_steps(largest):
    top, step = nice_scale(largest)
    assert top >= largest and top / step <= 10


def test_chart_keeps_every_point_inside_the_plot():
    chart = line_chart(
        id="c",
        title="t",
        summary="s",
        starts_on=PERIOD.starts_on,
        ends_on=PERIOD.ends_on,
        today=PERIOD.today,
        actual=[(date(2025, 1, 1), -5), (PERIOD.today, 5000)],
        target=[(PERIOD.starts_on, 0), (PERIOD.ends_on, 3500)],
        target_label="Target",
        top=4000,
        y_ticks=[(0, "0"), (4000, "4 000")],
        x_ticks=[],
    )
    for pair in chart.actual.split() + chart.target.split():
        x, y = (float(value) for value in pair.split(","))
        assert PLOT_LEFT <= x <= PLOT_RIGHT and PLOT_TOP <= y <= PLOT_BOTTOM
    assert PLOT_LEFT < chart.today_x < PLOT_RIGHT
