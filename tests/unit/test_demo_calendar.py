from datetime import date

import pytest

from portal.demo.calendar import easter_sunday, is_working_day, swedish_holidays, working_days_from


@pytest.mark.parametrize(
    ("year", "easter"), [(2024, date(2024, 3, 31)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28))]
)
def test_easter_sunday_falls_on_the_known_day(year, easter):
    assert easter_sunday(year) == easter


def test_swedish_holidays_include_the_moving_ones():
    holidays = swedish_holidays(2027)
    assert {date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 6), date(2027, 6, 25)} <= holidays
    assert date(2027, 6, 24) not in holidays


def test_christmas_eve_and_new_years_day_are_not_working_days():
    assert not is_working_day(date(2026, 12, 24))
    assert not is_working_day(date(2027, 1, 1))
    assert is_working_day(date(2026, 12, 28))


def test_working_days_from_skips_christmas():
    assert working_days_from(date(2026, 12, 23), 3) == (date(2026, 12, 28), date(2026, 12, 30))


def test_working_days_from_never_spans_a_holiday():
    # 29–30 December, then New Year's Eve: the run starts after Epiphany instead.
    assert working_days_from(date(2026, 12, 29), 3) == (date(2027, 1, 7), date(2027, 1, 11))


def test_working_days_from_runs_on_across_a_weekend():
    assert working_days_from(date(2027, 2, 5), 2) == (date(2027, 2, 5), date(2027, 2, 8))
