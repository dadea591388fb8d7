"""The figures in words and files: labelled tables, and CSV and XLSX downloads.

The pure core (`mentoring.figures`) gives codes; this module names them with
the vocabularies' labels and gettext, in the language active when it runs.
Downloads carry counts and pseudonyms only: never a name or contact details.
"""

import csv
import functools
import io
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from mentoring.core.choices import EducationLevel, EmploymentStatus, FormerSector, Gender, Municipality
from mentoring.core.display import label_of
from mentoring.figures.arithmetic import NOT_YET_KNOWN, TOTAL, UNKNOWN, ParticipantRow, Table, percent
from mentoring.figures.sheet import sheet_xlsx
from mentoring.models import Outcome

SHEET_NAME_MAX = 31
# Excel reads a CSV as UTF-8 only when it starts with a byte order mark; without it "Mölndal" breaks.
BOM = "\ufeff"

TABLE_TITLES = {
    "funder_indicators": _("Participants and results for the funder"),
    "gender": _("Participants by gender"),
    "employment_status": _("Participants by employment status at entry"),
    "municipality": _("Participants by municipality"),
    "age_band": _("Participants by age at entry"),
    "education_level": _("Participants by education"),
    "former_sector": _("Participants by sector of former employment"),
    "outcomes_exit": _("Outcomes at exit"),
    "outcomes_six_months": _("Outcomes at six months"),
    "businesses": _("Businesses started"),
    "course_time": _("Participation time in courses: programme participants"),
    "course_time_everyone": _("Participation time in courses: everyone on the courses"),
}
# Short names for the XLSX sheets (at most 31 characters, whatever the language).
SHEET_TITLES = {
    "funder_indicators": _("Funder indicators"),
    "gender": _("Gender"),
    "employment_status": _("Employment status"),
    "municipality": _("Municipality"),
    "age_band": _("Age"),
    "education_level": _("Education"),
    "former_sector": _("Former sector"),
    "outcomes_exit": _("Outcomes at exit"),
    "outcomes_six_months": _("Outcomes at six months"),
    "businesses": _("Businesses"),
    "course_time": _("Course time, participants"),
    "course_time_everyone": _("Course time, everyone"),
}
SHARE_COLUMN = _("Share of all participants (%)")
COMMON_LABELS = {
    TOTAL: _("Total"),
    UNKNOWN: _("Unknown"),
    NOT_YET_KNOWN: _("Not yet known"),
}
FUNDER_ROWS = {
    "participants": _("Participants"),
    "unemployed": _("Unemployed at entry, including long-term unemployed"),
    "long_term_unemployed": _("Long-term unemployed at entry"),
    "inactive": _("Not in the labour force at entry (including in education)"),
    "employed": _("Employed at entry, including self-employed"),
    "under_25": _("Under 25 years old"),
    "over_54": _("Over 54 years old"),
    "age_unknown": _("Age not known"),
    "education_isced_0_2": _("Compulsory school (ISCED 0–2)"),
    "education_isced_3_4": _("Upper secondary or short post-secondary (ISCED 3–4)"),
    "education_isced_5_8": _("Higher education (ISCED 5–8)"),
    "education_unknown": _("Education not known"),
    "exit_looking": _("On leaving: looking for work"),
    "exit_education": _("On leaving: in education or training"),
    "exit_employed": _("On leaving: in employment, including self-employed"),
    "exit_other": _("On leaving: other situation"),
    "exit_unknown": _("On leaving: unknown"),
    "exit_not_yet_known": _("On leaving: not yet known"),
    "six_months_employed": _("After six months: in employment, including self-employed"),
    "six_months_improved": _("After six months: improved situation"),
    "six_months_unknown": _("After six months: unknown"),
    "six_months_not_yet_known": _("After six months: not yet known"),
}
AGE_BANDS = {
    "under_25": _("Under 25"),
    "25_54": _("25–54"),
    "55_plus": _("55 or older"),
}
BUSINESS_ROWS = {"businesses_started": _("Businesses started with an organisation number")}
COURSE_TIME_ROWS = {
    "people_with_hours": _("People with course hours"),
    "hours_marked": _("Hours marked"),
    "hours_confirmed": _("Hours confirmed by the participant"),
}
# The vocabulary that names a table's rows, by the table's key.
ROW_CHOICES = {
    "gender": Gender,
    "employment_status": EmploymentStatus,
    "municipality": Municipality,
    "education_level": EducationLevel,
    "former_sector": FormerSector,
    "outcomes_exit": Outcome.Result,
    "outcomes_six_months": Outcome.Result,
}
ROW_LABELS = {
    "funder_indicators": FUNDER_ROWS,
    "age_band": AGE_BANDS,
    "businesses": BUSINESS_ROWS,
    "course_time": COURSE_TIME_ROWS,
    "course_time_everyone": COURSE_TIME_ROWS,
}


