"""What one person is asked to confirm: each tracked paper of theirs, the 14 roles pre-filled from
what the publishers state, each role with what every source says. Pure.

The pre-fill saves the author typing; it is never the team's record. Only where the author has
confirmed their roles already (a paper asked again with --all) is their own answer pre-filled.
"""

from __future__ import annotations

from collections.abc import Iterable

from credit_tracker.compare.article import latest_read
from credit_tracker.compare.matching import match_authors
from credit_tracker.domain.confirm_sheet import (
    NO_SOURCE,
    NOT_STATED,
    SHEET_SOURCES,
    STATED,
    ConfirmationSheet,
    PaperRow,
    RoleCell,
)
from credit_tracker.domain.confirmation import HELD, ROLE_COLUMNS, provenance_text
from credit_tracker.domain.credit import Degree
from credit_tracker.domain.models import (
    ArticleRecord,
    Person,
    SourceAuthor,
    SourceRole,
    SourceSnapshot,
    TeamAuthor,
    role_text,
)
from credit_tracker.domain.records import Records
from credit_tracker.domain.titles import plain_title


def person_papers(records: Records, person: str) -> list[tuple[ArticleRecord, int]]:
    """The person's tracked papers (of those loaded) with their byline position, by DOI."""
    found = []
    for doi in sorted(records.articles):
        record = records.articles[doi]
        index = next((n for n, a in enumerate(record.authors) if a.person == person), None)
        if index is not None:
            found.append((record, index))
    return found


def sheet_for(
    records: Records,
    person: Person,
    issued: str,
    *,
    include_confirmed: bool = False,
    dois: Iterable[str] | None = None,
    papers: list[tuple[ArticleRecord, int]] | None = None,
) -> ConfirmationSheet:
    """The sheet for one person: every tracked paper of theirs (only `dois`, if given), leaving
    out those they confirmed already unless `include_confirmed`. `papers`: their papers, if
    the caller has found them already (`person_papers`)."""
    wanted = None if dois is None else set(dois)
    rows = []
    found = person_papers(records, person.id) if papers is None else papers
    for record, index in found:
        if wanted is not None and record.doi not in wanted:
            continue
        if record.authors[index].confirmed and not include_confirmed:
            continue
        history = records.snapshots.get(record.doi, [])
        rows.append(paper_row(record, index, history, records.people, issued))
    return ConfirmationSheet(
        person=person.id,
        name=person.name.display(),
        orcid=person.orcid,
        issued=issued,
        papers=tuple(rows),
    )


def paper_row(
    record: ArticleRecord,
    index: int,
    history: list[SourceSnapshot],
    people: dict[str, Person],
    issued: str,
) -> PaperRow:
    """One paper's row: the author's place on it, and each role as the sources state it."""
    author = record.authors[index]
    usable = latest_read(history)
    shown = {kind.value: _paired(record, index, shot, people) for kind, shot in usable.items()}
    mine = {a.role: a.degree for a in author.roles or []} if author.confirmed else None
    cells = tuple(_cell(slug, shown, mine) for slug, _label in ROLE_COLUMNS)
    title = record.title or next((s.title for s in usable.values() if s.title), "") or ""
    journal = record.journal or next((s.journal for s in usable.values() if s.journal), "") or ""
    return PaperRow(
        person=author.person,
        doi=record.doi,
        title=plain_title(title),
        journal=journal,
        year=record.year,
        position=index + 1,
        printed=author.printed.display(),
        issued=issued,
        cells=cells,
        record=_record_words(author),
    )


def _paired(
    record: ArticleRecord, index: int, shot: SourceSnapshot, people: dict[str, Person]
) -> SourceAuthor | None:
    """The source's author paired with the team's author at `index`, if the source shows them."""
    for pair in match_authors(record.authors, people, shot.authors):
        if pair.team == index:
            return shot.authors[pair.source]
    return None


def _cell(
    slug: str, shown: dict[str, SourceAuthor | None], mine: dict[str, Degree | None] | None
) -> RoleCell:
    sources = []
    degrees: list[Degree | None] = []
    for source, _name in SHEET_SOURCES:
        if source not in shown:
            sources.append((source, NO_SOURCE))
            continue
        stated = next((r for r in _roles_of(shown[source]) if r.role == slug), None)
        if stated is None:
            sources.append((source, NOT_STATED))
            continue
        degrees.append(stated.degree)
        sources.append((source, f"{STATED} ({stated.degree})" if stated.degree else STATED))
    if mine is not None:  # asked again: the author's own confirmed answer, never the sources'
        degree = mine.get(slug)
        prefill = "" if slug not in mine else (degree.value if degree else HELD)
    else:
        agreed = {degree for degree in degrees if degree is not None}
        prefill = "" if not degrees else (next(iter(agreed)).value if len(agreed) == 1 else HELD)
    return RoleCell(slug=slug, prefill=prefill, sources=tuple(sources))


def _roles_of(author: SourceAuthor | None) -> list[SourceRole]:
    return list(author.roles or []) if author is not None else []


def _record_words(author: TeamAuthor) -> str:
    if author.roles is None:
        return "roles not recorded"
    return f"{role_text(author)} ({provenance_text(author.roles_from)})"
