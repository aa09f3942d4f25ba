"""The whole team's sheet (`records export --all`), as CSV or an .xlsx workbook (formats.py);
and the family's table (TEAM_SHEET_FORMATS)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from credit_tracker.render.outputs import Outputs, classes, no_options, plain

if TYPE_CHECKING:
    from credit_tracker.render.team_sheet.formats import TeamSheetFormat

TEAM_SHEET_FORMATS: Outputs[None, TeamSheetFormat] = classes(
    "credit_tracker.render.team_sheet.formats",
    [
        ("csv", "TeamCsv", (".csv",), "text/csv"),
        (
            "xlsx",
            "TeamXlsx",
            (".xlsx",),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
    default="csv",
    options=no_options,
    make=plain,
)

__all__ = ["TEAM_SHEET_FORMATS"]
