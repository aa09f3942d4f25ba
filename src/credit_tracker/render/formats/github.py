"""GitHub Actions: one workflow annotation per finding; the CLI adds the Markdown job summary.

Workflow command values are escaped as the runner expects (% \\r \\n, and : , in properties):
https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
"""

from __future__ import annotations

from credit_tracker.domain.findings import CheckReport, FindingState
from credit_tracker.render.formats.base import (
    Format,
    entries,
    info_line,
    split_info,
    summary_line,
)
from credit_tracker.render.visible import visible_report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Return a workflow command's message with % and line breaks percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Return a workflow command's property value (: and , encoded too)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormat(Format):
    """Annotations: `::error title=name-initials 10.1234/x::message (ct-…)`.

    Publisher strings go through `visible` first, so a name can neither end the annotation nor
    start a line of its own (the runner would read a line starting `::` as a command).
    """

    def format(self, report: CheckReport) -> str:
        report = visible_report(report)
        lines = []
        shown, hidden = split_info(entries(report), self.show_info)
        # pending findings are not annotated: a sent request covers them, as an ack would
        for entry in (e for e in shown if e.state is not FindingState.PENDING):
            f = entry.finding
            title = escape_property(f"{f.rule} {f.doi}")
            state = f" [{entry.note}]" if entry.note else ""
            message = escape_data(f"{f.message} ({f.id}){state}")
            lines.append(f"::{_LEVEL[f.severity.value]} title={title}::{message}")
        for u in report.unverified:
            title = escape_property(f"unverified {u.doi}")
            lines.append(f"::error title={title}::{escape_data(u.reason)}")
        if hidden:
            lines.append(escape_data(info_line(hidden)))
        lines.append(escape_data(summary_line(report)))
        return "\n".join(lines) + "\n"