def breakdown_keys() -> dict[str, list[str]]:
    """Each breakdown's row order: its vocabulary's, so that the rows read as the forms list them."""
    return {
        "gender": list(Gender.values),
        "employment_status": list(EmploymentStatus.values),
        "municipality": list(Municipality.values),
        "education_level": list(EducationLevel.values),
        "former_sector": list(FormerSector.values),
    }


def table_title(table: Table) -> str:
    return str(TABLE_TITLES.get(table.key, table.key))


def column_label(code: str) -> str:
    if code in COMMON_LABELS:
        return str(COMMON_LABELS[code])
    return label_of(Gender, code)


def row_label(table: Table, code: str) -> str:
    """A row's words: the table's own labels, else its vocabulary's, else the code as it is."""
    own = ROW_LABELS.get(table.key, {})
    if code in own:
        return str(own[code])
    if code in COMMON_LABELS:
        return str(COMMON_LABELS[code])
    if not code:
        return str(COMMON_LABELS[UNKNOWN])
    choices = ROW_CHOICES.get(table.key)
    return label_of(choices, code) if choices else code


def table_rows(table: Table) -> list[list[str]]:
    """The table as text: a header (an empty corner, then the columns' labels), then one line per row."""
    header = ["", *(column_label(column) for column in table.columns)]
    return [header, *([row_label(table, row.key), *(str(v) for v in row.values)] for row in table.rows)]


def table_shares(table: Table) -> list[Decimal | None] | None:
    """Each row's share of the table's base (all participants counted), in per cent and rounded by the
    figures' one rule, as the page's charts show it; None for a table without a base row, and None
    in every row while nobody is counted."""
    if table.base is None:
        return None
    base = table.base_count()
    return [percent(row.values[table.columns.index(TOTAL)], base) for row in table.rows]


def _with_shares(table: Table, lines: list[list]) -> list[list]:
    """The table's lines (header first) with a last column of shares, when the table has a base."""
    shares = table_shares(table)
    if shares is None:
        return lines
    header, *rows = lines
    return [[*header, str(SHARE_COLUMN)], *([*line, share] for line, share in zip(rows, shares, strict=True))]


