"""The team's article records as the commands and the desk both handle them: creating a records
folder, importing a file (previewed first at the desk), removing records, and reading one
record, all of them, or one with its check beside each source (the desk's article page).

An import writes all of it or nothing, under the records' lock, and reads and writes only
team.json and the shards of the articles it names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from credit_tracker.compare.article import latest_by_source
from credit_tracker.compare.sides import AuthorSides, article_sides
from credit_tracker.compare.sides import (
    SourceSide as SourceSide,  # the desk's article page shows it
)
from credit_tracker.corrections.publishers import PLOS
from credit_tracker.domain.confirmation import RoleOrigin, RoleProvenance
from credit_tracker.domain.findings import CheckReport
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import ArticleRecord, Person, SourceKind, SourceSnapshot
from credit_tracker.domain.records import Records, get_article
from credit_tracker.edits.imports import ImportResult, import_record, import_table
from credit_tracker.edits.linking import Linker, parse_members
from credit_tracker.edits.record_edits import Removed, remove_record
from credit_tracker.parse.import_file import Article
from credit_tracker.services.session import editing
from credit_tracker.services.store_check import check_article
from credit_tracker.store.folder import Store
from credit_tracker.store.records_index import RecordsIndex


def create_records(store: Store) -> bool:
    """Create an empty records folder with PLOS's corrections route as the example publisher;
    False when the folder holds records already (nothing is changed then)."""
    created = store.init()
    if created:
        with store.transaction() as records:
            records.publishers[PLOS.id] = PLOS  # the worked example of a corrections route
    return created


@dataclass
class Imported:
    """What an import did, or would do: each article's result, and the people it linked."""

    results: list[ImportResult]
    articles: dict[str, ArticleRecord]
    people: dict[str, Person]
    created: list[str] = field(default_factory=list)
    promoted: list[str] = field(default_factory=list)
    """Existing people that --members made team members."""
    notices: list[str] = field(default_factory=list)
    """Links not made because two people fitted."""


def import_articles(
    store: Store,
    articles: list[Article],
    members: Iterable[str] = (),
    *,
    path: str,
    title: str | None = None,
    today: date | None = None,
) -> Imported:
    """Import the articles a file holds (`path` names it in errors); all of them or none.
    The roles it changes say they were imported from the file `today`.

    Raises InputError naming the file, line and field; nothing is written then.
    """
    queries = parse_members(members)
    with editing(store, [key for key, _item in articles]) as records:
        done = _apply(records, articles, Linker(records, queries), path, title, today)
    return done


def preview_import(
    store: Store,
    articles: list[Article],
    members: Iterable[str] = (),
    *,
    path: str,
    title: str | None = None,
) -> Imported:
    """What importing would do, from a copy of the records: nothing is written."""
    queries = parse_members(members)
    records = store.load([key for key, _item in articles])
    return _apply(records, articles, Linker(records, queries), path, title, None)


def _apply(
    records: Records,
    articles: list[Article],
    linker: Linker,
    path: str,
    title: str | None,
    today: date | None,
) -> Imported:
    by = RoleProvenance(
        origin=RoleOrigin.IMPORTED,
        on=(today or date.today()).isoformat(),
        file=PurePath(path).name or path,
    )
    results = [
        import_record(records, item, linker=linker, path=path, by=by)
        if isinstance(item, ArticleRecord)
        else import_table(records, key, item, title, linker=linker, path=path, by=by)
        for key, item in articles
    ]
    linker.finish()
    return Imported(
        results=results,
        articles=records.articles,
        people=records.people,
        created=linker.created,
        promoted=linker.promoted,
        notices=linker.notices,
    )


def remove_records(store: Store, dois: Iterable[str], today: date) -> list[Removed]:
    """Stop tracking the articles; their snapshots and correction requests stay as history, and
    the harvest remembers them (never listed as new again). NotFoundError (nothing written) for
    a DOI the records do not hold."""
    from credit_tracker.services.harvest import remember_removed

    keys = list(dict.fromkeys(normalize_doi(doi) for doi in dois))
    with editing(store, keys) as records:
        removed = [remove_record(records, key) for key in keys]
        remember_removed(store, keys, today.isoformat())
        return removed


@dataclass(frozen=True)
class OneArticle:
    """One article's record with the people the records hold."""

    record: ArticleRecord
    people: dict[str, Person]
    history: list[SourceSnapshot] = field(default_factory=list)
    """Its snapshots, oldest first."""


def one_article(store: Store, doi: str) -> OneArticle:
    """Read team.json and the article's shard alone; NotFoundError without a record."""
    records = store.load([normalize_doi(doi)])
    record = get_article(records, doi)
    return OneArticle(
        record=record, people=records.people, history=records.snapshots.get(record.doi, [])
    )


@dataclass(frozen=True)
class Tracked:
    """An article in the records and the newest snapshot of each of its sources."""

    record: ArticleRecord
    newest: dict[SourceKind, SourceSnapshot]


def tracked_articles(store: Store) -> list[Tracked]:
    """Every article in the records, by DOI, with its newest snapshots."""
    records = store.load()
    return [
        Tracked(record, latest_by_source(records.snapshots.get(doi, [])))
        for doi, record in sorted(records.articles.items())
    ]


@dataclass(frozen=True)
class ArticleReview:
    """What the desk's article page shows: the record, its check, each author beside each
    source, the newest snapshots and the correction requests about it."""

    doi: str
    records: Records
    report: CheckReport
    sides: list[AuthorSides]
    newest: dict[SourceKind, SourceSnapshot]
    requests: list[str]

    @property
    def record(self) -> ArticleRecord:
        return self.records.articles[self.doi]


def review_article(index: RecordsIndex, doi: str, today: date, stale_after: int) -> ArticleReview:
    """Read one article through the records index and check it; NotFoundError for a DOI the
    records do not hold."""
    records, report = check_article(index, doi, today, stale_after)
    key = normalize_doi(doi)
    return ArticleReview(
        doi=key,
        records=records,
        report=report,
        sides=article_sides(records, key),
        newest=latest_by_source(records.snapshots.get(key, [])),
        requests=sorted(k for k, r in records.corrections.items() if r.doi == key),
    )
