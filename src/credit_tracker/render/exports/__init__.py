"""A record written back out (formats.py): a tenzing table (round-trip exact), JSON that imports
back, the CRediT author statement, or JATS <contrib> markup; and the family's table
(EXPORT_FORMATS)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from credit_tracker.render.outputs import Output, Outputs, load, no_options

if TYPE_CHECKING:
    from credit_tracker.render.exports.formats import ExportFormat


def _export(
    name: str, cls: str, extensions: tuple[str, ...], media_type: str
) -> Output[None, ExportFormat]:
    path = f"credit_tracker.render.exports.formats:{cls}"
    return Output(name, lambda _: load(path)(), no_options, extensions, media_type)


EXPORT_FORMATS: Outputs[None, ExportFormat] = Outputs(
    _export("tenzing", "TenzingExport", (".csv", ".tsv"), "text/csv"),
    _export("json", "JsonExport", (".json",), "application/json"),
    _export("statement", "StatementExport", (".txt",), "text/plain"),
    _export("jats", "JatsExport", (".xml",), "application/xml"),
    default="tenzing",
)

__all__ = ["EXPORT_FORMATS"]
