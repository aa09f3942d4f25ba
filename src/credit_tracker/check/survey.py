"""What the HTML report needs besides the findings: each article's labels and the trend.

Gathered by the check's workers as they compare, so the report reads each shard once.
"""

from __future__ import annotations

from credit_tracker.corrections.publishers import publisher_label
from credit_tracker.domain.models import ArticleRecord, Publisher, SourceSnapshot
from credit_tracker.domain.survey import ArticleInfo, TrendPoint
from credit_tracker.domain.titles import plain_title


def article_info(
    record: ArticleRecord, history: list[SourceSnapshot], publishers: dict[str, Publisher]
) -> ArticleInfo:
    """Return the article's labels: the team's record first, then its newest snapshots."""
    title = record.title or next((s.title for s in reversed(history) if s.title), None)
    journal = record.journal or next((s.journal for s in reversed(history) if s.journal), None)
    return ArticleInfo(
        doi=record.doi,
        title=plain_title(title),
        journal=journal or "",
        year=record.year,
        publisher=publisher_label(record, publishers, history),
    )


def trend(steps: dict[str, list[int]]) -> list[TrendPoint]:
    """Turn each day's change in findings (info, warning, error) into running totals."""
    totals = [0, 0, 0]
    points = []
    for day in sorted(steps):
        totals = [total + change for total, change in zip(totals, steps[day], strict=True)]
        points.append(TrendPoint(day=day, info=totals[0], warning=totals[1], error=totals[2]))
    return points
