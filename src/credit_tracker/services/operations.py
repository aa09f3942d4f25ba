"""The operations that commands run and the review desk calls too: drafting and marking
correction requests, acknowledging findings, merging people, editing one author of an article.
No click here: the commands print what these return.

Each holds the records' lock, writes once (or nothing when it refuses), and keeps the records
index up to date where only team.json's small tables change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from credit_tracker.check.baseline import select_findings
from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.run import run_check
from credit_tracker.corrections.drafting import build_draft
from credit_tracker.corrections.publishers import publisher_for
from credit_tracker.corrections.requests import mark, record_draft
from credit_tracker.domain.drafts import Draft, Sender
from credit_tracker.domain.findings import Finding
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import CorrectionRequest, Publisher, RequestState
from credit_tracker.domain.people import PeopleIndex, find_person
from credit_tracker.domain.records import Acknowledgement, Records, get_article
from credit_tracker.edits.record_edits import find_author, reorder_authors
from credit_tracker.services.session import editing
from credit_tracker.store.folder import Store
from credit_tracker.store.index_files import file_stamp
from credit_tracker.store.records_index import RecordsIndex


@dataclass(frozen=True)
class Drafted:
    """A request drafted and tracked: the draft, the request as recorded, the publisher."""

    draft: Draft
    request: CorrectionRequest
    publisher: Publisher | None


def article_draft(
    records: Records,
    doi: str,
    person: str | None = None,
    chosen: Iterable[str] = (),
    sender: Sender | None = None,
) -> Draft:
    """Build the article's request from its open findings (regressed and pending ones too: a
    reminder is a new draft); only the `chosen` finding ids when any of them is still current.

    Pure over the loaded records. Raises NotFoundError when no finding is one a correction fixes.
    """
    record = get_article(records, doi)
    report = run_check(records, [record.doi], FailPolicy())
    findings = [
        *(r.finding for r in report.regressed),
        *report.findings,
        *(p.finding for p in report.pending),
    ]
    wanted = set(chosen)
    if wanted and any(f.id in wanted for f in findings):
        findings = [f for f in findings if f.id in wanted]
    return build_draft(
        record,
        findings,
        records.snapshots.get(record.doi, []),
        publisher=publisher_for(record, records.publishers),
        person=person,
        sender=sender,
    )


def draft_request(
    store: Store,
    doi: str,
    *,
    today: date,
    sender: Sender | None,
    author_query: str | None = None,
    chosen: Iterable[str] = (),
    write: Callable[[Draft], None] | None = None,
) -> Drafted:
    """Draft the article's request and track it as drafted. Nothing is ever sent.

    `write` gets the draft before the records are saved: a draft that could not be written
    raises there, and the records then keep no trace of it (only what was written is tracked).
    """
    with store.locked():
        before = file_stamp(store.team_path)
        records = store.load([normalize_doi(doi)])  # team.json and this article's shard only
        record = get_article(records, doi)
        person = find_person(records, author_query).id if author_query else None
        draft = article_draft(records, record.doi, person, chosen, sender)
        if write is not None:
            write(draft)
        request = record_draft(records.corrections, draft, person, today)
        store.save(records)
    RecordsIndex(store).note_team_saved(records, before)
    return Drafted(
        draft=draft, request=request, publisher=publisher_for(record, records.publishers)
    )


def mark_request(
    store: Store,
    doi: str,
    author_query: str | None,
    state: RequestState,
    on: date,
    note: str,
) -> CorrectionRequest:
    """Record a step in a request's life; InputError for a request never drafted."""
    with store.locked():
        before = file_stamp(store.team_path)
        records = store.load([])  # team.json only: no article shard is read or written
        person = find_person(records, author_query).id if author_query else None
        request = mark(records.corrections, normalize_doi(doi), person, state, on, note)
        store.save(records)
    RecordsIndex(store).note_team_saved(records, before)
    return request