def _csv(lines: Sequence[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(lines)
    return (BOM + buffer.getvalue()).encode("utf-8")


# A sheet of its own beyond the tables (the forecast's series): title, sheet title, and its lines,
# a header first; numbers and dates stay typed.
Sheet = tuple[str, str, Sequence[Sequence[object]]]


def figures_csv(tables: Sequence[Table], *, sheets: Sequence[Sheet] = ()) -> bytes:
    """Every table as CSV (UTF-8 with a byte order mark): title, header and rows; a blank line between.

    A table of participants ends each row with its share of all of them (see `table_shares`).
    `sheets` follow the tables in the same way.
    """
    lines: list[list[str]] = []
    for n, table in enumerate(tables):
        if n:
            lines.append([])
        lines.append([table_title(table)])
        lines.extend(
            ["" if cell is None else str(cell) for cell in line]
            for line in _with_shares(table, table_rows(table))
        )
    for title, _sheet_name, sheet_lines in sheets:
        lines.append([])
        lines.append([title])
        lines.extend(["" if cell is None else str(cell) for cell in line] for line in sheet_lines)
    return _csv(lines)


def _sheet_title(key: str, taken: set[str]) -> str:
    # Excel forbids these characters in a sheet's name and more than 31 characters.
    title = str(SHEET_TITLES.get(key, key))
    for character in "[]:*?/\\":
        title = title.replace(character, " ")
    title = title[:SHEET_NAME_MAX].strip() or "Sheet"
    candidate, n = title, 2
    while candidate.lower() in taken:
        suffix = f" {n}"
        candidate, n = title[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def _workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _widen(sheet, lines: Sequence[Sequence[object]]) -> None:
    widths: dict[int, int] = {}
    for line in lines:
        for i, value in enumerate(line, start=1):
            widths[i] = max(widths.get(i, 0), len(str(value)) if value is not None else 0)
    for i, width in widths.items():
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 70)


def figures_xlsx(tables: Sequence[Table], *, sheets: Sequence[Sheet] = ()) -> bytes:
    """Every table on a sheet of its own: its title in the first line, then a bold header and the counts.

    Counts and shares are numbers, so a spreadsheet can add them up. `sheets` follow, one each.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.key, taken))
        sheet.append([table_title(table)])
        sheet["A1"].font = bold
        header, *lines = _with_shares(
            table, [table_rows(table)[0], *([row_label(table, row.key), *row.values] for row in table.rows)]
        )
        sheet.append(header)
        for cell in sheet[2]:
            cell.font = bold
        for line in lines:
            sheet.append(line)
        if len(header) > len(table.columns) + 1:
            for (cell,) in sheet.iter_rows(min_row=3, min_col=len(header), max_col=len(header)):
                cell.number_format = "0.0"
        _widen(sheet, [header, *lines])
        sheet.freeze_panes = "B3"
    for title, sheet_name, (header, *lines) in sheets:
        sheet = workbook.create_sheet(_sheet_title(sheet_name, taken))
        sheet.append([title])
        sheet.append([str(cell) for cell in header])
        for cell in (*sheet[1], *sheet[2]):
            cell.font = bold
        for line in lines:
            sheet.append(line)
        for row in sheet.iter_rows(min_row=3, max_col=1):
            row[0].number_format = "yyyy-mm-dd"
        _widen(sheet, [header, *lines])
        sheet.freeze_panes = "B3"
    return _workbook_bytes(workbook)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return str(_("Yes") if value else _("No"))


def _result(code: str | None) -> str:
    return str(COMMON_LABELS[NOT_YET_KNOWN]) if code is None else label_of(Outcome.Result, code)


def participant_list_header() -> list[str]:
    return [
        str(label)
        for label in (
            _("Pseudonymous ID"),
            _("Intake"),
            _("Accepted on"),
            _("Gender"),
            _("Age at entry"),
            _("Employment status at entry"),
            _("Months without work"),
            _("Municipality"),
            _("Education"),
            _("Sector of former employment"),
            _("Matched with a mentor"),
            _("Meetings"),
            _("Outcome at exit"),
            _("Improved situation at exit"),
            _("Outcome at six months"),
            _("Improved situation at six months"),
            _("Business registered"),
            _("Business started"),
            _("Course hours marked"),
            _("Course hours confirmed"),
        )
    ]


def participant_list_rows(rows: Sequence[ParticipantRow]) -> list[list[object]]:
    """One line per participant, labelled: pseudonym, entry characteristics, acceptance and outcomes.

    Numbers and dates stay numbers and dates (the XLSX keeps them typed; the CSV writes them out).
    Each code is looked up in the active language once per list, not once per participant.
    """
    label = functools.cache(label_of)
    result = functools.cache(_result)
    yes_no = {value: _yes_no(value) for value in (True, False, None)}
    return [
        [
            row.pseudonym,
            row.intake_id,
            row.accepted_on,
            label(Gender, row.gender),
            row.age_at_entry,
            label(EmploymentStatus, row.employment_status),
            row.months_unemployed,
            label(Municipality, row.municipality),
            label(EducationLevel, row.education_level),
            label(FormerSector, row.former_sector),
            yes_no[row.matched],
            row.meetings,
            result(row.exit_result),
            yes_no[row.exit_improved],
            result(row.six_month_result),
            yes_no[row.six_month_improved],
            yes_no[row.business_registered],
            row.business_started_on,
            row.course_hours,
            row.course_hours_confirmed,
        ]
        for row in rows
    ]


def participant_list_csv(rows: Sequence[ParticipantRow]) -> bytes:
    """The participant list as CSV (UTF-8 with a byte order mark); dates as YYYY-MM-DD, blanks for unknown."""
    lines = [participant_list_header()]
    for line in participant_list_rows(rows):
        lines.append(["" if value is None else str(value) for value in line])
    return _csv(lines)


def participant_list_xlsx(rows: Sequence[ParticipantRow]) -> bytes:
    """The participant list on one sheet, header bold, numbers and dates typed, the pseudonyms frozen.

    Written as text (`mentoring.figures.sheet`) rather than cell by cell through openpyxl, which
    took most of a programme's list's time.
    """
    header = participant_list_header()
    return sheet_xlsx(
        title=str(_("Participants"))[:SHEET_NAME_MAX],
        header=header,
        rows=participant_list_rows(rows),
        widths=[min(max(len(label) + 2, 12), 40) for label in header],
    )
