"""The sheet authors fill, as an .xlsx workbook (openpyxl): the answers on the first sheet (tenzing
reads only the first), the instructions on a sheet of their own after it.

Each role cell is pre-filled from what the publishers state and carries a note naming the
sources; the answer and role columns offer their choices as lists (data validation); the key
columns are hidden. Every cell is written as text, never as a formula.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from credit_tracker.domain.confirm_sheet import (
    ANSWER_COLUMN,
    INSTRUCTIONS_SHEET,
    KEY_COLUMNS,
    ROLE_CHOICES,
    ROLES_SHEET,
    ConfirmationSheet,
    column_letter,
    header,
)
from credit_tracker.domain.confirmation import ROLE_COLUMNS, Answer
from credit_tracker.render.confirm.base import SheetFormat, closing, instructions, row_cells

_AUTHOR = "credit-tracker"
_WIDTHS = {"DOI": 28, "Title": 48, "Journal": 24, "Year": 6, ANSWER_COLUMN: 20}


class WorkbookSheet(SheetFormat):
    """The answers as the first sheet, 'Roles'; 'Instructions' after it."""

    def render(self, sheet: ConfirmationSheet) -> bytes:
        import openpyxl  # type: ignore[import-untyped]  # imported here: only this format needs it

        book = openpyxl.Workbook()
        roles = book.active
        roles.title = ROLES_SHEET
        _answers(roles, sheet)
        notes = book.create_sheet(INSTRUCTIONS_SHEET)
        for line in [*instructions(sheet, "the first sheet, Roles"), *closing(sheet)]:
            notes.append([line])
        notes.column_dimensions["A"].width = 110
        # the same bytes for the same sheet: the file's dates are the day it was issued
        issued = datetime.fromisoformat(sheet.issued)
        book.properties.created = book.properties.modified = issued
        book.properties.creator = _AUTHOR
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def _answers(ws: Any, sheet: ConfirmationSheet) -> None:
    from openpyxl.comments import Comment  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    columns = header()
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    first_role = columns.index(ROLE_COLUMNS[0][1])
    for number, paper in enumerate(sheet.papers, start=2):
        for index, value in enumerate(row_cells(paper)):
            cell = ws.cell(row=number, column=index + 1)
            cell.value = value
            cell.data_type = "s"  # text, never a formula, whatever a publisher's title starts with
        for offset, role in enumerate(paper.cells):
            note = Comment(role.note(), _AUTHOR, width=320, height=90)
            ws.cell(row=number, column=first_role + offset + 1).comment = note
    last = len(sheet.papers) + 1
    _choices(ws, DataValidation, columns.index(ANSWER_COLUMN), 1, last, [a.value for a in Answer])
    _choices(ws, DataValidation, first_role, len(ROLE_COLUMNS), last, list(ROLE_CHOICES))
    for index, name in enumerate(columns):
        dimension = ws.column_dimensions[column_letter(index)]
        dimension.width = _WIDTHS.get(name, 12)
        dimension.hidden = name in KEY_COLUMNS
    ws.freeze_panes = f"{column_letter(first_role)}2"


def _choices(
    ws: Any, validation: type, first: int, count: int, last: int, values: list[str]
) -> None:
    """Offer `values` as a list in `count` columns from `first` (0-based), rows 2 to `last`."""
    if last < 2:
        return
    rule = validation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not a choice",
        error="Choose one of: " + ", ".join(values),
    )
    span = f"{column_letter(first)}2:{column_letter(first + count - 1)}{last}"
    rule.add(span)
    ws.add_data_validation(rule)
