"""Markdown for job summaries and issues: a summary and a table per article, text escaped."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from credit_tracker.domain.credit import role_label
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
from credit_tracker.render.formats.budget import Part, Room
from credit_tracker.render.lines import coverage_total_line, outage_line
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
NOT_HERE = "(a job summary holds at most 1 MiB)"


class MarkdownFormat(Format):
    """GitHub-flavoured Markdown, made for a job summary; rule names and ids in code spans.

    It opens with the counts and the findings that fail the run (regressed and open ones at or
    above --fail-on, errors first), then the services that answered nothing and the other
    unverified articles, then each article's findings in a collapsed <details> block, most
    severe article first; info-level findings in one more block; then the acknowledged,
    resolved and correction requests. With --show info nothing is collapsed: every finding is
    listed. With a budget, every part keeps within it, in that order of importance, and says
    what it did not show (budget.py). Every table has an article column, and roles are shown by
    their labels.
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
        """Bytes the whole report may take; GitHub takes at most 1 MiB of summary a step."""

    def format(self, report: CheckReport) -> str:
        room = Room(self.budget)
        head = [
            "# credit-tracker check",
            "",
            *_counts(report),
            "",
            escape(summary_line(report)),
            "",
            escape(report.roles_compared.line()),
        ]
        if report.coverage is not None:
            head += ["", escape(coverage_total_line(report.coverage))]
        lines = room.always([*head, ""])
        found = entries(report)
        new = [e for e in found if e.state is not FindingState.PENDING and self.fails(e.finding)]
        lines += room.always(_new_section(new))
        shown, hidden = split_info(found, self.show_info)
        groups = by_doi(shown)
        # --show info: everything listed, nothing collapsed
        block = _open if self.show_info else _collapsed
        parts = [
            _unverified(report),
            _articles(groups, block),
            _info(hidden),
            _acknowledged(report, block),
            _bullets(
                "Resolved",
                [f"`{r.id}`: {escape(r.note)}" for r in report.resolved],
                "resolved finding(s)",
            ),
            _bullets(
                "Correction requests",
                [
                    f"{escape(c.id)}: **{escape(c.state.value)}**, {escape(c.detail)}"
                    for c in report.corrections
                ],
                "correction request(s)",
            ),
        ]
        return "\n".join(lines + room.lay_out(parts))


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


def _unverified(report: CheckReport) -> Part:
    """A line per service that answered nothing (however many articles), then a line per other
    article that could not be read."""
    items = [f"**{escape(outage_line(o))}**" for o in report.outages]
    items += [
        f"{escape(u.doi)} {escape(u.source or '')}: {escape(u.reason)}"
        for u in report.unverified_alone()
    ]
    return _bullets("Unverified", items, "unverified article(s)")


def _articles(groups: dict[str, list[Entry]], block: Block) -> Part:
    """Each article's block, most severe first."""
    heading = [f"## Findings by article ({len(groups)})", ""] if groups else []
    items = [
        block(f"{escape(doi)}: {_tally(group)}", _table(group)) for doi, group in groups.items()
    ]
    return Part(
        heading,
        items,
        left_out=lambda n: (
            f"{n} more article(s) with findings are not shown here {NOT_HERE}; the JSON and "
            "JUnit reports list every finding."
        ),
        tail=[""],
    )


def _info(hidden: list[Entry]) -> Part:
    """The info findings, counted in the block's title, listed inside it."""
    rows = _table(hidden)
    return Part(
        [f"<details><summary>{escape(info_line(hidden))}</summary>", "", *rows[:2]],
        [[row] for row in rows[2:]],
        tail=["", "</details>", ""],
        left_out=lambda n: (
            f"{n} more info finding(s) not shown here {NOT_HERE}; the JSON report lists them all"
        ),
    )


def _acknowledged(report: CheckReport, block: Block) -> Part:
    items = [
        f"- `{a.finding.id}` {escape(a.finding.doi)} `{a.finding.rule}`: {escape(a.note)}"
        for a in report.acknowledged
    ]
    head, tail = _split(block(escape(f"Acknowledged ({len(items)})"), []))
    return Part(
        head,
        [[item] for item in items],
        tail=tail,
        left_out=lambda n: (
            f"{n} more acknowledged finding(s) not shown here {NOT_HERE}; the JSON report "
            "lists them all."
        ),
    )


def _tally(group: list[Entry]) -> str:
    counts = Counter(e.finding.severity.value for e in group)
    return ", ".join(f"{counts[s.value]} {s.value}" for s in reversed(Severity) if counts[s.value])


Block = Callable[[str, list[str]], list[str]]


def _collapsed(summary: str, body: list[str]) -> list[str]:
    """A collapsed block; the blank line after <summary> lets GitHub render the table inside."""
    return [f"<details><summary>{summary}</summary>", "", *body, "", "</details>", ""]


def _open(heading: str, body: list[str]) -> list[str]:
    """The same as `_collapsed`, open: a third-level heading and the body."""
    return [f"### {heading}", "", *body, ""]


def _split(empty_block: list[str]) -> tuple[list[str], list[str]]:
    """A block made with no body, as the lines before its body and those after: a body goes
    where the first blank line is."""
    cut = empty_block.index("") + 1
    return empty_block[:cut], empty_block[cut:]


def _table(group: list[Entry]) -> list[str]:
    rows = [
        "| severity | rule | article | author | source | expected | printed | state | id |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for entry in group:
        f = entry.finding
        rows.append(
            f"| {f.severity.value} | `{f.rule}` | {escape(f.doi)} | "
            f"{escape(f.author.name) if f.author else ''} | {escape(f.source)} | "
            f"{escape(_cell(f.expected))} | {escape(_cell(f.observed))} | "
            f"{escape(entry.note or entry.state.value)} | `{f.id}` |"
        )
    return rows


def _cell(value: str | None) -> str | None:
    """A role by its label alone (a finding states one with its URI, for machines)."""
    return role_label(value) if value else value


def _bullets(heading: str, items: list[str], noun: str) -> Part:
    """A heading and a bulleted list, or nothing when there are no items."""
    return Part(
        ["## " + heading, ""],
        [[f"- {item}"] for item in items],
        tail=[""],
        left_out=lambda n: (
            f"{n} more {noun} not shown here {NOT_HERE}; the JSON report lists them all."
        ),
    )
