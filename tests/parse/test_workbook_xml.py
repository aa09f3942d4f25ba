"""The answered sheet's workbook read straight from its XML gives what openpyxl gives: shared
strings (as Excel and LibreOffice save), rich text, inline strings (as openpyxl saves), numbers,
booleans, gaps; a sheet found through a relative part name; a DTD refused."""

from __future__ import annotations

import io
import zipfile

import pytest

from credit_tracker.domain.errors import InputError
from credit_tracker.parse.spreadsheet import read_sheet
from credit_tracker.parse.workbook_xml import read_workbook_sheet

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override '
    'PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
    'formats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets><sheet name="Instructions" sheetId="2" '
    'r:id="rId2"/><sheet name="Roles" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
# relative part names, as Excel writes them (openpyxl writes '/xl/worksheets/sheet1.xml')
WORKBOOK_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELS}/worksheet" Target="worksheets/sheet2.xml"/>'
    f'<Relationship Id="rId3" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
SHARED = (
    f'<sst xmlns="{MAIN}"><si><t>DOI</t></si><si><t>Your answer</t></si>'
    "<si><r><t>Writing - review </t></r><r><rPr><b/></rPr><t>&amp; editing</t></r>"
    '<rPh sb="0" eb="1"><t>ignored</t></rPh></si><si><t>10.5555/x</t></si>'
    "<si><t>confirmed</t></si></sst>"
)
SHEET = (
    f'<worksheet xmlns="{MAIN}"><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="D1" t="s"><v>2</v></c></row>'
    '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>4</v></c>'
    '<c r="C3"><v>4</v></c><c r="D3" t="b"><v>1</v></c><c r="E3"><v>2.5</v></c>'
    '<c r="F3" t="inlineStr"><is><t>lead</t></is></c><c r="G3" t="str"><f>A3</f>'
    "<v>10.5555/x</v></c></row></sheetData></worksheet>"
)


def _workbook(sheet: str = SHEET) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/sharedStrings.xml", SHARED)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/worksheets/sheet2.xml", f'<worksheet xmlns="{MAIN}"/>')
    return out.getvalue()


def test_it_reads_what_openpyxl_reads() -> None:
    data = _workbook()
    fast = read_workbook_sheet(data, "a.xlsx", "Roles")
    assert fast.rows == [
        ["DOI", "Your answer", "", "Writing - review & editing"],
        ["10.5555/x", "confirmed", "4", "TRUE", "2.5", "lead", "10.5555/x"],
    ]
    assert fast.lines == [1, 3]
    slow = read_sheet(data, "a.xlsx", sheet="Roles")
    # openpyxl also yields the empty row between; each row keeps its number either way
    kept = [(row, line) for row, line in zip(slow.rows, slow.lines, strict=True) if row]
    assert kept == list(zip(fast.rows, fast.lines, strict=True))


def test_a_missing_sheet_or_a_dtd_is_refused() -> None:
    with pytest.raises(InputError, match="no sheet named 'Answers'; the sheets are"):
        read_workbook_sheet(_workbook(), "a.xlsx", "Answers")
    bomb = '<!DOCTYPE w [<!ENTITY a "aaaa">]>' + SHEET.replace("<v>0</v>", "<v>&a;</v>")
    with pytest.raises(InputError, match="declares a DTD"):
        read_workbook_sheet(_workbook(bomb), "a.xlsx", "Roles")
