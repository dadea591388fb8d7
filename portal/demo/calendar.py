"""Working days in Sweden, so that the demo never puts a course on a public holiday."""

from datetime import date, timedelta


def easter_sunday(year: int) -> date:
    """Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian computus)."""
    golden = year % 19
    century, of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (19 * golden + century - leap_centuries - (century - correction + 1) // 3 + 15) % 30
    week_leap, week_rest = divmod(of_century, 4)
    weekday = (32 + 2 * century_rest + 2 * week_leap - moon - week_rest) % 7
    offset = (golden + 11 * moon + 22 * weekday) // 451
    month, day = divmod(moon + weekday - 7 * offset + 114, 31)
    return date(year, month, day + 1)


def swedish_holidays(year: int) -> set[date]:
    """Public holidays, and the eves that are days off in practice (midsummer, Christmas, New Year)."""
    easter = easter_sunday(year)
    june_19 = date(year, 6, 19)
    midsummer_eve = june_19 + timedelta(days=(4 - june_19.weekday()) % 7)  # the Friday of 19–25 June
    fixed = [(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)]
    return {
        *(date(year, month, day) for month, day in fixed),
        easter - timedelta(days=2),  # Good Friday
        easter + timedelta(days=1),  # Easter Monday
        easter + timedelta(days=39),  # Ascension Day
        midsummer_eve,
    }


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in swedish_holidays(day.year)


def working_days_from(first: date, count: int) -> tuple[date, date]:
    """The first and last day of `count` consecutive working days, none of them a holiday,
    starting on `first` or the earliest day after it from which such a run exists."""
    start = first
    while True:
        days = []
        day = start
        while len(days) < count and is_working_day(day):
            days.append(day)
            day += timedelta(days=1)
            while day.weekday() >= 5:  # a course runs on across a weekend
                day += timedelta(days=1)
        if len(days) == count:
            return days[0], days[-1]
        start += timedelta(days=1)
