"""The figures' downloads: labelled tables as CSV and XLSX, and the pseudonymous participant list."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from mentoring.figures import arithmetic as figures
from mentoring.figures.export import (
    SHEET_NAME_MAX,
    breakdown_keys,
    figures_csv,
    figures_xlsx,
    participant_list_csv,
    participant_list_header,
    participant_list_xlsx,
    table_rows,
    table_shares,
)


def r(n=1, **kwargs) -> figures.ParticipantRow:
    values = {
        "pseudonym": f"P-{n:010x}",
        "intake_id": 4,
        "programme_id": 1,
        "accepted_on": dt.date(2026, 3, 1),
        "gender": "woman",
        "age_at_entry": 40,
        "employment_status": "employed",
        "months_unemployed": None,
        "municipality": "molndal",
        "education_level": "higher",
        "former_sector": "automotive_supplier",
        "matched": True,
        "meetings": 3,
        "exit_result": None,
        "exit_improved": None,
        "six_month_result": None,
        "six_month_improved": None,
        "business_registered": False,
        "business_started_on": None,
    }
    values.update(kwargs)
    return figures.ParticipantRow(**values)


ROWS = [
    r(1, exit_result="new_job", exit_improved=True),
    r(2, gender="man", municipality="ockero", exit_result="unknown", exit_improved=False),
    r(3, gender="undisclosed", employment_status="unemployed", months_unemployed=14, age_at_entry=None),
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_table_rows_label_columns_and_rows_with_the_vocabularies():
    lines = table_rows(figures.breakdown(ROWS, by="municipality", keys=breakdown_keys()["municipality"]))
    assert lines[0] == ["", "Woman", "Man", "Non-binary", "Prefer not to say", "Total"]
    assert ["Mölndal", "1", "0", "0", "1", "2"] in lines
    assert ["Öckerö", "0", "1", "0", "0", "1"] in lines
    assert lines[-1] == ["Total", "1", "1", "0", "1", "3"]


def test_table_rows_name_every_funder_indicator():
    lines = table_rows(figures.funder_indicators(ROWS))
    labels = [line[0] for line in lines[1:]]
    assert "Long-term unemployed at entry" in labels
    assert "On leaving: unknown" in labels
    assert all(label and "_" not in label for label in labels)


def test_table_rows_are_translated_to_swedish():
    with translation.override("sv"):
        lines = table_rows(figures.breakdown(ROWS, by="gender"))
    assert lines[0][1] == "Kvinna"


def test_figures_csv_holds_each_table_with_a_blank_line_between():
    tables = [figures.breakdown(ROWS, by="gender"), figures.outcomes(ROWS, point="exit")]
    lines = read_csv(figures_csv(tables))
    assert lines[0] == ["Participants by gender"]
    blank = lines.index([])
    assert lines[blank + 1] == ["Outcomes at exit"]
    exit_lines = {line[0]: line[1:] for line in lines[blank + 2 :]}
    assert exit_lines[""][-1] == "Share of all participants (%)"
    assert exit_lines["New job"] == ["1", "0", "0", "0", "1", "33.3"]
    assert exit_lines["Unknown"] == ["0", "1", "0", "0", "1", "33.3"]
    assert exit_lines["Not yet known"] == ["0", "0", "0", "1", "1", "33.3"]
    assert exit_lines["Total"] == ["1", "1", "0", "1", "3", "100.0"]


def test_figures_csv_keeps_swedish_letters_for_excel():
    data = figures_csv([figures.breakdown(ROWS, by="municipality")])
    assert "Öckerö".encode() in data


def test_figures_xlsx_has_a_sheet_per_table_with_numbers_to_add_up():
    tables = figures.all_tables(ROWS, keys=breakdown_keys())
    book = load_workbook(io.BytesIO(figures_xlsx(tables)))
    assert len(book.sheetnames) == len(tables) == len(set(book.sheetnames))
    assert all(len(name) <= SHEET_NAME_MAX for name in book.sheetnames)
    sheet = book["Funder indicators"]
    assert sheet["A1"].value == "Participants and results for the funder"
    assert sheet["B2"].value == "Woman" and sheet["B2"].font.bold
    values = {row[0]: row[1:] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values["Participants"] == (1, 1, 0, 1, 3, 100)
    assert values["Long-term unemployed at entry"] == (0, 0, 0, 1, 1, 33.3)
    assert values["Age not known"] == (0, 0, 0, 1, 1, 33.3)
    assert sheet["G2"].value == "Share of all participants (%)" and sheet["G3"].number_format == "0.0"


def test_figures_xlsx_cuts_long_sheet_names_in_any_language():
    with translation.override("sv"):
        book = load_workbook(io.BytesIO(figures_xlsx(figures.all_tables(ROWS))))
    assert all(len(name) <= SHEET_NAME_MAX for name in book.sheetnames)


def test_participant_list_csv_is_pseudonymous_and_labelled():
    lines = read_csv(participant_list_csv(ROWS))
    assert lines[0] == participant_list_header()
    assert len(lines) == 4
    first = dict(zip(lines[0], lines[1], strict=True))
    assert first["Pseudonymous ID"] == "P-0000000001"
    assert first["Accepted on"] == "2026-03-01"
    assert first["Gender"] == "Woman"
    assert first["Outcome at exit"] == "New job"
    assert first["Outcome at six months"] == "Not yet known"
    third = dict(zip(lines[0], lines[3], strict=True))
    assert third["Age at entry"] == "" and third["Months without work"] == "14"
    assert not any("name" in label.lower() or "mail" in label.lower() for label in lines[0])


def test_participant_list_says_whether_a_business_is_registered_never_its_number():
    # A sole trader's organisation number is their personal identity number.
    rows = [
        r(1, exit_result="own_business", business_registered=True, business_started_on=dt.date(2026, 5, 1))
    ]
    lines = read_csv(participant_list_csv([*rows, r(2)]))
    assert not any("organisation" in label.lower() for label in lines[0])
    registered = [dict(zip(lines[0], line, strict=True))["Business registered"] for line in lines[1:]]
    assert registered == ["Yes", "No"]


def test_participant_list_xlsx_keeps_numbers_and_dates_typed():
    book = load_workbook(io.BytesIO(participant_list_xlsx(ROWS)))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    assert header == participant_list_header() and sheet["A1"].font.bold
    second = dict(zip(header, next(sheet.iter_rows(min_row=3, values_only=True)), strict=True))
    assert second["Pseudonymous ID"] == "P-0000000002"
    assert second["Municipality"] == "Öckerö"
    assert second["Meetings"] == 3
    assert second["Accepted on"].date() == dt.date(2026, 3, 1)
    assert second["Outcome at exit"] == "Unknown"


def test_figures_downloads_take_each_share_of_all_participants_rounded_half_up():
    # 2 of 3 is 66.666…: 66.7 in both files, as in the page's chart, not 66.6.
    table = figures.funder_indicators([*ROWS[:2], r(4, employment_status="unemployed")])
    assert table_shares(table)[:3] == [Decimal("100.0"), Decimal("33.3"), Decimal("0.0")]
    csv_lines = {line[0]: line[-1] for line in read_csv(figures_csv([table]))[2:]}
    assert csv_lines["Participants"] == "100.0"
    assert csv_lines["Employed at entry, including self-employed"] == "66.7"
    sheet = load_workbook(io.BytesIO(figures_xlsx([table]))).worksheets[0]
    shares = {row[0]: row[-1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert shares["Employed at entry, including self-employed"] == 66.7


def test_figures_downloads_give_no_shares_where_nobody_is_counted_or_nothing_is_a_whole():
    assert table_shares(figures.businesses(ROWS)) is None
    assert set(table_shares(figures.funder_indicators([]))) == {None}
    lines = read_csv(figures_csv([figures.breakdown([], by="gender")]))
    assert lines[-1] == ["Total", "0", "0", "0", "0", "0", ""]
