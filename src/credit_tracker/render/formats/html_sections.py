"""The HTML report's sections: tables and lists, every string made visible and escaped."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from credit_tracker.domain.findings import CheckReport, CorrectionStatus, Finding
from credit_tracker.domain.models import StateChange
from credit_tracker.render.visible import visible
from credit_tracker.rules.author_view import AuthorView

_FINDING_COLUMNS = ("severity", "rule", "source", "expected", "printed", "message", "id")


def text(value: str | None) -> str:
    """Return `value` as HTML text: hidden characters as visible escapes, then markup escaped.

    The escapes matter in HTML too: U+202E would show a name reversed, a newline would vanish.
    """
    return escape(visible(value or ""))


def _head(*columns: str) -> str:
    return "<tr>" + "".join(f"<th>{text(column)}</th>" for column in columns) + "</tr>"


def _row(finding: Finding, first: str) -> str:
    severity = text(finding.severity.value)
    return (
        f'<tr data-rule="{text(finding.rule)}" data-severity="{severity}">'
        f'<td>{text(first)}</td><td class="{severity}">{severity}</td>'
        f"<td><code>{text(finding.rule)}</code></td><td>{text(finding.source)}</td>"
        f"<td>{text(finding.expected)}</td><td>{text(finding.observed)}</td>"
        f"<td>{text(finding.message)}</td><td><code>{text(finding.id)}</code></td></tr>"
    )


def _table(heading: str, rows: list[str], first: str) -> str:
    head = _head(first, *_FINDING_COLUMNS)
    return f"<h3>{text(heading)}</h3><table>{head}{''.join(rows)}</table>"


def by_article(report: CheckReport, titles: dict[str, str]) -> str:
    """The open findings, a table per article headed by its DOI and title."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        groups[finding.doi].append(finding)
    body = [
        _table(
            f"{doi} \u2014 {titles[doi]}" if titles.get(doi) else doi,
            [_row(f, f.author.name if f.author else "(article)") for f in items],
            "author",
        )
        for doi, items in groups.items()
    ]
    return "<h2>Findings by article</h2>" + ("".join(body) or "<p>No open findings.</p>")


def by_author(report: CheckReport) -> str:
    """The open findings about authors, a table per author."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        if finding.author:
            groups[finding.author.name].append(finding)
    body = [
        _table(name, [_row(f, f.doi) for f in items], "DOI")
        for name, items in sorted(groups.items())
    ]
    return "<h2>Findings by author</h2>" + (
        "".join(body) or "<p>No open findings about authors.</p>"
    )


def unverified(report: CheckReport) -> str:
    """The DOIs (or sources) that could not be checked, and why."""
    if not report.unverified:
        return ""
    items = "".join(
        f"<li>{text(u.doi)} {text(u.source)}: {text(u.reason)}</li>" for u in report.unverified
    )
    return f"<h2>Unverified</h2><ul>{items}</ul>"


def acknowledged(report: CheckReport) -> str:
    """Acknowledged findings with their notes, and the resolved ones."""
    if not report.acknowledged and not report.resolved:
        return ""
    items = "".join(
        f"<li><code>{text(a.finding.id)}</code> {text(a.finding.rule)} {text(a.finding.doi)}: "
        f"{text(a.note)}</li>"
        for a in report.acknowledged
    )
    items += "".join(
        f"<li>resolved <code>{text(r.id)}</code>: {text(r.note)}</li>" for r in report.resolved
    )
    return f"<h2>Acknowledged and resolved</h2><ul>{items}</ul>"


def requests(statuses: list[CorrectionStatus], histories: dict[str, list[StateChange]]) -> str:
    """The correction requests: state, detail and each step with its date."""
    if not statuses:
        return "<h2>Correction requests</h2><p>None drafted.</p>"
    rows = "".join(
        f"<tr><td>{text(s.doi)}</td><td>{text(s.person or 'all authors')}</td>"
        f"<td>{text(', '.join(s.kinds))}</td><td>{text(s.state)}</td><td>{text(s.detail)}</td>"
        f"<td>{text('; '.join(f'{c.state.value} {c.date}' for c in histories.get(s.id, [])))}"
        "</td></tr>"
        for s in statuses
    )
    head = _head("DOI", "about", "type", "state", "detail", "history")
    return f"<h2>Correction requests</h2><table>{head}{rows}</table>"


def names(authors: list[AuthorView]) -> str:
    """How each author's name was printed by each source, beside the team's record."""
    rows = [
        f"<tr><td>{text(view.person.name.display())}</td><td>{text(article.doi)}</td>"
        f"<td>{text(article.printed)}</td><td>{text(source.source)}</td>"
        f"<td>{text(source.printed)}</td></tr>"
        for view in authors
        for article in view.articles
        for source in article.sources
    ]
    table = "".join(rows) or "<tr><td colspan=5>No snapshots yet.</td></tr>"
    head = _head("person", "DOI", "team's record", "source", "printed")
    return f"<h2>How each author's name was printed</h2><table>{head}{table}</table>"
