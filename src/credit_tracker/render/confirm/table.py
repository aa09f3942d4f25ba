"""The sheet as CSV: the same columns as the workbook, UTF-8 with a byte-order mark so that
Excel opens it as UTF-8; the keys are plain columns (CSV hides nothing)."""

from __future__ import annotations

import csv
import io

from credit_tracker.domain.confirm_sheet import ConfirmationSheet, header
from credit_tracker.render.confirm.base import SheetFormat, row_cells


def csv_text(sheet: ConfirmationSheet) -> str:
    """The sheet as CSV text (no byte-order mark): the Markdown letter carries it too."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header())
    for paper in sheet.papers:
        writer.writerow(row_cells(paper))
    return out.getvalue()


class CsvSheet(SheetFormat):
    """One row per paper; every cell a value the import reads back."""

    def render(self, sheet: ConfirmationSheet) -> bytes:
        return csv_text(sheet).encode("utf-8-sig")
