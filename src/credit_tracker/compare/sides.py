"""One article's authors as each source prints them, beside the team's record: what the desk's
article page shows. Pure; a confidential former name a source printed is withheld here."""

from __future__ import annotations

from dataclasses import dataclass

from credit_tracker.compare.article import compare_article, latest_by_source
from credit_tracker.domain.former import FormerNames
from credit_tracker.domain.models import Person, SourceRole, TeamAuthor
from credit_tracker.domain.records import Records


@dataclass(frozen=True)
class SourceSide:
    """One author as one source prints them (paired with the team's author)."""

    source: str
    printed: str
    """As printed, or WITHHELD for a confidential former name of any author of the article."""
    roles: list[SourceRole] | None
    """None: the source states no roles for this author."""


@dataclass(frozen=True)
class AuthorSides:
    """One byline entry of the team's record and how each usable source prints it."""

    position: int
    """0-based, on the team's byline."""
    author: TeamAuthor
    person: Person | None
    sources: list[SourceSide]


def article_sides(records: Records, doi: str) -> list[AuthorSides]:
    """Each author of the article with the newest usable snapshot of each source that the
    comparison pairs them with, in source order."""
    record = records.articles[doi]
    history = records.snapshots.get(doi, [])
    newest = latest_by_source(history)
    pairs = compare_article(record, records.people, history).pairs
    everyone = [records.people.get(author.person) for author in record.authors]
    found = []
    for n, author in enumerate(record.authors):
        guard = FormerNames.of([records.people.get(author.person)], everyone)
        sources = []
        for kind, shot in sorted(newest.items()):
            pair = next((p for p in pairs.get(kind.value, []) if p.team == n), None)
            if pair is None or not shot.usable:
                continue
            shown = shot.authors[pair.source]
            sources.append(SourceSide(kind.value, guard.shown(shown.raw), shown.roles))
        found.append(AuthorSides(n, author, records.people.get(author.person), sources))
    return found
