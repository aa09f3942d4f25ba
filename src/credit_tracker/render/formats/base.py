"""The interface every report format implements, and helpers they share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from credit_tracker.domain.findings import (
    CheckReport,
    CorrectionState,
    CorrectionStatus,
    Finding,
    FindingState,
    Severity,
)


class Format(ABC):
    """Turns a CheckReport into text."""

    def __init__(self, color: bool = False, show_info: bool = False) -> None:
        self.color = color
        self.show_info = show_info
        """List info-level findings one by one (by default views count them in one line)."""

    @abstractmethod
    def format(self, report: CheckReport) -> str:
        """Return the whole report as text."""


@dataclass(frozen=True)
class Entry:
    """A finding that is reported (open, regressed or pending correction) with its state."""

    finding: Finding
    state: FindingState
    note: str = ""
    """The state in words with its dates; empty for an open finding."""


def entries(report: CheckReport) -> list[Entry]:
    """Return the reported findings, errors first; each article's order is kept within a level.

    Regressed findings lead their level; acknowledged ones are not entries (they are listed
    apart with their notes).
    """
    found = [
        Entry(r.finding, FindingState.REGRESSED, f"regressed: fix seen {r.fixed}, back {r.undone}")
        for r in report.regressed
    ]
    asked = _requests_by_finding(report)
    found += [Entry(f, FindingState.OPEN, request_note(asked.get(f.id))) for f in report.findings]
    found += [
        Entry(
            p.finding,
            FindingState.PENDING,
            f"pending correction: request sent {p.sent}, failing again from {p.stale_on}",
        )
        for p in report.pending
    ]
    rank = {FindingState.REGRESSED: 0, FindingState.OPEN: 1, FindingState.PENDING: 2}
    return sorted(found, key=lambda e: (-e.finding.severity.rank, rank[e.state]))


def _requests_by_finding(report: CheckReport) -> dict[str, CorrectionStatus]:
    """The request each open finding is in, if any (a stale one before a drafted one)."""
    asked: dict[str, CorrectionStatus] = {}
    for status in sorted(report.corrections, key=lambda s: s.state is CorrectionState.STALE):
        for finding_id in status.finding_ids:
            asked[finding_id] = status
    return asked


def request_note(status: CorrectionStatus | None) -> str:
    """What an open finding's request says about it: drafted and not sent yet, or sent and
    stale (then: send a reminder); '' for a finding in no request."""
    if status is None:
        return ""
    if status.state is CorrectionState.STALE and status.sent and status.stale_on:
        waited = (date.fromisoformat(status.stale_on) - date.fromisoformat(status.sent)).days - 1
        return f"request sent {status.sent}, stale after {waited} days: send a reminder"
    if status.state is CorrectionState.DRAFTED:
        return f"request {status.id} drafted, not sent yet"
    return ""


def split_info(found: list[Entry], show_info: bool) -> tuple[list[Entry], list[Entry]]:
    """Return (entries to list, info entries to count instead); nothing is hidden when asked."""
    if show_info:
        return found, []
    shown = [e for e in found if e.finding.severity is not Severity.INFO]
    return shown, [e for e in found if e.finding.severity is Severity.INFO]


def info_line(hidden: list[Entry]) -> str:
    """Return '80 info finding(s) not listed (orcid-unauthenticated 50, …); --show info …'."""
    counts = Counter(e.finding.rule for e in hidden)
    rules = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items(), key=lambda x: -x[1]))
    return f"{len(hidden)} info finding(s) not listed ({rules}); --show info lists them"


def by_doi(found: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Group entries by DOI; the article with the most severe entry first (then by DOI)."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in found:
        groups[entry.finding.doi].append(entry)
    order = sorted(groups, key=lambda doi: (-groups[doi][0].finding.severity.rank, doi))
    return {doi: groups[doi] for doi in order}


def sources_of(finding: Finding) -> list[str]:
    """Return the sources a finding comes from, in order."""
    return list(finding.sources)


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
    if s.regressed:
        parts.append(f"{s.regressed} regressed")
    if s.pending:
        parts.append(f"{s.pending} pending correction")
    parts.append(f"{s.acknowledged} acknowledged")
    if s.resolved:
        parts.append(f"{s.resolved} resolved")
    if s.accepted_spellings:
        parts.append(f"{s.accepted_spellings} accepted spelling(s)")
    if s.unverified:
        parts.append(f"{s.unverified} unverified")
    return "; ".join(parts)
