"""The coordinators' figures: progress against the programme's targets, breakdowns, outcomes, the
gender pipeline and the reviewers' score gap, each as a table and a chart; and the downloads.

Every view needs the Coordinators role. The counting is `mentoring.figures` (pure), the reads
`mentoring.figures.selectors` (a fixed number of queries whatever the number of participants),
the labels and files `mentoring.figures.export`. This module only picks the filters, lays the
tables out for the page and computes where the bars go.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from mentoring.core.choices import Gender
from mentoring.core.display import label_of
from mentoring.core.roles import role_required
from mentoring.figures import arithmetic as figures
from mentoring.figures import export as figures_export
from mentoring.figures import selectors as figures_selectors
from mentoring.figures.forms import FiguresFilterForm
from mentoring.models import ProgrammeTargets
from mentoring.models.review import SCORE_RANGE
from portal import roles

PROGRESS_LABELS = {
    "participants": gettext_lazy("Participants"),
    "employed": gettext_lazy("Employed at entry"),
    "job_seekers": gettext_lazy("Job seekers at entry"),
    "women": gettext_lazy("Women"),
}
PIPELINE_LABELS = {
    "applied": gettext_lazy("Applied"),
    "eligible": gettext_lazy("Eligible"),
    "accepted": gettext_lazy("Accepted"),
    "matched": gettext_lazy("Matched with a mentor"),
    "three_meetings": gettext_lazy("Three meetings or more"),
    "business_started": gettext_lazy("Business started"),
}
DOWNLOADS = {"figures", "participants"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# --- Charts ------------------------------------------------------------------------------------

# The chart's own coordinates (the SVG scales to the page): labels right-aligned up to LABEL_X,
# bars from BAR_X over TRACK_WIDTH, the value as text to the right of the track.
CHART_WIDTH = 760
LABEL_X = 250
BAR_X = 260
TRACK_WIDTH = 320
VALUE_X = BAR_X + TRACK_WIDTH + 10
BAR_HEIGHT = 20
ROW_HEIGHT = 30
TOP_WITH_MARKER = 22
LABEL_CHARS = 34


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    y: float
    text_y: float
    width: float
    warning: bool = False


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str
    bars: list[Bar]
    height: float
    plot_bottom: float
    marker_x: float | None = None
    marker_label: str = ""
    marker_label_y: float = 14
    marker_top: float = 18
    width: int = CHART_WIDTH
    label_x: int = LABEL_X
    bar_x: int = BAR_X
    value_x: int = VALUE_X
    track_width: int = TRACK_WIDTH
    bar_height: int = BAR_HEIGHT


def _short(label: str) -> str:
    # The full label is in the table next to the chart; the chart keeps its column narrow.
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(
    *,
    id: str,
    title: str,
    bars: list[tuple[str, float | None, str, bool]],
    scale: float,
    marker: float | None = None,
    marker_label: str = "",
) -> Chart:
    """A horizontal bar chart: `bars` as (label, amount, value text, warning), `scale` the amount of a
    full track; `marker` an amount to draw a line at (a target, an aim). A missing amount is no bar."""
    top = TOP_WITH_MARKER if marker is not None else 4
    drawn = []
    for index, (label, amount, value, warning) in enumerate(bars):
        y = top + index * ROW_HEIGHT
        share = min(max((amount or 0) / scale, 0), 1) if scale else 0
        drawn.append(
            Bar(
                label=_short(str(label)),
                value=value,
                y=y,
                text_y=y + BAR_HEIGHT * 0.75,
                width=round(share * TRACK_WIDTH, 1),
                warning=warning,
            )
        )
    plot_bottom = top + len(bars) * ROW_HEIGHT
    marker_x = None
    if marker is not None and scale:
        marker_x = round(BAR_X + min(marker / scale, 1) * TRACK_WIDTH, 1)
    return Chart(
        id=id,
        title=title,
        summary="; ".join(f"{label}: {value}" for label, _amount, value, _warning in bars),
        bars=drawn,
        height=plot_bottom + 4,
        plot_bottom=plot_bottom,
        marker_x=marker_x,
        marker_label=marker_label,
    )


# --- Tables as the page shows them ----------------------------------------------------------------


@dataclass(frozen=True)
class DisplayRow:
    cells: list[str]
    warning: str = ""
    is_total: bool = False
    # Against the aim, where the table has that column: said in words, not by colour alone.
    status: str = ""


@dataclass(frozen=True)
class Figure:
    """One figure of the page: a heading, its chart and its table (the chart's accessible version)."""

    id: str
    title: str
    header: list[str]
    rows: list[DisplayRow]
    chart: Chart | None = None
    note: str = ""
    warning_column: bool = False


def _number(value) -> str:
    return formats.number_format(value, force_grouping=True)


def _percent(value: float | None) -> str:
    if value is None:
        return "—"
    return _("%(share)s %%") % {"share": formats.number_format(value, decimal_pos=1)}


def _table_figure(table: figures.Table, *, id: str, chart_row: str | None = None, note: str = "") -> Figure:
    """A table of the core, labelled as in the downloads, with a chart of its totals.

    Its title is the downloads' too. A table of several rows is charted row by row (its "total"
    column; the "total" row left out), a table of one row (businesses) gender by gender, and so is
    the row `chart_row` when given (a table whose rows are not parts of one whole). Hours are
    shown in the language's number format.
    """
    title = figures_export.table_title(table)
    (corner, *columns), *labelled = figures_export.table_rows(table)
    labelled = [
        [
            cells[0],
            *(
                _number(v) if isinstance(v, Decimal) else text
                for v, text in zip(row.values, cells[1:], strict=True)
            ),
        ]
        for row, cells in zip(table.rows, labelled, strict=True)
    ]
    header = [corner or _("Group"), *columns]
    rows = [
        DisplayRow(cells=list(cells), is_total=row.key == figures.TOTAL)
        for row, cells in zip(table.rows, labelled, strict=True)
    ]
    total_index = table.columns.index(figures.TOTAL)
    if chart_row is not None or len(table.rows) == 1:
        only = table.row(chart_row) if chart_row is not None else table.rows[0]
        parts = [
            (header[index + 1], only.values[index])
            for index, column in enumerate(table.columns)
            if column != figures.TOTAL
        ]
        whole = only.values[total_index]
    else:
        parts = [
            (cells[0], row.values[total_index])
            for row, cells in zip(table.rows, labelled, strict=True)
            if row.key != figures.TOTAL
        ]
        whole = sum(amount for _label, amount in parts)
    chart = bar_chart(
        id=f"{id}-chart",
        title=title,
        bars=[(label, amount, _value_of(amount, whole), False) for label, amount in parts],
        scale=max([amount for _label, amount in parts] + [1]),
    )
    return Figure(id=id, title=title, header=list(header), rows=rows, chart=chart, note=note)


def _value_of(amount: int, whole: int) -> str:
    if not whole:
        return _number(amount)
    return _("%(count)s (%(share)s)") % {"count": _number(amount), "share": _percent(100 * amount / whole)}


def _progress_figure(progress: list[figures.Progress]) -> Figure:
    title = _("Progress against the programme's targets")
    rows, bars = [], []
    for item in progress:
        label = str(PROGRESS_LABELS.get(item.key, item.key))
        rows.append(
            DisplayRow(cells=[label, _number(item.target), _number(item.actual), _percent(item.share)])
        )
        value = _("%(actual)s of %(target)s (%(share)s)") % {
            "actual": _number(item.actual),
            "target": _number(item.target),
            "share": _percent(item.share),
        }
        bars.append((label, item.share, value, False))
    scale = max([100.0] + [item.share or 0 for item in progress])
    chart = bar_chart(
        id="progress-chart", title=title, bars=bars, scale=scale, marker=100, marker_label=_("Target")
    )
    return Figure(
        id="progress",
        title=title,
        header=[_("Target"), _("Aim"), _("Reached"), _("Share of the aim")],
        rows=rows,
        chart=chart,
    )


def _pipeline_figure(stages: list[figures.Stage], *, aim: int) -> Figure:
    title = _("Women's share at each step")
    aim_text = _percent(aim)
    rows, bars = [], []
    for stage in stages:
        label = str(PIPELINE_LABELS.get(stage.key, stage.key))
        warning = _("Below the aim of %(aim)s") % {"aim": aim_text} if stage.below_aim else ""
        if stage.share is None:
            status = _("Nobody has reached this step")
        else:
            status = warning or _("At or above the aim")
        rows.append(
            DisplayRow(
                cells=[label, _number(stage.women), _number(stage.total), _percent(stage.share)],
                warning=warning,
                status=status,
            )
        )
        value = _percent(stage.share)
        if stage.below_aim:
            value = _("%(share)s – below the aim") % {"share": value}
        bars.append((label, stage.share, value, stage.below_aim))
    chart = bar_chart(
        id="pipeline-chart",
        title=title,
        bars=bars,
        scale=100,
        marker=aim,
        marker_label=_("Aim %(aim)s") % {"aim": aim_text},
    )
    return Figure(
        id="pipeline",
        title=title,
        header=[_("Step"), _("Women"), _("Everyone"), _("Women's share"), _("Against the aim")],
        rows=rows,
        chart=chart,
        warning_column=True,
    )


def _score_figure(gap: figures.ScoreGap) -> Figure:
    title = _("Reviewers' scores by the applicant's gender")
    rows, bars = [], []
    for gender in figures.GENDERS:
        label = label_of(Gender, gender)
        mean = gap.means.get(gender)
        mean_text = "—" if mean is None else formats.number_format(mean, decimal_pos=2)
        rows.append(DisplayRow(cells=[label, mean_text, _number(gap.counts.get(gender, 0))]))
        bars.append((label, mean, mean_text, False))
    if gap.gap is None:
        note = _("No gap can be given until both women's and men's applications have been scored.")
    else:
        note = _("Women's mean score minus men's: %(gap)s points.") % {
            "gap": formats.number_format(gap.gap, decimal_pos=2)
        }
    chart = bar_chart(id="score-gap-chart", title=title, bars=bars, scale=SCORE_RANGE[1])
    return Figure(
        id="score-gap",
        title=title,
        header=[_("Applicant's gender"), _("Mean score"), _("Scores")],
        rows=rows,
        chart=chart,
        note=note,
    )


# --- Filters and targets ---------------------------------------------------------------------------


def _programme_of(filters: dict):
    """The programme whose targets apply: the one asked for, or the intake's."""
    if filters["programme"] is not None:
        return filters["programme"]
    if filters["intake"] is not None:
        return filters["intake"].programme
    return None


def _targets_of(programme) -> ProgrammeTargets:
    """The programme's targets, or the defaults (unsaved: reading the figures writes nothing)."""
    if programme is not None:
        found = ProgrammeTargets.objects.filter(programme=programme).first()
        if found is not None:
            return found
    return ProgrammeTargets(programme=programme) if programme is not None else ProgrammeTargets()


def _as_targets(targets: ProgrammeTargets) -> figures.Targets:
    return figures.Targets(
        participants=targets.participants,
        employed=targets.employed,
        job_seekers=targets.job_seekers,
        women=targets.women,
        women_share_aim=targets.women_share_aim,
    )


def _figures(filters: dict) -> dict:
    rows = figures_selectors.participant_rows(**filters)
    programme = _programme_of(filters)
    targets = _targets_of(programme)
    stages = figures.pipeline(
        figures_selectors.pipeline_counts(**filters), aim_percent=targets.women_share_aim
    )
    gap = figures.score_gap(
        figures_selectors.reviewer_scores(intake=filters["intake"], programme=filters["programme"])
    )
    keys = figures_export.breakdown_keys()
    breakdowns = [
        _table_figure(figures.breakdown(rows, by=by, keys=keys.get(by)), id=f"by-{by.replace('_', '-')}")
        for by in figures.BREAKDOWNS
    ]
    businesses = figures.businesses(rows)
    pipeline = _pipeline_figure(stages, aim=targets.women_share_aim)
    return {
        "participant_count": len(rows),
        "programme": programme,
        "targets": targets,
        "targets_are_defaults": targets.pk is None,
        "progress": _progress_figure(figures.progress(rows, targets=_as_targets(targets))),
        "breakdowns": breakdowns,
        "outcomes": [
            _table_figure(figures.outcomes(rows, point="exit"), id="outcomes-exit"),
            _table_figure(figures.outcomes(rows, point="six_months"), id="outcomes-six-months"),
        ],
        "businesses": _table_figure(businesses, id="businesses"),
        "businesses_total": businesses.value("businesses_started", figures.TOTAL),
        "businesses_women": businesses.value("businesses_started", "woman"),
        "indicators": _table_figure(figures.funder_indicators(rows), id="indicators"),
        "course_time": [
            _table_figure(
                figures.course_time(rows),
                id="course-time",
                chart_row="hours_marked",
                note=_(
                    "Every course hour marked for the participants counted here, on any course and any day."
                ),
            ),
            _table_figure(
                figures.course_time(
                    figures_selectors.course_time_rows(since=filters["since"], until=filters["until"]),
                    key=figures.COURSE_TIME_EVERYONE,
                ),
                id="course-time-everyone",
                chart_row="hours_marked",
                note=_(
                    "Everyone with hours marked on a course, whether in a programme or not; the period, "
                    "when chosen, applies to the days attended, and intake and programme do not apply."
                ),
            ),
        ],
        "pipeline": pipeline,
        "pipeline_warnings": [row for row in pipeline.rows if row.warning],
        "score_gap": _score_figure(gap),
    }


# --- Views ---------------------------------------------------------------------------------------


@role_required(roles.COORDINATORS)
@require_GET
def figures_dashboard(request):
    form = FiguresFilterForm(request.GET or None)
    context = {"form": form, "is_filtered": False}
    if not form.is_bound or form.is_valid():
        filters = form.filters()
        context |= _figures(filters)
        context["is_filtered"] = any(filters.values())
        context["downloads"] = _download_links(request.GET.urlencode() if form.is_bound else "")
    return render(request, "mentoring/coordinator/figures.html", context)


def _download_links(query: str) -> list[dict]:
    def url(what: str, fmt: str) -> str:
        target = reverse("mentoring:figures_download", kwargs={"what": what, "fmt": fmt})
        return f"{target}?{query}" if query else target

    return [
        {"url": url("figures", "xlsx"), "label": _("Figures as XLSX")},
        {"url": url("figures", "csv"), "label": _("Figures as CSV")},
        {"url": url("participants", "xlsx"), "label": _("Participant list for audit as XLSX")},
        {"url": url("participants", "csv"), "label": _("Participant list for audit as CSV")},
    ]


@role_required(roles.COORDINATORS)
@require_GET
def figures_download(request, what: str, fmt: str):
    if what not in DOWNLOADS or fmt not in CONTENT_TYPES:
        raise Http404
    form = FiguresFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # The dashboard shows what is wrong with the filters; a file of other figures would mislead.
        return HttpResponseRedirect(f"{reverse('mentoring:figures_dashboard')}?{request.GET.urlencode()}")
    filters = form.filters()
    rows = figures_selectors.participant_rows(**filters)
    if what == "figures":
        everyone = figures_selectors.course_time_rows(since=filters["since"], until=filters["until"])
        tables = figures.all_tables(rows, keys=figures_export.breakdown_keys(), everyone_on_courses=everyone)
        content = figures_export.figures_xlsx(tables) if fmt == "xlsx" else figures_export.figures_csv(tables)
        name = _("figures")
    else:
        content = (
            figures_export.participant_list_xlsx(rows)
            if fmt == "xlsx"
            else figures_export.participant_list_csv(rows)
        )
        name = _("participants")
    filename = f"{slugify(name)}-{timezone.localdate().isoformat()}.{fmt}"
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("coordinator/figures/", figures_dashboard, name="figures_dashboard"),
    path("coordinator/figures/download/<str:what>.<str:fmt>/", figures_download, name="figures_download"),
]
