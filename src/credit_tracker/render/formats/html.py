"""The HTML report: one self-contained file (no external assets) for reading in a browser or as a CI artifact.

Every string is escaped with html.escape; as a second guard, a Content-Security-Policy allows only
the report's own inline script (by its hash), so even a missed escape could not run a script.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

from credit_tracker.domain.findings import CheckReport, CorrectionStatus, Finding
from credit_tracker.domain.models import StateChange
from credit_tracker.render.formats.base import summary_line
from credit_tracker.rules.author_view import AuthorView

SCRIPT = """
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-rule]'));
  var severity = document.getElementById('f-severity');
  var rule = document.getElementById('f-rule');
  var text = document.getElementById('f-text');
  function apply() {
    var needle = text.value.toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!severity.value || row.dataset.severity === severity.value) &&
               (!rule.value || row.dataset.rule === rule.value) &&
               (!needle || row.textContent.toLowerCase().indexOf(needle) !== -1);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.getElementById('f-count').textContent = shown + ' shown';
  }
  [severity, rule, text].forEach(function (el) { el.addEventListener('input', apply); });
  apply();
  document.body.setAttribute('data-ready', '1');
})();
""".strip()
STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid
#ccc}table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #ddd;padding:.3em
.5em;text-align:left;vertical-align:top}th{background:#f4f4f4}
.error{color:#a00;font-weight:600}.warning{color:#a60}.info{color:#06a}.filters{background:#f8f8f8;padding:.6em;border:1px
solid #ddd}
code{font-size:.9em}
""".strip()


@dataclass
class HtmlData:
    """What the report shows besides the findings."""

    report: CheckReport
    generated: str
    authors: list[AuthorView] = field(default_factory=list)
    histories: dict[str, list[StateChange]] = field(default_factory=dict)
    """Each correction request's steps, by request id (its state is in the report)."""
    titles: dict[str, str] = field(default_factory=dict)


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode()
    return f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src 'none'; base-uri 'none'; form-action 'none'"


