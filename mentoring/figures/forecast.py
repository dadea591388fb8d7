"""Where the programme is heading, for the figures page: the monthly counts read in one query, the
forecasts computed by the pure `mentoring.figures.arithmetic.forecast`, and worded and drawn by
`mentoring.figures.forecast_display`.

The forecast counts the participants accepted in the programme's period (its targets' start date to
today, or to the end date once it has ended), by the month of acceptance in the site's time zone. Of
the page's filters it honours the programme and the intake; the period chosen on the page does not
apply, since the forecast has the programme's own.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone

from mentoring.applications.workflow import Status
from mentoring.figures.arithmetic import EMPLOYED_AT_ENTRY
from mentoring.figures.arithmetic import forecast as arithmetic
from mentoring.figures.counted import counted
from mentoring.figures.selectors import programme_of, programme_targets_of
from mentoring.models import Application, ProgrammeTargets

PROFILE = "applicant__applicant_profile__"

# The count targets, in the page's order, and who each counts.
COUNTED = {
    "participants": Q(),
    "employed": Q(**{f"{PROFILE}employment_status__in": sorted(EMPLOYED_AT_ENTRY)}),
    "job_seekers": Q(**{f"{PROFILE}employment_status": "unemployed"}),
    "women": Q(**{f"{PROFILE}gender": "woman"}),
}


def _midnight(day: date) -> datetime:
    """The start of `day` in the site's time zone, summer time or not."""
    return timezone.make_aware(datetime.combine(day, time.min))


def monthly_counts(
    *, starts_on: date, until: date, intake=None, programme=None
) -> dict[str, dict[date, int]]:
    """For each key of COUNTED, the participants accepted in each month from `starts_on` to `until`
    (inclusive days, the site's time zone), by the month's first day; months without any are missing.

    One query, grouped by month in the database. The month is a CASE over the months' first moments
    rather than `TruncMonth`: truncating in the site's time zone is a Python function called for every
    row on SQLite (four times slower at 35,000 participants), while comparing with fixed moments is
    plain SQL on every database, and the same months.
    """
    months = []
    month = arithmetic.month_of(starts_on)
    while month <= until:
        months.append(month)
        month = arithmetic.add_months(month, 1)
    applications = Application.objects.filter(
        status=Status.ACCEPTED,
        decided_at__gte=_midnight(starts_on),
        decided_at__lt=_midnight(until + timedelta(days=1)),
    )
    if intake is not None:
        applications = applications.filter(intake=intake)
    if programme is not None:
        # The programme in any language: its Swedish and English pages share one translation key.
        applications = applications.filter(intake__programme__translation_key=programme.translation_key)
    month_index = Case(
        *(
            When(decided_at__lt=_midnight(arithmetic.add_months(first, 1)), then=Value(index))
            for index, first in enumerate(months)
        ),
        output_field=IntegerField(),
    )
    accepted = (
        applications.annotate(month_index=month_index)
        .values("month_index")
        .annotate(**{key: Count("pk", filter=condition) for key, condition in COUNTED.items()})
        .order_by("month_index")
    )
    counts: dict[str, dict[date, int]] = {key: {} for key in COUNTED}
    for row in accepted:
        for key in COUNTED:
            if row[key]:
                counts[key][months[row["month_index"]]] = row[key]
    return counts


@dataclass(frozen=True)
class ProgrammeForecast:
    """Every target's forecast over the programme's period, as of `period.today`."""

    period: arithmetic.Period
    counts: list[arithmetic.CountForecast]
    share: arithmetic.ShareForecast


def programme_forecast(
    *, targets: ProgrammeTargets, today: date, intake=None, programme=None, version: str | None = None
) -> ProgrammeForecast | None:
    """The forecast of each of `targets` for the participants the filters choose; None when the targets
    have no start and end date. One query, none when its counts are kept under `version`
    (`counted.version_token`)."""
    if not targets.has_dates:
        return None
    period = arithmetic.Period(starts_on=targets.starts_on, ends_on=targets.ends_on, today=today)
    counts = (
        counted(
            "forecast",
            monthly_counts,
            token=version,
            starts_on=period.starts_on,
            until=period.last_day_counted,
            intake=intake,
            programme=programme,
        )
        if period.has_started
        else {key: {} for key in COUNTED}
    )
    forecasts = {
        key: arithmetic.count_forecast(
            key=key, target=getattr(targets, key), counts=counts[key], period=period
        )
        for key in COUNTED
    }
    share = arithmetic.share_forecast(
        aim=targets.women_share_aim, women=forecasts["women"], everyone=forecasts["participants"]
    )
    return ProgrammeForecast(period=period, counts=list(forecasts.values()), share=share)


def forecast_for_filters(
    *, filters: dict, today: date
) -> tuple[object, ProgrammeTargets, ProgrammeForecast | None]:
    """The programme the page's `filters` choose (by itself or by its intake), its targets, and their
    forecast for the intake or programme chosen; no forecast without a programme or without dates."""
    programme = programme_of(filters)
    targets = programme_targets_of(programme)
    if programme is None:
        return None, targets, None
    forecast = programme_forecast(
        targets=targets, today=today, intake=filters["intake"], programme=filters["programme"]
    )
    return programme, targets, forecast
