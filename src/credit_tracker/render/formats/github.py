"""GitHub Actions: one workflow annotation per finding; the CLI adds the Markdown job summary.

Workflow command values are escaped as the runner expects (% \\r \\n, and : , in properties):
https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
"""

from __future__ import annotations

from credit_tracker.domain.findings import CheckReport
from credit_tracker.render.formats.base import Format, summary_line

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormat(Format):
    """Annotations: `::error title=credit-tracker name-initials::message`."""

    def format(self, report: CheckReport) -> str:
        lines = []
        for f in report.findings:
            title = escape_property(f"{f.rule} {f.doi}")
            lines.append(
                f"::{_LEVEL[f.severity.value]} title={title}::{escape_data(f.message + ' (' + f.id + ')')}"
            )
        for u in report.unverified:
            lines.append(
                f"::error title={escape_property('unverified ' + u.doi)}::{escape_data(u.reason)}"
            )
        lines.append(escape_data(summary_line(report)))
        return "\n".join(lines) + "\n"
