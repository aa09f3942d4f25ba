"""Markdown for job summaries and issues: a summary and a table per article, text escaped."""

from __future__ import annotations

import re

from credit_tracker.domain.findings import CheckReport
from credit_tracker.render.formats.base import Format, by_article, summary_line
from credit_tracker.render.visible import visible

# Inline text only (never at a line start): these are the characters that can open markup there.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(text: str | None) -> str:
    """Escape Markdown and HTML so publisher strings render as text, never as markup.

    Hidden characters and line breaks become visible escapes first (one value, one table cell);
    <, > and & become entities (no renderer reads them as tags); other punctuation that
    Markdown gives a meaning to is backslash-escaped, the escapes' backslashes included.
    """
    value = visible(text or "")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", value)


class MarkdownFormat(Format):
    """GitHub-flavoured Markdown; rule names and finding ids are the tool's own, in code spans."""

    def format(self, report: CheckReport) -> str:
        lines = ["# credit-tracker check", "", escape(summary_line(report)), ""]
        for doi, findings in by_article(report).items():
            lines += [
                f"## {escape(doi)}",
                "",
                "| severity | rule | author | source | expected | printed | id |",
                "|---|---|---|---|---|---|---|",
            ]
            lines += [
                f"| {f.severity.value} | `{f.rule}` | "
                f"{escape(f.author.name) if f.author else ''} | {escape(f.source)} | "
                f"{escape(f.expected)} | {escape(f.observed)} | `{f.id}` |"
                for f in findings
            ]
            lines.append("")
        lines += _section(
            "Unverified",
            [
                f"{escape(u.doi)} {escape(u.source or '')}: {escape(u.reason)}"
                for u in report.unverified
            ],
        )
        lines += _section(
            "Acknowledged",
            [
                f"`{a.finding.id}` {escape(a.finding.doi)} `{a.finding.rule}`: {escape(a.note)}"
                for a in report.acknowledged
            ],
        )
        lines += _section("Resolved", [f"`{r.id}`: {escape(r.note)}" for r in report.resolved])
        lines += _section(
            "Correction requests",
            [
                f"{escape(c.id)}: **{escape(c.state)}**, {escape(c.detail)}"
                for c in report.corrections
            ],
        )
        return "\n".join(lines)


def _section(heading: str, items: list[str]) -> list[str]:
    """A heading and a bulleted list, or nothing when there are no items."""
    return ["## " + heading, "", *(f"- {item}" for item in items), ""] if items else []
