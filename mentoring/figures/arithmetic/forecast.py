"""Where the programme is heading: each target's path so far, the straight line to the end date, and
where the pace of the last three months leads.

A pure module (no Django): the Django side counts the participants accepted in each calendar month
(`mentoring.figures.forecast`), and words and draws what comes out of here.

The definitions, as the page says them in plain words:
- The *monthly series* runs from the month of the start date to the month of today (or of the end
  date, once the programme has ended). Each month holds the participants accepted in it and the
  cumulative count from the start to its end; the current month's cumulative is the count to today.
- The *pace* is the mean of the counts of the last PACE_MONTHS complete months (the current month is
  not complete and would understate it). A programme with fewer complete months uses the ones it
  has; one without any has no pace yet, and no projection.
- The *band* is the pace plus and minus the standard deviation of those months' counts (taken over
  the months themselves, so one month gives no spread), never below a pace of zero; the projection
  and its band are straight lines from today's count to the end date.
- A count target is *reached* in the month the cumulative count gets to it. For women's share, a
  ratio of two cumulative counts, the projection is the women's projected count over everyone's;
  the share is *at the aim* when it is at or above it, and the month it crosses the aim is where that
  ratio, moving steadily from today's share towards the ratio of the two paces, passes the aim.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from math import floor, isqrt

PACE_MONTHS = 3
# A month as a length of time: the mean Gregorian month, so that twelve of them are a year.
DAYS_PER_MONTH = Fraction(146097, 4800)


def month_of(day: date) -> date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def add_months(month: date, months: int) -> date:
    """The first day of the month `months` after `month`'s (before it when negative)."""
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date) -> date:
    """The last day of `month`'s month."""
    return add_months(month_of(month), 1) - timedelta(days=1)


def months_between(earlier: date, later: date) -> Fraction:
    """The time from `earlier` to `later` in months of DAYS_PER_MONTH days; negative if `later` is earlier."""
    return Fraction((later - earlier).days) / DAYS_PER_MONTH


def day_after_months(day: date, months: Fraction) -> date:
    """The day `months` months (DAYS_PER_MONTH days each) after `day`, rounded up to a whole day."""
    days = months * DAYS_PER_MONTH
    return day + timedelta(days=-floor(-days))


def about(value: Fraction | int) -> int:
    """`value` as a person would say it with "about": whole under a hundred, to the ten under a
    thousand, to the hundred above (2,873 is about 2,900); a half rounds up."""
    amount = Fraction(value)
    step = 1 if abs(amount) < 100 else 10 if abs(amount) < 1000 else 100
    return floor(amount / step + Fraction(1, 2)) * step


@dataclass(frozen=True)
class Period:
    """The programme's period and the day the forecast is made."""

    starts_on: date
    ends_on: date
    today: date

    @property
    def has_started(self) -> bool:
        return self.today >= self.starts_on

    @property
    def has_ended(self) -> bool:
        return self.today >= self.ends_on

    @property
    def last_day_counted(self) -> date:
        """Today, or the end date once the programme has ended."""
        return min(self.today, self.ends_on)


@dataclass(frozen=True)
class MonthPoint:
    """One month of the series: its first day, the participants accepted in it, and the count from the
    start to the month's end (to today for the current month)."""

    month: date
    count: int
    cumulative: int
    # The day the cumulative count is at: the month's last day, today's, or the end date's.
    as_of: date


@dataclass(frozen=True)
class Pace:
    """Participants a month over the last complete months, and the spread of those months' counts."""

    per_month: Fraction
    spread: Fraction
    months: tuple[date, ...]

    @property
    def low(self) -> Fraction:
        return max(self.per_month - self.spread, Fraction(0))

    @property
    def high(self) -> Fraction:
        return self.per_month + self.spread


def monthly_series(counts: dict[date, int], *, period: Period) -> list[MonthPoint]:
    """The months from the start to today (to the end date once the programme has ended), with their
    counts (`counts` by any day of the month; a month missing has none) and the cumulative count.
    Counts of months outside the period are left out. Empty before the programme starts."""
    if not period.has_started:
        return []
    by_month: dict[date, int] = {}
    for day, count in counts.items():
        by_month[month_of(day)] = by_month.get(month_of(day), 0) + count
    first, last_day = month_of(period.starts_on), period.last_day_counted
    points, month, cumulative = [], first, 0
    while month <= month_of(last_day):
        count = by_month.get(month, 0)
        cumulative += count
        points.append(
            MonthPoint(month=month, count=count, cumulative=cumulative, as_of=min(month_end(month), last_day))
        )
        month = add_months(month, 1)
    return points


def pace(series: list[MonthPoint], *, today: date) -> Pace | None:
    """The pace of the last PACE_MONTHS complete months of `series` (fewer when there are fewer), or
    None when no month is complete yet. A month is complete once today is past its last day."""
    complete = [point for point in series if month_end(point.month) < today]
    recent = complete[-PACE_MONTHS:]
    if not recent:
        return None
    counts = [Fraction(point.count) for point in recent]
    mean = sum(counts) / len(counts)
    variance = sum((count - mean) ** 2 for count in counts) / len(counts)
    return Pace(per_month=mean, spread=_square_root(variance), months=tuple(point.month for point in recent))


def _square_root(value: Fraction) -> Fraction:
    """√`value` to a millionth: exact fractions stay exact through the rest of the arithmetic."""
    scale = 10**6
    return Fraction(isqrt(floor(value * scale * scale)), scale)


@dataclass(frozen=True)
class Projection:
    """Where a cumulative count heads from today's `current` to the end date: at the pace, and at the
    band's low and high paces."""

    current: int
    expected: Fraction
    low: Fraction
    high: Fraction


