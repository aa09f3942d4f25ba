"""Text for people: grouped by article and author; colour only when asked (a terminal)."""

from __future__ import annotations

from collections import defaultdict

from credit_tracker.domain.findings import CheckReport, Finding
from credit_tracker.render.formats.base import Format, by_article, summary_line
from credit_tracker.render.visible import visible_report

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


class TextFormat(Format):
    """The default format; every string shown on one line, hidden characters as escapes."""

    def format(self, report: CheckReport) -> str:
        report = visible_report(report)
        lines: list[str] = []
        for doi, findings in by_article(report).items():
            lines.append(f"{doi}")
            for author, group in self._by_author(findings).items():
                lines.append(f"  {author}")
                lines.extend(f"    {self._line(finding)}" for finding in group)
        for entry in report.unverified:
            where = f" ({entry.source})" if entry.source else ""
            lines.append(f"{entry.doi}: UNVERIFIED{where}: {entry.reason}")
        for ack in report.acknowledged:
            lines.append(
                f"{ack.finding.doi}: acknowledged {ack.finding.id} {ack.finding.rule}: {ack.note}"
            )
        for resolved in report.resolved:
            lines.append(f"resolved: {resolved.id} (acknowledged {resolved.at}: {resolved.note})")
        for request in report.corrections:
            lines.append(f"correction request {request.id}: {request.state}: {request.detail}")
        lines.append(summary_line(report))
        return "\n".join(lines) + "\n"

    @staticmethod
    def _by_author(findings: list[Finding]) -> dict[str, list[Finding]]:
        groups: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            groups[finding.author.name if finding.author else "(article)"].append(finding)
        return dict(groups)

    def _line(self, finding: Finding) -> str:
        severity = finding.severity.value
        if self.color:  # added after `visible`: these are the only escapes the text may hold
            severity = f"{_COLORS[severity]}{severity}{_RESET}"
        return f"{severity} {finding.rule} [{finding.source}] {finding.message} ({finding.id})"
