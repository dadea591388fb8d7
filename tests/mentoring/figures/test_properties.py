"""Properties of the figures for any cohort: every percentage shown is its count over the base its
chart states, rounded by the one rule, and a table's totals read the same in the chart, the page's
table, the CSV and the XLSX.

Cohorts are made by hypothesis: few examples, no deadline, and in CI (CI=true) a fixed seed, as in
tests/hardening; `HYPOTHESIS_MAX_EXAMPLES` raises the count for a longer hunt. No database.
"""

import csv
import io
import os
import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from mentoring.figures import arithmetic as figures
from mentoring.figures import display
from mentoring.figures import export as figures_export

CHECKS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "15")),
    deadline=None,
    derandomize=os.environ.get("CI", "").lower() == "true",
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NUMBER = r"\d[\d,]*(?:\.\d+)?"
SHARE = re.compile(rf"^({NUMBER}) \(({NUMBER}) %\)$")
HOURS = st.decimals(min_value=0, max_value=40, places=1)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@st.composite
def participants(draw) -> figures.ParticipantRow:
    exit_result = draw(st.none() | st.sampled_from(figures.RESULTS))
    six_months = draw(st.none() | st.sampled_from(figures.RESULTS))
    marked = draw(HOURS)
    return figures.ParticipantRow(
        pseudonym="P-0000000000",
        intake_id=1,
        programme_id=1,
        accepted_on=date(2026, 3, 1),
        gender=draw(st.sampled_from(figures.GENDERS)),
        age_at_entry=draw(st.none() | st.integers(min_value=16, max_value=70)),
        employment_status=draw(st.sampled_from(figures.EMPLOYMENT_STATUSES)),
        months_unemployed=draw(st.none() | st.integers(min_value=0, max_value=36)),
        municipality=draw(st.sampled_from(["goteborg", "molndal", "kungalv"])),
        education_level=draw(st.sampled_from(figures.EDUCATION_LEVELS)),
        former_sector=draw(st.sampled_from(figures.FORMER_SECTORS)),
        matched=draw(st.booleans()),
        meetings=draw(st.integers(min_value=0, max_value=6)),
        exit_result=exit_result,
        exit_improved=None if exit_result is None else draw(st.booleans()),
        six_month_result=six_months,
        six_month_improved=None if six_months is None else draw(st.booleans()),
        business_registered=draw(st.booleans()),
        business_started_on=None,
        course_hours=marked,
        course_hours_confirmed=min(marked, draw(HOURS)),
    )


def number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def charted(table: figures.Table) -> str | None:
    """The row the page charts gender by gender (see `selectors.page.figures_page`), or None: row by row."""
    if table.key in (figures.COURSE_TIME, figures.COURSE_TIME_EVERYONE):
        return "hours_marked"
    return table.rows[0].key if len(table.rows) == 1 else None


def check_shares(figure: display.Figure, counts: list, base) -> None:
    """Every bar reads "count (share %)" with the share of `base`, or the count alone without a base."""
    assert len(figure.chart.bars) == len(counts)
    for bar, count in zip(figure.chart.bars, counts, strict=True):
        if not base:
            assert figure.chart.base == "" and number(bar.value) == count
            continue
        shown = SHARE.match(bar.value)
        assert shown, bar.value
        assert number(shown.group(1)) == count
        assert number(shown.group(2)) == figures.percent(count, base)
        assert len(shown.group(2).split(".")[1]) == figures.PERCENT_DECIMALS


@CHECKS
@given(rows=st.lists(participants(), max_size=40))
def test_figures_every_share_is_of_its_stated_base_and_every_total_agrees(rows):
    tables = figures.all_tables(rows, keys=figures_export.breakdown_keys(), everyone_on_courses=[])
    csv_lines = list(csv.reader(io.StringIO(figures_export.figures_csv(tables).decode("utf-8-sig"))))
    book = load_workbook(io.BytesIO(figures_export.figures_xlsx(tables)), read_only=True)
    for table, sheet in zip(tables, book.worksheets, strict=True):
        row_key = charted(table)
        figure = display.table_figure(table, id=table.key, chart_row=row_key)
        total_at = table.columns.index(figures.TOTAL)
        if row_key is not None:
            counts = [
                v
                for column, v in zip(table.columns, table.row(row_key).values, strict=True)
                if column != figures.TOTAL
            ]
            base, base_row = table.value(row_key, figures.TOTAL), row_key
        else:
            counts = [row.values[total_at] for row in table.rows if row.key != figures.TOTAL]
            base, base_row = table.base_count(), table.base
            assert base == len(rows), table.key  # every table of participants counts them all
        check_shares(figure, counts, base)
        if base:
            assert re.search(rf"\b{re.escape(display._number(base))}\b", figure.chart.base), figure.chart.base

        # The base row's total is the same number in the page's table, the CSV and the XLSX.
        label = figures_export.row_label(table, base_row)
        page_cells = {row.cells[0]: row.cells for row in figure.rows}
        assert number(page_cells[label][-1]) == base
        title_at = csv_lines.index([figures_export.table_title(table)])
        csv_row = next(line for line in csv_lines[title_at:] if line and line[0] == label)
        assert number(csv_row[1 + total_at]) == base
        xlsx_row = next(line for line in sheet.iter_rows(values_only=True) if line and line[0] == label)
        assert Decimal(str(xlsx_row[1 + total_at])) == base

        # Where the files give shares, each is its row's count over the same base, by the same rule.
        if table.base is not None:
            csv_table = csv_lines[title_at + 2 : title_at + 2 + len(table.rows)]
            xlsx_table = list(sheet.iter_rows(min_row=3, values_only=True))
            for row, csv_line, xlsx_line in zip(table.rows, csv_table, xlsx_table, strict=True):
                share = figures.percent(row.values[total_at], base)
                assert csv_line[-1] == ("" if share is None else str(share))
                assert xlsx_line[-1] == (None if share is None else float(share))


@CHECKS
@given(
    reached=st.lists(st.integers(min_value=0, max_value=5000), min_size=4, max_size=4),
    aims=st.lists(st.integers(min_value=0, max_value=5000), min_size=4, max_size=4),
    stages=st.lists(
        st.integers(min_value=0, max_value=300).flatmap(
            lambda total: st.tuples(st.integers(0, total), st.just(total))
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_figures_progress_and_pipeline_shares_read_alike_in_chart_and_table(reached, aims, stages):
    items = [
        figures.Progress(key, aim, count, figures.percent(count, aim))
        for key, aim, count in zip(display.PROGRESS_LABELS, aims, reached, strict=True)
    ]
    progress = display.progress_figure(items)
    for item, row, bar in zip(items, progress.rows, progress.chart.bars, strict=True):
        expected = "—" if not item.target else f"{figures.percent(item.actual, item.target):,} %"
        assert row.cells[-1] == expected and bar.value.endswith(f"({expected})")

    keys = figures.PIPELINE_STAGES[: len(stages)]
    pipeline = display.pipeline_figure(
        figures.pipeline(
            [(key, women, total) for key, (women, total) in zip(keys, stages, strict=True)], aim_percent=40
        ),
        aim=40,
    )
    for (women, total), row, bar in zip(stages, pipeline.rows, pipeline.chart.bars, strict=True):
        expected = "—" if not total else f"{figures.percent(women, total):,} %"
        assert row.cells[3] == expected and bar.value.startswith(expected)
