"""How far the role check reaches on one article: whether its roles are compared, whether any
publisher source states roles, and where each author on it stands in the round. Pure; summed
over every article the check reads (domain/role_coverage.py)."""

from __future__ import annotations

from credit_tracker.compare.article import latest_read
from credit_tracker.domain.models import ArticleRecord, SourceSnapshot
from credit_tracker.domain.role_coverage import RoleCoverage


def article_coverage(record: ArticleRecord, history: list[SourceSnapshot]) -> RoleCoverage:
    """One article's share of the coverage line.

    Compared: the team's record holds some author's roles and some source read states roles
    (what the check then compares). A byline place counts as confirmed when the author
    confirmed it, else as asked and waiting while a request is out (or its answer is with the
    office), else as never asked.
    """
    stated = any(
        author.roles is not None
        for shot in latest_read(history).values()
        for author in shot.authors
    )
    recorded = any(author.roles is not None for author in record.authors)
    confirmed = sum(1 for author in record.authors if author.confirmed)
    waiting = sum(
        1 for author in record.authors if not author.confirmed and author.asked is not None
    )
    return RoleCoverage(
        articles=1,
        compared=int(stated and recorded),
        confirmed=confirmed,
        waiting=waiting,
        never_asked=len(record.authors) - confirmed - waiting,
        no_role_source=int(not stated),
    )
