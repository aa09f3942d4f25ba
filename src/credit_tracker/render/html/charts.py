"""The report's charts as plain numbers for the template: bars in percent, a trend as a polyline.

Bars are HTML (they stay readable at 390 px, where an SVG's text would shrink); the trend is an
SVG polyline, stretched to the page's width, with its labels in HTML.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from credit_tracker.domain.survey import TrendPoint
from credit_tracker.render.formats.base import Entry

LEVELS = ("error", "warning", "info")


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: a label and its findings by severity, as counts and widths."""

    label: str
    counts: dict[str, int]
    widths: dict[str, float]
    """Percent of the longest bar, per severity."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def bars(found: list[Entry], key: str, labels: dict[str, str], limit: int = 12) -> list[Bar]:
    """Bars of findings by `key` ('rule' or 'publisher'), the most findings first."""
    counts: dict[str, Counter[str]] = {}
    for entry in found:
        name = entry.finding.rule if key == "rule" else labels.get(entry.finding.doi, "")
        counts.setdefault(name, Counter())[entry.finding.severity.value] += 1
    ordered = sorted(
        counts.items(), key=lambda item: (-item[1]["error"], -item[1].total(), item[0])
    )
    longest = max((c.total() for _, c in ordered), default=1) or 1
    return [
        Bar(
            label=name,
            counts={level: c[level] for level in LEVELS},
            widths={level: round(100 * c[level] / longest, 2) for level in LEVELS},
        )
        for name, c in ordered[:limit]
    ]


@dataclass(frozen=True)
class Trend:
    """The findings over time: one polyline per severity in a 0-100 × 0-40 box, and labels."""

    lines: dict[str, str]
    first: str
    last: str
    peak: int
    points: int


def trend(points: list[TrendPoint]) -> Trend | None:
    """Scale the running totals into the chart's box; None when no snapshot has been taken."""
    if not points:
        return None
    peak = max(max(p.error, p.warning, p.info) for p in points) or 1
    steps = max(len(points) - 1, 1)
    lines = {}
    for level in LEVELS:
        coords = []
        for n, point in enumerate(points):
            x = 100 * n / steps if len(points) > 1 else 50
            y = 40 - 38 * getattr(point, level) / peak
            coords.append(f"{x:.2f},{y:.2f}")
        if len(points) == 1:  # one day so far: a short level line, not an invisible dot
            coords = [f"45,{coords[0].split(',')[1]}", f"55,{coords[0].split(',')[1]}"]
        lines[level] = " ".join(coords)
    return Trend(
        lines=lines, first=points[0].day, last=points[-1].day, peak=peak, points=len(points)
    )
