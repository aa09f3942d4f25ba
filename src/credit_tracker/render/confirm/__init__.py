"""The confirmation sheets and letters (one class per format) and the family's table
(CONFIRM_FORMATS): the .xlsx sheet authors fill, the same sheet as CSV, and letters that carry
it (.eml with the .xlsx attached, Markdown with the CSV in a block)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from credit_tracker.render.outputs import Outputs, classes, no_options, plain

if TYPE_CHECKING:
    from credit_tracker.render.confirm.base import SheetFormat

CONFIRM_FORMATS: Outputs[None, SheetFormat] = classes(
    "credit_tracker.render.confirm",
    [
        (
            "xlsx",
            "workbook:WorkbookSheet",
            (".xlsx",),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("csv", "table:CsvSheet", (".csv",), "text/csv"),
        ("eml", "letters:EmlLetter", (".eml",), "message/rfc822"),
        ("md", "letters:MarkdownLetter", (".md",), "text/markdown"),
    ],
    default="xlsx",
    options=no_options,
    make=plain,
)

__all__ = ["CONFIRM_FORMATS"]
