"""What the HTML report shows, computed from the check: counts, leaders, names, the table's data.

Every record and publisher string is passed through `visible` here, before the template (which
escapes markup) and before the JSON the page's script reads; the template's `finalize` applies
`visible` once more to anything it prints.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from credit_tracker.domain.findings import NAME_RULES, CheckReport, CorrectionState, FindingState
from credit_tracker.domain.models import StateChange
from credit_tracker.domain.survey import ArticleInfo, TrendPoint
from credit_tracker.render.diff import char_diff
from credit_tracker.render.formats.base import Entry, entries, sources_of
from credit_tracker.render.html import charts
from credit_tracker.render.lines import coverage_lines, coverage_total_line
from credit_tracker.render.visible import visible

SEVERITIES = ("info", "warning", "error")
STATES = [state.value for state in FindingState]
# The correction pipeline, left to right: each request counted at the step it has reached.
PIPELINE = (
    ("drafted", (CorrectionState.DRAFTED,)),
    ("sent, waiting", (CorrectionState.SENT, CorrectionState.ACKNOWLEDGED)),
    ("stale", (CorrectionState.STALE,)),
    ("regressed", (CorrectionState.REGRESSED,)),
    ("resolved", (CorrectionState.FIX_SEEN, CorrectionState.RESOLVED)),
    ("won't fix", (CorrectionState.WONT_FIX,)),
)


@dataclass
class HtmlData:
    """What the report shows: the check, the articles' labels, the trend, requests' steps."""

    report: CheckReport
    generated: str
    """When, in words: 'generated 2026-11-01 09:00' or 'judged as of 2025-06-15'."""
    articles: dict[str, ArticleInfo] = field(default_factory=dict)
    trend: list[TrendPoint] = field(default_factory=list)
    histories: dict[str, list[StateChange]] = field(default_factory=dict)
    """Each correction request's steps, by request id (its state is in the report)."""
    show_info: bool = False
    """Open with info-level findings listed (by default they are collapsed below the filter)."""


def context(data: HtmlData) -> dict[str, Any]:
    """Return everything the template prints; strings already made visible."""
    report = data.report
    found = entries(report)
    publishers = {doi: info.publisher for doi, info in data.articles.items()}
    every = [*found, *(Entry(a.finding, FindingState.ACKNOWLEDGED) for a in report.acknowledged)]
    return {
        "summary": _summary(report, found),
        "coverage_total": visible(coverage_total_line(report.coverage)) if report.coverage else "",
        "coverage": [visible(line) for line in coverage_lines(report.coverage)]
        if report.coverage
        else [],
        "by_rule": charts.bars(found, "rule", publishers),
        "by_publisher": charts.bars(found, "publisher", publishers),
        "pipeline": _pipeline(report),
        "trend": charts.trend(data.trend),
        "top_articles": _top_articles(found, data.articles),
        "top_people": _top_people(found),
        "names": _names(found),
        "requests": _requests(report, data),
        "report": report,
        "generated": data.generated,
        "show_info": data.show_info,
        "rules": sorted({e.finding.rule for e in every}),
        "people": sorted(
            {(e.finding.author.name, e.finding.author.person) for e in every if e.finding.author}
        ),
        "publishers": sorted(set(publishers.values())),
        "states": STATES,
        # the one string printed unescaped: JSON whose <, > and & are already JSON escapes
        "data_json": Markup(table_json(every, data.articles)),
    }


def _summary(report: CheckReport, found: list[Entry]) -> dict[str, Any]:
    # an error is an open (or regressed) error, as `check` counts it: pending and acknowledged
    # findings are counted apart, in their states
    severity = Counter(e.finding.severity.value for e in _failing(found))
    state = Counter(e.state.value for e in found)
    state[FindingState.ACKNOWLEDGED.value] = len(report.acknowledged)
    return {
        "articles": report.summary.articles,
        "unverified": report.summary.unverified,
        "reported": len(found),
        "severity": {level: severity[level] for level in reversed(SEVERITIES)},
        "state": {name: state[name] for name in STATES},
        "resolved": len(report.resolved),
    }


def _pipeline(report: CheckReport) -> list[tuple[str, int]]:
    counts = Counter(status.state for status in report.corrections)
    return [(label, sum(counts[s] for s in states)) for label, states in PIPELINE]


