"""A record written back out (formats.py): a tenzing table (round-trip exact), JSON that imports
back, the CRediT author statement, JATS <contrib> markup or a Crossref <contributors> fragment;
and the family's table
(EXPORT_FORMATS)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from credit_tracker.render.outputs import Outputs, classes, no_options, plain

if TYPE_CHECKING:
    from credit_tracker.render.exports.formats import ExportFormat

EXPORT_FORMATS: Outputs[None, ExportFormat] = classes(
    "credit_tracker.render.exports.formats",
    [
        ("tenzing", "TenzingExport", (".csv", ".tsv"), "text/csv"),
        ("json", "JsonExport", (".json",), "application/json"),
        ("statement", "StatementExport", (".txt",), "text/plain"),
        ("jats", "JatsExport", (".xml",), "application/xml"),
        ("crossref", "CrossrefExport", (), "application/xml"),
    ],
    default="tenzing",
    options=no_options,
    make=plain,
)

__all__ = ["EXPORT_FORMATS"]
