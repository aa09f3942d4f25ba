"""Each article's publisher and role-source status, and their totals (domain/coverage.py)."""

from __future__ import annotations

from collections.abc import Iterable

from credit_tracker.corrections.publishers import publisher_label
from credit_tracker.domain.coverage import Coverage, RoleSourceMissing, RoleSourceRead, coverage
from credit_tracker.domain.models import ArticleRecord, Publisher, SourceSnapshot
from credit_tracker.domain.records import Records
from credit_tracker.domain.role_sources import role_source_of

Entry = tuple[str, RoleSourceRead | RoleSourceMissing | None]


def coverage_entry(
    record: ArticleRecord, history: list[SourceSnapshot], publishers: dict[str, Publisher]
) -> Entry:
    """The article's publisher (Crossref's name) and its role-source status, details left out
    so that equal statuses count together."""
    status = role_source_of(history)
    if isinstance(status, RoleSourceMissing):
        status = RoleSourceMissing(lack=status.lack)
    return publisher_label(record, publishers, history), status


def coverage_of(records: Records, dois: Iterable[str]) -> Coverage:
    """The coverage of these tracked articles, by publisher."""
    return coverage(
        coverage_entry(records.articles[doi], records.snapshots.get(doi, []), records.publishers)
        for doi in dois
        if doi in records.articles
    )
