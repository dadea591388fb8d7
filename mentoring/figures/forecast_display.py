"""The forecast as the figures page shows it and the downloads hold it: for each target a sentence in
words, a chart (`mentoring.figures.forecast_chart` places the lines) and its table, in the reader's
language.

The arithmetic is `mentoring.figures.arithmetic.forecast`; this module only words, formats and lays out.
"""

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mentoring.figures.arithmetic import forecast as arithmetic
from mentoring.figures.arithmetic.rounding import rounded
from mentoring.figures.forecast import ProgrammeForecast
from mentoring.figures.forecast_chart import LineChart, line_chart, nice_scale, time_ticks

TITLES = {
    "participants": gettext_lazy("Participants: where the programme is heading"),
    "employed": gettext_lazy("Employed at entry: where the programme is heading"),
    "job_seekers": gettext_lazy("Job seekers at entry: where the programme is heading"),
    "women": gettext_lazy("Women: where the programme is heading"),
    "women_share": gettext_lazy("Women's share: where the programme is heading"),
}
SHEET_TITLES = {
    "participants": gettext_lazy("Forecast, participants"),
    "employed": gettext_lazy("Forecast, employed"),
    "job_seekers": gettext_lazy("Forecast, job seekers"),
    "women": gettext_lazy("Forecast, women"),
    "women_share": gettext_lazy("Forecast, women's share"),
}


def _of_target(key: str, target: int) -> str:
    """'3,500 participants' and the like: the target with what it counts."""
    number = _number(target)
    if key == "employed":
        return ngettext(
            "%(count)s participant employed at entry", "%(count)s participants employed at entry", target
        ) % {"count": number}
    if key == "job_seekers":
        return ngettext(
            "%(count)s participant seeking a job at entry",
            "%(count)s participants seeking a job at entry",
            target,
        ) % {"count": number}
    if key == "women":
        return ngettext("%(count)s woman", "%(count)s women", target) % {"count": number}
    return ngettext("%(count)s participant", "%(count)s participants", target) % {"count": number}


def _number(value) -> str:
    return formats.number_format(value, force_grouping=True)


def _day(day: date) -> str:
    return formats.date_format(day, "j F Y")


def _month(month: date) -> str:
    return formats.date_format(month, "F Y")


def _percent(value: Fraction | None, *, decimals: int = 1) -> str:
    if value is None:
        return "—"
    return _("%(share)s %%") % {
        "share": formats.number_format(
            rounded(value, decimals=decimals), decimal_pos=decimals, force_grouping=True
        )
    }


@dataclass(frozen=True)
class ForecastFigure:
    """One target's forecast on the page: its sentences, its chart and the chart's table."""

    id: str
    key: str
    title: str
    sentences: list[str]
    chart: LineChart
    header: list[str]
    rows: list[list[str]]
    note: str = ""


def count_sentences(forecast: arithmetic.CountForecast) -> list[str]:
    """Where a count target stands and is heading, in words: the sentence of the projection to the end
    date, then the month the target is (or would be) reached."""
    period, target = forecast.period, forecast.target
    of_target = _of_target(forecast.key, target)
    if not period.has_started:
        return [_("The programme starts on %(day)s.") % {"day": _day(period.starts_on)}]
    if period.has_ended:
        sentence = _("The programme ended on %(day)s with %(count)s of %(target)s.") % {
            "day": _day(period.ends_on),
            "count": _number(forecast.current),
            "target": of_target,
        }
        return [sentence, _reached_sentence(forecast)]
    if forecast.projection is None:
        return [
            _("So far %(count)s of %(target)s.") % {"count": _number(forecast.current), "target": of_target},
            _("The forecast begins once the programme has run a whole calendar month."),
        ]
    values = {
        "expected": _number(forecast.expected_about),
        "target": of_target,
        "day": _day(period.ends_on),
        "gap": _number(abs(forecast.short_by)),
    }
    if forecast.short_by > 0:
        sentence = _(
            "At the pace of the last three months the programme reaches about %(expected)s of %(target)s "
            "by %(day)s, about %(gap)s short."
        )
    elif forecast.short_by < 0:
        sentence = _(
            "At the pace of the last three months the programme reaches about %(expected)s of %(target)s "
            "by %(day)s, about %(gap)s beyond the target."
        )
    else:
        sentence = _(
            "At the pace of the last three months the programme reaches about %(expected)s of %(target)s "
            "by %(day)s, the target itself."
        )
    return [sentence % values, _reached_sentence(forecast)]


