"""The list commands' formats (formats.py): `records list`, `person list` and `correction list`
as tab-separated lines for people, CSV, or JSON for scripts; and the family's table
(LIST_FORMATS)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from credit_tracker.render.outputs import Outputs, classes, no_options, plain

if TYPE_CHECKING:
    from credit_tracker.render.listing.formats import ListFormat

LIST_FORMATS: Outputs[None, ListFormat] = classes(
    "credit_tracker.render.listing.formats",
    [
        ("text", "ListText", (".txt",), "text/tab-separated-values"),
        ("csv", "ListCsv", (".csv",), "text/csv"),
        ("json", "ListJson", (".json",), "application/json"),
    ],
    default="text",
    options=no_options,
    make=plain,
)

__all__ = ["LIST_FORMATS"]
