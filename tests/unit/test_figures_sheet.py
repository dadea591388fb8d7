"""The one-sheet workbook written as text reads back in openpyxl as it was meant: typed, styled, frozen."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from mentoring.figures.sheet import sheet_xlsx


def read(content: bytes):
    return load_workbook(io.BytesIO(content)).worksheets[0]


def test_sheet_keeps_texts_numbers_and_dates_typed_and_leaves_none_empty():
    sheet = read(
        sheet_xlsx(
            title="Deltagare",
            header=["ID", "Antagen", "Timmar", "Möten", "Kommun"],
            rows=[
                ["P-1", dt.date(2026, 3, 2), Decimal("17.5"), 3, "Mölndal"],
                ["P-2", None, Decimal("18.0"), 0, ""],
            ],
            widths=[12, 14, 12, 12, 20],
        )
    )

    assert sheet.title == "Deltagare"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        ["ID", "Antagen", "Timmar", "Möten", "Kommun"],
        ["P-1", dt.datetime(2026, 3, 2), 17.5, 3, "Mölndal"],
        ["P-2", None, 18, 0, None],
    ]
    assert sheet["B2"].number_format == "yyyy-mm-dd" and sheet["C2"].number_format == "General"


def test_sheet_header_is_bold_and_frozen_with_the_first_column():
    sheet = read(sheet_xlsx(title="S", header=["A", "B"], rows=[["x", 1]], widths=[30, 8]))

    assert [cell.font.b for cell in sheet[1]] == [True, True]
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["A"].width == 30


def test_sheet_escapes_markup_keeps_spaces_and_drops_what_xml_cannot_carry():
    texts = ['<b>&amp; "AB"</b>', "  indragen ", "klocka\x07slag", "Ärende: 5 > 3"]
    sheet = read(
        sheet_xlsx(title='Lista "A" & <B>', header=["T"], rows=[[text] for text in texts], widths=[20])
    )

    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [
        '<b>&amp; "AB"</b>',
        "  indragen ",
        "klockaslag",
        "Ärende: 5 > 3",
    ]
    assert sheet.title == 'Lista "A" & <B>'


@pytest.mark.parametrize("value", [True, dt.datetime(2026, 3, 2, 10, 0), object()])
def test_sheet_refuses_a_value_a_spreadsheet_would_misread(value):
    with pytest.raises(TypeError):
        sheet_xlsx(title="S", header=["A"], rows=[[value]], widths=[8])


def test_sheet_of_many_rows_keeps_every_row_in_order():
    rows = [[f"P-{n}", n] for n in range(2500)]
    sheet = read(sheet_xlsx(title="S", header=["ID", "N"], rows=rows, widths=[10, 8]))

    assert [row[1].value for row in sheet.iter_rows(min_row=2)] == list(range(2500))
