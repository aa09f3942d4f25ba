"""Hostile workbooks are refused by their sizes and shapes, before or while they are read, never
after the work is done: a declared dimension of a million rows, a row at 1,048,576, a row
16,384 cells wide, shared strings or a sheet that expand past their caps, XML that breaks.

Every workbook here is synthetic: built in the test with zipfile, part by part. The tests
assert on the error and on how far the reading went (rows checked, whether openpyxl was asked
to parse at all), never on time.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.errors import InputError
from credit_tracker.parse import workbook
from credit_tracker.parse.spreadsheet import cell_text, checked_row, read_sheet
from tests.parse.test_team_table import COLUMNS, TAIL

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
HEADER = ["DOI", *COLUMNS]
ROW = ["10.5555/bounded", "1", "Ana", "NA", "Berg", *(["FALSE"] * 14), *TAIL]


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def _row(number: int, cells: list[str]) -> str:
    letters = [chr(ord("A") + n) if n < 26 else "A" + chr(ord("A") + n - 26) for n in range(99)]
    inner = "".join(_cell(f"{letters[n]}{number}", text) for n, text in enumerate(cells))
    return f'<row r="{number}">{inner}</row>'


def synthetic_xlsx(
    rows: str, *, dimension: str = "", strings: bytes | None = None, sheet_tail: str = ""
) -> bytes:
    """A minimal .xlsx: one sheet of `rows` (XML), an optional <dimension> and shared strings."""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{dimension}'
        f"<sheetData>{rows}</sheetData>{sheet_tail}</worksheet>"
    )
    overrides = (
        f'<Override PartName="/xl/workbook.xml" ContentType="{TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPE}.worksheet+xml"/>'
    )
    links = f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
    if strings is not None:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPE}.sharedStrings+xml"/>'
        )
        links += f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            f'ContentType="application/xml"/>{overrides}</Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship '
            f'Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC}">'
            '<sheets><sheet name="team" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">{links}'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        if strings is not None:
            archive.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


GOOD_ROWS = _row(1, HEADER) + _row(2, ROW)


def _counted(data: bytes) -> tuple[list[int], InputError]:
    """Read `data` as the import does, counting the rows checked; return them and the error."""
    seen: list[int] = []

    def counting(row: list[str], header: list[str], path: str, line: int) -> list[str]:
        seen.append(line)
        return checked_row(row, header, path, line)

    with pytest.raises(InputError) as refused:
        workbook.workbook_rows(data, "team.synthetic.xlsx", None, counting, cell_text)
    return seen, refused.value


def test_the_synthetic_workbook_reads_when_it_is_not_hostile() -> None:
    sheet = read_sheet(synthetic_xlsx(GOOD_ROWS), "team.synthetic.xlsx")
    assert sheet.rows == [HEADER, ROW] and sheet.lines == [1, 2]


def test_a_declared_dimension_past_the_caps_is_refused_before_any_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    far = _row(1_048_576, ["x"]).replace('r="A1048576"', 'r="XFD1048576"')
    data = synthetic_xlsx(GOOD_ROWS + far, dimension='<dimension ref="A1:XFD1048576"/>')
    assert len(data) < 4096  # the 2 KB file of the report
    seen, error = _counted(data)
    assert seen == []
    assert str(error) == (
        "team.synthetic.xlsx: the sheet declares 1,048,576 rows and 16,384 columns; refused (a "
        f"team's table has at most {workbook.MAX_ROWS:,} rows of {workbook.MAX_COLUMNS} columns: "
        "delete the empty rows and columns, or save it as CSV)"
    )


def test_a_row_far_down_is_refused_at_the_cap_and_nothing_after_it_is_read() -> None:
    """No dimension: openpyxl yields an empty row for each missing one; the reading stops at
    the first row past the cap, never at row 1,048,576."""
    data = synthetic_xlsx(GOOD_ROWS + _row(1_048_576, ROW))
    seen, error = _counted(data)
    assert len(seen) == workbook.MAX_ROWS and seen[-1] == workbook.MAX_ROWS
    assert str(error).startswith(
        f"team.synthetic.xlsx:{workbook.MAX_ROWS + 1:,}".replace(",", "")
        + f": the sheet goes on past {workbook.MAX_ROWS:,} rows; refused, nothing after"
    )


def test_a_row_wider_than_the_cap_is_refused_at_that_row() -> None:
    wide = '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="XFD2"><v>1</v></c></row>'
    seen, error = _counted(synthetic_xlsx(_row(1, HEADER) + wide))
    assert seen == [1]
    assert str(error).startswith(
        "team.synthetic.xlsx:2: the row is 16,384 columns wide, more than "
        f"{workbook.MAX_COLUMNS}; refused"
    )


def test_the_cells_read_are_capped_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_CELLS", 10 * len(HEADER))
    rows = _row(1, HEADER) + "".join(_row(n, ROW) for n in range(2, 30))
    seen, error = _counted(synthetic_xlsx(rows))
    assert seen == list(range(1, 11))
    assert "team.synthetic.xlsx:11: the sheet holds more than" in str(error)


def _never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    def parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to parse a workbook refused by its sizes")

    monkeypatch.setattr(openpyxl, "load_workbook", parse)


def test_shared_strings_past_their_cap_are_refused_before_they_are_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    item = b"<si><t>a shared string</t></si>"
    count = workbook.MAX_PART_BYTES // len(item) + 1
    strings = b'<sst xmlns="' + MAIN.encode() + b'">' + item * count + b"</sst>"
    data = synthetic_xlsx(GOOD_ROWS, strings=strings)
    assert len(data) < workbook.MAX_PART_BYTES // 100  # a small file that expands far
    _never_parsed(monkeypatch)
    seen, error = _counted(data)
    assert seen == []
    assert str(error).startswith(
        "team.synthetic.xlsx: the workbook's part xl/sharedStrings.xml expands to 16.0 MiB; "
        f"refused (more than {workbook.MAX_PART_BYTES // workbook.MiB} MiB"
    )


def test_a_sheet_past_its_cap_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    padding = "<!--" + " " * (workbook.MAX_SHEET_BYTES + 1) + "-->"
    data = synthetic_xlsx(GOOD_ROWS, sheet_tail=padding)
    _never_parsed(monkeypatch)
    seen, error = _counted(data)
    assert seen == []
    assert "part xl/worksheets/sheet1.xml expands to 64.0 MiB; refused" in str(error)


BROKEN = synthetic_xlsx(
    _row(1, HEADER) + '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><row r=',
    dimension='<dimension ref="A1:Z2"/>',
)
"""A worksheet whose XML breaks after its <dimension>, mid-row."""


def test_xml_that_breaks_after_the_dimension_is_one_line_exit_2(
    records_dir: Path, runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "team.synthetic.xlsx"
    path.write_bytes(BROKEN)
    for args in (["records", "import", str(path)], ["records", "import", "10.5555/b", str(path)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, result.output
        (line,) = result.stderr.splitlines()
        # the row is the first one not read (the parser reads ahead of the rows it yields)
        assert re.match(
            rf"credit-tracker: error: {re.escape(str(path))}:[12]: cannot be read as an \.xlsx "
            r"workbook \(ParseError: ",
            line,
        ), line
        assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "data",
    [
        BROKEN,
        synthetic_xlsx(GOOD_ROWS, dimension='<dimension ref="A1:XFD1048576"/>'),
        synthetic_xlsx(GOOD_ROWS + _row(1_048_576, ROW)),
    ],
    ids=["broken", "declared", "far-down"],
)
def test_the_desks_preview_refuses_them_in_one_line(example_records: Path, data: bytes) -> None:
    from tests.desk.test_desk import make_client, upload_refused

    with make_client(example_records) as desk:
        error = upload_refused(desk, "team.synthetic.xlsx", data, "application/zip")
    assert error.startswith("team.synthetic.xlsx")
