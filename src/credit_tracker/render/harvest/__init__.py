"""The harvest's formats (formats.py): the new works by team members as tab-separated lines,
CSV, Markdown for a job summary, or JSON; and the family's table (HARVEST_FORMATS)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from credit_tracker.render.outputs import Outputs, classes, no_options, plain

if TYPE_CHECKING:
    from credit_tracker.render.harvest.formats import HarvestFormat

HARVEST_FORMATS: Outputs[None, HarvestFormat] = classes(
    "credit_tracker.render.harvest.formats",
    [
        ("text", "HarvestText", (".txt",), "text/tab-separated-values"),
        ("csv", "HarvestCsv", (".csv",), "text/csv"),
        ("markdown", "HarvestMarkdown", (".md",), "text/markdown"),
        ("json", "HarvestJson", (".json",), "application/json"),
    ],
    default="text",
    options=no_options,
    make=plain,
)

__all__ = ["HARVEST_FORMATS"]
