"""The HTML report: one self-contained file (no external assets), for a browser or a CI artifact.

Every string is made visible (hidden characters as escapes) and escaped with html.escape, in
html_sections; as a second guard, a Content-Security-Policy allows only the report's own inline
script (by its hash), so even a missed escape could not run a script.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from html import escape

from credit_tracker.domain.findings import CheckReport
from credit_tracker.domain.models import StateChange
from credit_tracker.render.formats import html_sections as sections
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
    return (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


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
            f"<p>{sections.text(summary_line(report))}. "
            f"Generated {sections.text(data.generated)}.</p>",
            _filters(report),
            sections.by_article(report, data.titles),
            sections.by_author(report),
            sections.unverified(report),
            sections.acknowledged(report),
            sections.requests(report.corrections, data.histories),
            sections.names(data.authors),
            f"<script>{SCRIPT}</script>",
            "</body></html>",
        ]
        return "\n".join(parts) + "\n"


def _filters(report: CheckReport) -> str:
    options = "".join(
        f'<option value="{sections.text(r)}">{sections.text(r)}</option>'
        for r in sorted({f.rule for f in report.findings})
    )
    return (
        '<div class="filters">Filter: <select id="f-severity">'
        '<option value="">any severity</option>'
        "<option>error</option><option>warning</option><option>info</option></select> "
        f'<select id="f-rule"><option value="">any rule</option>{options}</select> '
        '<input id="f-text" type="search" placeholder="name, DOI, text"> '
        '<span id="f-count"></span></div>'
    )
