"""One person across the team's articles: papers × roles × sources, spellings, findings, requests.

Built from the person's own articles only (the caller loads them through the records index), each
compared once; the pairing's method and score stay inside (they are how, not what).
"""

from __future__ import annotations

from credit_tracker.compare.article import compare_article, latest_by_source
from credit_tracker.domain.author_view import (
    RECORDED,
    SOURCES,
    AuthorView,
    Cell,
    Paper,
    Roles,
    Spelling,
)
from credit_tracker.domain.credit import BY_SLUG
from credit_tracker.domain.findings import CheckReport
from credit_tracker.domain.former import FormerNames
from credit_tracker.domain.models import (
    ArticleRecord,
    FetchState,
    Person,
    SourceAuthor,
    SourceKind,
    SourceSnapshot,
    TeamAuthor,
)
from credit_tracker.domain.names import typographic_key
from credit_tracker.domain.records import Records
from credit_tracker.domain.titles import plain_title


def newest_first(records: Records) -> list[str]:
    """The articles' DOIs by year, newest first (those without a year last), then by DOI."""
    return sorted(records.articles, key=lambda doi: (-(records.articles[doi].year or 0), doi))


def author_view(records: Records, person: Person, report: CheckReport) -> AuthorView:
    """Build the view from the records of the person's articles and the check of them."""
    papers: list[Paper] = []
    spellings: dict[str, Spelling] = {}
    mine = typographic_key(person.name.display())
    accepted = {typographic_key(s) for s in person.accepted_spellings} | {mine}
    for doi in newest_first(records):
        record = records.articles[doi]
        index = next((n for n, a in enumerate(record.authors) if a.person == person.id), None)
        if index is None:
            continue
        history = records.snapshots.get(doi, [])
        paper, printed = _paper(record, index, person, history, records)
        papers.append(paper)
        for column, text in printed:
            key = typographic_key(text)
            spelling = spellings.setdefault(key, Spelling(text=text, differs=key not in accepted))
            spelling.places.append((doi, column))
    dois = {paper.doi for paper in papers}
    requests = [
        status
        for status in report.corrections
        if status.doi in dois and status.person in (None, person.id)
    ]
    ordered = sorted(spellings.values(), key=lambda s: (s.differs, -len(s.places)))
    return AuthorView(
        person=person, papers=papers, spellings=ordered, report=report, requests=requests
    )


def _paper(
    record: ArticleRecord,
    index: int,
    person: Person,
    history: list[SourceSnapshot],
    records: Records,
) -> tuple[Paper, list[tuple[str, str]]]:
    author = record.authors[index]
    newest = latest_by_source(history)
    title = record.title or next((s.title for s in newest.values() if s.title), "")
    paper = Paper(
        doi=record.doi,
        title=plain_title(title),
        journal=record.journal or next((s.journal for s in newest.values() if s.journal), ""),
        year=record.year,
        position=index + 1,
    )
    paper.roles[RECORDED] = _recorded(author)
    printed = [(RECORDED, author.printed.display())]
    pairs = compare_article(record, records.people, history).pairs
    guard = FormerNames.of([person], [records.people.get(a.person) for a in record.authors])
    for column in SOURCES[1:]:
        shot = newest.get(SourceKind(column))
        if shot is None or shot.state is not FetchState.OK:
            paper.roles[column] = Roles(Cell.ABSENT)
            continue
        pair = next((p for p in pairs.get(column, []) if p.team == index), None)
        if pair is None:
            paper.roles[column] = Roles(Cell.UNPAIRED)
            continue
        shown = shot.authors[pair.source]
        paper.roles[column] = _stated(shown)
        if shown.name_shown and not shown.organisation:
            printed.append((column, guard.shown(shown.raw)))
    return paper, printed


def _recorded(author: TeamAuthor) -> Roles:
    if author.roles is None:
        return Roles(Cell.NOT_RECORDED)
    labels = tuple(a.label + (f" ({a.degree.value})" if a.degree else "") for a in author.roles)
    return Roles(Cell.LISTED if labels else Cell.NONE, labels)


def _stated(author: SourceAuthor) -> Roles:
    if author.roles is None:
        return Roles(Cell.SILENT)
    labels = tuple(
        (r.label if r.role is None else BY_SLUG[r.role].label)
        + (f" ({r.degree.value})" if r.degree else "")
        for r in author.roles
    )
    return Roles(Cell.LISTED if labels else Cell.NONE, labels)
