"""The coordinators' figures page: every figure it shows, counted or kept (`counted`), for its filters."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from mentoring.figures import arithmetic as figures
from mentoring.figures import display
from mentoring.figures import export as figures_export
from mentoring.figures import tallies as figures_tallies
from mentoring.figures.counted import counted, version_token
from mentoring.figures.selectors import pipeline_counts, programme_of, programme_targets_of, reviewer_scores
from mentoring.models import (
    ProgrammeTargets,
)


def _as_targets(targets: ProgrammeTargets) -> figures.Targets:
    return figures.Targets(
        participants=targets.participants,
        employed=targets.employed,
        job_seekers=targets.job_seekers,
        women=targets.women,
        women_share_aim=targets.women_share_aim,
    )


@dataclass(frozen=True)
class FiguresPage:
    """Every figure of the coordinators' page, for the participants the filters choose."""

    participant_count: int
    programme: object
    targets: ProgrammeTargets
    targets_are_defaults: bool
    progress: display.Figure
    breakdowns: list[display.Figure]
    outcomes: list[display.Figure]
    businesses: display.Figure
    businesses_total: int
    businesses_women: int
    indicators: display.Figure
    course_time: list[display.Figure]
    pipeline: display.Figure
    pipeline_warnings: list[display.DisplayRow]
    score_gap: display.Figure
    # The data's version the counts are kept under (`counted.version_token`), for the forecast's count.
    version: str | None = None


def figures_page(*, filters: dict) -> FiguresPage:
    """The figures page for `filters` (`FiguresFilterForm.filters()`): the same queries whatever the
    number of participants. The targets are the chosen programme's (or the intake's), else the defaults."""
    version = version_token()
    tallies, everyone = counted(
        "tallies", figures_tallies.tallies_and_everyone_on_courses, token=version, **filters
    )
    programme = programme_of(filters)
    targets = programme_targets_of(programme)
    pipeline_lines = counted("pipeline", pipeline_counts, token=version, **filters)
    stages = figures.pipeline(pipeline_lines, aim_percent=targets.women_share_aim)
    scores = counted(
        "scores", reviewer_scores, token=version, intake=filters["intake"], programme=filters["programme"]
    )
    gap = figures.score_gap(scores)
    keys = figures_export.breakdown_keys()
    breakdowns = [
        display.table_figure(
            figures.breakdown_of(tallies, by=by, keys=keys.get(by)), id=f"by-{by.replace('_', '-')}"
        )
        for by in figures.BREAKDOWNS
    ]
    businesses = figures.businesses_of(tallies)
    pipeline = display.pipeline_figure(stages, aim=targets.women_share_aim)
    return FiguresPage(
        version=version,
        participant_count=tallies.participants(),
        programme=programme,
        targets=targets,
        targets_are_defaults=targets.pk is None,
        progress=display.progress_figure(figures.progress_of(tallies, targets=_as_targets(targets))),
        breakdowns=breakdowns,
        outcomes=[
            display.table_figure(figures.outcomes_of(tallies, point="exit"), id="outcomes-exit"),
            display.table_figure(figures.outcomes_of(tallies, point="six_months"), id="outcomes-six-months"),
        ],
        businesses=display.table_figure(businesses, id="businesses"),
        businesses_total=businesses.value("businesses_started", figures.TOTAL),
        businesses_women=businesses.value("businesses_started", "woman"),
        indicators=display.table_figure(figures.funder_indicators_of(tallies), id="indicators"),
        course_time=[
            display.table_figure(
                figures.course_time_of(tallies.course_time),
                id="course-time",
                chart_row="hours_marked",
                note=_(
                    "Every course hour marked for the participants counted here, on any course and any day."
                ),
            ),
            display.table_figure(
                figures.course_time_of(everyone, key=figures.COURSE_TIME_EVERYONE),
                id="course-time-everyone",
                chart_row="hours_marked",
                note=_(
                    "Everyone with hours marked on a course, whether in a programme or not; the period, "
                    "when chosen, applies to the days attended, and intake and programme do not apply."
                ),
            ),
        ],
        pipeline=pipeline,
        pipeline_warnings=[row for row in pipeline.rows if row.warning],
        score_gap=display.score_figure(gap),
    )
