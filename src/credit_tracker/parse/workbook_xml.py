"""One sheet of an .xlsx workbook read straight from its XML, cell values as text. Pure.

For the answered confirmation sheets, read two hundred at a time: openpyxl builds an object per
cell and loads every style, about 30 ms a sheet; the sheet's own XML, read with expat, takes a
tenth of that. What is read is what a CSV export holds: shared strings (rich text joined),
inline strings, formula results, numbers (3, not 3.0), booleans as TRUE/FALSE. The XML is
parsed with any DTD refused (no entity can expand), after every part's size is checked, and the
reading stops at the first cell past the caps on rows, columns and cells (parse/workbook.py).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable
from typing import Any
from xml.parsers import expat

from credit_tracker.domain.errors import InputError
from credit_tracker.parse.spreadsheet import Sheet, checked_row
from credit_tracker.parse.workbook import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, check_parts

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CELL = re.compile(r"^([A-Z]+)(\d+)$")
_ROW, _C, _V, _T = (f"{_MAIN} {name}" for name in ("row", "c", "v", "t"))


def read_workbook_sheet(data: bytes, path: str, name: str) -> Sheet:
    """Return the rows of the sheet called `name`; InputError naming the file when the workbook
    cannot be read or has no such sheet."""
    check_parts(data, path)  # every part's size, before any XML is parsed
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            target = _sheet_part(archive, name, path)
            shared = _shared_strings(archive)
            rows = _rows(archive.read(target), shared)
    except (KeyError, ValueError, expat.ExpatError) as exc:
        raise InputError(
            f"cannot be read as an .xlsx workbook ({type(exc).__name__}: {exc})", path=path
        ) from None
    if not rows:
        raise InputError(f"the sheet {name!r} is empty", path=path)
    table: list[list[str]] = []
    lines = sorted(rows)
    for number in lines:
        cells = rows[number]
        row = [cells.get(column, "") for column in range(max(cells, default=-1) + 1)]
        while row and not row[-1]:
            row.pop()
        header = table[0] if table else row
        table.append(checked_row(row, header, path, number))
    return Sheet(path=path, rows=table, lines=lines, layout=None, pad_short_rows=True)


def _parse(
    data: bytes,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Parse `data` with expat, namespaces resolved ('uri name'); any DTD refused."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True  # a cell's text in one call, not one per line or entity

    def refuse(*_args: Any) -> None:
        raise ValueError("the part declares a DTD, which no workbook needs")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    parser.Parse(data, True)


def _sheet_part(archive: zipfile.ZipFile, name: str, path: str) -> str:
    """The archive path of the sheet called `name` (workbook.xml, then its relationships)."""
    ids: dict[str, str] = {}
    names: list[str] = []

    def sheet(tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_MAIN} sheet":
            names.append(attrs.get("name", ""))
            ids[attrs.get("name", "")] = attrs.get(f"{_RELS} id", "")

    _parse(archive.read("xl/workbook.xml"), sheet)
    if name not in ids:
        listed = ", ".join(repr(n) for n in names)
        raise InputError(f"no sheet named {name!r}; the sheets are {listed}", path=path)
    targets: dict[str, str] = {}

    def relation(tag: str, attrs: dict[str, str]) -> None:
        if tag.endswith(" Relationship"):
            targets[attrs.get("Id", "")] = attrs.get("Target", "")

    _parse(archive.read("xl/_rels/workbook.xml.rels"), relation)
    target = targets[ids[name]]
    # absolute ('/xl/worksheets/sheet1.xml', as openpyxl writes) or relative to xl/ (Excel)
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """The workbook's shared strings, rich-text runs joined; phonetic guides left out."""
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    parts: list[str] = []
    state = {"text": False, "phonetic": 0}

    def start(tag: str, _attrs: dict[str, str]) -> None:
        if tag == f"{_MAIN} si":
            parts.clear()
        elif tag == f"{_MAIN} rPh":
            state["phonetic"] += 1
        elif tag == f"{_MAIN} t":
            state["text"] = not state["phonetic"]

    def end(tag: str) -> None:
        if tag == f"{_MAIN} si":
            strings.append("".join(parts))
        elif tag == f"{_MAIN} rPh":
            state["phonetic"] -= 1
        elif tag == f"{_MAIN} t":
            state["text"] = False

    def text(data: str) -> None:
        if state["text"]:
            parts.append(data)

    _parse(archive.read("xl/sharedStrings.xml"), start, end, text)
    return strings


class _Cells:
    """The expat handlers that collect a sheet's cells: row number → column → text."""

    def __init__(self, shared: list[str]) -> None:
        self.shared = shared
        self.rows: dict[int, dict[int, str]] = {}
        self.row = 0
        self.column = -1
        self.kind = ""
        self.parts: list[str] = []
        self.reading = False
        self.cells = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == _C:
            match = _CELL.match(attrs.get("r", ""))
            self.column = _column(match.group(1)) if match else self.column + 1
            self.cells += 1
            if self.row > MAX_ROWS or self.column >= MAX_COLUMNS or self.cells > MAX_CELLS:
                raise ValueError(
                    f"the sheet goes past {MAX_ROWS:,} rows, {MAX_COLUMNS} columns or "
                    f"{MAX_CELLS:,} cells at row {self.row}; a confirmation sheet is far smaller"
                )
            self.kind = attrs.get("t", "n")
            self.parts = []
        elif tag in (_V, _T):
            self.reading = True
        elif tag == _ROW:
            self.row = int(attrs.get("r", self.row + 1))
            self.column = -1

    def end(self, tag: str) -> None:
        if tag in (_V, _T):
            self.reading = False
        elif tag == _C:
            value = self._value("".join(self.parts))
            if value:
                self.rows.setdefault(self.row, {})[self.column] = value

    def text(self, data: str) -> None:
        if self.reading:
            self.parts.append(data)

    def _value(self, raw: str) -> str:
        if self.kind == "s":
            return self.shared[int(raw)] if raw else ""
        if self.kind == "b":
            return "TRUE" if raw.strip() in ("1", "true") else "FALSE"
        if self.kind == "n" and raw:
            number = float(raw)
            return str(int(number)) if number.is_integer() else raw
        return raw  # inline strings, formula results (str), errors (e)


def _rows(data: bytes, shared: list[str]) -> dict[int, dict[int, str]]:
    cells = _Cells(shared)
    _parse(data, cells.start, cells.end, cells.text)
    return cells.rows


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1