class HtmlReport:
    """One page: summary, filters, findings by article and by author, requests, printed names."""

    def render(self, data: HtmlData) -> str:
        report = data.report
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{escape(_csp())}">',
            "<title>credit-tracker report</title>",
            f"<style>{STYLE}</style></head><body>",
            "<h1>credit-tracker report</h1>",
            f"<p>{escape(summary_line(report))}. Generated {escape(data.generated)}.</p>",
            self._filters(report),
            self._by_article(report, data.titles),
            self._by_author(report),
            self._unverified(report),
            self._acknowledged(report),
            self._requests(report.corrections, data.histories),
            self._names(data.authors),
            f"<script>{SCRIPT}</script>",
            "</body></html>",
        ]
        return "\n".join(parts) + "\n"

    @staticmethod
    def _filters(report: CheckReport) -> str:
        rules = sorted({f.rule for f in report.findings})
        options = "".join(f'<option value="{escape(r)}">{escape(r)}</option>' for r in rules)
        return (
            '<div class="filters">Filter: <select id="f-severity"><option value="">any severity</option>'
            "<option>error</option><option>warning</option><option>info</option></select> "
            f'<select id="f-rule"><option value="">any rule</option>{options}</select> '
            '<input id="f-text" type="search" placeholder="name, DOI, text"> <span id="f-count"></span></div>'
        )

    @staticmethod
    def _row(finding: Finding, first: str) -> str:
        return (
            f'<tr data-rule="{escape(finding.rule)}" data-severity="{escape(finding.severity.value)}">'
            f'<td>{escape(first)}</td><td class="{escape(finding.severity.value)}">{escape(finding.severity.value)}</td>'
            f"<td><code>{escape(finding.rule)}</code></td><td>{escape(finding.source)}</td>"
            f"<td>{escape(finding.expected or '')}</td><td>{escape(finding.observed or '')}</td>"
            f"<td>{escape(finding.message)}</td><td><code>{escape(finding.id)}</code></td></tr>"
        )

    def _table(self, heading: str, rows: list[str], first: str) -> str:
        head = f"<tr><th>{escape(first)}</th><th>severity</th><th>rule</th><th>source</th><th>expected</th><th>printed</th><th>message</th><th>id</th></tr>"
        return f"<h3>{escape(heading)}</h3><table>{head}{''.join(rows)}</table>"

    def _by_article(self, report: CheckReport, titles: dict[str, str]) -> str:
        groups: dict[str, list[Finding]] = defaultdict(list)
        for finding in report.findings:
            groups[finding.doi].append(finding)
        body = [
            self._table(
                f"{doi} \u2014 {titles.get(doi, '')}".rstrip(" \u2014"),
                [self._row(f, f.author.name if f.author else "(article)") for f in items],
                "author",
            )
            for doi, items in groups.items()
        ]
        return "<h2>Findings by article</h2>" + ("".join(body) or "<p>No open findings.</p>")

    def _by_author(self, report: CheckReport) -> str:
        groups: dict[str, list[Finding]] = defaultdict(list)
        for finding in report.findings:
            if finding.author:
                groups[finding.author.name].append(finding)
        body = [
            self._table(name, [self._row(f, f.doi) for f in items], "DOI")
            for name, items in sorted(groups.items())
        ]
        return "<h2>Findings by author</h2>" + (
            "".join(body) or "<p>No open findings about authors.</p>"
        )

    @staticmethod
    def _unverified(report: CheckReport) -> str:
        if not report.unverified:
            return ""
        items = "".join(
            f"<li>{escape(u.doi)} {escape(u.source or '')}: {escape(u.reason)}</li>"
            for u in report.unverified
        )
        return f"<h2>Unverified</h2><ul>{items}</ul>"

    @staticmethod
    def _acknowledged(report: CheckReport) -> str:
        if not report.acknowledged and not report.resolved:
            return ""
        items = "".join(
            f"<li><code>{escape(a.finding.id)}</code> {escape(a.finding.rule)} {escape(a.finding.doi)}: {escape(a.note)}</li>"
            for a in report.acknowledged
        )
        items += "".join(
            f"<li>resolved <code>{escape(r.id)}</code>: {escape(r.note)}</li>"
            for r in report.resolved
        )
        return f"<h2>Acknowledged and resolved</h2><ul>{items}</ul>"

    @staticmethod
    def _requests(statuses: list[CorrectionStatus], histories: dict[str, list[StateChange]]) -> str:
        if not statuses:
            return "<h2>Correction requests</h2><p>None drafted.</p>"
        rows = "".join(
            f"<tr><td>{escape(s.doi)}</td><td>{escape(s.person or 'all authors')}</td>"
            f"<td>{escape(', '.join(s.kinds))}</td><td>{escape(s.state)}</td><td>{escape(s.detail)}</td>"
            f"<td>{escape('; '.join(f'{c.state.value} {c.date}' for c in histories.get(s.id, [])))}</td></tr>"
            for s in statuses
        )
        return f"<h2>Correction requests</h2><table><tr><th>DOI</th><th>about</th><th>type</th><th>state</th><th>detail</th><th>history</th></tr>{rows}</table>"

    @staticmethod
    def _names(authors: list[AuthorView]) -> str:
        rows = []
        for view in authors:
            for article in view.articles:
                for source in article.sources:
                    rows.append(
                        f"<tr><td>{escape(view.person.name.display())}</td><td>{escape(article.doi)}</td>"
                        f"<td>{escape(article.printed)}</td><td>{escape(source.source)}</td><td>{escape(source.printed)}</td></tr>"
                    )
        table = "".join(rows) or "<tr><td colspan=5>No snapshots yet.</td></tr>"
        return f"<h2>How each author's name was printed</h2><table><tr><th>person</th><th>DOI</th><th>team's record</th><th>source</th><th>printed</th></tr>{table}</table>"