def acknowledge(
    store: Store,
    finding_ids: Iterable[str],
    note: str,
    today: date,
    *,
    rules: Iterable[str] = (),
    dois: Iterable[str] = (),
    within: Iterable[str] | None = None,
) -> list[Finding]:
    """Acknowledge findings with one note: those named by id (in any state), and those not yet
    acknowledged that match every selection given (a rule among `rules`, an article among
    `dois`). All of them or none: `ack` and the desk's queue both call this.

    Returns the findings acknowledged, each once, in the order named then in report order.
    Raises InputError, writing nothing, for an id no current finding has, an unknown rule, or
    a selection that matches nothing.

    Only the articles the findings can be on are checked again: those of `within` when the caller
    knows them (the desk's queue lists each finding with its article), those of `dois` when the
    selection is by article alone, else every article.
    """
    articles = [normalize_doi(doi) for doi in dois]  # a bad DOI is refused before the lock
    scope = _scope(finding_ids, articles, within)
    with store.locked():
        before = file_stamp(store.team_path)
        records = store.load(scope)
        checked = (
            sorted(records.articles) if scope is None else sorted(scope & set(records.articles))
        )
        report = run_check(records, checked, FailPolicy())
        chosen = select_findings(report, finding_ids, rules, articles)
        for finding in chosen:
            records.acknowledgements[finding.id] = Acknowledgement(
                finding_id=finding.id,
                doi=finding.doi,
                rule=finding.rule,
                note=note,
                at=today.isoformat(),
            )
        store.save(records)
    RecordsIndex(store).note_team_saved(records, before)  # only team.json's small tables changed
    return chosen


def _scope(
    finding_ids: Iterable[str], articles: list[str], within: Iterable[str] | None
) -> set[str] | None:
    """The articles an acknowledgement must check, or None for all of them."""
    if within is not None:
        return {normalize_doi(doi) for doi in within} | set(articles)
    if articles and not list(finding_ids):
        return set(articles)
    return None


def merge(store: Store, keep: str, other: str) -> list[str]:
    """Merge OTHER into KEEP (queries: ids, ORCID iDs or names); return a line per change.

    The people are read once, under the lock, and every article naming either of them is
    loaded with them. Raises InputError, writing nothing, when the merge is refused (two
    ORCID iDs, one article naming both, ...).
    """
    from credit_tracker.edits.person_edits import merge_people

    ids: list[str] = []

    def named(team: Records) -> list[str]:
        index = PeopleIndex(team.people)  # one index for both queries
        ids.extend(find_person(index, query).id for query in (keep, other))
        return ids

    with editing(store, [], naming=named) as records:
        kept, merged = (records.people[pid] for pid in ids)
        return merge_people(records, kept, merged)


AuthorEdit = Callable[[Records, str, int], list[str]]
"""An edit of one author (by byline position) of one article: returns the lines of the change."""


def edit_author(store: Store, doi: str, query: str, change: AuthorEdit) -> list[str]:
    """Find the author `query` names on the article, apply `change` to their byline position,
    and write the article's shard (team.json is left as it is); return the change's lines.

    Raises, writing nothing, what finding the article or the author, or the change, raises.
    """
    key = normalize_doi(doi)
    with editing(store, [key], team=False) as records:
        record = get_article(records, key)
        position = find_author(record, PeopleIndex(records.people), query)
        return change(records, key, position)


def reorder(store: Store, doi: str, queries: list[str]) -> list[str]:
    """Put the article's authors in the order `queries` name them (ids, ORCID iDs or names,
    each author once); return a line per author whose place changed.

    Raises, writing nothing, for an author the article does not have or a list that does not
    name every author once.
    """
    key = normalize_doi(doi)
    with editing(store, [key], team=False) as records:
        record = get_article(records, key)
        index = PeopleIndex(records.people)
        order = [find_author(record, index, query) for query in queries]
        return reorder_authors(records, key, order)
