"""CSV: one row per finding in every state, for spreadsheets."""

from __future__ import annotations

import csv
import io

from credit_tracker.domain.findings import CheckReport, Finding
from credit_tracker.domain.text import spreadsheet_cell
from credit_tracker.render.formats.base import Format, entries
from credit_tracker.render.visible import visible_report

COLUMNS = [
    "id",
    "status",
    "rule",
    "severity",
    "doi",
    "source",
    "author",
    "person",
    "orcid",
    "expected",
    "observed",
    "message",
]


class CsvFormat(Format):
    """Every finding, info included (a spreadsheet filters for itself), errors first; `status` is
    its state: open, regressed, pending-correction or acknowledged.

    Spreadsheet cells that start with = + - @ are prefixed with ' so no formula runs; every
    value stays on one line (hidden characters as escapes), so one row is one line."""

    def format(self, report: CheckReport) -> str:
        report = visible_report(report)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for entry in entries(report):
            writer.writerow(self._row(entry.finding, entry.state.value))
        for ack in report.acknowledged:
            writer.writerow(self._row(ack.finding, "acknowledged"))
        for item in report.unverified:
            writer.writerow(
                [
                    "",
                    "unverified",
                    "",
                    "",
                    item.doi,
                    item.source or "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    spreadsheet_cell(item.reason),
                ]
            )
        return out.getvalue()

    @staticmethod
    def _row(finding: Finding, status: str) -> list[str]:
        author = finding.author
        values = [
            finding.id,
            status,
            finding.rule,
            finding.severity.value,
            finding.doi,
            finding.source,
            author.name if author else "",
            author.person if author else "",
            (author.orcid or "") if author else "",
            finding.expected or "",
            finding.observed or "",
            finding.message,
        ]
        return [spreadsheet_cell(value) for value in values]
