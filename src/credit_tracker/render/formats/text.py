"""Text for people: errors first, grouped by article and author; info counted in one line."""

from __future__ import annotations

from collections import defaultdict

from credit_tracker.domain.findings import CheckReport
from credit_tracker.render.formats.base import (
    Entry,
    Format,
    by_doi,
    entries,
    info_line,
    split_info,
    summary_line,
)
from credit_tracker.render.lines import outage_line, report_coverage_lines
from credit_tracker.render.visible import visible_report

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


class TextFormat(Format):
    """The default format; every string shown on one line, hidden characters as escapes."""

    def format(self, report: CheckReport) -> str:
        report = visible_report(report)
        shown, hidden = split_info(entries(report), self.show_info)
        lines: list[str] = []
        for doi, group in by_doi(shown).items():
            lines.append(f"{doi}")
            for author, items in self._by_author(group).items():
                lines.append(f"  {author}")
                lines.extend(f"    {self._line(entry)}" for entry in items)
        if hidden:
            lines.append(info_line(hidden))
        lines += [outage_line(outage) for outage in report.outages]
        for entry in report.unverified_alone():
            where = f" ({entry.source})" if entry.source else ""
            lines.append(f"{entry.doi}: UNVERIFIED{where}: {entry.reason}")
        for ack in report.acknowledged:
            lines.append(
                f"{ack.finding.doi}: acknowledged {ack.finding.id} {ack.finding.rule}: {ack.note}"
            )
        for resolved in report.resolved:
            lines.append(f"resolved: {resolved.id} (acknowledged {resolved.at}: {resolved.note})")
        for request in report.corrections:
            lines.append(
                f"correction request {request.id}: {request.state.value}: {request.detail}"
            )
        lines += report_coverage_lines(report)
        lines.append(summary_line(report))
        return "\n".join(lines) + "\n"

    @staticmethod
    def _by_author(group: list[Entry]) -> dict[str, list[Entry]]:
        authors: dict[str, list[Entry]] = defaultdict(list)
        for entry in group:
            author = entry.finding.author
            authors[author.name if author else "(article)"].append(entry)
        return dict(authors)

    def _line(self, entry: Entry) -> str:
        finding = entry.finding
        severity = finding.severity.value
        if self.color:  # added after `visible`: these are the only escapes the text may hold
            severity = f"{_COLORS[severity]}{severity}{_RESET}"
        state = f" [{entry.note}]" if entry.note else ""
        return (
            f"{severity} {finding.rule} [{finding.source}] {finding.message} ({finding.id}){state}"
        )
