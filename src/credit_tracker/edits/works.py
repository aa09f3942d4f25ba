"""Records from what Crossref registers: draft bylines; titles, journals and years kept. Pure."""

from __future__ import annotations

from credit_tracker.domain.former import FormerNames
from credit_tracker.domain.models import ArticleRecord, SourceAuthor, TeamAuthor, WorkMetadata
from credit_tracker.domain.names import clean
from credit_tracker.edits.linking import Linker

DRAFT_NOTE = "Draft from the byline Crossref registers: roles not recorded yet."


def fill_metadata(record: ArticleRecord, metadata: WorkMetadata) -> list[str]:
    """Fill the record's missing title, journal and year from Crossref; return what was filled.

    What the team typed (`records import --title`) is never overwritten. To be called by fetch
    for each article Crossref answered for, and by `records add`.
    """
    filled = []
    for name in ("title", "journal", "year"):
        value = getattr(metadata, name)
        if isinstance(value, str):
            value = clean(value) or None
        if value is not None and getattr(record, name) is None:
            setattr(record, name, value)
            filled.append(f"{name}: {value}")
    return filled


def draft_from_work(
    linker: Linker, doi: str, byline: list[SourceAuthor], metadata: WorkMetadata
) -> ArticleRecord:
    """Return a draft record: the authors as Crossref registers them, roles not recorded.

    Team members are linked (ORCID iD, then name); every other author becomes a co-author.
    Organisations on the byline are not people, so they are left out of the team's record.
    """
    authors = []
    for author in byline:
        if author.name is None:
            continue
        person = linker.link(author.name, author.orcid, doi)
        printed = author.name
        if FormerNames.of([person]).reveals(printed.display()):
            # the publisher printed a former name: the team's record keeps the name used now,
            # so the check reports the print (name-former) instead of taking it as right
            printed = person.name
        authors.append(TeamAuthor(person=person.id, printed=printed, roles=None))
    record = ArticleRecord(doi=doi, authors=authors, draft=True, note=DRAFT_NOTE)
    fill_metadata(record, metadata)
    return record