def _reached_sentence(forecast: arithmetic.CountForecast) -> str:
    if forecast.already_reached:
        return _("The target was reached in %(month)s.") % {"month": _month(forecast.reached_in)}
    if forecast.period.has_ended:
        return _("The target was not reached.")
    if forecast.reached_in is None:
        return _(
            "Nothing counted towards this target in the last three complete months: "
            "at this pace it is never reached."
        )
    if forecast.reached_in_time:
        return _("If it continues at this pace, it reaches the target in %(month)s.") % {
            "month": _month(forecast.reached_in)
        }
    return _("If it continues at this pace, it reaches the target in %(month)s, after the end date.") % {
        "month": _month(forecast.reached_in)
    }


def share_sentences(forecast: arithmetic.ShareForecast) -> list[str]:
    """Where women's share stands and is heading against its aim, in words."""
    period, aim = forecast.period, _percent(Fraction(forecast.aim), decimals=0)
    if not period.has_started:
        return [_("The programme starts on %(day)s.") % {"day": _day(period.starts_on)}]
    if forecast.expected is None:
        sentence = _("Women's share is %(share)s so far; the aim is at least %(aim)s.") % {
            "share": _percent(forecast.current),
            "aim": aim,
        }
        if period.has_ended:
            return [sentence]
        return [sentence, _("The forecast begins once the programme has run a whole calendar month.")]
    values = {"share": _percent(forecast.expected, decimals=0), "day": _day(period.ends_on), "aim": aim}
    if forecast.at_aim_by_the_end:
        sentence = _(
            "At the pace of the last three months women's share is about %(share)s by %(day)s, "
            "at or above the aim of %(aim)s."
        )
    else:
        sentence = _(
            "At the pace of the last three months women's share is about %(share)s by %(day)s, "
            "below the aim of %(aim)s."
        )
    return [sentence % values, _crossing_sentence(forecast)]


def _crossing_sentence(forecast: arithmetic.ShareForecast) -> str:
    month = _month(forecast.crosses_in) if forecast.crosses_in else ""
    if forecast.crosses_in is not None and not forecast.is_at_aim:
        return _("If it continues at this pace, it reaches the aim in %(month)s.") % {"month": month}
    if forecast.crosses_in is not None:
        return _("If it continues at this pace, it falls below the aim in %(month)s.") % {"month": month}
    if forecast.is_at_aim:
        return _("It is at or above the aim today and stays there at this pace.")
    return _("At this pace it does not reach the aim.")


def _line_value(forecast: arithmetic.CountForecast, day: date) -> Fraction:
    """Where the straight line from zero at the start to the target at the end date is on `day`."""
    period = forecast.period
    whole = arithmetic.months_between(period.starts_on, period.ends_on)
    return forecast.target * arithmetic.months_between(period.starts_on, day) / whole


def _x_ticks(period: arithmetic.Period) -> list[tuple[date, str]]:
    return [
        (month, formats.date_format(month, "M Y")) for month in time_ticks(period.starts_on, period.ends_on)
    ]


