"""An .xlsx workbook's rows, read with bounded work whatever the file claims. Pure.

A workbook is a zip of XML parts, and a small file can make a reader do a great deal: 2 KB that
declare `A1:XFD1048576` and hold a row at 1,048,576 made openpyxl pad a million rows of 16,384
cells; 240 MiB of shared strings (a few hundred KB zipped) took minutes to parse. So, before
openpyxl parses anything, every part's size is read from the zip's directory (zipfile never
reads past a member's declared size) and refused past its cap; the sheet's declared dimension is
refused past the caps on rows and columns and then not trusted (openpyxl would pad rows to it,
or stop at a dimension that lies small); the rows are streamed and the reading stops at the
first row past the caps on rows, columns or cells. A part whose XML breaks is one line naming
the file and the row.

A team's table of 10,000 articles with 8 authors is 80,000 rows of some 30 columns: the caps
leave room for twice that and refuse what no such table needs.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from credit_tracker.domain.errors import InputError

MiB = 1024 * 1024
MAX_UNZIPPED_BYTES = 256 * MiB
"""The whole workbook, expanded."""
MAX_SHEET_BYTES = 64 * MiB
"""One worksheet's XML: 160,000 rows of 30 cells are about 50 MiB."""
MAX_PART_BYTES = 16 * MiB
"""Any other XML part openpyxl parses: the shared strings (every distinct text of the table,
a few MiB for a large team), the styles, the workbook and its relationships."""
MAX_ROWS = 160_000
MAX_COLUMNS = 512
MAX_CELLS = 5_000_000
"""Cells read (each row counted as wide as it is)."""
_SHEET_TYPE = "spreadsheetml.worksheet+xml"
_CONTENT_TYPES = "[Content_Types].xml"

CheckRow = Callable[[list[str], list[str], str, int], list[str]]
"""How a row of text cells is checked: (cells, header, path, row number) → the row."""


def workbook_rows(
    data: bytes, path: str, sheet: str | None, check_row: CheckRow, cell_text: Callable[[Any], str]
) -> tuple[list[list[str]], list[int]]:
    """Return the rows of one sheet (text cells, empty trailing cells dropped) and their row
    numbers. Raises InputError naming the file (and the row, or the part) for a workbook that
    is damaged, not an .xlsx, or past a cap."""
    _check_parts(data, path)
    # openpyxl parses the workbook's XML with defusedxml when it is installed (it is a dependency
    # of this project): no entity expansion, no external entities.
    import openpyxl  # type: ignore[import-untyped]  # imported here: only workbooks need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises KeyError, ValueError, TypeError... on damaged parts
        raise _damaged(path, exc) from None
    try:
        worksheet = _sheet(book, sheet, path)
        rows: list[list[str]] = []
        lines: list[int] = []
        for number, cells in _bounded(worksheet, path, cell_text):
            header = rows[0] if rows else cells
            rows.append(check_row(cells, header, path, number))
            lines.append(number)
        return rows, lines
    finally:
        book.close()


