"""Table files to rows of text cells: CSV and TSV (delimiter sniffed), and .xlsx (read with bounded
work, parse/workbook.py). Pure.

Every path refuses the same things: files too large, text that is not UTF-8, cells too long and
cells holding invisible or control characters (domain/text.require_safe_text), each with the file,
the line (the row, in a workbook) and the column.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from typing import Any

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import TableLayout
from credit_tracker.domain.text import require_safe_text
from credit_tracker.parse.workbook import workbook_rows

MiB = 1024 * 1024
MAX_TABLE_BYTES = 5 * MiB
"""One article's contributors table."""
MAX_TEAM_TABLE_BYTES = 64 * MiB
"""A team's table of many articles: 10,000 articles of 8 authors fit in about 15 MiB."""
MAX_CELL_CHARACTERS = 10_000
DELIMITERS = ",\t;"
"""Comma, tab, and the semicolon Excel writes in decimal-comma locales."""
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the binary .xls of Excel 97-2003


@dataclass(frozen=True)
class Sheet:
    """A table as rows of text cells, the header first, each with the line it starts on."""

    path: str
    rows: list[list[str]]
    lines: list[int]
    """The line of each row in a text file, its row number in a workbook."""
    layout: TableLayout | None
    """How a text file was written (delimiter, line ending); None for a workbook."""
    pad_short_rows: bool = False
    """A workbook leaves empty trailing cells out: a short row is padded, never an error."""


def read_sheet(
    data: bytes, path: str, *, sheet: str | None = None, max_bytes: int = MAX_TABLE_BYTES
) -> Sheet:
    """Return the rows of a CSV, TSV or .xlsx file (told apart by content, not by name).

    Raises InputError naming the file, and the line and column where one is known.
    """
    _check_size(data, path, max_bytes)
    if data.startswith(_ZIP_MAGIC):
        return _read_workbook(data, path, sheet)
    if data.startswith(_OLE_MAGIC):
        raise InputError("an Excel 97-2003 .xls workbook; save it as .xlsx or CSV", path=path)
    if sheet is not None:
        raise InputError("--sheet is for .xlsx workbooks; this file is a text table", path=path)
    return read_text_sheet(decode_table(data, path, max_bytes), path)


def _check_size(data: bytes, path: str, max_bytes: int) -> None:
    if len(data) > max_bytes:
        what = "a contributors table" if max_bytes <= MAX_TABLE_BYTES else "a team's table"
        raise InputError(
            f"the file is larger than {max_bytes // MiB} MiB; {what} is far smaller", path=path
        )


def decode_table(data: bytes, path: str, max_bytes: int = MAX_TABLE_BYTES) -> str:
    """Return the text of a table file; UTF-8 (a BOM is allowed), anything else is an InputError."""
    _check_size(data, path, max_bytes)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("the file is UTF-16; save it as UTF-8", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"byte 0x{data[exc.start]:02x} is not UTF-8 (Latin-1 or Windows-1252?); save it as "
            "UTF-8",
            path=path,
            line=line,
        ) from None
    if not text.strip():
        raise InputError("the file is empty", path=path)
    return text


def read_text_sheet(text: str, path: str) -> Sheet:
    """Return the rows of CSV or TSV text; the delimiter is sniffed, the line ending kept."""
    layout = TableLayout(delimiter=sniff_delimiter(text), newline=_newline(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=layout.delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for row in reader:
            header = rows[0] if rows else row
            rows.append(checked_row(row, header, path, start))
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        # csv refuses cells over its field limit (128 KiB) and stray quotes, raising mid-file
        reason = "a cell is far too long" if "field limit" in str(exc) else str(exc)
        raise InputError(
            f"the table cannot be read: {reason}", path=path, line=reader.line_num
        ) from None
    return Sheet(path=path, rows=rows, lines=lines, layout=layout)


def sniff_delimiter(text: str) -> str:
    """Return the table's delimiter: csv.Sniffer's choice among comma, tab and semicolon.

    When the sniffer cannot tell (a table of one column, or not a table at all), the delimiter
    the header line holds most of, else a comma.
    """
    sample = text[: 64 * 1024]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {delimiter: first.count(delimiter) for delimiter in DELIMITERS}
        best = max(counts, key=lambda delimiter: counts[delimiter])
        return best if counts[best] else ","


def _newline(text: str) -> str:
    end = text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def checked_row(row: list[str], header: list[str], path: str, line: int) -> list[str]:
    """Return `row`; InputError for a cell that is far too long or holds a refused character."""
    joined = "".join(row)
    # printable ASCII holds none of the refused characters, and no cell of a row is longer than
    # the row: the common case, checked for the whole row at once (cell by cell was a third of
    # reading an 8,000-row table)
    if len(joined) <= MAX_CELL_CHARACTERS and joined.isascii() and joined.isprintable():
        return row
    for index, cell in enumerate(row):
        column = header[index] if index < len(header) else f"column {index + 1}"
        if len(cell) > MAX_CELL_CHARACTERS:
            raise InputError(
                f"the cell holds {len(cell):,} characters; a contributors table's cells are short",
                path=path,
                line=line,
                field=column,
            )
        require_safe_text(cell, field=column, path=path, line=line)
    return row


def _read_workbook(data: bytes, path: str, sheet: str | None) -> Sheet:
    """Rows of one sheet of an .xlsx workbook, cell values as the text a CSV export would hold,
    read with bounded work (parse/workbook.py)."""
    rows, lines = workbook_rows(data, path, sheet, checked_row, cell_text)
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise InputError("the sheet is empty", path=path)
    return Sheet(path=path, rows=rows, lines=lines, layout=None, pad_short_rows=True)


def cell_text(value: Any) -> str:
    """Return a workbook cell's value as a CSV export writes it: TRUE/FALSE, 3 (not 3.0), ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)
