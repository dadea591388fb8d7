"""The figures as the coordinators' page shows them: each table labelled and formatted in the
reader's language, beside a chart of it (`mentoring.figures.charts` places the bars).

The counting is `mentoring.figures.arithmetic`; the labels and titles are the downloads'
(`mentoring.figures.export`), so the page and the files name every figure alike.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mentoring.core.choices import Gender
from mentoring.core.display import label_of
from mentoring.figures import arithmetic as figures
from mentoring.figures import export as figures_export
from mentoring.figures.charts import Chart, bar_chart
from mentoring.models.review import SCORE_MAX, SCORE_MIN

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


def _percent(value: Decimal | None) -> str:
    """A percentage already rounded by the rule (`figures.percent`), written out in full, never cut."""
    if value is None:
        return "—"
    share = formats.number_format(value, decimal_pos=figures.PERCENT_DECIMALS, force_grouping=True)
    return _("%(share)s %%") % {"share": share}


def _score(value) -> str:
    """A mean score or a gap, rounded by the rule to two decimals."""
    if value is None:
        return "—"
    rounded = figures.rounded(value, decimals=figures.SCORE_DECIMALS)
    return formats.number_format(rounded, decimal_pos=figures.SCORE_DECIMALS)


def _value_of(amount, whole) -> str:
    if not whole:
        return _number(amount)
    return _("%(count)s (%(share)s)") % {
        "count": _number(amount),
        "share": _percent(figures.percent(amount, whole)),
    }


def _base_text(row: str, whole) -> str:
    """What a chart's shares are of, by the row that counts the whole; nothing when there is no whole."""
    if not whole:
        return ""
    if row == "businesses_started":
        return ngettext(
            "Share of the %(count)s business started", "Share of all %(count)s businesses started", whole
        ) % {"count": _number(whole)}
    if row == "hours_marked":
        return _("Share of all %(hours)s hours marked") % {"hours": _number(whole)}
    return ngettext("Share of the %(count)s participant", "Share of all %(count)s participants", whole) % {
        "count": _number(whole)
    }


def table_figure(table: figures.Table, *, id: str, chart_row: str | None = None, note: str = "") -> Figure:
    """A table of the core, labelled as in the downloads, with a chart of its totals.

    Its title is the downloads' too. A table of several rows is charted row by row (its "total"
    column; the "total" row left out), each bar's share taken of the table's base row (all the
    participants counted: 100 % for the indicators' own "participants" row); a table of one row
    (businesses) is charted gender by gender, and so is the row `chart_row` when given (a table whose
    rows are not parts of one whole), each share taken of that row's total. The chart says which
    whole that is. Hours are shown in the language's number format.
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
        whole, base_row = only.values[total_index], only.key
    else:
        parts = [
            (cells[0], row.values[total_index])
            for row, cells in zip(table.rows, labelled, strict=True)
            if row.key != figures.TOTAL
        ]
        whole, base_row = table.base_count(), table.base
    chart = bar_chart(
        id=f"{id}-chart",
        title=title,
        bars=[(label, amount, _value_of(amount, whole), False) for label, amount in parts],
        scale=max([amount for _label, amount in parts] + [1]),
        base=_base_text(base_row, whole),
    )
    return Figure(id=id, title=title, header=list(header), rows=rows, chart=chart, note=note)


def progress_figure(progress: list[figures.Progress]) -> Figure:
    """Progress against the programme's targets: each target's aim, what is reached and its share."""
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
        id="progress-chart",
        title=title,
        bars=bars,
        scale=scale,
        base=_("Share of each target reached; the line marks the target"),
        marker=100,
        marker_label=_("Target"),
    )
    return Figure(
        id="progress",
        title=title,
        header=[_("Target"), _("Aim"), _("Reached"), _("Share of the aim")],
        rows=rows,
        chart=chart,
    )


def pipeline_figure(stages: list[figures.Stage], *, aim: int) -> Figure:
    """Women's share at each step of the pipeline, each step below `aim` (a percentage) warned of."""
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
        base=_("Women's share of everyone who reached each step"),
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


def score_figure(gap: figures.ScoreGap) -> Figure:
    """The reviewers' mean score by the applicant's gender, and the gap between women and men."""
    title = _("Reviewers' scores by the applicant's gender")
    rows, bars = [], []
    for gender in figures.GENDERS:
        label = label_of(Gender, gender)
        mean = gap.means.get(gender)
        mean_text = _score(mean)
        rows.append(DisplayRow(cells=[label, mean_text, _number(gap.counts.get(gender, 0))]))
        bars.append((label, mean, mean_text, False))
    if gap.gap is None:
        note = _("No gap can be given until both women's and men's applications have been scored.")
    else:
        note = _("Women's mean score minus men's: %(gap)s points.") % {"gap": _score(gap.gap)}
    # The bars run over the rubric's own scale, lowest score to highest, so that 3.91 and 4.81 differ.
    chart = bar_chart(
        id="score-gap-chart",
        title=title,
        bars=bars,
        scale=SCORE_MAX,
        origin=SCORE_MIN,
        base=_("Mean score on the rubric's scale from %(lowest)s to %(highest)s")
        % {"lowest": _number(SCORE_MIN), "highest": _number(SCORE_MAX)},
    )
    return Figure(
        id="score-gap",
        title=title,
        header=[_("Applicant's gender"), _("Mean score"), _("Scores")],
        rows=rows,
        chart=chart,
        note=note,
    )