def _check_parts(data: bytes, path: str) -> None:
    """Refuse, before any XML is parsed, a workbook that expands past the caps."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {item.filename: item.file_size for item in archive.infolist()}
            sheets = _sheet_parts(archive, parts, path)
    except zipfile.BadZipFile:
        raise InputError("not an .xlsx workbook (the zip archive is damaged)", path=path) from None
    expanded = sum(parts.values())
    if expanded > MAX_UNZIPPED_BYTES:
        raise InputError(
            f"the workbook expands to {expanded // MiB:,} MiB; refused (more than "
            f"{MAX_UNZIPPED_BYTES // MiB} MiB)",
            path=path,
        )
    if "xl/workbook.xml" not in parts:
        raise InputError(
            "a zip archive but not an .xlsx workbook (an .ods or .numbers file? save it as .xlsx "
            "or CSV)",
            path=path,
        )
    for name, size in parts.items():
        cap = MAX_SHEET_BYTES if name in sheets else MAX_PART_BYTES
        if name.endswith((".xml", ".rels")) and size > cap:
            raise InputError(
                f"the workbook's part {name} expands to {size / MiB:,.1f} MiB; refused (more "
                f"than {cap // MiB} MiB: a team's table is far smaller)",
                path=path,
            )


def _sheet_parts(archive: zipfile.ZipFile, parts: dict[str, int], path: str) -> set[str]:
    """The worksheets' part names, as [Content_Types].xml declares them (openpyxl finds them,
    and the shared strings, the same way)."""
    import defusedxml.ElementTree as ElementTree

    if parts.get(_CONTENT_TYPES, 0) > MAX_PART_BYTES:
        return set()  # refused by its size just after
    try:
        with archive.open(_CONTENT_TYPES) as handle:
            types = ElementTree.parse(handle).getroot()
    except (KeyError, ElementTree.ParseError, ValueError):
        return set()  # openpyxl says what is wrong with it
    return {
        str(item.get("PartName", "")).lstrip("/")
        for item in types
        if str(item.get("ContentType", "")).endswith(_SHEET_TYPE)
    }


def _sheet(book: Any, wanted: str | None, path: str) -> Any:
    """The sheet asked for (or the only one), its declared dimension within the caps."""
    names = book.sheetnames
    listed = ", ".join(repr(name) for name in names)
    if wanted is None and len(names) != 1:
        raise InputError(
            f"the workbook has {len(names)} sheets ({listed}); choose one with --sheet", path=path
        )
    if wanted is not None and wanted not in names:
        raise InputError(f"no sheet named {wanted!r}; the sheets are {listed}", path=path)
    try:
        worksheet = book[wanted or names[0]]  # reads the sheet's <dimension>, if it has one
    except Exception as exc:
        raise _damaged(path, exc) from None
    rows, columns = worksheet.max_row or 0, worksheet.max_column or 0
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise InputError(
            f"the sheet declares {rows:,} rows and {columns:,} columns; refused (a team's table "
            f"has at most {MAX_ROWS:,} rows of {MAX_COLUMNS} columns: delete the empty rows and "
            "columns, or save it as CSV)",
            path=path,
        )
    worksheet.reset_dimensions()  # stream the rows there are: never pad to a declared size
    return worksheet


def _bounded(
    worksheet: Any, path: str, cell_text: Callable[[Any], str]
) -> Iterator[tuple[int, list[str]]]:
    """(row number, text cells) for each row, empty trailing cells dropped; InputError at the
    first row past a cap (nothing after it is read) or where the XML breaks."""
    cells_read = 0
    number = 0
    rows = worksheet.iter_rows(values_only=True)
    while True:
        try:
            values = next(rows, None)
        except Exception as exc:  # the XML breaks mid-sheet: ParseError, ValueError, ...
            raise _damaged(path, exc, line=number + 1) from None
        if values is None:
            return
        number += 1
        cells_read += len(values)
        if number > MAX_ROWS or len(values) > MAX_COLUMNS or cells_read > MAX_CELLS:
            raise _too_large(path, number, len(values))
        cells = [cell_text(value) for value in values]
        while cells and not cells[-1]:
            cells.pop()  # formatting can stretch a sheet's width far past its header
        yield number, cells


def _too_large(path: str, number: int, width: int) -> InputError:
    if number > MAX_ROWS:
        what = f"the sheet goes on past {MAX_ROWS:,} rows"
    elif width > MAX_COLUMNS:
        what = f"the row is {width:,} columns wide, more than {MAX_COLUMNS}"
    else:
        what = f"the sheet holds more than {MAX_CELLS:,} cells"
    return InputError(
        f"{what}; refused, nothing after this row was read (a team's table is far smaller: "
        "delete the empty rows and columns, or save it as CSV)",
        path=path,
        line=number,
    )


def _damaged(path: str, exc: Exception, line: int | None = None) -> InputError:
    reason = " ".join(str(exc).split())[:200]
    return InputError(
        f"cannot be read as an .xlsx workbook ({type(exc).__name__}: {reason})",
        path=path,
        line=line,
    )
