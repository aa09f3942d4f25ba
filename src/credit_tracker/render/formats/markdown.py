"""Markdown for job summaries and issues: a summary and a table per article, text escaped."""

from __future__ import annotations

import re

from credit_tracker.domain.findings import CheckReport
from credit_tracker.render.formats.base import (
    Entry,
    Format,
    by_doi,
    entries,
    info_line,
    split_info,
    summary_line,
)
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


# `&` begins a character reference only when a name or number and `;` follow it.
_REFERENCE = re.compile(r"&(?=[A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)")
_MARKUP = re.compile(r"([\\`*_\[\]|~<>])")


def escape_text(text: str | None) -> str:
    """Escape Markdown so publisher strings render as text, without HTML entities.

    Like `escape`, but `<`, `>` and a `&` that would begin a character reference are
    backslash-escaped (CommonMark: any ASCII punctuation may be), so a reader of the source sees
    "review & editing", not "review &amp; editing".
    """
    value = _MARKUP.sub(r"\\\1", visible(text or ""))
    return _REFERENCE.sub(r"\\&", value)


class MarkdownFormat(Format):
    """GitHub-flavoured Markdown; rule names and finding ids are the tool's own, in code spans.

    Errors first; info-level findings go in a collapsed <details> block (listed with --show info).
    """

    def format(self, report: CheckReport) -> str:
        lines = ["# credit-tracker check", "", escape(summary_line(report)), ""]
        shown, hidden = split_info(entries(report), self.show_info)
        for doi, group in by_doi(shown).items():
            lines += [f"## {escape(doi)}", "", *_table(group), ""]
        if hidden:
            lines += [
                "<details><summary>" + escape(info_line(hidden)) + "</summary>",
                "",
                *_table(hidden),
                "",
                "</details>",
                "",
            ]
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
                f"{escape(c.id)}: **{escape(c.state.value)}**, {escape(c.detail)}"
                for c in report.corrections
            ],
        )
        return "\n".join(lines)


def _table(group: list[Entry]) -> list[str]:
    rows = [
        "| severity | rule | author | source | expected | printed | state | id |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for entry in group:
        f = entry.finding
        rows.append(
            f"| {f.severity.value} | `{f.rule}` | {escape(f.author.name) if f.author else ''} | "
            f"{escape(f.source)} | {escape(f.expected)} | {escape(f.observed)} | "
            f"{escape(entry.note or entry.state.value)} | `{f.id}` |"
        )
    return rows


def _section(heading: str, items: list[str]) -> list[str]:
    """A heading and a bulleted list, or nothing when there are no items."""
    return ["## " + heading, "", *(f"- {item}" for item in items), ""] if items else []
