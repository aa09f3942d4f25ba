"""GitHub Actions: workflow annotations that fit what GitHub shows; the summary is Markdown's.

Workflow command values are escaped as the runner expects (% \\r \\n, and : , in properties):
https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
"""

from __future__ import annotations

from credit_tracker.domain.findings import CheckReport, FindingState, Outage, Severity, Unverified
from credit_tracker.render.formats.base import (
    Entry,
    Format,
    entries,
    info_line,
    summary_line,
)
from credit_tracker.render.lines import outage_line
from credit_tracker.render.visible import visible_report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Return a workflow command's message with % and line breaks percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Return a workflow command's property value (: and , encoded too)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


PER_LEVEL = 10
"""GitHub shows at most 10 error, 10 warning and 10 notice annotations of a step (50 of a job):
https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations"""
DEFAULT_WHERE = "the job summary lists them all"


class GithubFormat(Format):
    """Annotations: `::error title=name-initials 10.1234/x::message (ct-…)`, errors first.

    At most 10 errors (services that answered nothing, one each, then the other unverified
    articles, then regressed, then open findings) and 10
    warnings, and one final notice saying how many more there are and where the full report is.
    Info-level findings are counted in a plain line, never annotated unless --show info asks
    (then as at most 10 notices); findings pending correction are not annotated, as a sent
    request covers them.

    Publisher strings go through `visible` first, so a name can neither end the annotation nor
    start a line of its own (the runner would read a line starting `::` as a command).
    """

    def __init__(
        self, color: bool = False, show_info: bool = False, *, where: str = DEFAULT_WHERE
    ) -> None:
        super().__init__(color, show_info)
        self.where = where
        """Where the full report is, for the final line (a file name, the job summary)."""

    def format(self, report: CheckReport) -> str:
        report = visible_report(report)
        found = [e for e in entries(report) if e.state is not FindingState.PENDING]
        # a service down is one annotation, however many articles it left unverified
        errors = [_outage(o) for o in report.outages]
        errors += [_unverified(u) for u in report.unverified_alone()]
        errors += [_annotation(e) for e in found if e.finding.severity is Severity.ERROR]
        warnings = [_annotation(e) for e in found if e.finding.severity is Severity.WARNING]
        # info is annotated only when asked for (--show info), as notices
        notices = [_annotation(e) for e in found if e.finding.severity is Severity.INFO]
        notices = notices if self.show_info else []
        lines = errors[:PER_LEVEL] + warnings[:PER_LEVEL] + notices[:PER_LEVEL]
        more = {
            "error": len(errors) - PER_LEVEL,
            "warning": len(warnings) - PER_LEVEL,
            "notice": len(notices) - PER_LEVEL,
        }
        left = [f"{n} more {level}(s)" for level, n in more.items() if n > 0]
        if left:
            message = f"{' and '.join(left)} not annotated; {self.where}"
            lines.append(f"::notice title=credit-tracker::{escape_data(message)}")
        hidden = [e for e in found if e.finding.severity is Severity.INFO and not self.show_info]
        if hidden:
            lines.append(escape_data(info_line(hidden)))
        lines.append(escape_data(summary_line(report)))
        return "\n".join(lines) + "\n"


def _annotation(entry: Entry) -> str:
    f = entry.finding
    title = escape_property(f"{f.rule} {f.doi}")
    state = f" [{entry.note}]" if entry.note else ""
    message = escape_data(f"{f.message} ({f.id}){state}")
    return f"::{_LEVEL[f.severity.value]} title={title}::{message}"


def _unverified(item: Unverified) -> str:
    title = escape_property(f"unverified {item.doi}")
    return f"::error title={title}::{escape_data(item.reason)}"


def _outage(outage: Outage) -> str:
    title = escape_property(f"{outage.service} unreachable")
    return f"::error title={title}::{escape_data(outage_line(outage))}"
