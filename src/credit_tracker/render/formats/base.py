"""The interface every report format implements, and helpers they share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import defaultdict

from credit_tracker.domain.findings import CheckReport, Finding


class Format(ABC):
    """Turns a CheckReport into text."""

    def __init__(self, color: bool = False) -> None:
        self.color = color

    @abstractmethod
    def format(self, report: CheckReport) -> str:
        """Return the whole report as text."""


def by_article(report: CheckReport) -> dict[str, list[Finding]]:
    """Group the open findings by DOI, keeping their order."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        groups[finding.doi].append(finding)
    return dict(groups)


def summary_line(report: CheckReport) -> str:
    """Return the one-line summary that goes to stderr."""
    s = report.summary
    parts = [f"{s.articles} article(s)", f"{s.findings} finding(s)"]
    if s.by_severity:
        parts.append(", ".join(f"{n} {sev}" for sev, n in sorted(s.by_severity.items())))
    parts.append(f"{s.acknowledged} acknowledged")
    if s.resolved:
        parts.append(f"{s.resolved} resolved")
    if s.accepted_spellings:
        parts.append(f"{s.accepted_spellings} accepted spelling(s)")
    if s.unverified:
        parts.append(f"{s.unverified} unverified")
    return "; ".join(parts)
