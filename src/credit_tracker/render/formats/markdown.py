"""Markdown for job summaries and issues: a summary and a table per article, publisher text escaped."""

from __future__ import annotations

import re

from credit_tracker.domain.findings import CheckReport
from credit_tracker.render.formats.base import Format, by_article, summary_line

# Inline text only (never at a line start): these are the characters that can open markup there.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(text: str | None) -> str:
    """Escape Markdown and HTML so publisher strings render as text, never as markup.

    <, > and & become entities (no renderer reads them as tags); other punctuation that
    Markdown gives a meaning to is backslash-escaped; line breaks become spaces (one table row).
    """
    value = (text or "").replace("\r", " ").replace("\n", " ")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", value)


class MarkdownFormat(Format):
    """GitHub-flavoured Markdown."""

    def format(self, report: CheckReport) -> str:
        lines = ["# credit-tracker check", "", escape(summary_line(report)), ""]
        for doi, findings in by_article(report).items():
            lines += [
                f"## {escape(doi)}",
                "",
                "| severity | rule | author | source | expected | printed | id |",
                "|---|---|---|---|---|---|---|",
            ]
            for f in findings:
                author = escape(f.author.name) if f.author else ""
                lines.append(
                    f"| {f.severity.value} | `{f.rule}` | {author} | {escape(f.source)} | {escape(f.expected)} | {escape(f.observed)} | `{f.id}` |"
                )
            lines.append("")
        if report.unverified:
            lines += (
                ["## Unverified", ""]
                + [
                    f"- {escape(u.doi)} {escape(u.source or '')}: {escape(u.reason)}"
                    for u in report.unverified
                ]
                + [""]
            )
        if report.acknowledged:
            lines += (
                ["## Acknowledged", ""]
                + [
                    f"- `{a.finding.id}` {escape(a.finding.doi)} `{a.finding.rule}`: {escape(a.note)}"
                    for a in report.acknowledged
                ]
                + [""]
            )
        if report.resolved:
            lines += (
                ["## Resolved", ""]
                + [f"- `{r.id}`: {escape(r.note)}" for r in report.resolved]
                + [""]
            )
        if report.corrections:
            lines += (
                ["## Correction requests", ""]
                + [
                    f"- {escape(c.id)}: **{escape(c.state)}**, {escape(c.detail)}"
                    for c in report.corrections
                ]
                + [""]
            )
        return "\n".join(lines)
