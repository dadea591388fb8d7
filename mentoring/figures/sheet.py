"""A workbook of one long sheet, written as text: the participant list, fast at any length.

openpyxl makes an object of every cell and writes it through an XML serialiser, some ten
microseconds a cell; a programme's participant list has twenty cells a participant, so a list
of 35,000 took most of its time there. This writer puts each row's XML together as one string,
with the little the list needs: a bold header, numbers as numbers, dates as dates (shown
yyyy-mm-dd), the first row and column frozen, column widths. The files read back in openpyxl
(the tests) and in spreadsheet programs alike.
"""

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Day 0 of a spreadsheet's dates (1900 date system, counting Lotus's 29 February 1900).
EPOCH = dt.date(1899, 12, 30)
# Styles by their index in styles.xml: plain, bold (the header), a date.
PLAIN, BOLD, DATE = 0, 1, 2
DATE_FORMAT = "yyyy-mm-dd"
# Characters XML 1.0 cannot carry; a cell keeps the rest of its text.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

CONTENT_TYPES = (
    HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    HEAD + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    HEAD + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
STYLES = (
    HEAD + f'<styleSheet xmlns="{MAIN}">'
    f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _cell(reference: str, value, style: int = PLAIN) -> str:
    """One cell's XML; nothing for None or an empty text (the cell is left out)."""
    kind = type(value)
    if value is None or value == "":
        return ""
    styled = f' s="{style}"' if style else ""
    if kind is str or (kind is not bool and isinstance(value, str)):
        text = escape(NOT_IN_XML.sub("", value))
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c r="{reference}"{styled} t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if kind is Decimal:
        # As openpyxl wrote it: 18.0 hours as 18, so that a whole number reads back as one.
        return f'<c r="{reference}"{styled}><v>{value.normalize():f}</v></c>'
    if kind is int or kind is float:
        return f'<c r="{reference}"{styled}><v>{value}</v></c>'
    if kind is dt.date:
        return f'<c r="{reference}" s="{DATE}"><v>{(value - EPOCH).days}</v></c>'
    # A bool would read back as a number, a date and time as a date without its time.
    raise TypeError(f"no cell for {kind.__name__}: give a text, a number or a date")


def _row(number: int, letters: Sequence[str], values: Sequence, style: int = PLAIN) -> str:
    cells = "".join(
        _cell(f"{letter}{number}", value, style) for letter, value in zip(letters, values, strict=False)
    )
    return f'<row r="{number}">{cells}</row>'


def sheet_xlsx(
    *, title: str, header: Sequence[str], rows: Iterable[Sequence], widths: Sequence[float]
) -> bytes:
    """A workbook with one sheet named `title`: `header` in bold, then `rows`, the first row and column
    frozen, and the columns `widths` wide (in characters).

    A cell holds a text, an int, a Decimal, a float or a date; None or "" leaves it empty. Raises TypeError
    for anything else (a date and time, say), rather than writing what a spreadsheet would misread.
    """
    letters = [get_column_letter(i) for i in range(1, len(header) + 1)]
    columns = "".join(
        f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>'
        for i, width in enumerate(widths, start=1)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", PACKAGE_RELS)
        package.writestr(
            "xl/workbook.xml",
            HEAD + f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
            f'<sheet name={quoteattr(title)} sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        package.writestr("xl/styles.xml", STYLES)
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                (
                    HEAD + f'<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0">'
                    '<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>'
                    '<selection pane="bottomRight" activeCell="B2" sqref="B2"/></sheetView></sheetViews>'
                    f'<sheetFormatPr defaultRowHeight="15"/><cols>{columns}</cols><sheetData>'
                    + _row(1, letters, header, BOLD)
                ).encode()
            )
            lines = []
            for number, values in enumerate(rows, start=2):
                lines.append(_row(number, letters, values))
                if len(lines) == 1000:
                    sheet.write("".join(lines).encode())
                    lines = []
            sheet.write(("".join(lines) + "</sheetData></worksheet>").encode())
    return buffer.getvalue()
