"""Markdown for job summaries and issues: a summary and a table per article, text escaped."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from credit_tracker.domain.findings import CheckReport, Finding, FindingState, Severity
from credit_tracker.render.formats.base import (
    Entry,
    Format,
    by_doi,
    entries,
    info_line,
    split_info,
    summary_line,
)
from credit_tracker.render.lines import coverage_total_line
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


NEW_LISTED = 50
"""New findings listed in the opening table; the rest are in the articles' details."""


class MarkdownFormat(Format):
    """GitHub-flavoured Markdown, made for a job summary; rule names and ids in code spans.

    It opens with the counts and the findings that fail the run (regressed and open ones at or
    above --fail-on, errors first), then each article's findings in a collapsed <details> block,
    most severe article first; info-level findings in one more block. With --show info nothing
    is collapsed: every finding is listed.
    """

    def __init__(
        self,
        color: bool = False,
        show_info: bool = False,
        *,
        fails: Callable[[Finding], bool] | None = None,
        budget: int | None = None,
    ) -> None:
        super().__init__(color, show_info)
        self.fails = fails or (lambda finding: finding.severity is not Severity.INFO)
        self.budget = budget
        """Bytes the articles' details may take; GitHub takes at most 1 MiB of summary a step."""

    def format(self, report: CheckReport) -> str:
        lines = ["# credit-tracker check", "", *_counts(report), "", escape(summary_line(report))]
        if report.coverage is not None:
            lines += ["", escape(coverage_total_line(report.coverage))]
        lines.append("")
        found = entries(report)
        new = [e for e in found if e.state is not FindingState.PENDING and self.fails(e.finding)]
        lines += _new_section(new)
        lines += _section(
            "Unverified",
            [
                f"{escape(u.doi)} {escape(u.source or '')}: {escape(u.reason)}"
                for u in report.unverified
            ],
        )
        shown, hidden = split_info(found, self.show_info)
        groups = by_doi(shown)
        if groups:
            lines += [f"## Findings by article ({len(groups)})", ""]
        # --show info: everything listed, nothing collapsed
        block = _section_block if self.show_info else _details
        lines += _articles(groups, block, self.budget)
        if hidden:
            lines += _details(escape(info_line(hidden)), _table(hidden))
        acknowledged = [
            f"- `{a.finding.id}` {escape(a.finding.doi)} `{a.finding.rule}`: {escape(a.note)}"
            for a in report.acknowledged
        ]
        if acknowledged:
            lines += block(escape(f"Acknowledged ({len(acknowledged)})"), acknowledged)
        lines += _section("Resolved", [f"`{r.id}`: {escape(r.note)}" for r in report.resolved])
        lines += _section(
            "Correction requests",
            [
                f"{escape(c.id)}: **{escape(c.state.value)}**, {escape(c.detail)}"
                for c in report.corrections
            ],
        )
        return "\n".join(lines)


def _counts(report: CheckReport) -> list[str]:
    """The opening table of counts: what fails, what is known, what could not be read."""
    s = report.summary
    return [
        "| failing | open | regressed | pending correction | acknowledged | resolved "
        "| unverified | articles |",
        "|---|---|---|---|---|---|---|---|",
        f"| **{s.failing}** | {s.findings} | {s.regressed} | {s.pending} | {s.acknowledged} "
        f"| {s.resolved} | {s.unverified} | {s.articles} |",
    ]


def _new_section(new: list[Entry]) -> list[str]:
    if not new:
        return ["## New findings: none", ""]
    rows = ["| severity | rule | article | finding | state | id |", "|---|---|---|---|---|---|"]
    for entry in new[:NEW_LISTED]:
        f = entry.finding
        rows.append(
            f"| {f.severity.value} | `{f.rule}` | {escape(f.doi)} | {escape(f.message)} | "
            f"{escape(entry.note or entry.state.value)} | `{f.id}` |"
        )
    more = len(new) - NEW_LISTED
    tail = [f"{more} more in the articles' details below.", ""] if more > 0 else []
    return [f"## New findings ({len(new)})", "", *rows, "", *tail]


def _tally(group: list[Entry]) -> str:
    counts = Counter(e.finding.severity.value for e in group)
    return ", ".join(f"{counts[s.value]} {s.value}" for s in reversed(Severity) if counts[s.value])


def _details(summary: str, body: list[str]) -> list[str]:
    """A collapsed block; the blank line after <summary> lets GitHub render the table inside."""
    return [f"<details><summary>{summary}</summary>", "", *body, "", "</details>", ""]


def _articles(
    groups: dict[str, list[Entry]],
    block: Callable[[str, list[str]], list[str]],
    budget: int | None,
) -> list[str]:
    """Each article's block, most severe first, until the budget is spent; then what is left."""
    lines: list[str] = []
    used = 0
    for n, (doi, group) in enumerate(groups.items()):
        part = block(f"{escape(doi)}: {_tally(group)}", _table(group))
        used += sum(len(line.encode("utf-8")) + 1 for line in part)
        if budget is not None and used > budget:
            return [
                *lines,
                f"{len(groups) - n} more article(s) with findings are not shown here (a job "
                "summary holds at most 1 MiB); the JSON and JUnit reports list every finding.",
                "",
            ]
        lines += part
    return lines


def _section_block(heading: str, body: list[str]) -> list[str]:
    """The same as `_details`, open: a third-level heading and the body."""
    return [f"### {heading}", "", *body, ""]


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
