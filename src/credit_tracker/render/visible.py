"""Publisher and record strings made safe for one-line display: hidden characters shown as escapes.

A publisher's metadata is untrusted text. A newline in a name breaks a report line (and a line
that then starts with `::warning::` is a workflow command in a GitHub Actions log); `ESC]0;…BEL`
retitles a terminal; U+202E shows "Illés" as "séllI"; XML 1.0 forbids most C0 controls even
escaped. Every report and draft format passes such strings through `visible` first, which shows
each of these characters as an escape (`\\n`, `\\x1b`, `\\u202e`) and leaves letters of every
script, accents and the joiners that some scripts need inside words exactly as they are.

`visible` itself lives in domain/text.py, beside the test of what is hidden, so that every
floor (a source's message about a server's answer, too) shows such text the same way.
"""

from __future__ import annotations

import re
from typing import Any

from credit_tracker.domain.findings import CheckReport
from credit_tracker.domain.text import escape_char, visible

__all__ = ["escape_char", "visible", "visible_lines", "visible_report"]

_LINE_BREAKS = re.compile(r"(\r\n|\n|\r|\t)")


def visible_lines(text: str) -> str:
    """Return `text` for display as lines (a `<pre>`, a `<textarea>`): line breaks and tabs kept.

    Every other hidden or control character is shown as `visible` shows it: a letter or a pasted
    list keeps its layout, and a right-to-left override inside it still cannot mislead.
    """
    parts = _LINE_BREAKS.split(text)
    return "".join(part if n % 2 else visible(part) for n, part in enumerate(parts))


def visible_report(report: CheckReport) -> CheckReport:
    """Return a copy of `report` with every string in it passed through `visible`."""
    return CheckReport.model_validate(_visible_values(report.model_dump()))


def _visible_values(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {key: _visible_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_visible_values(item) for item in value]
    return value