def count_figure(forecast: arithmetic.CountForecast) -> ForecastFigure:
    """A count target's chart, sentences and table."""
    period, projection = forecast.period, forecast.projection
    key = forecast.key
    title = str(TITLES[key])
    sentences = count_sentences(forecast)
    largest = max(forecast.target, forecast.current, float(projection.high) if projection else 0, 1)
    top, step = nice_scale(largest)
    y_ticks = [(step * n, _number(int(step * n))) for n in range(int(top / step) + 1)]
    actual = [(period.starts_on, 0.0)] + [(point.as_of, float(point.cumulative)) for point in forecast.series]
    chart = line_chart(
        id=f"forecast-{key.replace('_', '-')}-chart",
        title=title,
        summary=" ".join(sentences),
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        today=period.today,
        actual=actual if forecast.series else [],
        target=[(period.starts_on, 0.0), (period.ends_on, float(forecast.target))],
        target_label=_("Target %(target)s") % {"target": _number(forecast.target)},
        projection=_projection_line(projection, period, "expected"),
        band=_band(projection, period),
        top=top,
        y_ticks=y_ticks,
        x_ticks=_x_ticks(period),
        today_label=_("Today"),
    )
    header = [
        _("Month"),
        _("Accepted in the month"),
        _("In all"),
        _("Straight line to the target"),
        _("Projection"),
    ]
    rows = [
        [
            _month(point.month),
            _number(point.count),
            _number(point.cumulative),
            _number(arithmetic.about(_line_value(forecast, point.as_of))),
            "—",
        ]
        for point in forecast.series
    ]
    if projection is not None:
        rows.append(
            [
                _("%(day)s (end date)") % {"day": _day(period.ends_on)},
                "—",
                "—",
                _number(forecast.target),
                _("about %(expected)s (%(low)s–%(high)s)")
                % {
                    "expected": _number(arithmetic.about(projection.expected)),
                    "low": _number(arithmetic.about(projection.low)),
                    "high": _number(arithmetic.about(projection.high)),
                },
            ]
        )
    return ForecastFigure(
        id=f"forecast-{key.replace('_', '-')}",
        key=key,
        title=title,
        sentences=sentences,
        chart=chart,
        header=header,
        rows=rows,
        note=pace_text(forecast),
    )


def _projection_line(projection, period: arithmetic.Period, which: str) -> list[tuple[date, float]]:
    if projection is None:
        return []
    return [(period.today, float(projection.current)), (period.ends_on, float(getattr(projection, which)))]


def _band(projection, period: arithmetic.Period) -> list[tuple[date, float]]:
    if projection is None:
        return []
    return [
        (period.today, float(projection.current)),
        (period.ends_on, float(projection.high)),
        (period.ends_on, float(projection.low)),
    ]


def share_figure(forecast: arithmetic.ShareForecast) -> ForecastFigure:
    """Women's share's chart (the aim a level line), sentences and table."""
    period = forecast.period
    title = str(TITLES["women_share"])
    sentences = share_sentences(forecast)
    actual = [(point.as_of, float(point.share)) for point in forecast.series if point.share is not None]
    projection = band = []
    if forecast.expected is not None and forecast.current is not None:
        projection = [(period.today, float(forecast.current)), (period.ends_on, float(forecast.expected))]
        band = [
            (period.today, float(forecast.current)),
            (period.ends_on, float(forecast.high)),
            (period.ends_on, float(forecast.low)),
        ]
    chart = line_chart(
        id="forecast-women-share-chart",
        title=title,
        summary=" ".join(sentences),
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        today=period.today,
        actual=actual,
        target=[(period.starts_on, float(forecast.aim)), (period.ends_on, float(forecast.aim))],
        target_label=_("Aim %(aim)s") % {"aim": _percent(Fraction(forecast.aim), decimals=0)},
        projection=projection,
        band=band,
        top=100,
        y_ticks=[(n, _percent(Fraction(n), decimals=0)) for n in range(0, 101, 20)],
        x_ticks=_x_ticks(period),
        today_label=_("Today"),
    )
    header = [_("Month"), _("Women"), _("Everyone"), _("Women's share"), _("Projection")]
    rows = [
        [_month(point.month), _number(point.women), _number(point.everyone), _percent(point.share), "—"]
        for point in forecast.series
    ]
    if forecast.expected is not None:
        rows.append(
            [
                _("%(day)s (end date)") % {"day": _day(period.ends_on)},
                "—",
                "—",
                "—",
                _("about %(share)s (%(low)s–%(high)s)")
                % {
                    "share": _percent(forecast.expected),
                    "low": _percent(forecast.low),
                    "high": _percent(forecast.high),
                },
            ]
        )
    return ForecastFigure(
        id="forecast-women-share",
        key="women_share",
        title=title,
        sentences=sentences,
        chart=chart,
        header=header,
        rows=rows,
    )


