"""A check's report with what the HTML report and the desk's dashboard show beside it: each
article's labels and the findings over time.

Gathered by the check (check/survey.py) as it compares, so that a report reads each shard once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from credit_tracker.domain.findings import CheckReport


@dataclass(frozen=True)
class ArticleInfo:
    """How the report names an article: its title (markup taken out), journal, year, publisher."""

    doi: str
    title: str
    journal: str
    year: int | None
    publisher: str


@dataclass(frozen=True)
class TrendPoint:
    """Findings the publishers' records showed on one day, by severity, summed over articles."""

    day: str
    info: int
    warning: int
    error: int


@dataclass
class Survey:
    """A check's report with what the HTML report shows beside it."""

    report: CheckReport
    articles: dict[str, ArticleInfo] = field(default_factory=dict)
    """The articles with findings, requests or acknowledgements, by DOI."""
    trend: list[TrendPoint] = field(default_factory=list)
