"""One article's authors as each source prints them, beside the team's record: what the desk's
article page shows. Pure; a confidential former name a source printed is withheld here."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from credit_tracker.compare.article import compare_article, latest_by_source
from credit_tracker.domain.credit import Degree
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


class RoleMark(StrEnum):
    """How a source differs from the team's record about one role of one author."""

    ADDED = "added"
    """The source lists a role the team's record does not."""
    LEFT_OUT = "left out"
    """The team's record holds a role the source leaves out."""
    DEGREE = "degree"
    """Both hold the role, with another degree."""


@dataclass(frozen=True)
class AuthorSides:
    """One byline entry of the team's record and how each usable source prints it."""

    position: int
    """0-based, on the team's byline."""
    author: TeamAuthor
    person: Person | None
    sources: list[SourceSide]

    @property
    def marks(self) -> dict[str, list[tuple[str, RoleMark]]]:
        """Per role slug, each source that differs from the team's record about it, and how;
        nothing for an author whose roles the team has not recorded (there is nothing to
        differ from) or a source that states no roles."""
        if self.author.roles is None:
            return {}
        team = {held.role: held.degree for held in self.author.roles}
        found: dict[str, list[tuple[str, RoleMark]]] = {}
        for side in self.sources:
            if side.roles is None:
                continue
            theirs = {r.role: r.degree for r in side.roles if r.role}
            for slug in team.keys() | theirs.keys():
                mark = _mark(team, theirs, slug)
                if mark is not None:
                    found.setdefault(slug, []).append((side.source, mark))
        return found


def _mark(
    team: dict[str, Degree | None], theirs: dict[str, Degree | None], slug: str
) -> RoleMark | None:
    if slug not in theirs:
        return RoleMark.LEFT_OUT
    if slug not in team:
        return RoleMark.ADDED
    degrees = team[slug], theirs[slug]
    return RoleMark.DEGREE if None not in degrees and degrees[0] != degrees[1] else None


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