def pace_text(forecast: arithmetic.CountForecast) -> str:
    """The pace behind a projection, with its spread and the months it was taken over."""
    if forecast.pace is None:
        return ""
    months = forecast.pace.months
    return _("Pace: %(pace)s a month, give or take %(spread)s, over %(first)s to %(last)s.") % {
        "pace": formats.number_format(rounded(forecast.pace.per_month, decimals=1), decimal_pos=1),
        "spread": formats.number_format(rounded(forecast.pace.spread, decimals=1), decimal_pos=1),
        "first": _month(months[0]),
        "last": _month(months[-1]),
    }


def forecast_figures(forecast: ProgrammeForecast) -> list[ForecastFigure]:
    """Every target's figure, in the page's order: the four counts, then women's share."""
    return [count_figure(item) for item in forecast.counts] + [share_figure(forecast.share)]


def forecast_sheets(forecast: ProgrammeForecast) -> list[tuple[str, str, list[list]]]:
    """The series of every target for the downloads, as (title, sheet title, lines): a header, then one
    line per month with numbers kept numbers, then the end date's projection and its band."""
    sheets = []
    period = forecast.period
    for item in forecast.counts:
        lines: list[list] = [
            [
                _("Month"),
                _("Accepted in the month"),
                _("In all"),
                _("Straight line to the target"),
                _("Projection"),
                _("Band, low"),
                _("Band, high"),
            ]
        ]
        for point in item.series:
            lines.append(
                [
                    point.month,
                    point.count,
                    point.cumulative,
                    arithmetic.about(_line_value(item, point.as_of)),
                    None,
                    None,
                    None,
                ]
            )
        if item.projection is not None:
            lines.append(
                [
                    period.ends_on,
                    None,
                    None,
                    item.target,
                    arithmetic.about(item.projection.expected),
                    arithmetic.about(item.projection.low),
                    arithmetic.about(item.projection.high),
                ]
            )
        sheets.append((str(TITLES[item.key]), str(SHEET_TITLES[item.key]), lines))
    share = forecast.share
    lines = [
        [
            _("Month"),
            _("Women"),
            _("Everyone"),
            _("Women's share (%)"),
            _("Projection (%)"),
            _("Band, low (%)"),
            _("Band, high (%)"),
        ]
    ]
    for point in share.series:
        lines.append([point.month, point.women, point.everyone, _share(point.share), None, None, None])
    if share.expected is not None:
        lines.append(
            [period.ends_on, None, None, None, _share(share.expected), _share(share.low), _share(share.high)]
        )
    sheets.append((str(TITLES["women_share"]), str(SHEET_TITLES["women_share"]), lines))
    return sheets


def _share(value: Fraction | None):
    return None if value is None else rounded(value, decimals=1)


@dataclass(frozen=True)
class ForecastSection:
    """The page's forecast: the programme and targets it is for, which filters apply, and the figures;
    no figures when the targets have no dates (or no programme is chosen)."""

    programme: object
    targets: object
    figures: list[ForecastFigure]
    scope: list[str]


def forecast_section(
    *, filters: dict, programme, targets, forecast: ProgrammeForecast | None
) -> ForecastSection:
    """The forecast's part of the page for the page's `filters` (`FiguresFilterForm.filters()`)."""
    scope = []
    if forecast is not None:
        period = forecast.period
        if filters["intake"] is not None:
            scope.append(
                _(
                    "Counted: the participants of the intake %(intake)s only, "
                    "against the targets of %(programme)s."
                )
                % {"intake": filters["intake"].name, "programme": programme.title}
            )
        else:
            scope.append(_("Counted: every participant of %(programme)s.") % {"programme": programme.title})
        scope.append(
            _("The programme runs from %(start)s to %(end)s; participants accepted in that period count.")
            % {"start": _day(period.starts_on), "end": _day(period.ends_on)}
        )
        if filters["since"] is not None or filters["until"] is not None:
            scope.append(
                _("The period chosen above does not apply to the forecast: it has the programme's own.")
            )
    return ForecastSection(
        programme=programme,
        targets=targets,
        figures=forecast_figures(forecast) if forecast is not None else [],
        scope=scope,
    )
