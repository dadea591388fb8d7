"""How long the outbox waits before trying a failed message again."""

import datetime as dt

import pytest

from portal.outbox import retry_delay


def test_retry_delay_first_retry_after_one_minute():
    assert retry_delay(1) == dt.timedelta(minutes=1)


@pytest.mark.parametrize(("attempts", "minutes"), [(2, 2), (3, 4), (4, 8), (8, 128)])
def test_retry_delay_doubles_after_each_failed_attempt(attempts, minutes):
    assert retry_delay(attempts) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("attempts", [10, 20, 1000])
def test_retry_delay_is_at_most_six_hours(attempts):
    assert retry_delay(attempts) == dt.timedelta(hours=6)


def test_retry_delay_never_shorter_than_a_minute_for_no_attempts():
    assert retry_delay(0) == dt.timedelta(minutes=1)
