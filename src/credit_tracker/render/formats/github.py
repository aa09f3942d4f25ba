"""GitHub Actions: one workflow annotation per finding; the CLI adds the Markdown job summary.

Workflow command values are escaped as the runner expects (% \\r \\n, and : , in properties):
https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
"""

from __future__ import annotations

from credit_tracker.domain.findings import CheckReport
from credit_tracker.render.formats.base import Format, summary_line
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
        for f in report.findings:
            title = escape_property(f"{f.rule} {f.doi}")
            message = escape_data(f"{f.message} ({f.id})")
            lines.append(f"::{_LEVEL[f.severity.value]} title={title}::{message}")
        for u in report.unverified:
            title = escape_property(f"unverified {u.doi}")
            lines.append(f"::error title={title}::{escape_data(u.reason)}")
        lines.append(escape_data(summary_line(report)))
        return "\n".join(lines) + "\n"