def project(current: int, *, rate: Pace, period: Period) -> Projection:
    """`current` carried on to the end date at `rate` (its pace, low and high)."""
    months = max(months_between(period.today, period.ends_on), Fraction(0))
    return Projection(
        current=current,
        expected=current + rate.per_month * months,
        low=current + rate.low * months,
        high=current + rate.high * months,
    )


@dataclass(frozen=True)
class CountForecast:
    """A count target's forecast: the series, the pace and, when there is a pace and the programme has
    not ended, the projection to the end date and the month the target would be reached."""

    key: str
    target: int
    period: Period
    series: list[MonthPoint]
    current: int
    pace: Pace | None
    projection: Projection | None
    # The first day of the month the count reached (or, at this pace, would reach) the target; None
    # when it has not and would not at this pace (a pace of zero, or no pace yet).
    reached_in: date | None

    @property
    def already_reached(self) -> bool:
        return self.current >= self.target

    @property
    def reached_in_time(self) -> bool:
        """Whether the target is reached by the end date (already, or at this pace)."""
        return self.reached_in is not None and self.reached_in <= month_of(self.period.ends_on)

    @property
    def expected_about(self) -> int | None:
        """The projected count at the end date as the sentence says it ("about 2,900")."""
        return None if self.projection is None else about(self.projection.expected)

    @property
    def short_by(self) -> int | None:
        """How far the rounded projection falls short of the target (negative: beyond it)."""
        return None if self.expected_about is None else self.target - self.expected_about


def count_forecast(*, key: str, target: int, counts: dict[date, int], period: Period) -> CountForecast:
    """The forecast of a count target from the participants accepted each month (`counts`)."""
    series = monthly_series(counts, period=period)
    current = series[-1].cumulative if series else 0
    rate = pace(series, today=period.today)
    projection = (
        project(current, rate=rate, period=period) if rate is not None and not period.has_ended else None
    )
    reached_in = None
    if current >= target:
        reached_in = next(
            (point.month for point in series if point.cumulative >= target), month_of(period.starts_on)
        )
    elif rate is not None and rate.per_month > 0 and not period.has_ended:
        reached_in = month_of(day_after_months(period.today, (target - current) / rate.per_month))
    return CountForecast(
        key=key,
        target=target,
        period=period,
        series=series,
        current=current,
        pace=rate,
        projection=projection,
        reached_in=reached_in,
    )


@dataclass(frozen=True)
class SharePoint:
    month: date
    as_of: date
    women: int
    everyone: int

    @property
    def share(self) -> Fraction | None:
        """Women's share in per cent, exact; None while nobody is counted."""
        return None if not self.everyone else Fraction(100 * self.women, self.everyone)


@dataclass(frozen=True)
class ShareForecast:
    """Women's share of the participants: its series, and where the two paces lead it."""

    aim: int
    period: Period
    series: list[SharePoint]
    women: CountForecast
    everyone: CountForecast
    # Projected share at the end date in per cent, and its band; None without a projection.
    expected: Fraction | None
    low: Fraction | None
    high: Fraction | None
    # The first day of the month the share would cross the aim, from below ("reaches") or from above
    # ("falls below"); None when it stays on its side of the aim at these paces.
    crosses_in: date | None

    @property
    def current(self) -> Fraction | None:
        return self.series[-1].share if self.series else None

    @property
    def is_at_aim(self) -> bool:
        return self.current is not None and self.current >= self.aim

    @property
    def at_aim_by_the_end(self) -> bool | None:
        return None if self.expected is None else self.expected >= self.aim


def _ratio(women: Fraction, everyone: Fraction) -> Fraction | None:
    return None if everyone <= 0 else min(Fraction(100) * women / everyone, Fraction(100))


def share_forecast(*, aim: int, women: CountForecast, everyone: CountForecast) -> ShareForecast:
    """Women's share from the women's and everyone's count forecasts over the same period.

    The projected share is the ratio of the two projected counts; its band pairs the women's low with
    everyone's high and the other way round, so that it holds every share between."""
    period = everyone.period
    series = [
        SharePoint(month=all_.month, as_of=all_.as_of, women=her.cumulative, everyone=all_.cumulative)
        for her, all_ in zip(women.series, everyone.series, strict=True)
    ]
    expected = low = high = None
    crosses_in = None
    if women.projection is not None and everyone.projection is not None:
        expected = _ratio(women.projection.expected, everyone.projection.expected)
        low = _ratio(women.projection.low, everyone.projection.high)
        high = _ratio(women.projection.high, everyone.projection.low)
        crosses_in = _crossing(aim=aim, women=women, everyone=everyone, period=period)
    return ShareForecast(
        aim=aim,
        period=period,
        series=series,
        women=women,
        everyone=everyone,
        expected=expected,
        low=low,
        high=high,
        crosses_in=crosses_in,
    )


def _crossing(*, aim: int, women: CountForecast, everyone: CountForecast, period: Period) -> date | None:
    """The month the projected share (W + w·t) / (P + p·t) crosses `aim` %, if it ever does.

    Solving 100·(W + w·t) = aim·(P + p·t) for t: t = (aim·P − 100·W) / (100·w − aim·p). The share moves
    steadily from W / P towards w / p, so there is a crossing only when the two lie on either side."""
    women_now, everyone_now = Fraction(women.current), Fraction(everyone.current)
    women_rate, everyone_rate = women.pace.per_month, everyone.pace.per_month
    gap_now = 100 * women_now - aim * everyone_now
    drift = 100 * women_rate - aim * everyone_rate
    if drift == 0:
        return None
    months = -gap_now / drift
    if months <= 0:
        return None
    return month_of(day_after_months(period.today, months))