def _failing(found: list[Entry]) -> list[Entry]:
    """The entries that are open or regressed: not waiting on a correction request."""
    return [e for e in found if e.state is not FindingState.PENDING]


def _top_articles(found: list[Entry], articles: dict[str, ArticleInfo]) -> list[dict[str, Any]]:
    errors = Counter(e.finding.doi for e in _failing(found) if e.finding.severity.value == "error")
    return [
        {
            "doi": visible(doi),
            "title": visible(articles[doi].title if doi in articles else ""),
            "errors": n,
        }
        for doi, n in sorted(errors.items(), key=lambda item: (-item[1], item[0]))[:10]
    ]


def _top_people(found: list[Entry]) -> list[dict[str, Any]]:
    errors: Counter[tuple[str, str]] = Counter()
    for e in _failing(found):
        if e.finding.author is not None and e.finding.severity.value == "error":
            errors[(e.finding.author.name, e.finding.author.person)] += 1
    ranked = sorted(errors.items(), key=lambda item: (-item[1], item[0]))[:10]
    return [{"name": visible(name), "id": visible(pid), "errors": n} for (name, pid), n in ranked]


def _names(found: list[Entry]) -> list[dict[str, Any]]:
    """Each distinct name difference once: the team's name, the print, its difference marked."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for e in found:
        f = e.finding
        if f.rule not in NAME_RULES or f.author is None or not f.observed:
            continue
        key = (f.author.name, f.observed)
        if key not in seen:
            seen[key] = {
                "name": visible(f.author.name),
                "printed": visible(f.observed),
                "diff": [(op.value, visible(t)) for op, t in char_diff(*key)],
                "places": set(),
                "rules": set(),
            }
        seen[key]["places"].add(f"{f.doi} ({f.source})")
        seen[key]["rules"].add(f.rule)
    return [
        {**row, "places": sorted(visible(p) for p in row["places"]), "rules": sorted(row["rules"])}
        for row in seen.values()
    ]


def _requests(report: CheckReport, data: HtmlData) -> list[dict[str, Any]]:
    return [
        {
            "id": visible(s.id),
            "doi": visible(s.doi),
            "title": visible(data.articles[s.doi].title if s.doi in data.articles else ""),
            "about": visible(s.person or "all authors"),
            "kinds": ", ".join(s.kinds),
            "state": s.state.value,
            "detail": visible(s.detail),
            "steps": "; ".join(f"{c.state.value} {c.date}" for c in data.histories.get(s.id, [])),
        }
        for s in report.corrections
    ]


def _label(text: str | None) -> str:
    """A role as the table shows it: 'Conceptualization', its URI left to the message."""
    value = text or ""
    return value.split(" <https://credit.niso.org/", 1)[0]


def table_json(found: list[Entry], articles: dict[str, ArticleInfo]) -> str:
    """Return the findings table's data for the page's script: rows of indexes into small tables.

    One finding, one row: the counters count rows. `<`, `>` and `&` are written as JSON escapes,
    so the text cannot end the <script> element that holds it.
    """
    tables: dict[str, list[str]] = {"rules": [], "dois": [], "people": [], "names": []}
    where: dict[str, dict[str, int]] = {name: {} for name in tables}

    def ref(table: str, value: str) -> int:
        if value not in where[table]:
            where[table][value] = len(tables[table])
            tables[table].append(visible(value))
        return where[table][value]

    rows = []
    for e in found:
        f = e.finding
        diff = None
        if f.rule in NAME_RULES and f.author is not None and f.observed:
            diff = [[op.value, visible(t)] for op, t in char_diff(f.author.name, f.observed)]
        rows.append(
            [
                f.severity.rank,
                STATES.index(e.state.value),
                ref("rules", f.rule),
                ref("dois", f.doi),
                ref("people", f.author.person) if f.author else -1,
                ref("names", f.author.name) if f.author else -1,
                visible(" + ".join(sources_of(f))),
                visible(_label(f.expected)),
                visible(_label(f.observed)),
                visible(f.message),
                f.id,
                visible(e.note),
                diff,
            ]
        )
    labels = {doi: articles.get(doi) for doi in where["dois"]}  # the raw DOIs, in table order
    payload = {
        **tables,
        "titles": [visible(info.title) if info else "" for info in labels.values()],
        "publishers": [visible(info.publisher) if info else "" for info in labels.values()],
        "states": STATES,
        "severities": list(SEVERITIES),
        "rows": rows,
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
